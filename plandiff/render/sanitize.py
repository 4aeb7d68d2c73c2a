"""The one escaping layer: untrusted strings made inert for each output kind (terminal, Markdown, HTML).

Every string that reaches an output comes from a plan or a path someone else wrote — clause text,
titles, dates, drafters, sources, notes, topics, ids, numbers, file names, git revisions — and
goes through the function of its output kind here; renderers and commands never escape on their
own. The kinds:

- terminal: :func:`terminal_safe` (text that may span lines) and :func:`terminal_line` (one-line
  fields: labels, paths, numbers, titles, error messages);
- Markdown: :func:`markdown_inline` (inside a line or a table cell), :func:`markdown_text` (a line
  of its own) and :func:`markdown_code` (code style);
- HTML and the raw-HTML parts of a pull-request comment (``<summary>``): :func:`html_text`;
- JSON: :func:`json_inert` over the encoded document (json escapes C0 controls itself);
- changed text in any kind: :func:`show_invisible` first, so a change made only of invisible
  characters is seen.

Markdown and HTML escapes also neutralise ``@user`` mentions (GitHub would ping the user).
"""

from __future__ import annotations

import re

_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""C0 controls except tab and newline, DEL, C1 controls, line/paragraph separators and the
bidirectional overrides and isolates, which make a terminal show text other than what is stored."""
_TERMINAL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""The same, plus tab, newline and carriage return: a one-line field must stay on one line."""
INVISIBLE = (
    "\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f"
    "\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f"
    "\U000e0100-\U000e01ef\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
)
"""Characters that show as nothing or as a plain space: zero-width and format characters (every
Unicode ``Cf``), direction marks, soft hyphen, byte-order mark, variation selectors, fillers and
the non-ASCII spaces. Legitimate in running text, so shown only where text changed."""
_INVISIBLE = re.compile(f"[{INVISIBLE}\\\\]")
_MARKDOWN = re.compile(r"[\\`*_\[\]|~$#!]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML_ENTITIES = {**_ENTITIES, '"': "&quot;", "'": "&#x27;", **{c: f"&#{ord(c)};" for c in "\\`*_[]|~$#!"}}
"""HTML escapes, plus Markdown punctuation as numeric references: text that is raw HTML on GitHub
(``<summary>``) but Markdown to a renderer with raw HTML off is inert to both."""
_MENTION = re.compile(r"(?<![\w@/`])@(?=[A-Za-z0-9])")
"""An ``@`` where GitHub would start a user or team mention."""
NO_MENTION = "@\u200b"
"""What a mention's ``@`` becomes: a zero-width space after it stops GitHub's ping (as
Dependabot's release notes do), and the text still reads ``@user``."""
_BLOCK_START = re.compile(r"^(\s*)(\d+)([.)])")
_CODE_SAFE = re.compile(r"[^`|\\\n\r\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]*\Z")


def _code_point(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x5C:
        return "\\\\"
    if code < 0xA0:  # ASCII and C1 controls
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What json (``ensure_ascii=False``) leaves raw that a terminal would obey or a JavaScript parser
would break on: DEL, C1 controls (``\x9b`` is a one-byte ``ESC [``), line/paragraph separators
and the bidirectional overrides and isolates. They occur only inside JSON strings."""


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def json_inert(document: str) -> str:
    """An encoded JSON document with the characters of ``_JSON_RAW`` as ``\\uXXXX`` escapes: the same
    JSON values, safe to print to a terminal (``compare -f json`` with a hostile file name)."""
    if _JSON_RAW.search(document) is None:  # the common case: one C-speed scan, no copy
        return document
    return _JSON_RAW.sub(_json_escape, document)


def terminal_safe(text: str) -> str:
    """Text for a terminal that may span lines: every control or direction character as ``\\xNN``.

    Tab and newline are kept; ESC, CSI, OSC, backspace, carriage return, the bidirectional
    overrides and U+2028/U+2029 are written out, never obeyed.
    """
    return _TERMINAL.sub(_code_point, text)


def terminal_line(text: str) -> str:
    """A one-line field for a terminal (label, path, number, title, message): newlines written as ``\\x0a``."""
    return _TERMINAL_LINE.sub(_code_point, text)


def show_invisible(text: str) -> str:
    """Changed text with its invisible characters written out (``\\u200b``) and ``\\`` doubled.

    Applied to the inserted and deleted runs of a diff, so that two texts that differ only by
    a zero-width space, a soft hyphen or a no-break space do not look identical; the backslash is
    doubled so that a literal ``\\u200b`` typed in the text cannot pass for one.
    """
    return _INVISIBLE.sub(_code_point, text)


def _no_mentions(text: str) -> str:
    return _MENTION.sub(NO_MENTION, text) if "@" in text else text


def markdown_inline(text: str) -> str:
    """Untrusted text as inert inline Markdown: no markup, raw HTML, table break, mention or control.

    Backslash-escapes Markdown punctuation (and ``$``, which starts maths on GitHub), writes
    ``& < >`` as entities, writes control characters out as ``\\xNN``, neutralises ``@user`` and
    turns line breaks into ``<br>`` (plandiff's own tag, the only one the HTML step lets through)
    so that the text stays on one line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _MARKDOWN.sub(lambda m: "\\" + m.group(), terminal_safe(text))
    text = "".join(_ENTITIES.get(c, c) for c in text) if any(c in text for c in "&<>") else text
    return _no_mentions(text).replace("\n", "<br>")


def markdown_block_safe(line: str) -> str:
    """A line that cannot open a block: ``- + = >``, ``1.`` or an indent at its start."""
    stripped = line.lstrip(" \t")
    if len(stripped) != len(line):
        line = "&#32;" * (len(line) - len(stripped)) + stripped
    if line[:1] in ("-", "+", "="):
        line = "\\" + line
    return _BLOCK_START.sub(r"\1\2\\\3", line, count=1)


def markdown_text(text: str) -> str:
    """Untrusted text that starts a line: :func:`markdown_inline` plus block-start protection."""
    return markdown_block_safe(markdown_inline(text))


def markdown_code(text: str) -> str:
    """An id, label or command in code style, or as escaped text when code style could break.

    A code span cannot hold a backtick, a table's ``|`` or a line break safely, and shows
    backslash escapes literally; text with any of them is written with :func:`markdown_inline`.
    """
    if not text:
        return ""
    if _CODE_SAFE.match(text) and "@" not in text:
        return f"`{text}`"
    return markdown_inline(text)


def html_text(text: str) -> str:
    """Untrusted text for HTML (element content or a quoted attribute), on one line.

    ``& < > " '`` and Markdown punctuation become character references, control characters and line breaks are written out as
    ``\\xNN`` (so the text can sit inside a GitHub HTML block, which a blank line would end), and
    ``@user`` is neutralised.
    """
    text = terminal_line(text)
    return _no_mentions("".join(_HTML_ENTITIES.get(c, c) for c in text))
