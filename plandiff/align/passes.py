"""Pairs the clauses of two versions, with or without ids, and finds splits and merges.

Evidence is used strongest first: equal ids → identical text → content. Content pairing (see
``candidates`` and ``similarity``) scores the clauses still unpaired by the cosine of their
stemmed, rarity-weighted terms (parents with their sub-points' content), and pairs them in rounds:

1. clear pairs anywhere (cosine ≥ ``CLEAR``), best first;
2. inside each gap between anchors (pairs kept in order), the heaviest in-order chain of pairs
   with shared evidence (cosine ≥ ``IN_PLACE``): position breaks ties, it never pairs alone;
3. moves that were also reworded: the best remaining pairs anywhere (cosine ≥ ``MOVED``);
4. splits and merges (``splits``).

Number and position never pair two clauses on their own. A clause left unpaired keeps its best
candidate as a hint ("may continue old point 5") when it shares some wording with it. Moves are
the pairs outside the longest increasing run of sibling positions.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from ..flat import Flat
from ..model import MatchKind
from .candidates import BAND, Content
from .chain import certain_increasing, heaviest_chain
from .exact import Pairing
from .moves import moved_pairs
from .splits import Group, find_groups

CLEAR = 0.5
"""Cosine at which two clauses pair wherever they stand: paraphrases of one point share most of
their rare terms; different points of one plan rarely pass 0.35."""
IN_PLACE = 0.15
"""Cosine enough for a pair that keeps the order between two anchors: a couple of shared rare
terms, with the position as the tie-breaker."""
MOVED = 0.3
"""Cosine for a pair that is out of order (moved and reworded)."""
SURE = 0.5
SURE_MARGIN = 0.2
"""A wording pair is reported as ``similar`` (no ``?``) only with cosine ≥ SURE and this margin
over the next candidate of either clause; otherwise it is ``wording``, shown with a ``?``."""
HINT = 0.12
"""Cosine with its best candidate above which an unpaired clause says "may continue …"."""


class Pair(NamedTuple):
    """An old clause paired with a new one."""

    old: int
    """Flat index in the old version."""
    new: int
    """Flat index in the new version."""
    match: MatchKind
    confidence: float
    """1.0 for ids and identical text; for wording, the cosine minus the next candidate's."""
    moved: bool
    """Outside the longest in-order run among its siblings, or under a different parent."""
    similarity: float | None = None
    """Cosine of the two clauses' terms (wording pairs only)."""
    runner_up: float | None = None
    """Cosine of the next best candidate of either clause (wording pairs only)."""


class Hint(NamedTuple):
    """An unpaired clause's best candidate on the other side, too weak to pair."""

    old: int
    new: int
    similarity: float
    removed: bool
    """True: the old clause is the unpaired one; False: the new one."""


class Alignment(NamedTuple):
    """Everything the pairing found."""

    pairs: tuple[Pair, ...]
    splits: tuple[Group, ...]
    merges: tuple[Group, ...]
    hints: tuple[Hint, ...] = ()


