"""A plan version as plain text, one clause per paragraph (git textconv, quick reading)."""

from __future__ import annotations

from ..model import Clause, PlanVersion
from .phrases import address_text
from .sanitize import terminal_safe


def plan_text(plan: PlanVersion) -> str:
    """Header line, then each clause: ``6 [army-cap] Army size (reported)`` and its text."""
    facts = [f for f in (plan.plan, plan.date, plan.status.value if plan.status else None) if f]
    lines = [(plan.title or plan.label) + (f" ({', '.join(facts)})" if facts else "")]

    def visit(clauses: tuple[Clause, ...], prefix: tuple[str, ...]) -> None:
        for clause in clauses:
            address = prefix + (clause.number,)
            head = [address_text(address)]
            if clause.id:
                head.append(f"[{clause.id}]")
            if clause.title:
                head.append(clause.title)
            marks = [
                m
                for m in ("bracketed" if clause.bracketed else "", clause.provenance.value)
                if m and m != "published"
            ]
            if marks:
                head.append(f"({', '.join(marks)})")
            lines.extend(["", " ".join(head), clause.text])
            visit(clause.clauses, address)

    visit(plan.clauses, ())
    return terminal_safe("\n".join(lines)) + "\n"
