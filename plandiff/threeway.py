"""The three-way view: two revisions of one base, clause by clause, as negotiators keep it by hand.

Each base clause is compared with its counterpart in A and in B (two ordinary comparisons), and
gets one verdict: unchanged by both, changed only by A or only by B, changed by both the same way
(convergence), changed by both differently (still contested), or removed by one or both. Clauses
new in A or B are added by one, or by both (the same id in both: convergence when the texts
agree, contested otherwise).

A side "changed" a clause when its text changed (substantive or editorial); a status-only change
(bracketing, provenance) does not count as a rewrite, but the row keeps it so the reader sees it.
Cost: two comparisons and one pass over their changes.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from .attribution import parties
from .classes import ChangeClass
from .diff import compare
from .model import Change, ChangeKind, CompareOptions, Located, PlanVersion, Report, VersionInfo


class Verdict(enum.Enum):
    """Where a clause stands between the base and two revisions."""

    UNCHANGED = "unchanged"
    ONLY_A = "only-a"
    ONLY_B = "only-b"
    SAME = "same"
    """Both changed it to the same text: convergence."""
    DIFFERENT = "different"
    """Both changed it, differently: still contested (show both)."""
    REMOVED_BY_A = "removed-by-a"
    REMOVED_BY_B = "removed-by-b"
    REMOVED_BY_BOTH = "removed-by-both"
    """Both dropped it: convergence."""
    ADDED_BY_A = "added-by-a"
    ADDED_BY_B = "added-by-b"
    ADDED_BY_BOTH = "added-by-both"
    """The same new clause (same id) in both; convergence only when the texts agree."""


CONVERGENCE = (Verdict.SAME, Verdict.REMOVED_BY_BOTH)


class Row(NamedTuple):
    """One clause of the three-way view."""

    verdict: Verdict
    base: Located | None
    """The base clause; None for a clause added by A or B."""
    a: Change | None
    """How A treated it (None: A has no counterpart and did not add it)."""
    b: Change | None


class ThreeWay(NamedTuple):
    """The whole view: the three versions, the rows in base order (added clauses last), counts."""

    base: VersionInfo
    a: VersionInfo
    b: VersionInfo
    rows: tuple[Row, ...]
    counts: tuple[tuple[Verdict, int], ...]
    """Rows per verdict, in Verdict order, zeros included."""
    a_by: str = ""
    """A's drafting parties (``E3``), or ``""`` when it names none."""
    b_by: str = ""

    @property
    def has_changes(self) -> bool:
        """True when A or B differs from the base anywhere (exit code 1)."""
        return any(r.verdict is not Verdict.UNCHANGED for r in self.rows)


def _rewrote(change: Change | None) -> bool:
    return change is not None and change.change_class in (ChangeClass.SUBSTANTIVE, ChangeClass.EDITORIAL)


def _status_only(change: Change | None) -> bool:
    return change is not None and change.change_class is ChangeClass.STATUS


def _standing(change: Change) -> tuple[object, ...] | None:
    """What a status-only change leaves: the text with its bracketing, title, provenance and attribution."""
    if change.new is None:
        return None
    c = change.new.clause
    return c.text, c.bracketed, c.title, c.provenance, c.status_provenance, c.proposed_by


def _new_text(change: Change) -> tuple[str, bool] | None:
    if change.new is None:
        return None
    return change.new.clause.text, change.new.clause.bracketed


def verdict(a: Change | None, b: Change | None) -> Verdict:
    """The verdict on one base clause, from A's and B's changes to it."""
    gone_a = a is not None and a.kind is ChangeKind.REMOVED
    gone_b = b is not None and b.kind is ChangeKind.REMOVED
    if gone_a and gone_b:
        return Verdict.REMOVED_BY_BOTH
    if gone_a:
        return Verdict.REMOVED_BY_A
    if gone_b:
        return Verdict.REMOVED_BY_B
    if _rewrote(a) and _rewrote(b):
        assert a is not None and b is not None
        return Verdict.SAME if _new_text(a) == _new_text(b) else Verdict.DIFFERENT
    if _rewrote(a):
        return Verdict.ONLY_A
    if _rewrote(b):
        return Verdict.ONLY_B
    if _status_only(a) and _status_only(b):  # bracketing, provenance or attribution on both sides
        assert a is not None and b is not None
        return Verdict.SAME if _standing(a) == _standing(b) else Verdict.DIFFERENT
    if _status_only(a):
        return Verdict.ONLY_A
    if _status_only(b):
        return Verdict.ONLY_B
    return Verdict.UNCHANGED


def _by_base(report: Report) -> tuple[dict[tuple[str, ...], Change], list[Change]]:
    """Changes keyed by base address (every old clause of a split or merge), and added ones."""
    keyed: dict[tuple[str, ...], Change] = {}
    added: list[Change] = []
    for change in report.changes:
        if change.old is None:
            added.append(change)
            continue
        for side in (change.old, *(change.parts if change.kind is ChangeKind.MERGED else ())):
            keyed[side.address] = change
    return keyed, added


def three_way(
    base: PlanVersion, a: PlanVersion, b: PlanVersion, options: CompareOptions | None = None
) -> ThreeWay:
    """Compare A and B with their common base."""
    report_a, report_b = compare(base, a, options), compare(base, b, options)
    in_a, added_a = _by_base(report_a)
    in_b, added_b = _by_base(report_b)
    rows: list[Row] = []
    seen: set[tuple[str, ...]] = set()
    for change in report_a.changes:  # base clauses in reading order
        olds = (change.old, *change.parts) if change.kind is ChangeKind.MERGED else (change.old,)
        for old in olds:
            if old is None or old.address in seen:
                continue
            seen.add(old.address)
            ca, cb = in_a.get(old.address), in_b.get(old.address)
            rows.append(Row(verdict(ca, cb), old, ca, cb))
    b_by_id = {c.new.clause.id: c for c in added_b if c.new is not None and c.new.clause.id}
    paired: set[int] = set()
    for ca in added_a:
        assert ca.new is not None
        twin = b_by_id.get(ca.new.clause.id) if ca.new.clause.id else None
        if twin is None:
            rows.append(Row(Verdict.ADDED_BY_A, None, ca, None))
            continue
        paired.add(id(twin))
        rows.append(Row(Verdict.ADDED_BY_BOTH, None, ca, twin))
    rows.extend(Row(Verdict.ADDED_BY_B, None, None, cb) for cb in added_b if id(cb) not in paired)
    counts = tuple((v, sum(r.verdict is v for r in rows)) for v in Verdict)
    return ThreeWay(
        report_a.old, report_a.new, report_b.new, tuple(rows), counts,
        parties(report_a.new), parties(report_b.new),
    )  # fmt: skip
