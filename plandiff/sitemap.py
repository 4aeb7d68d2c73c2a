"""The shape of the published site: which diff pages exist, how they chain, and the clause index by topic."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import NamedTuple

from .flat import flatten
from .model import PlanVersion

OTHER_TOPIC = ""
"""Group key of clauses that carry no topic in any version (listed last, as "Other")."""


class DiffPage(NamedTuple):
    """One comparison the site publishes."""

    old: str
    """Slug of the older version."""
    new: str
    """Slug of the newer version."""
    span: bool = False
    """True for a first-to-latest comparison across several steps; False for parent → child."""

    @property
    def path(self) -> str:
        """Page path relative to the site root."""
        return f"diffs/{self.old}--{self.new}.html"


class ThreeWayPage(NamedTuple):
    """Two revisions of one base side by side (``plandiff three-way BASE A B``)."""

    base: str
    a: str
    b: str

    @property
    def path(self) -> str:
        """Page path relative to the site root."""
        return f"three-way/{self.base}--{self.a}--{self.b}.html"


class ClauseEntry(NamedTuple):
    """A clause id as the site lists it."""

    id: str
    title: str | None
    """Title in the first version that gives one: the name the clause entered the record with (a
    later version, perhaps of another lineage, may name it after its own position)."""
    text: str
    """Text in the first version that has the clause."""
    topic: str
    """First topic in the first version that gives topics (``OTHER_TOPIC`` when none does)."""
    versions: tuple[str, ...]
    """Slugs of the versions that have the clause, in lineage order."""
    texts: tuple[str, ...]
    """The clause's text in each of ``versions``."""
    parent: str | None
    """Id of the nearest enclosing clause that has an id, in the latest version that has this one."""
    children: tuple[str, ...]
    """Ids of sub-points in any version, in order of first appearance."""


def diff_pages(plans: tuple[PlanVersion, ...]) -> tuple[DiffPage, ...]:
    """Every parent → child diff in lineage order, then each lineage's first → latest version.

    The latest version of a lineage is its descendant with the greatest date (lineage order breaks
    ties); a span that is already a single step is not repeated.
    """
    slugs = {p.plan for p in plans if p.plan}
    steps = [DiffPage(p.parent, p.plan) for p in plans if p.plan and p.parent in slugs and p.parent]
    order = {p.plan: k for k, p in enumerate(plans)}
    parents = {p.plan: p.parent for p in plans if p.parent in slugs}
    spans: list[DiffPage] = []
    for root in plans:
        if not root.plan or root.plan in parents:
            continue
        descendants = [p for p in plans if p.plan and root.plan in _ancestors(p.plan, parents)]
        if not descendants:
            continue
        latest = max(descendants, key=lambda p: (p.date or "", order[p.plan]))
        if latest.parent != root.plan and latest.plan:
            spans.append(DiffPage(root.plan, latest.plan, span=True))
    return (*steps, *spans)


def three_way_pages(plans: tuple[PlanVersion, ...]) -> tuple[ThreeWayPage, ...]:
    """For each version revised more than once, its revisions side by side, neighbours in lineage order.

    Each pair of consecutive children gets a page (k children: k - 1 pages), which bounds the count
    by the number of versions; all pairs would grow with its square.
    """
    pages: list[ThreeWayPage] = []
    for base in plans:
        children = [p.plan for p in plans if p.plan and p.parent == base.plan and p.plan != base.plan]
        pages += [ThreeWayPage(str(base.plan), a, b) for a, b in pairwise(children)]
    return tuple(pages)


def _ancestors(slug: str, parents: Mapping[str | None, str | None]) -> list[str]:
    seen: list[str] = []
    current = parents.get(slug)
    while current and current not in seen:  # a parent cycle ends the walk instead of looping
        seen.append(current)
        current = parents.get(current)
    return seen


def steps_between(plans: tuple[PlanVersion, ...], page: DiffPage) -> tuple[DiffPage, ...]:
    """The parent → child steps from ``page.old`` down to ``page.new`` (empty if not a lineage)."""
    slugs = {p.plan for p in plans if p.plan}
    parents = {p.plan: p.parent for p in plans if p.parent in slugs}
    chain = [page.new, *_ancestors(page.new, parents)]
    if page.old not in chain:
        return ()
    chain = chain[: chain.index(page.old) + 1][::-1]
    return tuple(DiffPage(a, b) for a, b in pairwise(chain))


