"""Project exceptions: errors are for people (file, line, reason)."""

from __future__ import annotations


class TimelineError(Exception):
    """Base class of every error the CLI reports as bad input (exit status 2)."""


class InputError(TimelineError):
    """An input file or record cannot be read: names the file, the line when known, and the reason."""

    def __init__(self, origin: str, reason: str, line: int | None = None) -> None:
        self.origin, self.reason, self.line = origin, reason, line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {reason}")


class UsageError(TimelineError):
    """A bad option value or combination."""
