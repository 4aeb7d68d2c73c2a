"""One clause followed through every version, and the multi-column table of clauses × versions."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .errors import UsageError, quoted
from .flat import flatten
from .lineage import ClauseTable, History, HistoryEntry, SubPoint, TableCell
from .model import ChangeKind, Clause, Located, PlanVersion, QuantityChange, Segment, VersionInfo
from .quantities import pair_quantities
from .versions import version_info
from .worddiff import diff_words

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def info(plan: PlanVersion) -> VersionInfo:
    """What a report says about a version."""
    return version_info(plan, plan.plan or plan.label)


def _by_id(plan: PlanVersion) -> dict[str, Located]:
    return {f.located.clause.id: f.located for f in flatten(plan.clauses) if f.located.clause.id}


def known_ids(plans: tuple[PlanVersion, ...]) -> tuple[str, ...]:
    """Every clause id in the versions, in order of first appearance."""
    seen: dict[str, None] = {}
    for plan in plans:
        seen.update(dict.fromkeys(_by_id(plan)))
    return tuple(seen)


def id_maps(plans: tuple[PlanVersion, ...]) -> tuple[dict[str, Located], ...]:
    """Each version's clauses by id: built once for the many histories of a site."""
    return tuple(_by_id(p) for p in plans)


def clause_history(
    plans: tuple[PlanVersion, ...], clause_id: str, maps: tuple[dict[str, Located], ...] | None = None
) -> History:
    """The clause ``clause_id`` in each version, with the word diff from its nearest ancestor.

    The ancestor is the closest version up the ``parent`` chain that has the clause; a version
    with no such ancestor (a separate document, or the first to have the clause) shows its text
    without a diff. ``maps`` is :func:`id_maps` of ``plans``, when the caller has it: without it
    every history re-indexes every version, and a site of 20 versions × 800 clauses did that
    16,000 times (quadratic).
    """
    maps = maps if maps is not None else id_maps(plans)
    if not any(clause_id in m for m in maps):
        raise UsageError(f"{clause_id}: no clause with this id in any version")
    by_slug = {p.plan: p for p in plans if p.plan}
    in_version = [m.get(clause_id) for m in maps]
    found = {p.plan: located for p, located in zip(plans, in_version) if p.plan}
    entries: list[HistoryEntry] = []
    for plan, located in zip(plans, in_version):
        if located is None:
            entries.append(HistoryEntry(info(plan), None))
            continue
        ancestor = _nearest(plan, by_slug, found)
        before = found.get(ancestor) if ancestor else None
        subpoints = _subpoints(before, located)
        if before is None or before.clause.text == located.clause.text:
            entries.append(
                HistoryEntry(info(plan), located, ancestor if before else None, subpoints=subpoints)
            )
        else:
            segments, quantities = _text_change(before.clause.text, located.clause.text)
            entries.append(HistoryEntry(info(plan), located, ancestor, segments, quantities, subpoints))
    # By date, lineage order breaking ties; a date that is not ISO (a plan built in code) sorts as unknown.
    order = sorted(range(len(plans)), key=lambda i: _date_key(plans[i].date))
    return History(clause_id, tuple(entries[i] for i in order))


def _date_key(date: str | None) -> str:
    return date if date is not None and _ISO_DATE.fullmatch(date) else "9999-99-99"


def content_changed(old: Clause, new: Clause) -> bool:
    """The one definition of a changed clause, as ``compare`` counts it: text, title, topics (as a
    set) or bracket differ. A change of provenance alone is not a change."""
    return (
        old.text != new.text
        or old.title != new.title
        or old.bracketed != new.bracketed
        or sorted(old.topics) != sorted(new.topics)
    )


def _text_change(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[QuantityChange, ...]]:
    segments, _ = diff_words(old, new)
    return segments, pair_quantities(old, new)


