"""compare(old, new, options) → Report: classifies paired clauses, orders changes, counts them."""

from __future__ import annotations

from collections import Counter

from .align import Alignment, Group, Pair, align_clauses
from .align.similarity import similarity, words
from .attribution import who_changed
from .classify import classify
from .flat import Flat, flatten
from .model import (
    Change,
    ChangeKind,
    CompareOptions,
    Located,
    MatchKind,
    PlanVersion,
    Report,
    Segment,
    SegmentOp,
    Summary,
)
from .quantities import pair_quantities
from .renumber import Entry, find_ranges
from .versions import version_info
from .worddiff import WHOLE, WORD, diff_words, normalise

WEIGH_CHARS = 200_000
"""Longest text pair (characters, both sides) whose word similarity is weighed to call it replaced;
a longer pair already shown whole (old out, new in) stays modified: stemming millions of words
cost seconds per megabyte."""

REPLACED_BELOW = 0.1
"""Word similarity (Jaccard) under which a clause that kept its id or slot counts as replaced: its
text is shown as old out, new in, because a word diff of unrelated texts is unreadable. Short
rewordings that keep the subject ("Ukraine will hold elections in 100 days" → "Ukraine holds
elections as soon as possible after the agreement is signed", 0.125) stay word-diffed."""


def compare(old: PlanVersion, new: PlanVersion, options: CompareOptions | None = None) -> Report:
    """Compare two versions clause by clause.

    Changes come in new-version order; a removed clause follows its old previous sibling (or its
    old parent), so it is read where it used to stand. The report holds every clause, unchanged
    ones included; :func:`plandiff.select.select_changes` narrows what is shown.
    """
    opts = options or CompareOptions()
    a, b = flatten(old.clauses), flatten(new.clauses)
    alignment = align_clauses(a, b, opts.use_ids)
    by_new: dict[int, Pair | Group] = {p.new: p for p in alignment.pairs}
    skip_new: set[int] = set()
    for g in alignment.splits:
        by_new[g.new[0]] = g
        skip_new.update(g.new[1:])
    for g in alignment.merges:
        by_new[g.new[0]] = g
    slots = _removed_slots(a, b, _old_to_new(alignment))
    hint_old = {h.old: h for h in alignment.hints if h.removed}
    hint_new = {h.new: h for h in alignment.hints if not h.removed}
    # Reading order first, as (what, index) items; the Change objects are built once the
    # renumbered ranges are known, so that no change has to be rebuilt.
    items: list[tuple[str, int]] = [("removed", i) for i in slots.get(None, ())]
    for j in range(len(b)):
        if j not in skip_new:
            items.append(("new", j))
            items.extend(("removed", i) for i in slots.get(j, ()))
    entries: list[Entry] = []
    for what, k in items:
        found = by_new.get(k) if what == "new" else None
        if what == "removed":
            entries.append((a[k].located.address, None, False))
        elif isinstance(found, Pair):
            entries.append((a[found.old].located.address, b[k].located.address, not found.moved))
        elif found is not None:
            entries.append((a[found.old[0]].located.address, b[k].located.address, False))
        else:
            entries.append((None, b[k].located.address, False))
    shifted, ranges = find_ranges(entries)
    changes: list[Change] = []
    notes: list[str] = []
    old_info, new_info = version_info(old), version_info(new)
    for n, (what, k) in enumerate(items):
        found = by_new.get(k) if what == "new" else None
        if what == "removed":
            hint = hint_old.get(k)
            change = _removed(a[k])
            if hint is not None:
                change = _hinted(change, b[hint.new], hint.similarity)
        elif isinstance(found, Pair):
            change = _paired(a[found.old], b[k], found, opts, n in shifted)
        elif found is not None:
            change = _grouped(a, b, found, opts)
        else:
            hint = hint_new.get(k)
            change = Change(ChangeKind.ADDED, None, b[k].located)
            if hint is not None:
                change = _hinted(change, a[hint.old], hint.similarity)
        if change.kind is not ChangeKind.UNCHANGED or change.moved or change.renumbered:
            change = classify(change)
            change = change._replace(who=who_changed(change, old_info, new_info))
        changes.append(change)
        notes.extend(_notes_for(change))
    framing = _framing_notes(old, new, opts)
    notes.extend(framing)
    return Report(
        old=old_info,
        new=new_info,
        changes=tuple(changes),
        summary=summarise(changes, len(ranges)),
        options=opts,
        notes=tuple(notes),
        renumbered_ranges=ranges,
        framing_changed=bool(framing),
    )


def _framing_notes(old: PlanVersion, new: PlanVersion, opts: CompareOptions) -> list[str]:
    """A note for each of the text before and after the points that differs, both texts in full.

    Preamble and closing are not clauses (nothing pairs with them), so they are not word-diffed;
    a change there is still a difference, shown whole rather than not at all.
    """
    notes = []
    for name, before, after in (
        ("preamble", old.preamble, new.preamble),
        ("closing text", old.closing, new.closing),
    ):
        if normalise(before or "", opts).strip() != normalise(after or "", opts).strip():
            was = f'"{before}"' if before else "none"
            now = f'"{after}"' if after else "none"
            notes.append(f"the {name} changed (shown whole, not word by word): {was} → {now}")
    return notes


