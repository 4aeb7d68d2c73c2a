"""Markdown of the site's own pages: the index and the version pages (names and link blocks: ``sitenav``).

Every string from a plan goes through ``render.sanitize`` (``markdown_inline``, ``markdown_text``,
``markdown_code``); link targets are built only from validated slugs and ids.
"""

from __future__ import annotations

import re

from .catalog import clause_count
from .model import Clause, PlanVersion, Provenance
from .render import phrases
from .render.sanitize import markdown_code, markdown_inline, markdown_text
from .sitemap import (
    ClauseEntry,
    DiffPage,
    ThreeWayPage,
    by_topic,
    steps_between,
)
from .sitenav import clause_name, diff_heading, link, three_way_heading, topic_name, version_name
from .versions import version_info

_SAFE_URL = re.compile(r"https?://[^\s<>\"'`]+\Z")
PROVENANCE_MEANING = {
    Provenance.PUBLISHED: "the wording follows a published or leaked full text",
    Provenance.REPORTED: "the wording is known only from press accounts of the text",
    Provenance.CARRIED: (
        "nothing was reported about the clause; its text is carried over from the parent version "
        "so that the comparison stays complete, and is not confirmed by any source"
    ),
}


def _status(plan: PlanVersion) -> str:
    status = plan.status.value if plan.status else ""
    return f"*{status}*" if plan.status in phrases.UNVERIFIED_STATUSES else status


