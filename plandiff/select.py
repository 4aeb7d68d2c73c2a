"""Narrows a report to the changes a reader asked for (clauses, topics, kinds, unchanged)."""

from __future__ import annotations

import re
from typing import NamedTuple

from .consequence import order_changes
from .diff import summarise
from .errors import UsageError, quoted
from .model import Change, Located, Report

CLASSES = ("substantive", "status", "editorial")
"""Change classes, also accepted by ``--only`` (see plandiff.classify)."""
KINDS = (
    "added", "removed", "modified", "unchanged", "split", "merged", "replaced", "moved", "renumbered",
    *CLASSES,
)  # fmt: skip
"""Values accepted by ``--only``: kinds, flags and classes."""

_LETTERED = re.compile(r"^([^.()\s]+)\(([^()]+)\)(.*)$")


class Selection(NamedTuple):
    """What to show; the empty selection shows every difference."""

    clauses: tuple[str, ...] = ()
    """Ids or numbers (``6``, ``10.b`` or ``10(b)``); a clause also selects its sub-points."""
    topics: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    """Kinds or flags from KINDS."""
    show_unchanged: bool = False
    order: str = "clause"
    """``clause`` or ``consequence`` (plandiff.consequence)."""


def parse_address(text: str) -> tuple[str, ...]:
    """``10(b)`` or ``10.b`` → ``("10", "b")``."""
    parts: list[str] = []
    rest = text.strip()
    while True:
        m = _LETTERED.match(rest)
        if not m:
            break
        parts.append(m.group(1))
        rest = m.group(2) + m.group(3)
    return tuple(parts) + tuple(p for p in rest.split(".") if p)


def _sides(change: Change) -> tuple[Located, ...]:
    return tuple(side for side in (change.old, change.new) if side is not None) + change.parts


def _matches_clause(change: Change, wanted: tuple[tuple[str, ...] | str, ...]) -> bool:
    for side in _sides(change):
        for want in wanted:
            if isinstance(want, str):
                if side.clause.id == want:
                    return True
            elif side.address[: len(want)] == want:
                return True
    return False


def _matches_kind(change: Change, only: tuple[str, ...]) -> bool:
    return (
        change.kind.value in only
        or (change.moved and "moved" in only)
        or (change.renumbered and not change.shifted and "renumbered" in only)
        or (change.change_class is not None and change.change_class._value_ in only)
    )


def _check_topics(topics: tuple[str, ...], changes: tuple[Change, ...]) -> None:
    """An unknown topic is an error naming the close matches and the known topics, never an empty report."""
    known = sorted({t for c in changes for s in _sides(c) for t in s.clause.topics})
    for topic in topics:
        if topic not in known:
            import difflib  # only an unknown topic needs it

            close = difflib.get_close_matches(topic, known, n=3)
            hint = f"did you mean {', '.join(close)}? " if close else ""
            listing = ", ".join(known) if known else "none: no clause of either version has a topic"
            raise UsageError(
                f"--topic {quoted(topic)}: no clause has that topic ({hint}known topics: {listing})"
            )


def select_changes(report: Report, selection: Selection) -> Report:
    """The report restricted to the selection; counts are recomputed over what was selected."""
    bad = [k for k in selection.only if k not in KINDS]
    if bad:
        raise UsageError(f"--only: unknown kind {quoted(bad[0])} (choose from {', '.join(KINDS)})")
    changes = report.changes
    notes = list(report.notes)
    if selection.clauses:
        wanted: list[tuple[str, ...] | str] = []
        for arg in selection.clauses:
            by_id = any(s.clause.id == arg for c in changes for s in _sides(c))
            wanted.append(arg if by_id else parse_address(arg))
        changes = tuple(c for c in changes if _matches_clause(c, tuple(wanted)))
        missing = [
            arg for arg, want in zip(selection.clauses, wanted)
            if not any(_matches_clause(c, (want,)) for c in changes)
        ]  # fmt: skip
        if missing:
            raise UsageError(f"--clause {missing[0]}: no clause with that id or number in either version")
        notes.append("showing only clauses: " + ", ".join(selection.clauses))
    if selection.topics:
        _check_topics(selection.topics, changes)
        changes = tuple(
            c for c in changes if any(t in s.clause.topics for s in _sides(c) for t in selection.topics)
        )
        notes.append("showing only topics: " + ", ".join(selection.topics))
    if selection.only:
        changes = tuple(c for c in changes if _matches_kind(c, selection.only))
        notes.append("showing only: " + ", ".join(selection.only))
    narrowed = bool(selection.clauses or selection.topics or selection.only)
    ranges = report.renumbered_ranges
    if narrowed and "renumbered" not in selection.only:
        ranges = ()
    summary = summarise(changes, len(ranges)) if narrowed else report.summary
    if not selection.show_unchanged and "unchanged" not in selection.only:
        changes = tuple(c for c in changes if c.is_difference)
    report = report._replace(changes=changes, summary=summary, notes=tuple(notes), renumbered_ranges=ranges)
    return order_changes(report, selection.order)
