"""Project exceptions: errors are for people (file, line, reason).

Every problem with one input is an ``InputError``: the run reports it, builds the other articles
and exits with status 2. An exception that escapes a reader or a stage for one article is turned
into an ``InternalError`` (an ``InputError`` naming the file, with the traceback kept for
``--debug``), so one bad article never ends the run either.
"""

from __future__ import annotations

import traceback


class TimelineError(Exception):
    """Base class of every error the CLI reports as bad input (exit status 2)."""


class InputError(TimelineError):
    """An input file or record cannot be read: names the file, the line when known, and the reason."""

    def __init__(self, origin: str, reason: str, line: int | None = None) -> None:
        self.origin, self.reason, self.line = origin, reason, line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # picklable with its fields, so it can cross a process pool
        return (type(self), (self.origin, self.reason, self.line))


class InternalError(InputError):
    """A bug met while handling one input: reported for that input; the run goes on.

    ``details`` is the formatted traceback, printed with ``--debug``.
    """

    def __init__(self, origin: str, reason: str, line: int | None = None, details: str = "") -> None:
        super().__init__(origin, reason, line)
        self.details = details
        where = f"{origin}:{line}" if line is not None else origin
        self.args = (f"internal error in {where}: {reason}",)

    def __str__(self) -> str:
        return self.args[0]

    @classmethod
    def of(cls, origin: str, exc: BaseException) -> InternalError:
        """The error for ``exc`` escaping while ``origin`` was handled."""
        return cls(origin, f"{type(exc).__name__}: {shown(str(exc), 200)[1:-1]} (rerun with --debug for the traceback)",
                   details="".join(traceback.format_exception(exc)))

    def __reduce__(self):
        return (type(self), (self.origin, self.reason, self.line, self.details))


class UsageError(TimelineError):
    """A bad option value or combination."""


def shown(value: object, limit: int = 60) -> str:
    """A value for an error message, never longer than ``limit`` characters.

    Input values can be huge (a 1 MB field) or, from YAML, deep structures: messages show text
    only, cut short, and name the type of anything else instead of printing it.
    """
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "\u2026"
        return repr(text)
    if isinstance(value, bool | int | float) or value is None:
        return repr(value)[:limit]
    return f"a {type(value).__name__}"
