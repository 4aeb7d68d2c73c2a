"""Word-based similarity of clause texts, and candidate generation through rare word pairs.

Similarity ignores case, punctuation and clause numbers (a number is not part of the text). To stay
near-linear, clauses are never compared all against all: each unpaired clause looks up its rarest
word pairs (shingles) in an inverted index of the other version's unpaired clauses and scores only
the few clauses that share them.
"""

from __future__ import annotations

import re
from itertools import groupby, pairwise

_WORD = re.compile(r"\w+(?:[.,'’]\w+)*")

MAX_DF = 40
"""A shingle found in more clauses than this is too common to suggest a pair."""


Shingle = tuple[str, str]
"""Two adjacent words (a one-word text has the shingle ``(word, "")``)."""


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def words(text: str) -> frozenset[str]:
    """The set of lower-cased words of a text."""
    return frozenset(_tokens(text))


def _shingles(tokens: list[str]) -> tuple[Shingle, ...]:
    """Distinct adjacent word pairs in text order (or the single word of a one-word text)."""
    if len(tokens) < 2:
        return tuple((t, "") for t in tokens)
    return tuple(dict.fromkeys(pairwise(tokens)))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets, in [0, 1]; two empty texts are identical."""
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part``'s words found in ``whole``, in [0, 1]."""
    return len(part & whole) / len(part) if part else 0.0


class WordCache:
    """Word sets and shingles of a list of texts, each computed on first use (most clauses of a
    revision are paired by id or identical text and never need theirs)."""

    __slots__ = ("cache", "shingle_cache", "texts", "tokens")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.cache: dict[int, frozenset[str]] = {}
        self.shingle_cache: dict[int, tuple[Shingle, ...]] = {}
        self.tokens: dict[int, list[str]] = {}

    def __getitem__(self, k: int) -> frozenset[str]:
        found = self.cache.get(k)
        if found is None:
            tokens = self.tokens[k] = _tokens(self.texts[k])  # kept for shingles()
            found = self.cache[k] = frozenset(tokens)
        return found

    def shingles(self, k: int) -> tuple[Shingle, ...]:
        found = self.shingle_cache.get(k)
        if found is None:
            tokens = self.tokens.pop(k, None)
            if tokens is None:
                tokens = _tokens(self.texts[k])
            found = self.shingle_cache[k] = _shingles(tokens)
        return found


class ShingleIndex:
    """Inverted index from shingle to the clauses containing it."""

    def __init__(self, items: dict[int, tuple[Shingle, ...]]) -> None:
        """``items`` maps each indexed clause to its shingles."""
        self.postings: dict[Shingle, list[int]] = {}
        postings = self.postings
        for j, found in items.items():
            for sh in found:
                posting = postings.get(sh)
                if posting is None:
                    postings[sh] = [j]
                else:
                    posting.append(j)

    def candidates(self, found: tuple[Shingle, ...], keys: int, limit: int) -> list[int]:
        """The ``limit`` clauses sharing the most rare shingles with a clause whose shingles are
        ``found``, best first.

        The ``keys`` rarest shingles are looked up, spread evenly over the text among equally rare
        ones, so that every part of a long clause (each piece of a split) gets a say.
        """
        rare = [p for p in map(self.postings.get, found) if p is not None and len(p) <= MAX_DF]
        rare.sort(key=len)  # rarest first; stable, so equally rare shingles stay in text order
        if len(rare) > keys:
            chosen: list[list[int]] = []
            for _, run in groupby(rare, key=len):
                group = list(run)
                room = keys - len(chosen)
                step = max(1, len(group) / room)
                chosen.extend(group[int(k * step)] for k in range(min(room, len(group))))
                if len(chosen) >= keys:
                    break
            rare = chosen
        hits: dict[int, int] = {}
        for posting in rare:
            for j in posting:
                hits[j] = hits.get(j, 0) + 1
        # Most hits first; ties keep the order of first hit (sorting is stable).
        return sorted(hits, key=hits.__getitem__, reverse=True)[:limit]


SPLIT_CONTAINMENT = 0.8
"""Share of a part's words that must come from the whole for it to count as a piece of a split
(or merge): pieces keep the wording of the clause they came from, with a few joining words."""
SPLIT_COVERAGE = 0.8
"""Share of the whole's words that the pieces together must cover; below this, part of the clause
was dropped and it is reported as removed, not split. A piece that covers this much alone is the
whole clause (edited), and the other pieces are new clauses: no split then, which also keeps a
comparison and its reverse (a split one way is a merge the other) in agreement."""
