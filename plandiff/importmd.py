"""Turns a plan published as a Markdown or plain numbered list into plan YAML, via markdown-it-py.

Points are ordered-list items (``1.``, ``2)``) or, in plain text, lines that start ``1.``,
``1)``, ``(1)``, ``Article 1`` or ``Point 1:``; their numbers are kept as printed. Sub-points are
lines inside a point that start ``a)``, ``(a)``, ``a.``, ``i)`` or ``1)``, at any depth (a new
kind of marker opens a level, a kind already open returns to it), or nested list items (bullets
get letters in order). Text before the first point is the plan's ``preamble``, text after the last
its ``closing``; text between points is reported, never put into a clause. The YAML is written
by hand with JSON-quoted strings, so that any text round-trips.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import PlanFormatError
from .planschema import MAX_CLAUSE_DEPTH

_SUB = re.compile(r"^\s*(\()?([a-z]{1,3}|[A-Z]|[ivx]{1,5}|\d{1,3})(?(1)\)|[.)])(?:\s+(.*)|$)")
_LOOSE = re.compile(
    r"^(?:(?:article|point|section|clause|art\.)\s+(\d{1,4}[A-Za-z]?)\s*[.:)]?"
    r"|\((\d{1,4}[A-Za-z]?)\)"
    r"|([A-Za-z]{0,2}\d{1,4}[A-Za-z]?)[.)])(?:\s+(.*)|$)",
    re.IGNORECASE,
)
"""A top-level point outside a Markdown list: ``u1.``, ``1)``, ``(1)``, ``Article 1``, ``Point 1:``."""
_ROMAN = frozenset(
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
)
_BACKSLASH = re.compile(r"\\([\\`*_\[\]|~$#!.()+\-=<>&{}])")


@dataclass
class _Point:
    number: str
    first: str = ""
    """The text on the point's own line."""
    more: list[str] = field(default_factory=list)
    """Continuation lines, stripped. Kept as a list and joined once: adding each line to a string
    copied the text so far, so one 3 MB point of 100,000 lines took 18 s (quadratic)."""
    children: list[_Point] = field(default_factory=list)
    has_text: bool = False
    """Whether any text was taken (kept as it goes: the check runs for every line)."""
    line: int | None = None
    """1-based line of the source where the point starts (for error messages)."""
    levels: list[tuple[str, _Point]] = field(default_factory=list, repr=False)
    """Sub-point levels open after the lines taken so far: (marker kind, the point whose children
    are at that level). A point's text may arrive in several paragraphs."""

    def __post_init__(self) -> None:
        self.has_text = bool(self.first)

    def add(self, line: str) -> None:
        self.more.append(line)
        self.has_text = self.has_text or bool(line)

    @property
    def text(self) -> str:
        """Lines joined by single spaces, as written one after another."""
        if not self.more:
            return self.first
        return " ".join(part for part in (self.first, *self.more) if part).strip()


@dataclass
class Imported:
    """What an imported document holds: its points and the text around them."""

    points: list[_Point]
    preamble: str | None
    """Paragraphs before the first point, blank-line separated (headings included, without ``#``)."""
    closing: str | None
    """Paragraphs after the last point."""
    skipped: list[tuple[int | None, str]]
    """(line, text) of paragraphs between points: kept in no clause, reported by the CLI."""


def _letters(k: int) -> str:
    return chr(ord("a") + k) if k < 26 else f"a{k}"


def parse_markdown_plan(markdown: str, label: str) -> list[_Point]:
    """Points and sub-points found in a Markdown text."""
    return import_document(markdown, label).points


