"""Turns a plan published as a Markdown or plain numbered list into plan YAML, via markdown-it-py.

Points are ordered-list items (``1.``, ``2)``); their numbers are kept as printed. Sub-points are
lines inside an item that start ``a)``, ``(a)`` or ``a.``, or nested list items (bullets get
letters in order). The YAML is written by hand with JSON-quoted strings, so that any text round-trips.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import PlanFormatError
from .planschema import MAX_CLAUSE_DEPTH

_SUB = re.compile(r"^\s*\(?([a-z]{1,3}|[ivx]{1,5}|\d{1,3})[.)]\s+(.*)$")
_LOOSE = re.compile(r"^([A-Za-z]{0,2}\d{1,4}[A-Za-z]?)[.)]\s+(.*)$")
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


def _letters(k: int) -> str:
    return chr(ord("a") + k) if k < 26 else f"a{k}"


def parse_markdown_plan(markdown: str, label: str) -> list[_Point]:
    """Points and sub-points found in a Markdown text."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    roots: list[_Point] = []
    stack: list[tuple[str, list[_Point], int]] = []  # (list kind, siblings, next number)
    current: list[_Point | None] = [None]
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
            point = _Point(number)
            siblings.append(point)
            current[-1] = point
        elif token.type == "inline" and stack and current[-1] is not None:
            _take_text(current[-1], token)
        elif token.type == "inline" and not stack:
            # Outside lists: points numbered in ways Markdown does not take for a list ("u1.").
            for line in token.content.split("\n"):
                m = _LOOSE.match(line)
                if m:
                    roots.append(_Point(m.group(1), _unescape(m.group(2))))
                elif roots and roots[-1].has_text and not line.startswith("#"):
                    _take_text(roots[-1], Token("inline", "", 0, content=line))
    if not roots:
        raise PlanFormatError(label, None, "", "no numbered points found (expected lines such as '1. …')")
    return roots


def _line(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def _take_text(point: _Point, token: Token) -> None:
    lines = token.content.split("\n")
    for line in lines:
        m = _SUB.match(line)
        target = point.children[-1] if point.children and not m else None
        if m and (point.has_text or point.children):
            point.children.append(_Point(m.group(1), _unescape(m.group(2))))
        elif target is not None:
            target.add(_unescape(line.strip()))
        else:
            point.add(_unescape(line.strip()))


def _unescape(text: str) -> str:
    text = _BACKSLASH.sub(r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def to_yaml(points: list[_Point], plan: str | None, title: str | None, date: str | None) -> str:
    """Plan YAML for the points, with optional metadata, ready for ids to be added."""
    out = [f"plan: {plan}"] if plan else []
    if title:
        out.append(f"title: {json.dumps(title, ensure_ascii=False)}")
    if date:
        out.append(f"date: {date}")
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
    return "\n".join(out) + "\n"
