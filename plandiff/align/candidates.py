"""Candidate pairs for the clauses left after ids and identical text, found through an inverted
index of their rarest terms, never by comparing all clauses with all.

Worst case, per clause: ``LOOKUP_BUDGET`` posting entries are read (plus sorting the clause's own
terms), then ``CANDIDATES`` cosines computed; the positional band adds ``2 × BAND`` more. Work is linear
in the number of unpaired clauses, whatever the texts.
"""

from __future__ import annotations

from heapq import nlargest
from operator import itemgetter

from .similarity import (
    SUB_POINT_WEIGHT,
    Terms,
    Vector,
    cosine,
    counts,
    document_frequency,
    inverse_frequency,
    weigh,
)

LOOKUP_BUDGET = 96
"""Postings read per lookup, rarest term first: a term whose posting list would exceed what is
left is too common to tell clauses apart (and would make the lookup cost grow with the plan)."""
CANDIDATES = 6
"""Clauses kept per lookup, by summed weight of shared rare terms, then scored by cosine."""
BAND = 2
"""Unpaired clauses on each side of a clause's proportional place in its gap between anchors
that are scored as well: a reworded point that stayed in place shares only common words."""


class Content:
    """Term vectors of the unpaired clauses of both versions, and lookups between them."""

    def __init__(
        self,
        old_texts: list[str],
        new_texts: list[str],
        old_kids: dict[int | None, list[int]],
        new_kids: dict[int | None, list[int]],
        old_free: list[int],
        new_free: list[int],
    ) -> None:
        terms = Terms()
        old_bags = {i: _bag(terms, old_texts, old_kids, i) for i in old_free}
        new_bags = {j: _bag(terms, new_texts, new_kids, j) for j in new_free}
        df = document_frequency([*old_bags.values(), *new_bags.values()])
        idf = inverse_frequency(df, len(old_bags) + len(new_bags))
        self.old: dict[int, Vector] = {i: weigh(bag, idf) for i, bag in old_bags.items()}
        self.new: dict[int, Vector] = {j: weigh(bag, idf) for j, bag in new_bags.items()}
        self._old_index = _index(self.old)
        self._new_index = _index(self.new)

    def score(self, i: int, j: int) -> float:
        """Cosine of old clause ``i`` and new clause ``j``, rounded so that both directions agree."""
        return round(cosine(self.old[i], self.new[j]), 4)

    def lookup_old(self, i: int) -> list[int]:
        """New clauses sharing the most rare terms with old clause ``i``."""
        return _lookup(self.old[i], self._new_index)

    def lookup_new(self, j: int) -> list[int]:
        """Old clauses sharing the most rare terms with new clause ``j``."""
        return _lookup(self.new[j], self._old_index)


def _bag(terms: Terms, texts: list[str], kids: dict[int | None, list[int]], k: int) -> dict[str, float]:
    bag = counts(terms.of(texts[k]))
    for child in kids.get(k, ()):
        counts(terms.of(texts[child]), SUB_POINT_WEIGHT, bag)
    return bag


def _index(vectors: dict[int, Vector]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for k, vec in vectors.items():
        for t in vec:
            posting = index.get(t)
            if posting is None:
                index[t] = [k]
            else:
                posting.append(k)
    return index


def _lookup(vec: Vector, index: dict[str, list[int]]) -> list[int]:
    postings = sorted((p for p in map(index.get, vec) if p is not None), key=len)  # rarest first
    hits: dict[int, int] = {}
    budget = LOOKUP_BUDGET
    for posting in postings:
        if len(posting) > budget:
            break
        budget -= len(posting)
        for k in posting:
            hits[k] = hits.get(k, 0) + 1
    # Most shared rare terms first; ties in index order (the same whichever version is old).
    return [k for k, _ in nlargest(CANDIDATES, hits.items(), key=itemgetter(1))]