def index_markdown(
    plans: tuple[PlanVersion, ...],
    diffs: tuple[DiffPage, ...],
    entries: tuple[ClauseEntry, ...],
    three_ways: tuple[ThreeWayPage, ...] = (),
) -> str:
    """The front page: what the record is, the versions, the comparisons, the clauses by topic."""
    by_slug = {p.plan: p for p in plans if p.plan}
    dates = sorted(p.date for p in plans if p.date)
    span = f" from {markdown_inline(dates[0])} to {markdown_inline(dates[-1])}" if dates else ""
    lines = [
        "# Plan record",
        "",
        (
            f"{len(plans)} versions{span}, kept as numbered clauses so that any two can be compared "
            "clause by clause. The clause texts are summaries in the record's own words, with the "
            "numbers, names and modal verbs as the sources give them; each version lists its sources. "
            "Versions whose text was never published (status *reported* or *reconstructed*) carry a "
            "warning on every page. A clause id such as `army-cap` follows one provision through all "
            "versions: its page shows the wording in each version and what changed. Every clause says "
            "how its wording is known:"
        ),
        "",
        *(
            f"- *{kind.value}*: {PROVENANCE_MEANING.get(kind, 'see the format documentation')}"
            for kind in Provenance
        ),
        (
            "- *text carried, status reported*: only the clause's standing (kept, bracketed) was "
            "reported; its wording is the parent version's"
        ),
        "",
        "## Versions",
        "",
        "In lineage order: each version follows the one it revises.",
        "",
        "| date | version | status | drafted by | clauses | changes from parent |",
        "|---|---|---|---|---:|---|",
    ]
    for plan in plans:
        step = next((d for d in diffs if not d.span and d.new == plan.plan), None)
        changes = link(f"{step.old} → {step.new}", step.path) if step else "—"
        lines.append(
            f"| {markdown_inline(plan.date or '')} | {link(version_name(plan), f'versions/{plan.plan}.html')} | {_status(plan)} "
            f"| {markdown_inline(', '.join(plan.drafted_by))} | {clause_count(plan)} | {changes} |"
        )
    lines += ["", "## Comparisons", ""]
    for diff in diffs:
        kind = f"first → latest, {len(steps_between(plans, diff))} steps" if diff.span else "parent → child"
        lines.append(f"- {link(diff_heading(by_slug, diff), diff.path)} — {kind}")
    for view in three_ways:
        lines.append(f"- {link(three_way_heading(by_slug, view), view.path)} — three-way")
    lines += ["- " + link("All clauses side by side", "table.html") + " — every clause in every version"]
    lines += ["", "## Clauses by topic", ""]
    for topic, rows in by_topic(entries):
        lines += [f"### {markdown_text(topic_name(topic))}", ""]
        for entry, depth in rows:
            lines.append(
                f"{'  ' * depth}- {link(clause_name(entry), f'clauses/{entry.id}.html')} {markdown_code(entry.id)} "
                f"— in {len(entry.versions)} of {len(plans)} versions"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _source_line(title: str, url: str, date: str | None) -> str:
    """A source as a link when its URL is a plain http(s) URL; any other URL is shown as text."""
    when = f" ({markdown_inline(date)})" if date else ""
    if _SAFE_URL.match(url):
        href = url.replace("\\", "%5C").replace("(", "%28").replace(")", "%29")
        return f"- {link(title, href)}{when}"
    return f"- {markdown_inline(title)}{when}: {markdown_inline(url)} (not linked)"


def version_markdown(
    plan: PlanVersion,
    plans: tuple[PlanVersion, ...],
    diffs: tuple[DiffPage, ...],
    three_ways: tuple[ThreeWayPage, ...] = (),
) -> str:
    """A version's page: facts, comparisons it takes part in, every clause, sources."""
    by_slug = {p.plan: p for p in plans if p.plan}
    lines = [f"# {markdown_text(version_name(plan))}", ""]
    facts = [
        ("Date", markdown_inline(plan.date or "")),
        ("Status", plan.status.value if plan.status else ""),
    ]
    facts.append(("Drafted by", markdown_inline(", ".join(plan.drafted_by))))
    if plan.parent:
        parent = by_slug.get(plan.parent)
        facts.append(
            (
                "Revises",
                link(version_name(parent), f"{plan.parent}.html") if parent else markdown_code(plan.parent),
            )
        )
    children = [p for p in plans if p.parent == plan.plan]
    if children:
        facts.append(("Revised by", ", ".join(link(version_name(c), f"{c.plan}.html") for c in children)))
    lines += [f"| Version | {markdown_code(str(plan.plan))} |", "|---|---|"]
    lines += [*(f"| {k} | {v} |" for k, v in facts if v), ""]
    warning = phrases.warning_text(version_info(plan, str(plan.plan)))
    if warning:
        lines += [f"> **Warning:** {markdown_inline(warning)}.", ""]
    if plan.notes:
        lines += [f"> {markdown_inline(plan.notes)}", ""]
    mine = [d for d in diffs if plan.plan in (d.old, d.new)]
    views = [v for v in three_ways if plan.plan in v]
    if mine or views:
        lines += ["## Comparisons", ""]
        lines += [f"- {link(diff_heading(by_slug, d), f'../{d.path}')}" for d in mine]
        lines += [f"- {link(three_way_heading(by_slug, v), f'../{v.path}')} — three-way" for v in views]
        lines.append("")
    lines += ["## Clauses", ""]

    def visit(clauses: tuple[Clause, ...], prefix: tuple[str, ...]) -> None:
        for clause in clauses:
            address = prefix + (clause.number,)
            head = [f"**{markdown_inline(phrases.address_text(address))}**"]
            if clause.id:
                head.append(link(clause.id, f"../clauses/{clause.id}.html"))
            if clause.title:
                head.append(markdown_inline(clause.title))
            marks = [
                m for m in (phrases.provenance_label(clause), "bracketed" if clause.bracketed else "") if m
            ]
            if marks:
                head.append(f"*{', '.join(marks)}*")
            lines.extend([" · ".join(head) + " — " + markdown_inline(clause.text), ""])
            if clause.note:
                lines.extend([f"> {markdown_inline(clause.note)}", ""])
            visit(clause.clauses, address)

    visit(plan.clauses, ())
    if plan.sources:
        lines += ["## Sources", ""]
        lines += [_source_line(s.title, s.url, s.date) for s in plan.sources]
    return "\n".join(lines).rstrip("\n") + "\n"
