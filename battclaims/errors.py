"""Exceptions raised by the library. Only the CLI turns them into messages."""

from __future__ import annotations


class BattclaimsError(Exception):
    """Base class of every error battclaims raises on bad input or usage."""


class InputError(BattclaimsError):
    """A document or data file that cannot be read: binary, not UTF-8, empty..."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"
