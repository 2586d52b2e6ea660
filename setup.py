"""Ships the repository's claims/ database inside the package (battclaims/data/claims),
so that `battclaims check` works right after `pip install`. Everything else is in
pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def copy_claims(source: Path, target: Path) -> None:
    """Make ``target`` an exact copy of the ``source`` database: what a build dir kept from
    an earlier build (a file since deleted or renamed in claims/) must not ship. Hidden
    files (editors' and ``claims add``'s temporary files) are left out."""
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif target.exists() or target.is_symlink():
        target.unlink()
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*"))


class BuildWithClaims(build_py):
    claims_source = HERE / "claims"

    def run(self) -> None:
        super().run()
        if self.claims_source.is_dir():
            copy_claims(self.claims_source,
                        Path(self.build_lib) / "battclaims" / "data" / "claims")


if __name__ == "__main__":  # run by pip's build backend as well; imported by the tests
    setup(cmdclass={"build_py": BuildWithClaims})
