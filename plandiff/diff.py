"""compare(old, new, options) → Report: classifies paired clauses, orders changes, counts them."""

from __future__ import annotations

from .align import Flat, Pair, align_clauses, flatten
from .model import (
    Change,
    ChangeKind,
    CompareOptions,
    PlanVersion,
    Report,
    Summary,
    VersionInfo,
)
from .quantities import pair_quantities
from .worddiff import WORD, diff_words, normalise


def compare(old: PlanVersion, new: PlanVersion, options: CompareOptions | None = None) -> Report:
    """Compare two versions clause by clause.

    Changes come in new-version order; a removed clause follows its old previous sibling (or its
    old parent), so it is read where it used to stand. The report holds every clause, unchanged
    ones included; :func:`plandiff.select.select_changes` narrows what is shown.
    """
    opts = options or CompareOptions()
    a, b = flatten(old.clauses), flatten(new.clauses)
    pairs = align_clauses(a, b)
    by_new = {p.new: p for p in pairs}
    by_old = {p.old: p for p in pairs}
    coarse: list[str] = []

    def paired(p: Pair) -> Change:
        change = _paired_change(a[p.old], b[p.new], p, opts)
        if change.granularity != WORD:
            coarse.append(_address(change))
        return change

    slots = _removed_slots(a, b, by_old)
    changes: list[Change] = [_removed(a[i]) for i in slots.get(None, ())]
    for j, flat in enumerate(b):
        pair = by_new.get(j)
        changes.append(paired(pair) if pair else Change(ChangeKind.ADDED, None, flat.located))
        changes.extend(_removed(a[i]) for i in slots.get(j, ()))
    notes = tuple(
        f"point {where} is very long and was compared by sentence, not word by word" for where in coarse
    )
    return Report(
        old=_info(old),
        new=_info(new),
        changes=tuple(changes),
        summary=summarise(changes),
        options=opts,
        notes=notes,
    )


def summarise(changes: list[Change] | tuple[Change, ...]) -> Summary:
    """Count changes by kind and flag."""
    counts = dict.fromkeys(ChangeKind, 0)
    moved = renumbered = 0
    for change in changes:
        counts[change.kind] += 1
        moved += change.moved
        renumbered += change.renumbered
    return Summary(
        added=counts[ChangeKind.ADDED],
        removed=counts[ChangeKind.REMOVED],
        modified=counts[ChangeKind.MODIFIED],
        unchanged=counts[ChangeKind.UNCHANGED],
        moved=moved,
        renumbered=renumbered,
    )


def _info(version: PlanVersion) -> VersionInfo:
    return VersionInfo(
        label=version.label,
        plan=version.plan,
        title=version.title,
        date=version.date,
        status=version.status,
        drafted_by=version.drafted_by,
    )


def _address(change: Change) -> str:
    located = change.new or change.old
    assert located is not None
    return ".".join(located.address)


def _removed(flat: Flat) -> Change:
    return Change(ChangeKind.REMOVED, flat.located, None)


def _paired_change(old: Flat, new: Flat, pair: Pair, options: CompareOptions) -> Change:
    o, n = old.located.clause, new.located.clause
    attributes = tuple(
        name
        for name, before, after in (
            ("title", o.title, n.title),
            ("topics", sorted(o.topics), sorted(n.topics)),
            ("bracketed", o.bracketed, n.bracketed),
        )
        if before != after
    )
    text_changed = normalise(o.text, options) != normalise(n.text, options)
    segments, granularity = diff_words(o.text, n.text, options) if text_changed else ((), WORD)
    return Change(
        kind=ChangeKind.MODIFIED if text_changed or attributes else ChangeKind.UNCHANGED,
        old=old.located,
        new=new.located,
        moved=pair.moved,
        renumbered=old.located.address != new.located.address,
        match=pair.match,
        segments=segments,
        quantities=pair_quantities(o.text, n.text) if text_changed else (),
        attributes=attributes,
        granularity=granularity,
    )


def _removed_slots(
    a: tuple[Flat, ...], b: tuple[Flat, ...], by_old: dict[int, Pair]
) -> dict[int | None, list[int]]:
    """Where each removed clause is shown: after which new clause (None: before all).

    A removed clause follows the whole new subtree of its nearest earlier sibling that survived;
    failing that, it comes right after its parent's new counterpart; its removed sub-points follow
    it. Keys are new flat indices; values are old flat indices in old order.
    """
    anchor: list[int | None] = [None] * len(a)  # nearest earlier sibling that survived
    last: dict[int | None, int] = {}
    for i, flat in enumerate(a):
        k = last.get(flat.parent)
        anchor[i] = k if k is None or k in by_old else anchor[k]
        last[flat.parent] = i
    slots: dict[int | None, list[int]] = {}
    i = 0
    while i < len(a):
        flat = a[i]
        if i in by_old or (flat.parent is not None and flat.parent not in by_old):
            i += 1
            continue
        sibling = anchor[i]
        slot: int | None = None
        if sibling is not None:
            slot = b[by_old[sibling].new].end - 1
        elif flat.parent is not None:
            slot = by_old[flat.parent].new
        block = [i] + [d for d in range(i + 1, flat.end) if d not in by_old]
        slots.setdefault(slot, []).extend(block)
        i = flat.end
    return slots