class _Aligner(Pairing):
    """Content rounds, groups, hints and the final pairs of one comparison."""

    def by_content(self) -> tuple[list[Group], list[Group], list[Hint]]:
        old, new = self.old, self.new
        old_free = [i for i in range(len(old.texts)) if i not in self.partner]
        new_free = [j for j in range(len(new.texts)) if j not in self.back]
        if not old_free or not new_free:
            return [], [], []
        content = Content(old.texts, new.texts, old.kids, new.kids, old_free, new_free)
        edges = self.edges
        for i in old_free:
            for j in content.lookup_old(i):
                self._edge(content, edges, i, j)
        for j in new_free:
            for i in content.lookup_new(j):
                self._edge(content, edges, i, j)
        self._strongest(edges, CLEAR)
        self._chains(content, edges)
        self._strongest(edges, MOVED)  # the chains' bands may have added edges
        self._chains(content, edges)
        splits, merges = self._groups(content, edges)
        return splits, merges, self._hints(edges)

    def _edge(self, content: Content, edges: dict[tuple[int, int], float], i: int, j: int) -> None:
        if (i, j) not in edges and not (self.use_ids and self.old.ids[i] and self.new.ids[j]):
            edges[(i, j)] = score = content.score(i, j)
            self.adj.setdefault(i, {})[j] = score
            self.radj.setdefault(j, {})[i] = score

    def _groups_of(self, parent: int | None) -> tuple[list[int], list[int]] | None:
        """Sibling lists compared with each other: the top levels, or the sub-points of a pair."""
        if parent is None:
            return self.old.kids.get(None, []), self.new.kids.get(None, [])
        if parent not in self.partner:
            return None
        return self.old.kids.get(parent, []), self.new.kids.get(self.partner[parent], [])

    def _gaps(self, a: list[int], b: list[int]) -> list[tuple[list[int], list[int]]]:
        """Runs of unpaired siblings between consecutive in-order anchors, on both sides."""
        if all(i in self.partner for i in a) or all(j in self.back for j in b):
            return []
        where = {j: k for k, j in enumerate(b)}
        placed = [(ka, where[self.partner[i]]) for ka, i in enumerate(a) if self.partner.get(i, -1) in where]
        anchors = [placed[k] for k in sorted(certain_increasing([kb for _, kb in placed]))]
        out = []
        for (a0, b0), (a1, b1) in pairwise([(-1, -1), *anchors, (len(a), len(b))]):
            gap_a = [i for i in a[a0 + 1 : a1] if i not in self.partner]
            gap_b = [j for j in b[b0 + 1 : b1] if j not in self.back]
            if gap_a and gap_b:
                out.append((gap_a, gap_b))
        return out

    def _band(
        self, content: Content, edges: dict[tuple[int, int], float], gaps: list[tuple[list[int], list[int]]]
    ) -> None:
        """Score each unpaired clause against those near its proportional place in its gap."""
        for gap_a, gap_b in gaps:
            for k, i in enumerate(gap_a):  # both ways, so that the reverse comparison scores alike
                centre = (k * len(gap_b)) // len(gap_a)
                for j in gap_b[max(0, centre - BAND) : centre + BAND + 1]:
                    if i in content.old and j in content.new:
                        self._edge(content, edges, i, j)
            for k, j in enumerate(gap_b):
                centre = (k * len(gap_a)) // len(gap_b)
                for i in gap_a[max(0, centre - BAND) : centre + BAND + 1]:
                    if i in content.old and j in content.new:
                        self._edge(content, edges, i, j)

    def _strongest(self, edges: dict[tuple[int, int], float], floor: float) -> None:
        """Pair free clauses along the strongest edges first, down to ``floor``."""
        for (i, j), score in sorted(edges.items(), key=_strongest_first):
            if score < floor:
                break
            if i not in self.partner and j not in self.back:
                self.pair(i, j, MatchKind.SIMILAR)

    def _chains(self, content: Content, edges: dict[tuple[int, int], float]) -> None:
        """Round 2: the heaviest in-order chain inside each gap, parents before sub-points."""
        for parent in [None, *sorted(k for k in self.old.kids if k is not None)]:
            groups = self._groups_of(parent)
            if groups is None:
                continue
            gaps = self._gaps(*groups)  # scoring the band pairs nothing: the gaps stay the same
            self._band(content, edges, gaps)
            for gap_a, gap_b in gaps:
                rank_b = {j: k for k, j in enumerate(gap_b)}
                chain_edges = [
                    (ka, rank_b[j], score)
                    for ka, i in enumerate(gap_a)
                    for j, score in self.adj.get(i, {}).items()
                    if score >= IN_PLACE and j in rank_b
                ]
                for ka, kb, _ in heaviest_chain(chain_edges):
                    self.pair(gap_a[ka], gap_b[kb], MatchKind.SIMILAR)

    def _groups(
        self, content: Content, edges: dict[tuple[int, int], float]
    ) -> tuple[list[Group], list[Group]]:
        best_old: dict[int, tuple[int, float]] = {}
        best_new: dict[int, tuple[int, float]] = {}
        for (i, j), score in sorted(edges.items()):
            if score > best_old.get(i, (-1, -1.0))[1]:
                best_old[i] = (j, score)
            if score > best_new.get(j, (-1, -1.0))[1]:
                best_new[j] = (i, score)

        def main_new(i: int) -> int | None:
            return self.partner[i] if self.kind.get(i) is MatchKind.SIMILAR else None

        def main_old(j: int) -> int | None:
            i = self.back.get(j)
            return i if i is not None and self.kind.get(i) is MatchKind.SIMILAR else None

        free_new = [j for j in content.new if j not in self.back]
        splits = []
        for w, pieces, cover in find_groups(content.old, content.new, free_new, best_new.get, main_new):
            self._unpair(w)
            for j in pieces:
                self.back[j] = w
            splits.append(Group((w,), pieces, cover))
            self.grouped_old.add(w)
            self.grouped_new.update(pieces)
        free_old = [i for i in content.old if i not in self.partner]
        merges = []
        for w, pieces, cover in find_groups(content.new, content.old, free_old, best_old.get, main_old):
            if w in self.grouped_new or (
                w in self.back and self.kind.get(self.back[w]) is not MatchKind.SIMILAR
            ):
                continue
            if w in self.back and self.back[w] in self.partner:
                self._unpair(self.back[w])
            for i in pieces:
                self.partner[i] = w
                self.kind[i] = MatchKind.SIMILAR
            merges.append(Group(pieces, (w,), cover))
        for g in merges:
            self.grouped_old.update(g.old)
            self.grouped_new.update(g.new)
        return splits, merges

    def _unpair(self, i: int) -> None:
        j = self.partner.pop(i, None)
        self.kind.pop(i, None)
        if j is not None:
            self.back.pop(j, None)

    def _hints(self, edges: dict[tuple[int, int], float]) -> list[Hint]:
        best: dict[tuple[bool, int], tuple[float, int, int]] = {}
        for (i, j), score in edges.items():
            if score < HINT:
                continue
            if i not in self.partner and i not in self.grouped_old:
                key = (True, i)
                if (score, -j) > best.get(key, (0.0, 0, 0))[:2]:
                    best[key] = (score, -j, j)
            if j not in self.back and j not in self.grouped_new:
                key = (False, j)
                if (score, -i) > best.get(key, (0.0, 0, 0))[:2]:
                    best[key] = (score, -i, i)
        return [
            Hint(k, other, score, True) if removed else Hint(other, k, score, False)
            for (removed, k), (score, _, other) in sorted(best.items())
        ]

    def finish(self, old: tuple[Flat, ...], new: tuple[Flat, ...]) -> tuple[Pair, ...]:
        """The pairs, with moves, and for wording pairs the similarity, margin and evidence kind."""
        top: dict[tuple[bool, int], list[float]] = {}
        for (i, j), score in self.edges.items():
            for key in ((True, i), (False, j)):
                found = top.setdefault(key, [0.0, 0.0])
                if score > found[0]:
                    found[0], found[1] = score, found[0]
                elif score > found[1]:
                    found[1] = score
        partner = {i: j for i, j in self.partner.items() if i not in self.grouped_old}
        moved = moved_pairs(old, new, partner)
        pairs = []
        for i, j in sorted(partner.items()):
            kind = self.kind[i]
            if kind is not MatchKind.SIMILAR:
                pairs.append(Pair(i, j, kind, 1.0, i in moved))
                continue
            score = self.edges[(i, j)]
            # The next candidate of either clause: its best other than this pair.
            runner = max(_other(top[(True, i)], score), _other(top[(False, j)], score))
            if score < SURE or score - runner < SURE_MARGIN:
                kind = MatchKind.WORDING
            confidence = round(max(0.01, score - runner), 2)
            pairs.append(Pair(i, j, kind, confidence, i in moved, round(score, 2), round(runner, 2)))
        return tuple(pairs)


def _strongest_first(edge: tuple[tuple[int, int], float]) -> tuple[float, int, int]:
    """Best score first; ties by a key that does not change when old and new are swapped."""
    (i, j), score = edge
    return (-score, i + j, abs(i - j))


def _other(best_two: list[float], score: float) -> float:
    """The best score other than ``score`` itself (the pair's own edge is one of the two)."""
    return best_two[1] if best_two[0] == score else best_two[0]


def align_clauses(old: tuple[Flat, ...], new: tuple[Flat, ...], use_ids: bool = True) -> Alignment:
    """Pair the clauses of two flattened versions; see the module docstring for the evidence order."""
    aligner = _Aligner(old, new, use_ids)
    if use_ids:
        aligner.by_id()
    aligner.by_text()
    splits, merges, hints = aligner.by_content()
    return Alignment(aligner.finish(old, new), tuple(splits), tuple(merges), tuple(hints))
