"""Names and link blocks of the site: how versions, clauses and topics are called, the headings of
diff and three-way pages, and the links under the headings of diff, three-way and clause pages.

Every string from a plan goes through ``render.sanitize``; link targets are built only from
validated slugs and ids.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import PlanVersion
from .render.html import heading_id
from .render.sanitize import markdown_inline, markdown_text
from .sitemap import (
    OTHER_TOPIC,
    ClauseEntry,
    DiffPage,
    Place,
    ThreeWayPage,
    next_diffs,
    previous_diffs,
    steps_between,
    text_changes,
)

SUMMARY_WORDS = 10
"""Words of a clause's text that stand in for a missing title in the index."""
TOPIC_NAMES = {"nato": "NATO", "eu": "EU", "us": "US"}
"""Topic names that are not written as capitalised words."""


def topic_name(topic: str) -> str:
    """``security`` → ``Security``, ``nato`` → ``NATO``, no topic → ``Other``."""
    if topic == OTHER_TOPIC:
        return "Other"
    return TOPIC_NAMES.get(topic, topic.replace("-", " ").capitalize())


def link(text: str, href: str) -> str:
    return f"[{markdown_inline(text)}]({href})"


def version_name(plan: PlanVersion) -> str:
    return plan.title or plan.plan or plan.label


def diff_heading(pages: Mapping[str, PlanVersion], diff: DiffPage) -> str:
    """Human heading of a diff page: the two versions' titles."""
    return f"{version_name(pages[diff.old])} → {version_name(pages[diff.new])}"


def three_way_heading(pages: Mapping[str, PlanVersion], view: ThreeWayPage) -> str:
    """Human heading of a three-way page: the base and its two revisions."""
    return (
        f"{version_name(pages[view.base])}: {version_name(pages[view.a])} "
        f"and {version_name(pages[view.b])} side by side"
    )


def three_way_header(plans: tuple[PlanVersion, ...], view: ThreeWayPage) -> str:
    """Heading and links of a three-way page (the view follows it).

    The heading names the base only (titles are long; three of them made a seven-line heading on a
    phone); the two revisions follow at once, and the page title and index link name all three.
    """
    by_slug = {p.plan: p for p in plans if p.plan}
    base, a, b = by_slug[view.base], by_slug[view.a], by_slug[view.b]
    lines = [
        f"# {markdown_text(f'Two revisions of {version_name(base)} side by side')}",
        "",
        (
            f"Both revise {link(version_name(base), f'../versions/{base.plan}.html')}. Each clause of "
            f"the base with what A ({link(version_name(a), f'../versions/{a.plan}.html')}) and B "
            f"({link(version_name(b), f'../versions/{b.plan}.html')}) did to it: the same change "
            "(convergence), different changes (contested), or a change by one side only."
        ),
        "",
        "Each revision on its own: "
        + " · ".join(link(f"{view.base} → {x}", f"../diffs/{view.base}--{x}.html") for x in (view.a, view.b))
        + ".",
        "",
    ]
    return "\n".join(lines)


def clause_name(entry: ClauseEntry) -> str:
    """The clause's title, or the first words of its latest text."""
    if entry.title:
        return entry.title
    words = entry.text.split()
    return " ".join(words[:SUMMARY_WORDS]) + (" …" if len(words) > SUMMARY_WORDS else "")


def diff_header(
    plans: tuple[PlanVersion, ...],
    diffs: tuple[DiffPage, ...],
    diff: DiffPage,
    three_ways: tuple[ThreeWayPage, ...] = (),
) -> str:
    """Heading and links of a diff page (the report follows it): the versions and the neighbours."""
    by_slug = {p.plan: p for p in plans if p.plan}
    old, new = by_slug[diff.old], by_slug[diff.new]

    def described(plan: PlanVersion) -> str:
        facts = ", ".join(f for f in (plan.date, plan.status.value if plan.status else None) if f)
        return link(version_name(plan), f"../versions/{plan.plan}.html") + (
            f" ({markdown_inline(facts)})" if facts else ""
        )

    lines = [
        f"# {markdown_text(diff_heading(by_slug, diff))}",
        "",
        f"From {described(old)} to {described(new)}.",
        "",
    ]
    if diff.span:
        steps = steps_between(plans, diff)
        lines += [
            f"All changes across {len(steps)} steps at once; step by step: "
            + " · ".join(link(f"{s.old} → {s.new}", f"../{s.path}") for s in steps)
            + ".",
            "",
        ]
    around = [
        ("Previous", previous_diffs(diffs, diff)),
        ("Next", next_diffs(diffs, diff)),
    ]
    parts = [
        f"{name}: " + ", ".join(link(f"{d.old} → {d.new}", f"../{d.path}") for d in found)
        for name, found in around
        if found
    ]
    views = [v for v in three_ways if not diff.span and v.base == diff.old and diff.new in (v.a, v.b)]
    parts += [
        f"Side by side with {link(v.b if v.a == diff.new else v.a, f'../{v.path}')} (three-way)"
        for v in views
    ]
    if parts:
        lines += [" · ".join(parts), ""]
    return "\n".join(lines)


def clause_links(
    entry: ClauseEntry, by_id: Mapping[str, ClauseEntry], place: Place, diffs: tuple[DiffPage, ...]
) -> str:
    """The block under a clause page's heading: name, topic, parent, sub-points, versions, diffs, neighbours."""
    topic = link(topic_name(place.topic), f"../index.html#{heading_id(topic_name(place.topic))}")
    facts = [f"**{markdown_inline(clause_name(entry))}**", f"topic: {topic}"]
    if entry.parent and entry.parent in by_id:
        facts.append("part of " + link(clause_name(by_id[entry.parent]), f"{entry.parent}.html"))
    lines = [" · ".join(facts), ""]
    if entry.children:
        lines += ["Sub-points:", ""]
        lines += [f"- {link(clause_name(by_id[c]), f'{c}.html')}" for c in entry.children] + [""]
    lines += ["In " + ", ".join(link(v, f"../versions/{v}.html") for v in entry.versions) + ".", ""]
    changes = text_changes(entry, diffs)
    if changes:
        lines += [
            "Text changes: "
            + ", ".join(
                f"{link(f'{d.old} → {d.new}', f'../{d.path}#clause-{entry.id}')} ({kind})"
                for d, kind in changes
            )
            + ".",
            "",
        ]
    around = [("Previous", place.previous), ("Next", place.next)]
    parts = [f"{name}: {link(clause_name(by_id[i]), f'{i}.html')}" for name, i in around if i]
    if parts:
        lines += [f"In {markdown_inline(topic_name(place.topic))}: " + " · ".join(parts), ""]
    return "\n".join(lines)
