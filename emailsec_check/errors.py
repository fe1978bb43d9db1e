"""Expected errors: input we cannot use. The CLI prints one line and exits 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Something the user handed us cannot be used.

    ``where`` names the file (and line, key) so the one-line message says where to look.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.key = key

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        return f"{where}{key}{self.message}"
