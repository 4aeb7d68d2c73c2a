"""Order by consequence: substantive changes first, status-only changes grouped, editorial last.

Within the substantive changes the order is fixed by rank, then by clause order:

0. an amount changed (the quantity pairing found one);
1. a clause removed (or replaced by wholly new text);
2. the obligation moved (weaker or stronger);
3. a new bracketed point;
4. every other substantive change (added, split, merged, negation, condition, actor, deadline,
   content).

Then the status-only changes, which the report also gathers into ``StatusGroup``s (same status
change, the points that share it, each distinct note once), then editorial ones, then clauses
shown only because ``--unchanged`` asked for them.
"""

from __future__ import annotations

from .classes import ChangeClass, StatusGroup
from .errors import UsageError, quoted
from .model import Change, ChangeKind, Report

ORDERS = ("consequence", "clause")
"""Values of ``--order``: by consequence (the default) or the versions' clause order."""

_CLASS_RANK = {ChangeClass.SUBSTANTIVE: 0, ChangeClass.STATUS: 1, ChangeClass.EDITORIAL: 2}


def rank(change: Change) -> tuple[int, int]:
    """Sort key of a change: (class rank, rank within the class)."""
    if change.change_class is None:
        return (3, 0)
    if change.change_class is not ChangeClass.SUBSTANTIVE:
        return (_CLASS_RANK[change.change_class], 0)
    if change.quantities:
        return (0, 0)
    if change.kind in (ChangeKind.REMOVED, ChangeKind.REPLACED):
        return (0, 1)
    if change.strength is not None:
        return (0, 2)
    if change.kind is ChangeKind.ADDED and change.new is not None and change.new.clause.bracketed:
        return (0, 3)
    return (0, 4)


def order_changes(report: Report, order: str = "consequence") -> Report:
    """The report with its changes in ``order`` and, by consequence, its status groups filled in."""
    if order == "clause":
        return report
    if order not in ORDERS:
        raise UsageError(f"--order: unknown order {quoted(order)} (choose from {', '.join(ORDERS)})")
    # sorted() is stable: equal ranks keep clause order.
    changes = tuple(sorted(report.changes, key=rank))
    return report._replace(changes=changes, status_groups=status_groups(changes), order=order)


def status_groups(changes: tuple[Change, ...]) -> tuple[StatusGroup, ...]:
    """Status-only changes gathered by what changed, in order of their first point."""
    groups: dict[tuple[str, ...], list[Change]] = {}
    for change in changes:
        if change.change_class is ChangeClass.STATUS:
            groups.setdefault(change.reasons, []).append(change)
    out = []
    for reasons, members in groups.items():
        notes: dict[str, list[str]] = {}
        points = []
        for change in members:
            side = change.new or change.old
            assert side is not None
            point = side.address[0] + "".join(f"({p})" for p in side.address[1:])
            points.append(point)
            if side.clause.note:
                notes.setdefault(side.clause.note, []).append(point)
        whos = {change.who for change in members}
        out.append(
            StatusGroup(
                what=", ".join(reasons),
                points=tuple(points),
                notes=tuple((tuple(where), note) for note, where in notes.items()),
                who=whos.pop() if len(whos) == 1 else None,
            )
        )
    return tuple(out)
