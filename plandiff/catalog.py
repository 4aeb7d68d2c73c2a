"""The bundled record as a whole: every version, in lineage and date order."""

from __future__ import annotations

from pathlib import Path

from .errors import PlanLoadError
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

    A version whose parent is not among ``plans`` starts a lineage of its own.
    """
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
    return tuple(ordered)


def clause_count(plan: PlanVersion) -> int:
    """Clauses including sub-points."""
    return len(flatten(plan.clauses))
