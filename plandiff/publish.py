"""The static site of a plan record: pages as a mapping from relative path to content (pure).

Pages: ``index.html`` (what the record is, versions, comparisons, clauses by topic),
``versions/<slug>.html``, ``diffs/<old>--<new>.html`` (every parent → child step and each lineage's
first → latest), ``clauses/<id>.html`` (history), ``table.html`` (clauses × versions) and
``style.css``; the page structure is in ``sitemap``, the site's own Markdown in ``sitepages``. Output
is deterministic: no dates, times or absolute paths, and the same record gives the same bytes.
"""

from __future__ import annotations

import re

from .diff import compare
from .errors import UsageError
from .history import clause_history, clause_table, id_maps
from .model import PlanVersion
from .render.history import history_markdown, table_markdown
from .render.html import STYLESHEET, page
from .render.markdown import render as report_markdown
from .render.options import RenderOptions
from .render.threeway import render_markdown as render_three_way
from .select import Selection, select_changes
from .sitemap import by_topic, clause_entries, diff_pages, places, three_way_pages
from .sitenav import (
    clause_links,
    clause_name,
    diff_header,
    diff_heading,
    three_way_header,
    three_way_heading,
    version_name,
)
from .sitepages import index_markdown, version_markdown
from .threeway import three_way

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _nav(depth: int) -> str:
    up = "../" * depth
    return f'<nav><a href="{up}index.html">Plan record</a><a href="{up}table.html">All clauses</a></nav>\n'


def _after_heading(markdown: str, block: str) -> str:
    """``block`` inserted after the first line (the page's H1) of ``markdown``."""
    head, _, rest = markdown.partition("\n")
    return f"{head}\n\n{block}\n{rest.lstrip(chr(10))}"


def _without_heading(markdown: str) -> str:
    """``markdown`` without its first line (the H1 the site replaces with a human heading)."""
    return markdown.partition("\n")[2].lstrip("\n")


def build_site(plans: tuple[PlanVersion, ...]) -> dict[str, str]:
    """Every page of the site for ``plans`` (in lineage order)."""
    for plan in plans:
        if not plan.plan or not _SLUG.match(plan.plan):
            raise UsageError(f"{plan.label}: publishing needs a 'plan' slug in every version")
    by_slug = {p.plan: p for p in plans if p.plan}
    diffs = diff_pages(plans)
    three_ways = three_way_pages(plans)
    entries = clause_entries(plans)
    pages: dict[str, str] = {"style.css": STYLESHEET}
    pages["index.html"] = page(
        index_markdown(plans, diffs, entries, three_ways), "Plan record", "style.css", _nav(0), "index"
    )
    table = _after_heading(
        table_markdown(clause_table(plans, ()), "clauses/{id}.html"),
        "One row per clause, one column per version; the table scrolls sideways and the id column "
        "stays in view. Each id leads to the clause's history.\n",
    )
    pages["table.html"] = page(table, "All clauses", "style.css", _nav(0), "table")
    for plan in plans:
        pages[f"versions/{plan.plan}.html"] = page(
            version_markdown(plan, plans, diffs, three_ways),
            version_name(plan),
            "../style.css",
            _nav(1),
            "version",
        )
    options = RenderOptions(headline=False, clause_href="../clauses/{id}.html")
    for diff in diffs:
        old, new = by_slug[diff.old], by_slug[diff.new]
        # Labelled by slug, not file path: the page's heading and links carry the titles.
        report = select_changes(
            compare(old._replace(label=diff.old), new._replace(label=diff.new)), Selection()
        )
        body = diff_header(plans, diffs, diff, three_ways) + "\n" + report_markdown(report, options)
        pages[diff.path] = page(body, diff_heading(by_slug, diff), "../style.css", _nav(1), "diff")
    for view in three_ways:
        base, a, b = (by_slug[s]._replace(label=s) for s in view)
        body = (
            three_way_header(plans, view)
            + "\n"
            + _without_heading(render_three_way(three_way(base, a, b), "../clauses/{id}.html"))
        )
        pages[view.path] = page(body, three_way_heading(by_slug, view), "../style.css", _nav(1), "three-way")
    by_id = {e.id: e for e in entries}
    where = places(by_topic(entries))
    maps = id_maps(plans)  # indexed once, not once per clause page
    for entry in entries:
        body = _after_heading(
            history_markdown(clause_history(plans, entry.id, maps), "../versions/{slug}.html"),
            clause_links(entry, by_id, where[entry.id], diffs),
        )
        pages[f"clauses/{entry.id}.html"] = page(
            body, f"{clause_name(entry)} ({entry.id})", "../style.css", _nav(1), "clause"
        )
    return pages
