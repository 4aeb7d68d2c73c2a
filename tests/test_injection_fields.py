"""The all-fields property (issue 11 item 1): hostile text in EVERY string field of two plan versions
and in their file names, through every renderer and every page of the site.

Checked for each output kind: HTML (our pages, and Markdown as GitHub renders it, raw HTML on) has
no tag or attribute outside an allow-list, found with html.parser; Markdown keeps its structure
(headings, table rows) whatever the fields hold; terminal text has no control, ESC or direction
character and no line a field could have added; no ``@user`` mention survives in Markdown.
Slugs (plan, parent, ids, topics) are drawn from valid slugs: the loader refuses anything else,
and they name files of the site.
"""

from __future__ import annotations

import io
import re
from typing import TypeVar
from unittest import mock

import rich.markup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console
from test_injection import foreign_tags

from plandiff.brief import make_brief
from plandiff.diff import compare
from plandiff.history import clause_history, clause_table, known_ids
from plandiff.model import Clause, PlanVersion, Provenance, Report, Source, Status
from plandiff.publish import build_site
from plandiff.render import RenderOptions, renderer, threeway_terminal
from plandiff.render import brief as brief_render
from plandiff.render import threeway as threeway_render
from plandiff.render.history import history_markdown, history_terminal, table_markdown
from plandiff.render.html import markdown_to_html, page
from plandiff.render.plaintext import plan_markdown, plan_text
from plandiff.render.prcomment import FileReport, render_comment
from plandiff.threeway import three_way

MARKUP = "[blink]Ⓜ[/blink]"
"""Rich markup: never handed to rich's markup parser (the word diff may split it, so its brackets
are not counted in the output; the parser's inputs are watched instead)."""
PAYLOADS = [
    "<img src=x onerror=alert(1)>", "x\n\n<script>alert(1)</script>", "</details><b>x</b><details>",
    "\n## fake heading\n", "\n# h1\n", "| a | b |\n|---|---|\n", "[x](javascript:alert(1))",
    "![i](http://e.example/x.png)", "`code`", "```\n", "@alice", "@org/team", "\x1b[2J", "\x1b]8;;http://e\x07l",
    "[bold]b[/bold]", "[link=http://e.example]x[/link]", "\u202egnp", "\u200b", "\u2028", "\r\n- item",
    "\n1. list", "\n> quote", "\n    indented", "&lt;b&gt;", "<!-- c -->", "\\", "$x$", "<br>", "<del x=1>",
    "</del>", "<ins>", "javascript:alert(1)", '"onmouseover="alert(1)', "10(b)", "\n\n---\n\n", "\n===",
    "<summary>", "<a href=x>", "\x00", "\x9b31m", "*", "_", "~~", "\t", MARKUP,
]  # fmt: skip
hostile = st.lists(
    st.one_of(st.sampled_from(PAYLOADS), st.text(st.characters(codec="utf-8"), max_size=6)),
    min_size=1,
    max_size=3,
).map("".join)
"""Hostile text: known payloads mixed with any characters, controls included."""

GITHUB = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
"""Markdown as GitHub renders it: raw HTML on. Escaping alone must hold here."""
GITHUB_TAGS = {"del", "ins", "br", "details", "summary"}
_MENTION = re.compile(r"(?<![\w@/`])@[A-Za-z0-9]")
T = TypeVar("T")
_TERMINAL_BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@st.composite
def records(draw: st.DrawFn) -> tuple[PlanVersion, PlanVersion]:
    """Two versions: one clause modified, one removed, one added, one moved out of its parent."""

    def h() -> str:
        return draw(hostile)

    def clause(n: int, clause_id: str, text: str, children: tuple[Clause, ...] = ()) -> Clause:
        return Clause(
            number=f"{n}-{h()}", text=text, id=clause_id, title=h(), topics=("army", "nato"),
            provenance=draw(st.sampled_from(list(Provenance))), bracketed=draw(st.booleans()), note=h(),
            clauses=children, proposed_by=h(),
        )  # fmt: skip

    def version(slug: str, clauses: tuple[Clause, ...], parent: str | None) -> PlanVersion:
        return PlanVersion(
            label=h(), clauses=clauses, plan=slug, title=h(), date=h(), drafted_by=(h(), h()),
            status=draw(st.sampled_from(list(Status))), parent=parent, notes=h(),
            sources=(Source(h(), h(), h()), Source(h(), "https://e.example/" + h(), h())),
        )  # fmt: skip

    kept = h()
    old = version(
        "old", (clause(1, "c1", kept + " " + h()), clause(2, "c2", h(), (clause(1, "c3", h()),))), None
    )
    new = version(
        "new", (clause(1, "c1", kept + " " + h()), clause(2, "c3", h()), clause(3, "c4", h())), "old"
    )
    return old, new


def _watched_markup(markup: str, *args: object, **kwargs: object) -> object:
    """rich's markup parser, refusing any string that carries data's marker."""
    assert "Ⓜ" not in markup, f"rich markup parsed from data: {markup!r}"
    return _PARSE_MARKUP(markup, *args, **kwargs)


_PARSE_MARKUP = rich.markup.render


def _terminal(renderable: object) -> str:
    console = Console(file=io.StringIO(), width=10_000, color_system=None, highlight=False, emoji=False)
    # Console.print parses str renderables through its own import of the parser; Text.from_markup
    # imports rich.markup.render when called. Both are watched.
    with (
        mock.patch("rich.console.render_markup", _watched_markup),
        mock.patch("rich.markup.render", _watched_markup),
    ):
        console.print(renderable)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    assert not _TERMINAL_BAD.search(text), _TERMINAL_BAD.search(text)
    return text


