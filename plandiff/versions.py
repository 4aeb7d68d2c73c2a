"""What a report says about a version: its facts, and how many of its clauses are reported or carried."""

from __future__ import annotations

from .model import Clause, Coverage, PlanVersion, Provenance, VersionInfo


def version_info(plan: PlanVersion, label: str | None = None) -> VersionInfo:
    """The version's facts and clause counts by provenance (``label`` defaults to the plan's own)."""
    total = reported = carried = status_reported = 0
    stack: list[Clause] = list(plan.clauses)
    while stack:  # every clause once: linear in the clauses, no recursion limit
        clause = stack.pop()
        total += 1
        if clause.provenance is Provenance.REPORTED:
            reported += 1
        elif clause.provenance is Provenance.CARRIED:
            carried += 1
            status_reported += clause.status_provenance is Provenance.REPORTED
        stack.extend(clause.clauses)
    return VersionInfo(
        label=plan.label if label is None else label,
        plan=plan.plan,
        title=plan.title,
        date=plan.date,
        status=plan.status,
        drafted_by=plan.drafted_by,
        parent=plan.parent,
        coverage=Coverage(total, reported, carried, status_reported, plan.reported_points, plan.parent),
    )