def previous_diffs(pages: tuple[DiffPage, ...], page: DiffPage) -> tuple[DiffPage, ...]:
    """Steps that end where ``page`` starts."""
    return tuple(p for p in pages if not p.span and p.new == page.old)


def next_diffs(pages: tuple[DiffPage, ...], page: DiffPage) -> tuple[DiffPage, ...]:
    """Steps that start where ``page`` ends."""
    return tuple(p for p in pages if not p.span and p.old == page.new)


def clause_entries(plans: tuple[PlanVersion, ...]) -> tuple[ClauseEntry, ...]:
    """Every clause id of the record, in order of first appearance."""
    titles: dict[str, str | None] = {}
    texts: dict[str, str] = {}
    topics: dict[str, str] = {}
    versions: dict[str, list[str]] = {}
    in_version: dict[str, list[str]] = {}
    parents: dict[str, str | None] = {}
    children: dict[str, dict[str, None]] = {}
    for plan in plans:
        flat = flatten(plan.clauses)
        for row in flat:
            clause = row.located.clause
            if not clause.id:
                continue
            versions.setdefault(clause.id, []).append(plan.plan or plan.label)
            children.setdefault(clause.id, {})
            texts.setdefault(clause.id, clause.text)
            in_version.setdefault(clause.id, []).append(clause.text)
            if not titles.get(clause.id):
                titles[clause.id] = clause.title
            if topics.get(clause.id, OTHER_TOPIC) == OTHER_TOPIC:
                topics[clause.id] = clause.topics[0] if clause.topics else OTHER_TOPIC
            up = row.parent
            while up is not None and not flat[up].located.clause.id:
                up = flat[up].parent
            owner = flat[up].located.clause.id if up is not None else None
            parents[clause.id] = owner
            if owner:
                children.setdefault(owner, {})[clause.id] = None
    return tuple(
        ClauseEntry(
            i,
            titles[i],
            texts[i],
            topics[i],
            tuple(versions[i]),
            tuple(in_version[i]),
            parents[i],
            tuple(children[i]),
        )
        for i in versions
    )


def text_changes(entry: ClauseEntry, pages: tuple[DiffPage, ...]) -> tuple[tuple[DiffPage, str], ...]:
    """The diff pages in which the clause's text changes: ``added``, ``removed`` or ``changed``."""
    text = dict(zip(entry.versions, entry.texts, strict=True))
    found = []
    for page in pages:
        old, new = text.get(page.old), text.get(page.new)
        if old != new:
            found.append((page, "added" if old is None else "removed" if new is None else "changed"))
    return tuple(found)


def by_topic(
    entries: tuple[ClauseEntry, ...],
) -> tuple[tuple[str, tuple[tuple[ClauseEntry, int], ...]], ...]:
    """Entries grouped by the topic of their top clause, sub-points nested under it (with depth).

    Topics come in order of first appearance, clauses without one last; each entry appears once,
    also when hostile input makes the parent links form a cycle.
    """
    by_id = {e.id: e for e in entries}
    placed: set[str] = set()

    def subtree(entry: ClauseEntry, depth: int) -> list[tuple[ClauseEntry, int]]:
        placed.add(entry.id)
        rows = [(entry, depth)]
        for child in entry.children:
            if child not in placed and by_id[child].parent == entry.id:
                rows += subtree(by_id[child], depth + 1)
        return rows

    groups: dict[str, list[tuple[ClauseEntry, int]]] = {}
    roots = [e for e in entries if e.parent is None or e.parent not in by_id]
    for entry in roots + [e for e in entries if e not in roots]:  # cycle members once, last
        if entry.id not in placed:
            groups.setdefault(entry.topic, []).extend(subtree(entry, 0))
    ordered = sorted(groups, key=lambda t: t == OTHER_TOPIC)  # stable: first appearance otherwise
    return tuple((topic, tuple(groups[topic])) for topic in ordered)


class Place(NamedTuple):
    """Where a clause stands in the index: its group and its neighbours there."""

    topic: str
    previous: str | None
    next: str | None


def places(groups: tuple[tuple[str, tuple[tuple[ClauseEntry, int], ...]], ...]) -> dict[str, Place]:
    """Each clause id's group and neighbours in ``by_topic`` order (computed once for the whole site)."""
    found: dict[str, Place] = {}
    for topic, rows in groups:
        ids = [e.id for e, _ in rows]
        for k, clause_id in enumerate(ids):
            found[clause_id] = Place(
                topic, ids[k - 1] if k else None, ids[k + 1] if k + 1 < len(ids) else None
            )
    return found
