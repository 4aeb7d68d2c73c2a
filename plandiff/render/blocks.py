"""What a report shows, block by block: single changes, and status-only changes grouped once."""

from __future__ import annotations

from collections.abc import Iterator

from ..classes import ChangeClass, StatusGroup
from ..model import Change, Report


def blocks(report: Report) -> Iterator[Change | StatusGroup]:
    """The report's changes in order; ordered by consequence, its status-only changes give way to
    the status groups, shown where the first of them stood."""
    grouped = bool(report.status_groups)
    done = False
    for change in report.changes:
        if grouped and change.change_class is ChangeClass.STATUS:
            if not done:
                yield from report.status_groups
                done = True
            continue
        yield change


STATUS_HEADING = "Status only (same text)"
"""Heading of the status groups' block."""


def group_line(group: StatusGroup) -> str:
    """``bracketed, provenance published → reported: 3, 4, 7, 8 — reported geneva change, US–Ukraine``."""
    text = f"{group.what}: {', '.join(group.points)}"
    return f"{text} — {group.who}" if group.who else text


def group_note_lines(group: StatusGroup) -> tuple[str, ...]:
    """Each shared note once: ``note (3, 4, 7, 8): …``; a note of every point needs no list."""
    out = []
    for points, note in group.notes:
        where = "" if len(points) == len(group.points) else f" ({', '.join(points)})"
        out.append(f"note{where}: {note}")
    return tuple(out)
