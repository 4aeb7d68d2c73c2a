"""What two clause texts share: stemmed terms weighted by rarity (TF-IDF), cosine similarity, and the
plain word sets the diff uses to tell an edit from a replacement.

Terms are lower-cased words stemmed by the Snowball English stemmer (PyStemmer, a C extension
that imports in under a millisecond), without stop words; numbers are terms of their own with
their separators removed (``600,000`` → ``600000``), so a changed quantity weakens a pair but an
equal one is strong evidence. A word that recurs in many clauses ("Ukraine", "parties") says
little about which clause is which, so each term is weighted by its inverse document frequency
over the clauses still unpaired on both sides. Parents are compared with their sub-points'
content: their vector is their own terms plus their sub-points' terms at half weight.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import Stemmer

_WORD = re.compile(r"\w+(?:[.,'’]\w+)*")
"""A word or a number, with inner apostrophes, commas and points (``Ukraine's``, ``600,000``)."""
_NUMBER = re.compile(r"[\d.,]+")
"""A token that is a number (with thousands separators and decimals)."""
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each either few for from further
    had has have having he her here hers him his how i if in into is it its itself just may me
    might more most must my neither no nor not now of off on once only or other our ours out over
    own per s same shall she should so some such t than that the their theirs them then there these
    they this those through to too under until up upon very was we were what when where which while
    who whom why will with within without would you your
    """.split()  # noqa: SIM905 -- a word list reads better as text than as 130 quoted lines
)
"""English function words: they carry no meaning of their own and would pair unrelated clauses.
Negations ("no", "not") are here too: a reversed obligation is still the same clause."""
SUB_POINT_WEIGHT = 0.5
"""Weight of a sub-point's terms in its parent's vector: enough for a heading ("Territory:") to be
recognised by its content, not so much that a parent is taken for one of its sub-points."""

Vector = dict[str, float]
"""Term → weight, of unit length (an empty text has an empty vector)."""


class Terms:
    """Stemmed terms of texts, with a per-comparison cache (a plan repeats its words)."""

    __slots__ = ("_cache", "_stemmer")

    def __init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        self._cache: dict[str, str] = {}

    def of(self, text: str) -> list[str]:
        """The text's terms in reading order, repeats kept."""
        out: list[str] = []
        cache = self._cache
        for token in _WORD.findall(text.lower()):
            term = cache.get(token)
            if term is None:
                if _NUMBER.fullmatch(token):
                    term = token.replace(",", "")
                else:
                    word = token.removesuffix("'s").removesuffix("’s")
                    term = "" if word in STOP_WORDS or len(word) < 2 else self._stemmer.stemWord(word)
                cache[token] = term
            if term:
                out.append(term)
        return out


def counts(
    terms: Iterable[str], weight: float = 1.0, into: dict[str, float] | None = None
) -> dict[str, float]:
    """Add each term's count times ``weight`` to ``into`` (a new dict when None)."""
    out: dict[str, float] = {} if into is None else into
    for t in terms:
        out[t] = out.get(t, 0.0) + weight
    return out


def document_frequency(bags: Iterable[dict[str, float]]) -> dict[str, int]:
    """In how many bags each term occurs."""
    df: dict[str, int] = {}
    for bag in bags:
        for t in bag:
            df[t] = df.get(t, 0) + 1
    return df


def inverse_frequency(df: dict[str, int], total: int) -> dict[str, float]:
    """Each term's IDF weight, the smoothed ``log((1 + total) / (1 + df)) + 1``: a term found in
    every clause keeps a small positive weight rather than zero (short texts need it)."""
    return {t: math.log((1 + total) / (1 + n)) + 1.0 for t, n in df.items()}


def weigh(bag: dict[str, float], idf: dict[str, float]) -> Vector:
    """TF-IDF vector of a bag of term counts, normalised to unit length (``1 + log(tf)`` damps
    repeats; every term of ``bag`` must be in ``idf``)."""
    vec: Vector = {}
    norm = 0.0
    for t, tf in bag.items():
        w = (1.0 + math.log(tf) if tf >= 1 else tf) * idf[t]
        vec[t] = w
        norm += w * w
    if norm:
        scale = 1.0 / math.sqrt(norm)
        for t in vec:
            vec[t] *= scale
    return vec


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors, in [0, 1]; 0 when they share only numbers (a shared "5" or
    "2026" alone is no evidence that two clauses are one)."""
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    total = 0.0
    worded = False
    for t, w in a.items():
        other = get(t)
        if other is not None:
            total += w * other
            worded = worded or not t[0].isdigit()
    return min(1.0, total) if worded else 0.0


def word_list(text: str) -> list[str]:
    """The lower-cased words of a text, in order."""
    return _WORD.findall(text.lower())


def words(text: str) -> frozenset[str]:
    """The set of lower-cased words of a text."""
    return frozenset(_WORD.findall(text.lower()))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets, in [0, 1]; two empty texts are identical."""
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)