def _descendants(located: Located | None) -> dict[object, Located]:
    """Sub-points at any depth, keyed by id (or by address below the parent when they have none)."""
    if located is None:
        return {}
    depth = len(located.address)
    out: dict[object, Located] = {}
    for flat in flatten(located.clause.clauses):
        sub = flat.located
        full = Located(located.address + sub.address, sub.clause)
        out[sub.clause.id or ("#", *full.address[depth:])] = full
    return out


def _subpoints(before: Located | None, located: Located) -> tuple[SubPoint, ...]:
    """The clause's sub-points against the ancestor's: paired by id, else by address below the parent.

    Without an ancestor every sub-point is listed as UNCHANGED so that its text is shown.
    """
    new = _descendants(located)
    if before is None:
        return tuple(SubPoint(ChangeKind.UNCHANGED, None, sub) for sub in new.values())
    old = _descendants(before)
    result = []
    for key, sub in new.items():
        was = old.get(key)
        if was is None:
            result.append(SubPoint(ChangeKind.ADDED, None, sub))
        elif not content_changed(was.clause, sub.clause):
            result.append(SubPoint(ChangeKind.UNCHANGED, was, sub))
        elif was.clause.text == sub.clause.text:
            result.append(SubPoint(ChangeKind.MODIFIED, was, sub))
        else:
            result.append(
                SubPoint(ChangeKind.MODIFIED, was, sub, *_text_change(was.clause.text, sub.clause.text))
            )
    result += [SubPoint(ChangeKind.REMOVED, was, None) for key, was in old.items() if key not in new]
    return tuple(result)


def clause_table(
    plans: tuple[PlanVersion, ...], ids: tuple[str, ...], record: tuple[PlanVersion, ...] = ()
) -> ClauseTable:
    """The negotiators' view: one row per id, one column per version.

    A cell is marked changed against the nearest ancestor that has the clause (up the ``parent``
    chain through ``record``, every version, shown or not; default: ``plans``), exactly as
    ``compare`` of the two would count it. A version with no such ancestor is not marked.
    """
    known = known_ids(plans)
    for clause_id in ids:
        if clause_id not in known:
            raise UsageError(f"{clause_id}: no clause with this id in any version")
    everything = record or plans
    by_slug = {p.plan: p for p in everything if p.plan}
    maps = {id(p): _by_id(p) for p in (*everything, *plans)}
    rows = []
    for clause_id in ids or known:
        found = {p.plan: maps[id(p)].get(clause_id) for p in everything if p.plan}
        cells = []
        for plan in plans:
            located = maps[id(plan)].get(clause_id)
            ancestor = _nearest(plan, by_slug, found)
            before = found.get(ancestor) if ancestor else None
            changed = bool(located and before and content_changed(before.clause, located.clause))
            cells.append(TableCell(located, changed))
        rows.append((clause_id, tuple(cells)))
    return ClauseTable(tuple(info(p) for p in plans), tuple(rows))


def _nearest(
    plan: PlanVersion, by_slug: Mapping[str, PlanVersion], found: Mapping[str, Located | None]
) -> str | None:
    """The closest version up ``plan``'s parent chain that has the clause (None if there is none)."""
    ancestor, seen = plan.parent, {plan.plan}
    while ancestor and ancestor not in seen and ancestor in by_slug and found.get(ancestor) is None:
        seen.add(ancestor)
        ancestor = by_slug[ancestor].parent
    return ancestor if ancestor and found.get(ancestor) is not None else None


def select_versions(plans: tuple[PlanVersion, ...], slugs: tuple[str, ...]) -> tuple[PlanVersion, ...]:
    """The versions named by ``slugs``, in that order (all of them when empty)."""
    if not slugs:
        return plans
    by_slug = {p.plan or p.label: p for p in plans}
    missing = [s for s in slugs if s not in by_slug]
    if missing:
        raise UsageError(f"--versions: unknown version {quoted(missing[0])} (known: {', '.join(by_slug)})")
    return tuple(by_slug[s] for s in slugs)
