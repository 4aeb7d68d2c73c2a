"""Pairing state of one comparison and the exact evidence: equal ids, then equal texts.

Both passes are linear: ids through a dict, texts through buckets of equal keys consumed in
document order (16,000 copies of "Reserved." pair in one sweep).
"""

from __future__ import annotations

from collections import Counter

from ..flat import Flat, children_of
from ..model import MatchKind
from .similarity import word_list


class Side:
    """One version's clauses as plain lists, read once (attribute chains are slow in hot loops)."""

    __slots__ = ("flat", "ids", "kids", "parents", "texts")

    def __init__(self, flat: tuple[Flat, ...]) -> None:
        self.flat = flat
        self.texts = [f.located.clause.text for f in flat]
        self.ids = [f.located.clause.id for f in flat]
        self.parents = [f.parent for f in flat]
        self.kids = children_of(flat)


class Pairing:
    """Mutable pairing state of one comparison, and the exact evidence passes."""

    def __init__(self, old: tuple[Flat, ...], new: tuple[Flat, ...], use_ids: bool) -> None:
        self.old, self.new, self.use_ids = Side(old), Side(new), use_ids
        self.partner: dict[int, int] = {}
        self.back: dict[int, int] = {}
        self.kind: dict[int, MatchKind] = {}
        self.edges: dict[tuple[int, int], float] = {}
        """Scored candidate pairs (old, new) → cosine."""
        self.adj: dict[int, dict[int, float]] = {}
        """The same edges by old clause."""
        self.radj: dict[int, dict[int, float]] = {}
        """The same edges by new clause."""
        self.grouped_old: set[int] = set()
        self.grouped_new: set[int] = set()

    def pair(self, i: int, j: int, match: MatchKind) -> None:
        self.partner[i], self.back[j], self.kind[i] = j, i, match

    def by_id(self) -> None:
        index = {cid: j for j, cid in enumerate(self.new.ids) if cid}
        for i, cid in enumerate(self.old.ids):
            j = index.get(cid) if cid else None
            if j is not None:
                self.pair(i, j, MatchKind.ID)

    def by_text(self) -> None:
        """Identical texts, then texts equal but for case, spacing and punctuation (a pair of
        ``similar`` wording with similarity 1). Each runs in place first (under paired parents or
        both at the top; blank texts only there), then anywhere. A text found once in each version
        pairs at once (the usual case: where it stands cannot matter).
        """
        self._unique_texts()
        for anywhere in (False, True):
            self._equal_texts(self.old.texts, self.new.texts, anywhere, MatchKind.TEXT)
        # Only clauses still unpaired are normalised; the others get a key that never matches.
        old_words = ["" if i in self.partner else _normal(t) for i, t in enumerate(self.old.texts)]
        new_words = ["" if j in self.back else _normal(t) for j, t in enumerate(self.new.texts)]
        for anywhere in (False, True):
            self._equal_texts(old_words, new_words, anywhere, MatchKind.SIMILAR)

    def _unique_texts(self) -> None:
        old_count = Counter(self.old.texts)
        new_count = Counter(self.new.texts)
        where = {t: j for j, t in enumerate(self.new.texts) if new_count[t] == 1}
        old_ids, new_ids, use_ids = self.old.ids, self.new.ids, self.use_ids
        for i, text in enumerate(self.old.texts):
            j = where.get(text)
            if (
                j is not None
                and old_count[text] == 1
                and i not in self.partner
                and j not in self.back
                and text.strip()
                and not (use_ids and old_ids[i] and new_ids[j])
            ):
                self.pair(i, j, MatchKind.TEXT)

    def _equal_texts(self, old_keys: list[str], new_keys: list[str], anywhere: bool, kind: MatchKind) -> None:
        """Pair equal keys in document order.

        Each bucket of equal keys is a queue consumed from the front, so 16,000 copies of
        "Reserved." cost linear time. With ids, a clause with an id may only take one without
        (two different ids never pair), so id-less clauses have buckets of their own.
        """
        buckets: dict[tuple[str, int, bool], list[int]] = {}
        for j, key in enumerate(new_keys):
            if j in self.back or (anywhere and not key.strip()):
                continue
            scope = -3 if anywhere else self._scope_new(j)
            buckets.setdefault((key, scope, False), []).append(j)
            if self.use_ids and not self.new.ids[j]:
                buckets.setdefault((key, scope, True), []).append(j)
        cursors: dict[tuple[str, int, bool], int] = {}
        for i, key in enumerate(old_keys):
            if i in self.partner:
                continue
            scope = -3 if anywhere else self._scope_old(i)
            bucket = (key, scope, bool(self.use_ids and self.old.ids[i]))
            options = buckets.get(bucket)
            if not options:
                continue
            k = cursors.get(bucket, 0)
            while k < len(options) and options[k] in self.back:
                k += 1
            if k < len(options):
                self.pair(i, options[k], kind)
                if kind is MatchKind.SIMILAR:
                    self.edges[(i, options[k])] = 1.0
                k += 1
            cursors[bucket] = k

    def _scope_old(self, i: int) -> int:
        """The new parent a clause must have to be "in place": -1 at the top, -2 when unknown."""
        parent = self.old.parents[i]
        return -1 if parent is None else self.partner.get(parent, -2)

    def _scope_new(self, j: int) -> int:
        parent = self.new.parents[j]
        return -1 if parent is None else parent


def _normal(text: str) -> str:
    """The text's words, lower-cased, joined by single spaces (empty when it has none)."""
    return " ".join(word_list(text))
