"""The static site of a plan record: pages as a mapping from relative path to content (pure).

Pages: ``index.html`` (timeline), ``versions/<slug>.html``, ``diffs/<parent>--<slug>.html``,
``clauses/<id>.html`` (history), ``table.html`` (clauses × versions) and ``style.css``. Output
is deterministic: no dates, times or absolute paths, and the same record gives the same bytes.
"""

from __future__ import annotations

import re

from .catalog import clause_count
from .diff import compare
from .errors import UsageError
from .history import clause_history, clause_table, known_ids
from .model import Clause, PlanVersion
from .render import phrases
from .render.history import history_markdown, table_markdown
from .render.html import STYLESHEET, page
from .render.markdown import escape, escape_inline
from .render.markdown import render as report_markdown
from .render.options import RenderOptions
from .render.sanitize import markdown_code
from .select import Selection, select_changes

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`]+\Z")


def _nav(depth: int) -> str:
    up = "../" * depth
    return f'<nav><a href="{up}index.html">Timeline</a><a href="{up}table.html">All clauses</a></nav>\n'


def _link(text: str, href: str) -> str:
    return f"[{escape_inline(text)}]({href})"


def _source_line(title: str, url: str, date: str | None) -> str:
    """A source as a link when its URL is a plain http(s) URL; any other URL is shown as text."""
    when = f" ({escape_inline(date)})" if date else ""
    if _SAFE_URL.match(url):
        href = url.replace("\\", "%5C").replace("(", "%28").replace(")", "%29")
        return f"- {_link(title, href)}{when}"
    return f"- {escape_inline(title)}{when}: {escape_inline(url)} (not linked)"


def build_site(plans: tuple[PlanVersion, ...]) -> dict[str, str]:
    """Every page of the site for ``plans`` (in lineage order)."""
    for plan in plans:
        if not plan.plan or not _SLUG.match(plan.plan):
            raise UsageError(f"{plan.label}: publishing needs a 'plan' slug in every version")
    slugs = {p.plan for p in plans}
    ids = known_ids(plans)
    pages: dict[str, str] = {"style.css": STYLESHEET}
    pages["index.html"] = page(_index(plans, slugs), "Plan versions", "style.css", _nav(0))
    pages["table.html"] = page(table_markdown(clause_table(plans, ())), "All clauses", "style.css", _nav(0))
    for plan in plans:
        pages[f"versions/{plan.plan}.html"] = page(
            _version(plan, slugs), plan.title or str(plan.plan), "../style.css", _nav(1)
        )
        if plan.parent in slugs:
            parent = next(p for p in plans if p.plan == plan.parent)
            report = select_changes(compare(parent, plan), Selection())
            body = report_markdown(report, RenderOptions())
            pages[f"diffs/{plan.parent}--{plan.plan}.html"] = page(
                body, f"{plan.parent} → {plan.plan}", "../style.css", _nav(1)
            )
    for clause_id in ids:
        pages[f"clauses/{clause_id}.html"] = page(
            history_markdown(clause_history(plans, clause_id)), f"Clause {clause_id}", "../style.css", _nav(1)
        )
    return pages


def _index(plans: tuple[PlanVersion, ...], slugs: set[str | None]) -> str:
    lines = [
        "# Plan versions",
        "",
        (
            "Every version in lineage order (parents before the versions that revise them). "
            "Versions marked *reconstructed* or *reported* have no published text."
        ),
        "",
        "| date | version | status | drafted by | clauses | changes from parent |",
        "|---|---|---|---|---:|---|",
    ]
    for plan in plans:
        diff = (
            _link(f"{plan.parent} → {plan.plan}", f"diffs/{plan.parent}--{plan.plan}.html")
            if plan.parent in slugs
            else "—"
        )
        status = plan.status.value if plan.status else ""
        if plan.status in phrases.UNVERIFIED_STATUSES:
            status = f"*{status}*"
        lines.append(
            f"| {escape_inline(plan.date or '')} | {_link(plan.title or str(plan.plan), f'versions/{plan.plan}.html')} | {status} "
            f"| {escape_inline(', '.join(plan.drafted_by))} | {clause_count(plan)} | {diff} |"
        )
    lines += ["", "## Clauses", ""]
    lines += [", ".join(_link(i, f"clauses/{i}.html") for i in known_ids(plans))]
    return "\n".join(lines) + "\n"


def _version(plan: PlanVersion, slugs: set[str | None]) -> str:
    lines = [f"# {escape(plan.title or str(plan.plan))}", ""]
    facts = [
        ("Version", markdown_code(str(plan.plan))),
        ("Date", escape_inline(plan.date or "")),
        ("Status", plan.status.value if plan.status else ""),
    ]
    facts.append(("Drafted by", escape_inline(", ".join(plan.drafted_by))))
    if plan.parent:
        parent = (
            _link(plan.parent, f"{plan.parent}.html") if plan.parent in slugs else markdown_code(plan.parent)
        )
        facts.append(("Revises", parent))
    lines += ["| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in facts if v), ""]
    if plan.notes:
        lines += [f"> {escape_inline(plan.notes)}", ""]
    lines += ["## Clauses", ""]

    def visit(clauses: tuple[Clause, ...], prefix: tuple[str, ...]) -> None:
        for clause in clauses:
            address = prefix + (clause.number,)
            head = [f"**{escape_inline(phrases.address_text(address))}**"]
            if clause.id:
                head.append(_link(clause.id, f"../clauses/{clause.id}.html"))
            if clause.title:
                head.append(escape_inline(clause.title))
            marks = [
                m
                for m in (clause.provenance.value, "bracketed" if clause.bracketed else "")
                if m and m != "published"
            ]
            if marks:
                head.append(f"*{', '.join(marks)}*")
            lines.extend([" · ".join(head) + " — " + escape_inline(clause.text), ""])
            if clause.note:
                lines.extend([f"> {escape_inline(clause.note)}", ""])
            visit(clause.clauses, address)

    visit(plan.clauses, ())
    if plan.sources:
        lines += ["## Sources", ""]
        lines += [_source_line(s.title, s.url, s.date) for s in plan.sources]
    return "\n".join(lines) + "\n"
