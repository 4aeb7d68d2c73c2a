"""The brief: the five to ten most consequential changes of a comparison, and counts of the rest.

The changes come in consequence order (plandiff.consequence). A removed sub-point whose parent
was itself removed or rewritten travels with its parent (one item, "with its sub-points").
Substantive changes come first, up to ``MOST``; when there are fewer than ``LEAST``, status
groups and then editorial changes fill the brief up. Everything else is counted by class.
"""

from __future__ import annotations

from typing import NamedTuple

from .attribution import parties
from .classes import ChangeClass, StatusGroup
from .consequence import order_changes
from .model import Change, ChangeKind, Located, Report

MOST = 10
"""Most items in a brief: a reader with two minutes reads about ten sentences."""
LEAST = 5
"""Fewest items, when the comparison has that many changes of any class."""


class BriefItem(NamedTuple):
    """One sentence of the brief: a change (with sub-points folded in) or a status group."""

    change: Change | None
    group: StatusGroup | None = None
    folded: tuple[Located, ...] = ()
    """Removed sub-points that go with ``change``'s removed or rewritten parent."""


class Brief(NamedTuple):
    """What ``plandiff brief`` shows."""

    report: Report
    """The whole comparison, ordered by consequence."""
    items: tuple[BriefItem, ...]
    rest: tuple[tuple[ChangeClass, int], ...]
    """Changes not in an item, by class (zeros included)."""
    old_by: str
    """Drafting parties of the old version (``US``); empty when unknown."""
    new_by: str


def make_brief(report: Report) -> Brief:
    """The brief of a comparison (any order in, consequence order out)."""
    report = order_changes(report, "consequence")
    gone = {
        c.old.address
        for c in report.changes
        if c.old is not None and c.kind in (ChangeKind.REMOVED, ChangeKind.REPLACED)
    }
    folded: dict[tuple[str, ...], list[Located]] = {}
    top: list[Change] = []
    for change in report.changes:
        if change.kind is ChangeKind.REMOVED and change.old is not None:
            parent = next(
                (
                    change.old.address[:k]
                    for k in range(1, len(change.old.address))
                    if change.old.address[:k] in gone
                ),
                None,
            )
            if parent is not None:
                folded.setdefault(parent, []).append(change.old)
                continue
        top.append(change)
    items = [
        BriefItem(c, None, tuple(folded.get(c.old.address, ())) if c.old else ())
        for c in top
        if c.change_class is ChangeClass.SUBSTANTIVE
    ][:MOST]
    if len(items) < LEAST:
        items += [BriefItem(None, g) for g in report.status_groups][: LEAST - len(items)]
    if len(items) < LEAST:
        editorial = [BriefItem(c) for c in top if c.change_class is ChangeClass.EDITORIAL]
        items += editorial[: LEAST - len(items)]
    shown = {id(i.change) for i in items if i.change is not None}
    shown_status = sum(len(i.group.points) for i in items if i.group is not None)
    shown_folded = sum(len(i.folded) for i in items)
    rest = []
    for klass in ChangeClass:
        count = sum(c.change_class is klass and id(c) not in shown for c in report.changes)
        if klass is ChangeClass.STATUS:
            count -= shown_status
        if klass is ChangeClass.SUBSTANTIVE:
            count -= shown_folded
        rest.append((klass, count))
    return Brief(report, tuple(items), tuple(rest), parties(report.old), parties(report.new))
