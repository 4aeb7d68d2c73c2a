"""The three-way view as Markdown and JSON, and the section wording the terminal shares."""

from __future__ import annotations

import json

from ..model import Change, ChangeKind, Located
from ..threeway import CONVERGENCE, Row, ThreeWay, Verdict
from . import phrases
from .json import SCHEMA_VERSION, change_json, side_json, version_json
from .markdown import block_safe, escape, escape_inline, segment_markdown
from .sanitize import json_inert, markdown_code

SECTIONS: tuple[tuple[str, tuple[Verdict, ...]], ...] = (
    ("Convergence: A ({a}) and B ({b}) made the same change", (Verdict.SAME, Verdict.REMOVED_BY_BOTH)),
    ("Contested: A ({a}) and B ({b}) changed it differently", (Verdict.DIFFERENT,)),
    ("Changed only by A ({a})", (Verdict.ONLY_A,)),
    ("Changed only by B ({b})", (Verdict.ONLY_B,)),
    ("Removed by A ({a}) only", (Verdict.REMOVED_BY_A,)),
    ("Removed by B ({b}) only", (Verdict.REMOVED_BY_B,)),
    ("New in both", (Verdict.ADDED_BY_BOTH,)),
    ("New in A ({a}) only", (Verdict.ADDED_BY_A,)),
    ("New in B ({b}) only", (Verdict.ADDED_BY_B,)),
)
"""Sections in reading order, each with the verdicts it shows; unchanged rows are only listed."""
VERDICT_TEXT = {
    Verdict.UNCHANGED: "unchanged by both",
    Verdict.ONLY_A: "changed only by A",
    Verdict.ONLY_B: "changed only by B",
    Verdict.SAME: "same change in A and B",
    Verdict.DIFFERENT: "contested",
    Verdict.REMOVED_BY_A: "removed by A",
    Verdict.REMOVED_BY_B: "removed by B",
    Verdict.REMOVED_BY_BOTH: "removed by both",
    Verdict.ADDED_BY_A: "new in A",
    Verdict.ADDED_BY_B: "new in B",
    Verdict.ADDED_BY_BOTH: "new in both",
}
_ONE_SIDE = {
    Verdict.ONLY_A: "a", Verdict.REMOVED_BY_A: "a", Verdict.ADDED_BY_A: "a",
    Verdict.ONLY_B: "b", Verdict.REMOVED_BY_B: "b", Verdict.ADDED_BY_B: "b",
    Verdict.SAME: "a", Verdict.REMOVED_BY_BOTH: "a",
}  # fmt: skip
"""Rows shown by one side's diff; the other side is summed up in a line (or agrees)."""


def section_title(title: str, view: ThreeWay) -> str:
    """A section title with A and B named: ``Changed only by A (E3)``."""
    return title.replace("A ({a})", side_name(view, "A")).replace("B ({b})", side_name(view, "B"))


def side_name(view: ThreeWay, tag: str) -> str:
    """``A (E3)``: the side's letter and its parties, or the letter alone when it names no drafter."""
    by = view.a_by if tag == "A" else view.b_by
    return f"{tag} ({by})" if by else tag


def row_side(row: Row) -> Located:
    """The clause a row is about: the base's, or the new one for an added clause."""
    side = row.base or (row.a.new if row.a else None) or (row.b.new if row.b else None)
    assert side is not None
    return side


def one_side(row: Row, view: ThreeWay) -> tuple[Change, str, tuple[str, Change | None] | None] | None:
    """A row told by one side's diff: that change, whose it is (``A (E3)``, or both sides when
    they made the same change), and the other side as (``B (US–Ukraine)``, its change) to sum up
    in a line, None on convergence. None for rows that show both sides (contested, new in both).
    """
    side = _ONE_SIDE.get(row.verdict)
    a, b = side_name(view, "A"), side_name(view, "B")
    shown, who, other = (row.a, a, (b, row.b)) if side == "a" else (row.b, b, (a, row.a))
    if side is None or shown is None:
        return None
    if row.verdict in CONVERGENCE:
        return shown, f"{a} and {b}", None
    return shown, who, other


def row_point(row: Row) -> str:
    """The point as printed: the base number, or the new number for an added clause."""
    side = row_side(row)
    return phrases.address_text(side.address)


def row_name(row: Row) -> str:
    """``army-cap · Army size``."""
    side = row_side(row)
    return " · ".join(part for part in (side.clause.id, side.clause.title) if part)


def status_text(change: Change | None) -> str:
    """What a change did besides its text: ``bracketed: no → yes; provenance …``, or ``""``."""
    if change is None:
        return ""
    lines = [*phrases.attribute_lines(change)]
    provenance = phrases.provenance_text(change)
    if provenance:
        lines.append(provenance)
    return "; ".join(lines)