def summarise(changes: list[Change] | tuple[Change, ...], ranges: int = 0) -> Summary:
    """Count changes by kind and flag."""
    # Counted by value: hashing an Enum member runs Python code, and this sees every clause.
    counts = Counter(change.kind._value_ for change in changes)
    classes = Counter(c.change_class._value_ for c in changes if c.change_class is not None)
    moved = renumbered = 0
    for change in changes:
        moved += change.moved
        renumbered += change.renumbered and not change.shifted
    return Summary(
        added=counts["added"],
        removed=counts["removed"],
        modified=counts["modified"],
        unchanged=counts["unchanged"],
        moved=moved,
        renumbered=renumbered,
        split=counts["split"],
        merged=counts["merged"],
        replaced=counts["replaced"],
        renumbered_ranges=ranges,
        substantive=classes["substantive"],
        status=classes["status"],
        editorial=classes["editorial"],
    )


def _where(located: Located) -> str:
    return ".".join(located.address)


def _notes_for(change: Change) -> list[str]:
    notes = []
    if change.granularity != WORD:
        located = change.new or change.old
        assert located is not None
        notes.append(
            f"point {_where(located)} is very long and was compared by {change.granularity}, not word by word"
        )
    if change.match is MatchKind.WORDING and change.old and change.new:
        notes.append(
            f"? point {_where(change.old)} → {_where(change.new)} paired by wording, similarity "
            f"{change.similarity:.2f}, next candidate {change.runner_up:.2f}; check this pair"
        )
    return notes


def _hinted(change: Change, other: Flat, similarity: float) -> Change:
    """An added or removed clause with the weak candidate on the other side it may continue."""
    return change._replace(may_continue=other.located, hint_similarity=round(similarity, 2))


def _removed(flat: Flat) -> Change:
    return Change(ChangeKind.REMOVED, flat.located, None)


def _text_diff(old: str, new: str, options: CompareOptions) -> tuple[tuple[Segment, ...], str]:
    if normalise(old, options) == normalise(new, options):
        return (), WORD
    return diff_words(old, new, options)


def _paired(old: Flat, new: Flat, pair: Pair, options: CompareOptions, shifted: bool) -> Change:
    o, n = old.located.clause, new.located.clause
    if (
        o.text == n.text
        and o.title == n.title
        and o.bracketed == n.bracketed
        and o.topics == n.topics
        and o.proposed_by == n.proposed_by
    ):
        # Most pairs of a revision are untouched: skip the diffing below.
        renumbered = old.located.address != new.located.address
        return Change(ChangeKind.UNCHANGED, old.located, new.located, pair.moved, renumbered, pair.match,
                      confidence=pair.confidence, shifted=shifted, similarity=pair.similarity,
                      runner_up=pair.runner_up)  # fmt: skip
    attributes = tuple(
        name
        for name, before, after in (
            ("title", o.title, n.title),
            ("topics", sorted(o.topics), sorted(n.topics)),
            ("bracketed", o.bracketed, n.bracketed),
            ("proposed_by", o.proposed_by, n.proposed_by),
        )
        if before != after
    )
    segments, granularity = _text_diff(o.text, n.text, options)
    kind = ChangeKind.MODIFIED if segments or attributes else ChangeKind.UNCHANGED
    quantities = pair_quantities(o.text, n.text) if segments else ()
    if (
        segments
        and pair.match is MatchKind.ID
        and (granularity != WHOLE or len(o.text) + len(n.text) <= WEIGH_CHARS)
        and similarity(words(o.text), words(n.text)) < REPLACED_BELOW
    ):
        kind = ChangeKind.REPLACED
        segments = tuple(
            Segment(op, t) for op, t in ((SegmentOp.DELETE, o.text), (SegmentOp.INSERT, n.text)) if t
        )
    return Change(
        kind=kind,
        old=old.located,
        new=new.located,
        moved=pair.moved,
        renumbered=old.located.address != new.located.address,
        match=pair.match,
        segments=segments,
        quantities=quantities,
        attributes=attributes,
        granularity=granularity,
        confidence=pair.confidence,
        shifted=shifted,
        similarity=pair.similarity,
        runner_up=pair.runner_up,
    )


def _grouped(a: tuple[Flat, ...], b: tuple[Flat, ...], group: Group, options: CompareOptions) -> Change:
    """A split (one old → several new) or merge (several old → one new), diffed as joined texts."""
    olds = [a[i].located for i in group.old]
    news = [b[j].located for j in group.new]
    old_text = " ".join(x.clause.text for x in olds)
    new_text = " ".join(x.clause.text for x in news)
    segments, granularity = _text_diff(old_text, new_text, options)
    is_split = len(group.new) > 1  # a split has one old and several new; a merge the reverse
    return Change(
        kind=ChangeKind.SPLIT if is_split else ChangeKind.MERGED,
        old=olds[0],
        new=news[0],
        renumbered=olds[0].address != news[0].address,
        match=MatchKind.SIMILAR,
        segments=segments,
        quantities=pair_quantities(old_text, new_text) if segments else (),
        granularity=granularity,
        parts=tuple(news[1:] if is_split else olds[1:]),
        confidence=group.confidence,
    )


def _old_to_new(alignment: Alignment) -> dict[int, int]:
    """Where each old clause went: pairs, and every piece of a split or merge."""
    out = {p.old: p.new for p in alignment.pairs}
    for g in alignment.splits + alignment.merges:
        out.update((i, g.new[0]) for i in g.old)
    return out


def _removed_slots(
    a: tuple[Flat, ...], b: tuple[Flat, ...], by_old: dict[int, int]
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
            slot = b[by_old[sibling]].end - 1
        elif flat.parent is not None:
            slot = by_old[flat.parent]
        block = [i] + [d for d in range(i + 1, flat.end) if d not in by_old]
        slots.setdefault(slot, []).extend(block)
        i = flat.end
    return slots
