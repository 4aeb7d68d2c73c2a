"""HTML pages built from the Markdown renderers through markdown-it-py (the one home of markdown_it).

Two walls stand between plan data and a live tag. Plan text reaches markdown-it already escaped
(entities and backslashes, see ``sanitize.markdown_inline``), and markdown-it runs with raw HTML
**off**: the only tags it lets through are the exact strings in ALLOWED_TAGS, plandiff's own
``<del>``, ``<ins>`` and ``<br>`` (no attributes), recognised by a rule of its own. markdown-it's
link validation also refuses ``javascript:``, ``vbscript:``, ``file:`` and ``data:`` targets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from ..model import Report
from .markdown import render as render_markdown
from .options import RenderOptions
from .sanitize import html_text

STYLESHEET = """\
*, *::before, *::after { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b;
       background: #fff; margin: 0; overflow-wrap: break-word; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
body.table main { max-width: none; }
h1 { font-size: 1.6rem; line-height: 1.25; } h2 { font-size: 1.2rem; margin-top: 2rem;
       border-top: 1px solid #ddd; padding-top: 1rem; } h3 { font-size: 1.05rem; margin-top: 1.5rem; }
h1, h2, h3, li, p, blockquote { overflow-wrap: anywhere; }
.scroll { overflow-x: auto; margin: 1rem 0; max-width: 100%; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
td:first-child { white-space: nowrap; }
td { min-width: 4rem; }
body.table th, body.table td { min-width: 16rem; max-width: 26rem; font-size: .9rem; }
body.table th:first-child, body.table td:first-child { position: sticky; left: 0; z-index: 1;
       white-space: normal; min-width: 9rem; width: 9rem; max-width: 9rem; background: #f8f8f8; box-shadow: 1px 0 0 #ccc; }
body.table td:first-child code { background: none; padding: 0; }
del { background: #fde2e2; color: #7a1010; text-decoration: line-through; }
ins { background: #dcf5dc; color: #0f5a0f; text-decoration: underline; text-decoration-color: #7fbf7f; }
del + ins, ins + del { margin-left: .25em; }
code { background: #f2f2f2; padding: 0 .2rem; }
blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid #c9a227; background: #fff8e1; }
nav { font-size: .9rem; margin-bottom: 1rem; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
a { color: #0b57b0; }
ul ul { margin: .1rem 0 .3rem; }
@media (max-width: 40rem) {
  main { padding: 1rem .75rem; }
  h1 { font-size: 1.35rem; }
  body.table th, body.table td { min-width: 13rem; }
  body.table th:first-child, body.table td:first-child { min-width: 7rem; width: 7rem; max-width: 7rem;
       font-size: .8rem; padding: .3rem; }
}
@media print { nav { display: none; } main { max-width: none; padding: 0; } .scroll { overflow: visible; }
  del, ins { -webkit-print-color-adjust: exact; print-color-adjust: exact; } a { color: inherit; } }
"""

ALLOWED_TAGS = ("<del>", "</del>", "<ins>", "</ins>", "<br>")
"""The only raw HTML markdown-it passes through: the marks the Markdown renderers write."""


def _allowed_tag(state: StateInline, silent: bool) -> bool:
    """markdown-it inline rule: one of ALLOWED_TAGS, byte for byte, becomes raw HTML."""
    if state.src[state.pos] != "<":
        return False
    for tag in ALLOWED_TAGS:
        if state.src.startswith(tag, state.pos) and state.pos + len(tag) <= state.posMax:
            if not silent:
                state.push("html_inline", "", 0).content = tag
            state.pos += len(tag)
            return True
    return False


_MD = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")
_MD.inline.ruler.before("html_inline", "plandiff_tags", _allowed_tag)


def _table_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # Wide tables scroll inside their own box instead of widening the page.
    return '<div class="scroll">\n' + self.renderToken(tokens, idx, options, env)


def _table_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


_CLAUSE_PAGE = re.compile(r"(?:\.\./)?clauses/([a-z0-9]+(?:-[a-z0-9]+)*)\.html\Z")
"""A link to a clause's history page on the published site."""


def heading_id(text: str) -> str:
    """The anchor of a heading: its letters and digits, lower case, joined by hyphens (ASCII only)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _heading_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # Sections get anchors (``#security``) so pages can link to a part of another page; the id
    # holds only [a-z0-9-], and repeats get -2, -3 in page order. A heading that links a clause's
    # history (a change on a diff page) is anchored by the clause id: ``#clause-army-cap``.
    if tokens[idx].tag in ("h2", "h3"):
        children = tokens[idx + 1].children or []
        hrefs = [str(t.attrGet("href")) for t in children if t.type == "link_open"]
        clause = next((m.group(1) for m in map(_CLAUSE_PAGE.match, hrefs) if m), None)
        words = [t.content for t in children if t.type in ("text", "code_inline")]
        base = f"clause-{clause}" if clause else heading_id(" ".join(words))
        used = env.setdefault("plandiff_heading_ids", {})
        used[base] = used.get(base, 0) + 1
        tokens[idx].attrSet("id", base if used[base] == 1 else f"{base}-{used[base]}")
    return self.renderToken(tokens, idx, options, env)


_MD.add_render_rule("heading_open", _heading_open)
_MD.add_render_rule("table_open", _table_open)
_MD.add_render_rule("table_close", _table_close)


def markdown_to_html(markdown: str) -> str:
    """The HTML body for a Markdown text written by plandiff's renderers."""
    html: str = _MD.render(markdown)
    return html


def page(markdown: str, title: str, stylesheet: str | None = None, nav: str = "", kind: str = "") -> str:
    """A whole HTML page; ``stylesheet`` is a relative link, or None to inline the styles.

    ``kind`` (a fixed word such as ``table``) becomes the body's class, for per-page layout.
    """
    style = (
        f'<link rel="stylesheet" href="{html_text(stylesheet)}">'
        if stylesheet is not None
        else f"<style>\n{STYLESHEET}</style>"
    )
    body_class = f' class="{html_text(kind)}"' if kind else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_text(title)}</title>\n{style}\n</head>\n<body{body_class}>\n<main>\n"
        f"{nav}{markdown_to_html(markdown)}</main>\n</body>\n</html>\n"
    )


def render(report: Report, options: RenderOptions) -> str:
    """A single self-contained HTML report (``compare --format html``)."""
    title = f"{report.old.label} → {report.new.label}"
    return page(render_markdown(report, options), title)
