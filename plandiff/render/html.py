"""HTML pages built from the Markdown renderers through markdown-it-py (the one home of markdown_it).

Two walls stand between plan data and a live tag. Plan text reaches markdown-it already escaped
(entities and backslashes, see ``sanitize.markdown_inline``), and markdown-it runs with raw HTML
**off**: the only tags it lets through are the exact strings in ALLOWED_TAGS, plandiff's own
``<del>``, ``<ins>`` and ``<br>`` (no attributes), recognised by a rule of its own. markdown-it's
link validation also refuses ``javascript:``, ``vbscript:``, ``file:`` and ``data:`` targets.
"""

from __future__ import annotations

from html import escape as html_escape

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from ..model import Report
from .markdown import render as render_markdown
from .options import RenderOptions

STYLESHEET = """\
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b;
       background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-top: 1px solid #ddd;
       padding-top: 1rem; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; vertical-align: top; text-align: left; }
del { background: #fde2e2; color: #7a1010; text-decoration: line-through; }
ins { background: #dcf5dc; color: #0f5a0f; text-decoration: none; }
del + ins, ins + del { margin-left: .25em; }
td:first-child { white-space: nowrap; }
code { background: #f2f2f2; padding: 0 .2rem; }
blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid #c9a227; background: #fff8e1; }
nav { font-size: .9rem; margin-bottom: 1rem; } nav a { margin-right: 1rem; }
a { color: #0b57b0; }
@media print { nav { display: none; } main { max-width: none; padding: 0; }
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


def markdown_to_html(markdown: str) -> str:
    """The HTML body for a Markdown text written by plandiff's renderers."""
    html: str = _MD.render(markdown)
    return html


def page(markdown: str, title: str, stylesheet: str | None = None, nav: str = "") -> str:
    """A whole HTML page; ``stylesheet`` is a relative link, or None to inline the styles."""
    style = (
        f'<link rel="stylesheet" href="{html_escape(stylesheet)}">'
        if stylesheet is not None
        else f"<style>\n{STYLESHEET}</style>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_escape(title)}</title>\n{style}\n</head>\n<body>\n<main>\n"
        f"{nav}{markdown_to_html(markdown)}</main>\n</body>\n</html>\n"
    )


def render(report: Report, options: RenderOptions) -> str:
    """A single self-contained HTML report (``compare --format html``)."""
    title = f"{report.old.label} → {report.new.label}"
    return page(render_markdown(report, options), title)