def import_document(markdown: str, label: str) -> Imported:
    """Points, sub-points and the text before, between and after them."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    roots: list[_Point] = []
    stack: list[tuple[str, list[_Point], int]] = []  # (list kind, siblings, next number)
    current: list[_Point | None] = [None]
    outside: list[tuple[int | None, str]] = []  # paragraphs after the latest point, not yet placed
    preamble: list[str] = []
    skipped: list[tuple[int | None, str]] = []
    for token in tokens:
        if token.type in ("ordered_list_open", "bullet_list_open"):
            if len(stack) >= MAX_CLAUSE_DEPTH:
                raise PlanFormatError(
                    label, _line(token), "", f"lists nested deeper than {MAX_CLAUSE_DEPTH} levels"
                )
            siblings = roots if not stack else (current[-1].children if current[-1] else roots)
            start = int(token.attrGet("start") or 1) if token.type == "ordered_list_open" else 0
            stack.append((token.type, siblings, start))
            current.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            stack.pop()
            current.pop()
        elif token.type == "list_item_open" and stack:
            kind, siblings, start = stack[-1]
            if kind == "ordered_list_open":
                number = token.info or str(start + len(siblings))  # info: the number as printed
            else:
                number = _letters(len(siblings))
            if siblings is roots:
                skipped += outside  # text between two points
                outside = []
            point = _Point(number, line=_line(token))
            siblings.append(point)
            current[-1] = point
        elif token.type == "inline" and stack and current[-1] is not None:
            _take_text(current[-1], token.content.split("\n"))
        elif token.type == "inline" and not stack:
            outside = _outside_list(token, roots, outside, preamble, skipped)
    if not roots:
        raise PlanFormatError(label, None, "", "no numbered points found (expected lines such as '1. …')")
    closing = "\n\n".join(text for _, text in outside)
    return Imported(roots, "\n\n".join(preamble) or None, closing or None, skipped)


def _outside_list(
    token: Token,
    roots: list[_Point],
    outside: list[tuple[int | None, str]],
    preamble: list[str],
    skipped: list[tuple[int | None, str]],
) -> list[tuple[int | None, str]]:
    """A paragraph or heading outside any Markdown list: plain-text points (``Article 1``, ``(1)``,
    ``u1.``) with their lines, or text around the points. Returns the text waiting after the last
    point (the closing, unless another point follows)."""
    first = _line(token)
    point: _Point | None = None
    waiting: list[str] = []
    for k, line in enumerate(token.content.split("\n")):
        m = _LOOSE.match(line)
        if m:
            number = next(g for g in m.groups()[:3] if g)
            skipped += outside + ([(first, " ".join(waiting))] if waiting else [])
            outside, waiting = [], []
            point = _Point(number, _unescape(m.group(4) or ""), line=None if first is None else first + k)
            roots.append(point)
        elif point is not None:
            _take_text(point, [line])
        elif roots and not roots[-1].has_text and not roots[-1].children and not outside:
            _take_text(roots[-1], [line])  # "Article 1" on a line of its own, its text below
        else:
            waiting.append(_unescape(line.strip()))
    if waiting:
        text = " ".join(w for w in waiting if w)
        if roots:
            outside = [*outside, (first, text)]
        elif text:
            preamble.append(text)
    return outside


def _line(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def _style(marker: str, last_letter: str | None) -> str:
    """The kind of a sub-point marker: ``digit``, ``upper``, ``lower`` or ``roman``.

    ``i``, ``v`` and ``x`` are letters when they follow the previous letter of an open lettered
    level (``h)`` then ``i)``), roman numerals otherwise.
    """
    if marker.isdigit():
        return "digit"
    if marker.isupper():
        return "upper"
    if marker in _ROMAN:
        follows = last_letter is not None and len(marker) == 1 and ord(marker) == ord(last_letter[-1]) + 1
        return "lower" if follows else "roman"
    return "lower"


def _take_text(point: _Point, lines: list[str]) -> None:
    """Lines of a point: a sub-point marker of a kind already open returns to that level, a new
    kind opens a level under the latest sub-point; other lines continue the latest sub-point of
    the deepest level (or the point itself)."""
    levels = point.levels
    for line in lines:
        m = _SUB.match(line)
        if m and (point.has_text or point.children):
            marker = m.group(2)
            kinds = [kind for kind, _ in levels]
            lettered = [
                node.children[-1].number for kind, node in levels if kind == "lower" and node.children
            ]
            kind = _style(marker, lettered[-1] if lettered else None)
            if kind in kinds:
                del levels[kinds.index(kind) + 1 :]
                parent = levels[-1][1]
            else:
                parent = levels[-1][1].children[-1] if levels else point
                if len(levels) >= MAX_CLAUSE_DEPTH - 1:  # deeper than a plan may nest: kept as text
                    parent.add(_unescape(line.strip()))
                    continue
                levels.append((kind, parent))
            parent.children.append(_Point(marker, _unescape(m.group(3) or "")))
        else:
            target = levels[-1][1].children[-1] if levels else point
            target.add(_unescape(line.strip()))


def _unescape(text: str) -> str:
    text = _BACKSLASH.sub(r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def locate(points: list[_Point], where: str, problem: str) -> tuple[int | None, str]:
    """A problem the loader found in the written YAML, told at the source: the line of the point
    that ``where`` (``clauses[2].clauses[0].number``) names, and the problem with YAML line
    numbers replaced by source lines."""
    line = None
    siblings, point = points, None
    for index in re.findall(r"clauses\[(\d+)\]", where):
        k = int(index)
        if k >= len(siblings):
            break
        point = siblings[k]
        line = point.line or line
        siblings = point.children
    first = re.search(r" \(first on line \d+\)", problem)
    if first:  # a duplicate number: the first holder of it among the same siblings
        parent_path = where.rsplit("clauses[", 1)[0]
        holders = points if not parent_path else _at(points, parent_path).children
        earlier = next((p for p in holders if point is not None and p.number == point.number), None)
        told = f" (first on line {earlier.line})" if earlier is not None and earlier.line else ""
        problem = problem.replace(first.group(), told)
    return line, problem


def _at(points: list[_Point], path: str) -> _Point:
    siblings = points
    found = points[0]
    for index in re.findall(r"clauses\[(\d+)\]", path):
        found = siblings[int(index)]
        siblings = found.children
    return found


def to_yaml(
    points: list[_Point],
    plan: str | None,
    title: str | None,
    date: str | None,
    *,
    preamble: str | None = None,
    closing: str | None = None,
) -> str:
    """Plan YAML for the points, with optional metadata and surrounding text, ready for ids."""
    out = [f"plan: {plan}"] if plan else []
    if title:
        out.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    if date:
        out.append(f"date: {date}")
    if preamble:
        out.append(f"preamble: {json.dumps(preamble, ensure_ascii=False)}")
    out.append("clauses:")

    def emit(items: list[_Point], indent: int) -> None:
        pad = " " * indent
        for p in items:
            out.append(f"{pad}- number: {json.dumps(p.number, ensure_ascii=False)}")
            out.append(f"{pad}  text: {json.dumps(p.text, ensure_ascii=False)}")
            if p.children:
                out.append(f"{pad}  clauses:")
                emit(p.children, indent + 4)

    emit(points, 2)
    if closing:
        out.append(f"closing: {json.dumps(closing, ensure_ascii=False)}")
    return "\n".join(out) + "\n"
