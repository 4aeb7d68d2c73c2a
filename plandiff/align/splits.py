"""Splits and merges: one clause whose content is spread over several clauses of the other version.

A piece is an unpaired clause whose best candidate is the whole; the whole's own partner, if it
has one from wording, is its main piece. The coverage test: each further piece must add a fair
share of the whole's weighted terms to what the others cover, be mostly made of the whole's
terms itself, and together the pieces must cover most of the whole. One procedure serves both directions
(splits: old wholes, new pieces; merges the reverse), so a comparison and its reverse agree: a
split one way is a merge the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .similarity import Vector, cosine

PIECE_MIN = 0.2
"""Cosine a piece needs with the whole; below it the clause is new, not a piece."""
PIECE_FROM_WHOLE = 0.3
"""Share of a piece's own weight (sum of its squared unit weights) on terms of the whole: a piece
is mostly made of the whole's content, not a new clause that mentions it."""
GAIN_MIN = 0.05
"""Share of the whole's weight that each piece must add to what the others already cover."""
MAX_PIECES = 6
"""Pieces tried per whole, best first: bounds the work when many clauses point to one whole
(a split into more parts than this is reported as the best parts plus new clauses)."""
COVER_MIN = 0.55
"""Share of the whole's weight (sum of squared unit weights) found among the pieces' terms."""


class Group(NamedTuple):
    """A split (one old clause → several new) or a merge (several old → one new)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    confidence: float
    """How much of the whole the parts cover, in [0, 1]."""


def find_groups(
    whole_vectors: dict[int, Vector],
    part_vectors: dict[int, Vector],
    free_parts: list[int],
    best_whole: Callable[[int], tuple[int, float] | None],
    main_piece: Callable[[int], int | None],
) -> list[tuple[int, tuple[int, ...], float]]:
    """``(whole, pieces in order, coverage)`` for each whole that passes the coverage test.

    ``best_whole(p)`` gives a free piece's best candidate and its cosine; ``main_piece(w)`` the
    clause the whole is already paired with by wording (None when unpaired or paired by id/text).
    """
    offered: dict[int, list[int]] = {}
    for p in free_parts:
        best = best_whole(p)
        if best is not None and best[1] >= PIECE_MIN and best[0] in whole_vectors:
            offered.setdefault(best[0], []).append(p)
    found = []
    for w in sorted(offered):
        whole = whole_vectors[w]
        main = main_piece(w)
        pieces = sorted(offered[w], key=lambda p: (-cosine(whole, part_vectors[p]), p))[:MAX_PIECES]
        chosen = [main] if main is not None and main in part_vectors else []
        if not chosen:
            chosen, pieces = pieces[:1], pieces[1:]
        covered = set(part_vectors[chosen[0]]) if chosen else set()
        cover = _share(whole, covered)
        for p in pieces:
            part = part_vectors[p]
            gain = _share(whole, covered | set(part)) - cover
            if gain >= GAIN_MIN and _share(part, set(whole)) >= PIECE_FROM_WHOLE:
                chosen.append(p)
                covered |= set(part)
                cover += gain
        if len(chosen) >= 2 and cover >= COVER_MIN:
            found.append((w, tuple(sorted(chosen)), round(cover, 2)))
    return found


def _share(vector: Vector, terms: set[str]) -> float:
    """Share of a unit vector's weight (sum of squared weights) on ``terms``, in [0, 1]."""
    return sum(v * v for t, v in vector.items() if t in terms)