def side_state(change: Change | None) -> str:
    """What one side did, in a few words: ``unchanged``, ``removed``, ``bracketed: no → yes``."""
    if change is None or change.change_class is None:
        return "unchanged"
    if change.kind is ChangeKind.REMOVED:
        return "removed"
    status = status_text(change)
    if change.segments:
        text = f"text changed ({phrases.class_text(change)})"
        return f"{text}; {status}" if status else text
    return status or phrases.class_text(change)


def unchanged_points(view: ThreeWay) -> tuple[str, ...]:
    """The points neither side changed, in base order."""
    return tuple(row_point(r) for r in view.rows if r.verdict is Verdict.UNCHANGED)


def _diff_markdown(change: Change) -> str:
    whole = phrases.body_text(change)
    if whole is not None:
        tag = {ChangeKind.REMOVED: "del", ChangeKind.ADDED: "ins"}.get(change.kind)
        return f"<{tag}>{escape_inline(whole)}</{tag}>" if tag else escape(whole)
    return block_safe("".join(segment_markdown(s.op, s.text) for s in change.segments))


def _row_markdown(row: Row, view: ThreeWay, clause_href: str | None = None) -> list[str]:
    name = escape_inline(row_name(row))
    side = row_side(row)
    if clause_href and side is not None and side.clause.id:  # the site links ids to their histories
        title = side.clause.title
        link = f"[{markdown_code(side.clause.id)}]({clause_href.format(id=side.clause.id)})"
        name = " · ".join((link, escape_inline(title))) if title else link
    head = f"### Point {escape_inline(row_point(row))}{' · ' + name if name else ''}"
    out = [f"{head} — {VERDICT_TEXT[row.verdict]}", ""]
    one = one_side(row, view)
    if one is not None:
        shown, who, other = one
        out += [_diff_markdown(shown), ""]
        if status_text(shown):  # bracketing, provenance, title: what the diff of the text cannot show
            out.append(f"- {escape_inline(who)}: {escape_inline(status_text(shown))}")
        if other is not None:
            label, change = other
            out.append(f"- {escape_inline(label)}: {escape_inline(side_state(change))}")
    else:
        for label, change in ((side_name(view, "A"), row.a), (side_name(view, "B"), row.b)):
            text = _diff_markdown(change) if change is not None else "unchanged"
            status = status_text(change)
            out.append(
                f"- **{escape_inline(label)}:** {text}{f' ({escape_inline(status)})' if status else ''}"
            )
    return [*out, ""] if out[-1] else out


def render_markdown(view: ThreeWay, clause_href: str | None = None) -> str:
    """The view as Markdown: versions, counts, one section per verdict, unchanged points listed.

    ``clause_href`` links clause ids, ``{id}`` standing for the id (the published site).
    """
    lines = [
        f"# Three-way: {escape(view.base.label)} → A {escape(view.a.label)}, B {escape(view.b.label)}",
        "",
        "| | Version | Drafted by |",
        "|---|---|---|",
    ]
    for tag, info in (("Base", view.base), ("A", view.a), ("B", view.b)):
        lines.append(
            f"| {tag} | {escape_inline(info.title or info.label)} | {escape_inline(', '.join(info.drafted_by)) or '—'} |"
        )
    for info in (view.base, view.a, view.b):  # unpublished versions are flagged, as in compare
        if warning := phrases.warning_text(info):
            lines += ["", f"> **Warning:** {escape_inline(warning)}."]
    lines += ["", "| Verdict | Clauses |", "|---|---:|"]
    lines += [f"| {VERDICT_TEXT[v]} | {n} |" for v, n in view.counts if n]
    lines.append("")
    for title, verdicts in SECTIONS:
        rows = [r for r in view.rows if r.verdict in verdicts]
        if rows:
            lines += [f"## {escape_inline(section_title(title, view))}", ""]
            for row in rows:
                lines += _row_markdown(row, view, clause_href)
    unchanged = unchanged_points(view)
    if unchanged:
        lines += [f"Unchanged by both ({len(unchanged)}): {escape_inline(', '.join(unchanged))}.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_json(view: ThreeWay) -> str:
    """The view as JSON (docs/json.md, "The three-way view"): keys sorted, one row per line."""
    return json_inert(_json_document(view))


def _json_document(view: ThreeWay) -> str:
    head = json.dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "view": "three-way",
            "base": version_json(view.base),
            "a": {**version_json(view.a), "parties": view.a_by},
            "b": {**version_json(view.b), "parties": view.b_by},
            "counts": {v.value: n for v, n in view.counts},
            "has_changes": view.has_changes,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    rows = []
    for r in view.rows:
        a = "null" if r.a is None else change_json(r.a)
        b = "null" if r.b is None else change_json(r.b)
        rows.append(f'{{"a":{a},"b":{b},"base":{side_json(r.base)},"verdict":{json.dumps(r.verdict.value)}}}')
    # "rows" sorts between "has_changes" and "schema_version"; a quote inside a string value is
    # escaped, so the key is found only where it is a key.
    before, key, after = head.rpartition(',"schema_version":')
    return before + ',"rows":[\n' + ",\n".join(rows) + "\n]" + key + after + "\n"
