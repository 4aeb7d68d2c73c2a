"""Error types raised by the plandiff core; each builds its own one-line message."""

from __future__ import annotations

QUOTE_LIMIT = 80
"""Characters of a value an error message shows at most: one line stays readable."""


def quoted(value: str) -> str:
    """A value as an error message shows it: quoted like Python's ``repr`` (so a line break or
    control character is written out, never obeyed), cut to QUOTE_LIMIT characters with the
    full length said: ``'aaaa…' (5,000 characters)``."""
    if len(value) <= QUOTE_LIMIT:
        return repr(value)
    return f"{value[: QUOTE_LIMIT - 1]!r}… ({len(value):,} characters)"


class PlandiffError(Exception):
    """Base of every error plandiff reports to a user (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        """The complete one-line message, without the ``plandiff: error:`` prefix."""

    def __str__(self) -> str:
        return self.message


class PlanLoadError(PlandiffError):
    """A plan file could not be read (missing, a directory, unreadable, binary, too big)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        """The file as the user named it (never an absolute path we made up)."""
        self.reason = reason
        """What went wrong, lower case, no trailing full stop."""


class PlanFormatError(PlandiffError):
    """A plan file was read but is not valid YAML or not a valid plan."""

    def __init__(self, path: str, line: int | None, where: str, problem: str) -> None:
        location = f"{path}:{line}" if line is not None else path
        prefix = f"{location}: {where}: " if where else f"{location}: "
        super().__init__(prefix + problem)
        self.path = path
        """The file as the user named it."""
        self.line = line
        """1-based line of the problem, or None when the problem is not tied to a line."""
        self.where = where
        """Path inside the plan, e.g. ``clauses[5].number``; empty for the whole file."""
        self.problem = problem
        """What is wrong and, where possible, how to fix it."""


class NotAPlanError(PlanFormatError):
    """Valid YAML that is not a plan at all: not a mapping, or a mapping with neither 'clauses' nor
    'plan' (a workflow or configuration file matched by ``*.yml``)."""


class UnknownPlanError(PlandiffError):
    """A bundled plan name that does not exist."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        from difflib import get_close_matches  # only on this error path

        listing = ", ".join(known) if known else "none"
        close = get_close_matches(name, known, n=1) if len(name) <= QUOTE_LIMIT else []
        hint = f"; did you mean {close[0]}?" if close else ""
        super().__init__(
            f"{quoted(name) if len(name) > QUOTE_LIMIT else name}: no such file, and not a bundled plan (bundled plans: {listing}){hint}"
        )
        self.name = name
        """The name the user gave."""
        self.known = known
        """Slugs of the bundled plans."""


class UsageError(PlandiffError):
    """A bad combination of command-line values (a filter naming nothing, a bad format)."""


class OutputError(PlandiffError):
    """The report could not be written where the user asked."""
