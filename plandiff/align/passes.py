"""Pairs the clauses of two versions, with or without ids, and finds splits and merges.

Evidence is used strongest first: equal ids → identical text → splits and merges → similar text
(candidates from an inverted index of rare word pairs, never all against all) → position between
anchors (same number, or modest similarity when a clause is left alone between two anchors). The
same number is only a tie-breaker outside anchored gaps. Moves are the pairs outside the longest
increasing run of sibling positions, so an insertion does not make every later clause "moved".
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from ..flat import Flat, children_of
from ..model import MatchKind
from .moves import longest_increasing, moved_pairs
from .similarity import ShingleIndex, WordCache, similarity
from .splits import Group, find_groups

MIN_SIMILAR = 0.5
"""Jaccard similarity of word sets needed to pair two clauses anywhere in the document. One edited
word in a ten-word clause leaves about 0.7; unrelated clauses of one plan share under 0.3."""
GAP_MIN_SIMILAR = 0.15
"""Similarity enough for a clause left between the same two anchors on both sides: heavy rewording
("stop using weapons" → "ceasefire") keeps a few words, and the position is strong evidence."""
LOOKUP_KEYS = 12
LOOKUP_CANDIDATES = 6
"""Rarest shingles looked up, and clauses examined, per unpaired clause: enough for the two or three
pieces of a split (each holds some of the whole's rare shingles) and for a partner that kept most
of its word pairs through an edit of a tenth of its words."""
GAP_PAIR_LIMIT = 400
"""Largest gap (old × new clauses) searched for best pairs; bigger gaps pair only in order."""


class Pair(NamedTuple):
    """An old clause paired with a new one."""

    old: int
    """Flat index in the old version."""
    new: int
    """Flat index in the new version."""
    match: MatchKind
    confidence: float
    """1.0 for ids and identical text; the word similarity otherwise."""
    moved: bool
    """Outside the longest in-order run among its siblings, or under a different parent."""


class Alignment(NamedTuple):
    """Everything the pairing found."""

    pairs: tuple[Pair, ...]
    splits: tuple[Group, ...]
    merges: tuple[Group, ...]


class _Side:
    """One version's clauses as plain lists, read once (attribute chains are slow in hot loops)."""

    __slots__ = ("flat", "ids", "numbers", "parents", "texts", "words")

    def __init__(self, flat: tuple[Flat, ...]) -> None:
        clauses = [f.located.clause for f in flat]
        self.flat = flat
        self.texts = [c.text for c in clauses]
        self.ids = [c.id for c in clauses]
        self.numbers = [c.number for c in clauses]
        self.parents = [f.parent for f in flat]
        self.words = WordCache(self.texts)


class _Aligner:
    """Mutable pairing state of one comparison."""

    def __init__(self, old: tuple[Flat, ...], new: tuple[Flat, ...], use_ids: bool) -> None:
        self.old, self.new, self.use_ids = _Side(old), _Side(new), use_ids
        self.partner: dict[int, tuple[int, MatchKind, float]] = {}
        self.taken: set[int] = set()
        self.grouped_old: set[int] = set()
        self.grouped_new: set[int] = set()

    def free_old(self, i: int) -> bool:
        return i not in self.partner and i not in self.grouped_old

    def free_new(self, j: int) -> bool:
        return j not in self.taken and j not in self.grouped_new

    def compatible(self, i: int, j: int) -> bool:
        a, b = self.old.ids[i], self.new.ids[j]
        return not (self.use_ids and a and b and a != b)

    def same_scope(self, i: int, j: int) -> bool:
        op, np = self.old.parents[i], self.new.parents[j]
        return (
            op is None and np is None or (op is not None and op in self.partner and self.partner[op][0] == np)
        )

    def pair(self, i: int, j: int, match: MatchKind, confidence: float) -> None:
        self.partner[i] = (j, match, round(confidence, 2))
        self.taken.add(j)

    def by_id(self) -> None:
        index = {cid: j for j, cid in enumerate(self.new.ids) if cid}
        for i, cid in enumerate(self.old.ids):
            j = index.get(cid) if cid else None
            if j is not None:
                self.pair(i, j, MatchKind.ID, 1.0)

    def by_text(self) -> None:
        # Exact text: YAML has already folded line breaks, and a clause whose whitespace alone
        # changed is caught by similarity (its word set is identical).
        texts: dict[str, list[int]] = {}
        for j, text in enumerate(self.new.texts):
            if j not in self.taken and text.strip():
                texts.setdefault(text, []).append(j)
        # Two passes: identical text under paired parents (or both at the top) first, anywhere
        # second, so that a repeated text pairs with its counterpart in place whichever version
        # comes first, and the result does not depend on the direction of the comparison.
        for anywhere in (False, True):
            for i, text in enumerate(self.old.texts):
                options = texts.get(text)
                if not options or i in self.partner:
                    continue
                for j in options:  # the first free one in new order
                    if j not in self.taken and self.compatible(i, j) and (anywhere or self.same_scope(i, j)):
                        self.pair(i, j, MatchKind.TEXT, 1.0)
                        break

    def by_candidates(self) -> tuple[list[Group], list[Group]]:
        """Splits and merges, then pairs by similar text, from one lookup per unpaired clause.

        Splits and merges come first: a piece resembles its whole and would otherwise be paired
        with it. The candidates of each unpaired clause (the unpaired clauses of the other version
        sharing most of its rare shingles) serve every search.
        """
        old, new = self.old, self.new
        old_free = [i for i in range(len(old.texts)) if i not in self.partner and old.words[i]]
        new_free = [j for j in range(len(new.texts)) if j not in self.taken and new.words[j]]
        if not old_free or not new_free:
            return [], []
        new_index = ShingleIndex({j: new.words.shingles(j) for j in new_free})
        old_index = ShingleIndex({i: old.words.shingles(i) for i in old_free})
        forward = {
            i: new_index.candidates(old.words.shingles(i), LOOKUP_KEYS, LOOKUP_CANDIDATES) for i in old_free
        }
        backward = {
            j: old_index.candidates(new.words.shingles(j), LOOKUP_KEYS, LOOKUP_CANDIDATES) for j in new_free
        }
        splits = find_groups(old_free, forward, old.words, new.words, self.free_new)
        for g in splits:
            self.grouped_old.update(g.old)
            self.grouped_new.update(g.new)
        merges = [
            Group(g.new, g.old, g.confidence)
            for g in find_groups(
                [j for j in new_free if j not in self.grouped_new],
                backward,
                new.words,
                old.words,
                self.free_old,
            )
        ]
        for g in merges:
            self.grouped_old.update(g.old)
            self.grouped_new.update(g.new)
        self._by_similarity(old_free, forward)
        return splits, merges

    def _by_similarity(self, old_free: list[int], forward: dict[int, list[int]]) -> None:
        old, new = self.old, self.new
        scored: list[tuple[float, bool, bool, int, int]] = []
        for i in old_free:
            if not self.free_old(i):
                continue
            for j in forward[i]:
                if not self.free_new(j):
                    continue
                score = similarity(old.words[i], new.words[j])
                if score >= MIN_SIMILAR and self.compatible(i, j):
                    same_number = old.numbers[i] == new.numbers[j]
                    scored.append((-score, not self.same_scope(i, j), not same_number, i, j))
        for neg, _, _, i, j in sorted(scored):
            if self.free_old(i) and self.free_new(j):
                self.pair(i, j, MatchKind.SIMILAR, -neg)

    def by_position(self) -> None:
        """Pair what is left inside gaps between anchors, group by group, parents first."""
        old_children = children_of(self.old.flat)
        new_children = children_of(self.new.flat)
        self._fill(old_children.get(None, []), new_children.get(None, []))
        for i in sorted(k for k in old_children if k is not None):  # parents before sub-points
            if i in self.partner:
                self._fill(old_children[i], new_children.get(self.partner[i][0], []))

    def _fill(self, a: list[int], b: list[int]) -> None:
        if not a or not b:
            return
        where = {j: k for k, j in enumerate(b)}
        placed = [
            (ka, where[self.partner[i][0]])
            for ka, i in enumerate(a)
            if i in self.partner and self.partner[i][0] in where
        ]
        anchors = [placed[k] for k in sorted(longest_increasing([kb for _, kb in placed]))]
        bounds = [(-1, -1), *anchors, (len(a), len(b))]
        for (a0, b0), (a1, b1) in pairwise(bounds):
            if a1 - a0 < 2 or b1 - b0 < 2:
                continue  # adjacent anchors on one side: no gap to fill
            gap_a = [i for i in a[a0 + 1 : a1] if self.free_old(i)]
            gap_b = [j for j in b[b0 + 1 : b1] if self.free_new(j)]
            if gap_a and gap_b:
                self._fill_gap(gap_a, gap_b)

    def _fill_gap(self, gap_a: list[int], gap_b: list[int]) -> None:
        old, new = self.old, self.new
        numbers = {new.numbers[j]: j for j in gap_b}
        for i in gap_a:
            j = numbers.get(old.numbers[i])
            if j is not None and self.free_new(j) and self.compatible(i, j):
                self.pair(i, j, MatchKind.NUMBER, similarity(old.words[i], new.words[j]))
        rest_a = [i for i in gap_a if self.free_old(i)]
        rest_b = [j for j in gap_b if self.free_new(j)]
        if not rest_a or not rest_b:
            return
        if len(rest_a) == len(rest_b) or len(rest_a) * len(rest_b) > GAP_PAIR_LIMIT:
            candidates = list(zip(rest_a, rest_b))
        else:
            candidates = sorted(
                ((i, j) for i in rest_a for j in rest_b),
                key=lambda p: -similarity(old.words[p[0]], new.words[p[1]]),
            )
        for i, j in candidates:
            score = similarity(old.words[i], new.words[j])
            if score >= GAP_MIN_SIMILAR and self.free_old(i) and self.free_new(j) and self.compatible(i, j):
                self.pair(i, j, MatchKind.SIMILAR, score)


def align_clauses(old: tuple[Flat, ...], new: tuple[Flat, ...], use_ids: bool = True) -> Alignment:
    """Pair the clauses of two flattened versions; see the module docstring for the evidence order."""
    aligner = _Aligner(old, new, use_ids)
    if use_ids:
        aligner.by_id()
    aligner.by_text()
    splits, merges = aligner.by_candidates()
    aligner.by_position()
    partner = aligner.partner
    moved = moved_pairs(old, new, {i: p[0] for i, p in partner.items()})
    pairs = tuple(Pair(i, j, match, conf, i in moved) for i, (j, match, conf) in sorted(partner.items()))
    return Alignment(pairs, tuple(splits), tuple(merges))
