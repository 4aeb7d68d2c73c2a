"""The pairing engine: which clause of one version became which clause of the other.

Modules, in the order the evidence is used: ``passes`` (ids, identical text, candidates, position),
``similarity`` (word sets, shingles, the inverted index), ``splits`` (one clause spread over several),
``moves`` (which pairs left their siblings' order).
"""

from .passes import Alignment, Pair, align_clauses
from .splits import Group

__all__ = ["Alignment", "Group", "Pair", "align_clauses"]
