"""Ships the repository's claims/ database inside the package (battclaims/data/claims),
so that `battclaims check` works right after `pip install`. Everything else is in
pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithClaims(build_py):
    def run(self) -> None:
        super().run()
        source = HERE / "claims"
        if source.is_dir():
            target = Path(self.build_lib) / "battclaims" / "data" / "claims"
            shutil.copytree(source, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithClaims})
