"""Splits and merges: one clause whose text is spread over several clauses of the other version."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .similarity import SPLIT_CONTAINMENT, SPLIT_COVERAGE, WordCache, containment


class Group(NamedTuple):
    """A split (one old clause → several new) or a merge (several old → one new)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    confidence: float
    """How much of the whole the parts cover, in [0, 1]."""


def find_groups(
    wholes: list[int],
    candidates: dict[int, list[int]],
    whole_words: WordCache,
    part_words: WordCache,
    part_free: Callable[[int], bool],
) -> list[Group]:
    """Wholes whose text is covered by two or more free parts, each mostly made of its words and
    none covering it alone.

    Serves both directions: splits (old wholes, new parts) and merges (new wholes, old parts).
    """
    found: list[Group] = []
    used: set[int] = set()
    for w in wholes:
        whole = whole_words[w]
        pieces = sorted(
            k
            for k in candidates[w]
            if k not in used and part_free(k) and containment(part_words[k], whole) >= SPLIT_CONTAINMENT
        )
        if len(pieces) < 2 or any(containment(whole, part_words[k]) >= SPLIT_COVERAGE for k in pieces):
            continue  # a piece that alone covers the whole is that clause edited, not a part of it
        covered = containment(whole, frozenset().union(*(part_words[k] for k in pieces)))
        if covered >= SPLIT_COVERAGE:
            used.update(pieces)
            found.append(Group((w,), tuple(pieces), round(covered, 2)))
    return found
