"""A plan version as plain text, one clause per paragraph (git textconv, quick reading)."""

from __future__ import annotations

from ..model import Clause, PlanVersion
from .phrases import address_text, provenance_label
from .sanitize import terminal_line, terminal_safe

CONTINUATION = "| "
"""Starts every further line of a clause text, so that no text line can pass for a clause heading."""


def plan_text(plan: PlanVersion) -> str:
    """Header line, then each clause: ``6 [army-cap] Army size (reported)`` and its text.

    Headings follow a blank line and are one line each (line breaks in their fields are written
    out as ``\x0a``); a clause text that spans lines has CONTINUATION at the start of each further
    line, so its text can never start a line that looks like a heading.
    """
    facts = [f for f in (plan.plan, plan.date, plan.status.value if plan.status else None) if f]
    lines = [terminal_line((plan.title or plan.label) + (f" ({', '.join(facts)})" if facts else ""))]

    def block(head: str, text: str) -> None:
        first, *rest = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines.extend(["", head, first])
        lines.extend((CONTINUATION + line).rstrip() for line in rest)

    def visit(clauses: tuple[Clause, ...], prefix: tuple[str, ...]) -> None:
        for clause in clauses:
            address = prefix + (clause.number,)
            head = [address_text(address)]
            if clause.id:
                head.append(f"[{clause.id}]")
            if clause.title:
                head.append(clause.title)
            marks = [m for m in ("bracketed" if clause.bracketed else "", provenance_label(clause)) if m]
            if marks:
                head.append(f"({', '.join(marks)})")
            block(terminal_line(" ".join(head)), clause.text)
            visit(clause.clauses, address)

    # Text outside the points is shown too (a textconv diff must see a change there), under
    # headings no clause can have: a clause heading starts with its number.
    if plan.preamble:
        block("(preamble)", plan.preamble)
    visit(plan.clauses, ())
    if plan.closing:
        block("(closing)", plan.closing)
    return terminal_safe("\n".join(lines)) + "\n"


def plan_markdown(plan: PlanVersion) -> str:
    """A plan as a numbered Markdown list (what ``plandiff import`` reads back).

    Each point is ``6. text``; sub-points follow inside it as ``a) text`` lines, deeper levels
    indented further. Numbers and texts come back unchanged through ``plandiff import``.
    """
    from .markdown import escape_inline

    lines = [f"# {escape_inline(plan.title or plan.label)}", ""]

    def sub(clauses: tuple[Clause, ...], indent: int) -> None:
        for clause in clauses:
            # Indented into the item, so that "1)" opens a nested list and "a)" stays a line.
            number = escape_inline(clause.number)
            lines.append(" " * indent + f"{number}) {escape_inline(clause.text)}")
            sub(clause.clauses, indent + len(number) + 2)

    for clause in plan.clauses:
        number = escape_inline(clause.number)  # plain numbers (6, a, 2.1) are unchanged
        lines.append(f"{number}. {escape_inline(clause.text)}")
        sub(clause.clauses, len(number) + 2)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