def _html(html: str) -> None:
    assert foreign_tags(html) == [], foreign_tags(html)


def _github(markdown: str, extra: set[str] = set()) -> str:  # noqa: B006  # read-only default
    """Markdown rendered as GitHub would: only plandiff's own tags, whole table rows, no mention."""
    html = GITHUB.render(markdown)
    tags = {t for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)}
    block = {"p", "h1", "h2", "h3", "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "em", "strong",
             "code", "blockquote", "hr", "s", "pre"}  # fmt: skip
    assert tags <= block | GITHUB_TAGS | extra, tags - block - GITHUB_TAGS
    assert not re.search(r"<[a-z]+ [^>]*\b(on[a-z]+|src|href)=", html), html
    for table in re.findall(r"<table>(.*?)</table>", html, re.DOTALL):
        cells = [
            len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
        ]
        assert len(set(cells)) == 1, cells
    assert not _MENTION.search(re.sub(r"\]\([^)]*\)", "", markdown)), _MENTION.search(markdown)
    _html(markdown_to_html(markdown))
    return html


_BLOCKS = re.compile(r"<(h[1-6]|p|table|tr|t[hd]|ul|ol|li|blockquote|hr|pre|details|summary)[ >]")
_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _shape(markdown: str) -> list[str]:
    """The block structure GitHub sees: headings, paragraphs, tables, rows, cells, lists, quotes."""
    return _BLOCKS.findall(GITHUB.render(markdown))


def _without_breaks(value: T) -> T:
    """The same plan data with every line break a no-break space (still white space to the word
    diff and the quantity finder): the twin a field's line breaks are judged against."""
    if isinstance(value, str):
        return _BREAKS.sub("\u00a0", value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        items = [_without_breaks(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)  # type: ignore[return-value]
    return value


def _top_lines(renderable: object) -> int:
    """Lines a terminal shows at the left margin: headings and summaries, never a field's continuation."""
    return sum(1 for line in _terminal(renderable).splitlines() if line and not line.startswith(" "))


def _check_report(report: Report, twin: Report) -> None:
    """Every format; a field's line breaks change no heading, row or margin line (judged against
    the twin without breaks, when the two compare alike)."""
    alike = [(c.kind, c.moved) for c in report.changes] == [(c.kind, c.moved) for c in twin.changes]
    for options in (RenderOptions(), RenderOptions(summary_only=True), RenderOptions(context=5)):
        top = _top_lines(renderer("terminal")(report, options))
        markdown = renderer("markdown")(report, options)
        assert isinstance(markdown, str)
        _github(markdown)
        if alike:
            assert top == _top_lines(renderer("terminal")(twin, options))
            assert _shape(markdown) == _shape(renderer("markdown")(twin, options))  # type: ignore[arg-type]
        page_html = renderer("html")(report, options)
        assert isinstance(page_html, str)
        _html(page_html)
        brief, twin_brief = make_brief(report), make_brief(twin)
        _terminal(brief_render.render_terminal(brief, options))
        markdown = brief_render.render_markdown(brief, options)
        _github(markdown)
        if alike:
            assert _shape(markdown) == _shape(brief_render.render_markdown(twin_brief, options))


# Shrinking is off: an example here is two whole plans, and shrinking one took minutes; the
# unshrunk example is printed all the same.
@settings(
    max_examples=30,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(records(), hostile, hostile, hostile)
def test_every_field_is_inert_in_every_output(
    record: tuple[PlanVersion, PlanVersion], path: str, base: str, head: str
) -> None:
    old, new = record
    twins = (_without_breaks(old), _without_breaks(new))
    report, twin = compare(old, new), compare(*twins)
    assert len(report.changes) >= 3
    _check_report(report, twin)
    for plan in record:
        text = plan_text(plan)
        assert not _TERMINAL_BAD.search(text)
        lines = text.splitlines()
        headings = [
            line for k, line in enumerate(lines) if k and line and not lines[k - 1] and line[0] != "|"
        ]
        assert len(headings) == len(known_ids((plan,))), headings  # one per clause, nothing more
        _github(plan_markdown(plan))
    plans = (old, new)
    for clause_id in known_ids(plans):
        history = clause_history(plans, clause_id)
        _terminal(history_terminal(history, RenderOptions()))
        markdown = history_markdown(history)
        _github(markdown)
        assert _shape(markdown) == _shape(history_markdown(clause_history(twins, clause_id)))
    table = table_markdown(clause_table(plans, ()))
    _github(table)
    assert _shape(table) == _shape(table_markdown(clause_table(twins, ())))
    _html(page(table, "Clauses across versions"))
    files = [FileReport(path, "modified", report), FileReport(path + "2", "added", report)]
    comment = render_comment(files, base, head)
    html = _github(comment, {"details", "summary"})
    assert html.count("<details>") == html.count("</details>") == html.count("<summary>") == 2
    twin_files = [f._replace(path=_without_breaks(f.path), report=twin) for f in files]
    twin_comment = render_comment(twin_files, _without_breaks(base), _without_breaks(head))
    if [c.kind for c in report.changes] == [c.kind for c in twin.changes]:
        assert _shape(comment) == _shape(twin_comment)
    other = new._replace(clauses=new.clauses[::-1])  # B: the same clauses in another order
    view = three_way(old, new, other)
    _terminal(threeway_terminal.render(view, RenderOptions()))
    _github(threeway_render.render_markdown(view))
    for name, content in build_site(plans).items():
        if name.endswith(".html"):
            _html(content)
