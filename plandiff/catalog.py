"""The bundled record as a whole: every version, in lineage and date order."""

from __future__ import annotations

from pathlib import Path

from .errors import PlanLoadError, quoted
from .flat import flatten
from .load import bundled_dir, load_plan
from .model import PlanVersion


def load_bundled() -> tuple[PlanVersion, ...]:
    """Every bundled plan, labelled ``plans/<slug>.yaml``, in lineage order."""
    plans = [load_plan(path, f"plans/{path.name}") for path in sorted(bundled_dir().glob("*.yaml"))]
    return lineage_order(plans)


def load_record(directory: Path | None) -> tuple[PlanVersion, ...]:
    """Every ``*.yaml`` plan in ``directory`` (None: the bundled record), in lineage order."""
    if directory is None:
        return load_bundled()
    if not directory.is_dir():
        raise PlanLoadError(str(directory), "is not a directory of plan files")
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise PlanLoadError(str(directory), "holds no *.yaml plan files")
    return lineage_order([load_plan(p, str(p)) for p in files])


def lineage_order(plans: list[PlanVersion] | tuple[PlanVersion, ...]) -> tuple[PlanVersion, ...]:
    """Parents before children; siblings, and separate lineages, by date then slug.

    A version whose parent is not among ``plans`` starts a lineage of its own. Two versions with
    one slug, and versions whose parents form a cycle (or name the version itself), are errors
    naming the files: otherwise they would silently vanish from history, table and site.
    """
    first: dict[str, PlanVersion] = {}
    for plan in plans:
        if plan.plan is None:
            continue
        if plan.plan in first:
            raise PlanLoadError(
                f"{first[plan.plan].label} and {plan.label}",
                f"both have the plan slug {quoted(plan.plan or '')}",
            )
        first[plan.plan] = plan
    slugs = {p.plan for p in plans}

    def key(p: PlanVersion) -> tuple[str, str]:
        return (p.date or "9999-99-99", p.plan or p.label)

    children: dict[str | None, list[PlanVersion]] = {}
    for plan in plans:
        parent = plan.parent if plan.parent in slugs else None
        children.setdefault(parent, []).append(plan)
    ordered: list[PlanVersion] = []
    stack = sorted(children.get(None, []), key=key, reverse=True)
    while stack:
        plan = stack.pop()
        ordered.append(plan)
        stack.extend(sorted(children.get(plan.plan, []), key=key, reverse=True))
    if len(ordered) < len(plans):
        placed = {id(p) for p in ordered}
        raise _cycle_error([p for p in plans if id(p) not in placed], first)
    return tuple(ordered)


def _cycle_error(stranded: list[PlanVersion], by_slug: dict[str, PlanVersion]) -> PlanLoadError:
    """The error for versions unreachable from any root: their parents run in a circle."""
    plan = stranded[0]
    seen: list[PlanVersion] = []
    position: dict[int, int] = {}
    while id(plan) not in position:  # every stranded version's parent chain ends in a cycle
        position[id(plan)] = len(seen)
        seen.append(plan)
        plan = by_slug[str(plan.parent)]
    cycle = seen[position[id(plan)] :]
    if len(cycle) == 1:
        return PlanLoadError(plan.label, f"version {quoted(plan.plan or '')} names itself as its parent")
    chain = " → ".join(str(p.plan) for p in [*cycle, cycle[0]])
    return PlanLoadError(", ".join(p.label for p in cycle), f"parents form a cycle: {chain}")


def clause_count(plan: PlanVersion) -> int:
    """Clauses including sub-points."""
    return len(flatten(plan.clauses))
