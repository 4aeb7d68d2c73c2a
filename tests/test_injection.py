"""Injection (issue 11 items 1–5): no field of a plan, file name or revision can become markup,
a terminal command, a mention or a git option, in any output. One section per class."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import DATA
from rich.console import Console
from typer.testing import CliRunner

from plandiff.cli import app
from plandiff.diff import compare
from plandiff.model import Clause, PlanVersion
from plandiff.render import RenderOptions, renderer
from plandiff.render.html import markdown_to_html
from plandiff.render.prcomment import FileReport, render_comment
from plandiff.render.sanitize import (
    INVISIBLE,
    html_text,
    markdown_code,
    markdown_inline,
    show_invisible,
    terminal_line,
    terminal_safe,
)

GOOD = DATA / "cap-600k-to-800k"
XSS = "x\n\n<img src=x onerror=alert(1)>"
"""The issue's source URL: a blank line, then a tag."""


class Tags(HTMLParser):
    """Every start tag and attribute an HTML parser (a browser's first step) finds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(name for name, _ in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


PAGE_TAGS = {"html": ("lang",), "head": (), "meta": ("charset", "name", "content"), "title": (), "style": (),
             "link": ("rel", "href"), "body": ("class",), "div": ("class",), "main": (), "nav": (), "a": ("href",), "h1": (), "h2": ("id",),
             "h3": ("id",), "p": (), "table": (), "thead": (), "tbody": (), "tr": (), "th": ("style",),
             "td": ("style",), "del": (), "ins": (), "ul": (), "ol": ("start",), "li": (), "em": (),
             "strong": (), "code": (), "blockquote": (), "br": (), "hr": (), "s": ()}  # fmt: skip
"""Tags and attributes a plandiff page may hold (``style`` on cells: markdown-it's column alignment)."""


def foreign_tags(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """Tags, or attributes, outside PAGE_TAGS; ``href`` values that are not plain links count too."""
    parser = Tags()
    parser.feed(html)
    parser.close()
    bad = [(t, a) for t, a in parser.tags if t not in PAGE_TAGS or not set(a) <= set(PAGE_TAGS[t])]
    for name, value in re.findall(r'\b(id|class)="([^"]*)"', html):
        if not re.fullmatch(r"[a-z0-9-]+( [a-z0-9-]+)*", value):
            bad.append(("*", (f"{name}={value}",)))
    for href in re.findall(r'href="([^"]*)"', html):
        if not re.match(r"(https?://|\.\./|[a-z0-9.-]+\.(html|css)\Z|[a-z0-9-]+/[a-z0-9.-]+\Z)", href):
            bad.append(("a", ("href=" + href,)))
    return bad


def _write(path: Path, data: dict[str, object]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _terminal(renderable: object) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None, highlight=False, emoji=False)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


# --- 1. stored XSS on the site and in compare -f html ------------------------------------------


def test_source_url_with_a_blank_line_is_not_a_live_tag(tmp_path: Path) -> None:
    record = tmp_path / "record"
    record.mkdir()
    _write(record / "a.yaml", {"plan": "a", "title": "A", "sources": [{"title": "S", "url": XSS}],
                               "clauses": [{"number": 1, "text": "t"}]})  # fmt: skip
    result = CliRunner().invoke(app, ["publish", str(tmp_path / "site"), "--plans", str(record)])
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "site" / "versions" / "a.html").read_text()
    assert foreign_tags(page) == []
    assert "<li>S: x<br>" in page and "&lt;img src=x onerror=alert(1)&gt; (not linked)</li>" in page


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_file_name_with_a_newline_is_not_a_live_tag(fmt: str, tmp_path: Path) -> None:
    old = tmp_path / "x\n\n<img src=x onerror=alert(1)>.yaml"
    old.write_text((GOOD / "v1.yaml").read_text())
    result = CliRunner().invoke(app, ["compare", str(old), str(GOOD / "v2.yaml"), "-f", fmt])
    assert result.exit_code == 1, result.stderr
    html = result.stdout if fmt == "html" else markdown_to_html(result.stdout)
    assert foreign_tags(html) == []
    assert "&lt;img src=x onerror=alert(1)&gt;.yaml" in html


@pytest.mark.parametrize("view", ["compare", "three-way"])
def test_json_writes_terminal_controls_in_file_names_as_escapes(view: str, tmp_path: Path) -> None:
    """json escapes C0 controls itself; C1 controls (\x9b is a one-byte ESC [), DEL, line
    separators and direction overrides must not reach a terminal raw either."""
    name = "a\x9b2J\x7f\u202egnp\u2028b.yaml"
    old = tmp_path / name
    old.write_text((GOOD / "v1.yaml").read_text())
    plans = [str(old), str(GOOD / "v2.yaml")] + ([str(GOOD / "v2.yaml")] if view == "three-way" else [])
    result = CliRunner().invoke(app, ["compare", *plans, "-f", "json"])
    assert result.exit_code == 1, result.stderr
    assert re.search("[\x7f-\x9f\u2028\u202e]", result.stdout) is None
    assert "a\\u009b2J\\u007f\\u202egnp\\u2028b.yaml" in result.stdout
    assert name in json.dumps(json.loads(result.stdout), ensure_ascii=False)  # the same value


def test_markdown_to_html_runs_with_raw_html_off() -> None:
    html = markdown_to_html(
        "<img src=x onerror=alert(1)>\n\n<div>x</div>\n\na <b>b</b> <del>c</del><ins>d</ins>x<br>y <del x=1>e</del>\n"
    )
    assert html == (
        "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n<p>&lt;div&gt;x&lt;/div&gt;</p>\n"
        "<p>a &lt;b&gt;b&lt;/b&gt; <del>c</del><ins>d</ins>x<br>y &lt;del x=1&gt;e</del></p>\n"
    )


def test_page_title_writes_direction_overrides_in_file_names_out(tmp_path: Path) -> None:
    hostile = tmp_path / "a\u202elmth.yaml"
    hostile.write_bytes((GOOD / "v1.yaml").read_bytes())
    new = str(GOOD / "v2.yaml")
    for args in (
        ["compare", str(hostile), new],
        ["brief", str(hostile), new],
        ["three-way", str(hostile), new, new],
    ):
        result = CliRunner().invoke(app, [*args, "-f", "html"])
        assert result.exit_code == 1, result.stderr
        assert "\u202e" not in result.stdout
        title = re.search("<title>(.*)</title>", result.stdout)
        assert title is not None and "/a\\u202elmth.yaml → " in unescape(title.group(1))


# --- 2. terminal: no rich markup from data, no escape sequences ---------------------------------


def test_list_does_not_parse_rich_markup_from_drafted_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "a.yaml", {"plan": "a", "drafted_by": ["[link=https://evil.example]US[/link]", "[blink]RU"],
                                 "clauses": [{"number": 1, "text": "t"}]})  # fmt: skip
    monkeypatch.setattr("plandiff.catalog.bundled_dir", lambda: tmp_path)
    result = CliRunner().invoke(app, ["list"])
    assert result.exit_code == 0, result.stderr
    assert "[link=https://evil.example]US[/link], [blink]RU" in result.stdout
    assert "\x1b" not in result.stdout


def test_git_driver_writes_escape_sequences_in_paths_out(tmp_path: Path) -> None:
    path = "plans/\x1b[2J\x1b]8;;http://evil\x07x.yaml"
    args = [
        "git-diff",
        path,
        str(GOOD / "v1.yaml"),
        "0" * 7,
        "100644",
        str(GOOD / "v2.yaml"),
        "1" * 7,
        "100644",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert result.stdout.startswith("plandiff plans/\\x1b[2J\\x1b]8;;http://evil\\x07x.yaml\n")
    unmerged = CliRunner().invoke(app, ["git-diff", "a\x1b[2J\nb.yaml"])
    assert unmerged.stdout == "* Unmerged path a\\x1b[2J\\x0ab.yaml\n"


def test_error_messages_stay_on_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "gone\n\x1b[31mplandiff: ok.yaml")])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert "gone\\x0a\\x1b[31mplandiff: ok.yaml" in result.stderr


def test_one_line_fields_cannot_fake_a_clause_header_in_the_terminal() -> None:
    # Texts with enough words in common to pair by content (content pairing leaves "a b c" and
    # "a b d" unpaired).
    old = PlanVersion("old.yaml", (Clause("1", "alpha beta gamma delta", title="T\n2  fake  added"),))
    new = PlanVersion(
        "new\n3  fake.yaml", (Clause("1", "alpha beta gamma epsilon", title="T\n2  fake  added"),)
    )
    text = _terminal(renderer("terminal")(compare(old, new), RenderOptions()))
    assert text.startswith("old.yaml → new\\x0a3  fake.yaml\n")
    assert "\n1  T\\x0a2  fake  added  modified (similar text, similarity 0.60) · editorial\n" in text


# --- 3. pull-request comment --------------------------------------------------------------------


def _file(path: str, old_text: str = "a", new_text: str = "b") -> FileReport:
    old = PlanVersion(f"a/{path}", (Clause("1", old_text),))
    new = PlanVersion(f"b/{path}", (Clause("1", new_text),))
    return FileReport(path, "modified", compare(old, new))


def test_pr_comment_path_with_a_newline_adds_no_heading() -> None:
    comment = render_comment([_file("plans/x\n\n## Approved by legal\n\n<b>x</b>.yaml")], "main", "HEAD")
    html = markdown_to_html(comment.split("<details>")[0])
    assert len(re.findall(r"<h[1-6][ >]", html)) == 1 and "<b>" not in comment
    assert (
        "<summary>plans/x&#92;x0a&#92;x0a&#35;&#35; Approved by legal&#92;x0a&#92;x0a&lt;b&gt;x&lt;/b&gt;.yaml — "
        in comment
    )


def test_pr_comment_folded_hint_quotes_and_escapes_the_path() -> None:
    path = "plans/a`<b>x</b>`$(touch pwned).yaml"
    comment = render_comment([_file(path, "x " * 40_000, "y " * 40_000)], "main", "HEAD")
    hint = next(line for line in comment.splitlines() if line.startswith("*Folded"))
    assert hint == (
        r"*Folded: too long for one comment. Run plandiff compare \-\-git main..HEAD \-\- "
        r"'plans/a\`&lt;b&gt;x&lt;/b&gt;\`\$(touch pwned).yaml' to see it.*"
    ).replace(r"\-\-", "--")
    assert markdown_code("plandiff compare -- 'plans/x.yaml'") == "`plandiff compare -- 'plans/x.yaml'`"


def test_pr_comment_neutralises_mentions() -> None:
    comment = render_comment(
        [_file("plans/@team.yaml", "cc @alice", "cc @alice and @org/team")], "main", "HEAD"
    )
    assert not re.search(r"(?<![\w@/`])@[A-Za-z0-9]", comment)
    assert "cc @\u200balice" in comment and "@\u200borg/team" in comment
    assert markdown_inline("mail a@b.org") == "mail a@b.org"  # an address is not a mention


# --- 4. invisible characters --------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u200b", "\u200f", "\u2028", "\u00ad", "\ufeff", "\u00a0", "\u2060"])
def test_invisible_characters_are_shown_where_text_changed(char: str) -> None:
    old = PlanVersion("old.yaml", (Clause("1", "Kyiv agrees"),))
    new = PlanVersion("new.yaml", (Clause("1", f"Ky{char}iv agrees"),))
    report = compare(old, new)
    code = f"\\u{ord(char):04x}"
    terminal = _terminal(renderer("terminal")(report, RenderOptions()))
    assert f"[-Kyiv-]{{+Ky{code}iv+}} agrees" in terminal
    markdown = renderer("markdown")(report, RenderOptions())
    assert isinstance(markdown, str)
    assert f"<del>Kyiv</del><ins>Ky\\{code}iv</ins> agrees" in markdown
    assert f"<ins>Ky{code}iv</ins>" in markdown_to_html(markdown)


def test_invisible_characters_are_kept_in_unchanged_text() -> None:
    """A right-to-left mark is part of Hebrew or Arabic text: shown only where it changed."""
    assert show_invisible("a\u200fb\\u200b") == "a\\u200fb\\\\u200b"
    assert terminal_safe("שלום\u200f") == "שלום\u200f"


def test_invisible_set_covers_every_format_character() -> None:
    import sys
    import unicodedata

    missing = [hex(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp", "Zs")
               and chr(c) != " " and not re.match(f"[{INVISIBLE}]", chr(c))]  # fmt: skip
    assert missing == []


# --- the escaping functions themselves ----------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "text", "expected"),
    [
        pytest.param(
            terminal_safe, "a\x1b[2J\tb\nc\x9b\u202e", "a\\x1b[2J\tb\nc\\x9b\\u202e", id="terminal-multiline"
        ),
        pytest.param(terminal_line, "a\tb\nc\r", "a\\x09b\\x0ac\\x0d", id="terminal-line"),
        pytest.param(markdown_inline, "*a* <b> |\n@x", "\\*a\\* &lt;b&gt; \\|<br>@\u200bx", id="markdown"),
        pytest.param(markdown_code, "a`b", "a\\`b", id="code-falls-back"),
        pytest.param(markdown_code, "a|b", "a\\|b", id="code-in-table"),
        pytest.param(markdown_code, "plans/x.yaml", "`plans/x.yaml`", id="code"),
        pytest.param(
            html_text,
            "<a href='x'>\n\n @u",
            "&lt;a href=&#x27;x&#x27;&gt;&#92;x0a&#92;x0a @\u200bu",
            id="html",
        ),
    ],
)
def test_escaping_functions(function: object, text: str, expected: str) -> None:
    assert function(text) == expected  # type: ignore[operator]


# --- 5. git argument injection ------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import subprocess

    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    for key in [k for k in __import__("os").environ if k.startswith("GIT_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(repo)

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], check=True,
                       capture_output=True)  # fmt: skip

    git("init", "-q", "-b", "main")
    (repo / "plans" / "x.yaml").write_text((GOOD / "v1.yaml").read_text())
    git("add", ".")
    git("commit", "-q", "-m", "one")
    (repo / "plans" / "x.yaml").write_text((GOOD / "v2.yaml").read_text())
    git("commit", "-q", "-am", "two")
    return repo


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["compare", "--git", "HEAD..--output=victim.txt"], id="compare-git-range"),
        pytest.param(["compare", "--git", "HEAD...--output=victim.txt"], id="compare-git-three-dots"),
        pytest.param(["compare", "--git", "--output=victim.txt"], id="compare-git-rev"),
        pytest.param(
            ["compare", "--git", "HEAD~1..HEAD", "-f", "markdown", "--", "--output=victim.txt"],
            id="compare-git-path",
        ),
        pytest.param(["pr-comment", "HEAD~1", "--", "--output=victim.txt"], id="pr-comment-head"),
        pytest.param(["pr-comment", "--", "--output=victim.txt", "HEAD"], id="pr-comment-base"),
        pytest.param(["compare", "--", "--output=victim.txt:plans/x.yaml", "plans/x.yaml"], id="rev-path"),
        pytest.param(
            ["compare", "HEAD..--output=victim.txt:plans/x.yaml", "plans/x.yaml"], id="rev-path-range"
        ),
    ],
)
def test_no_revision_becomes_a_git_option(repo: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert not (repo / "victim.txt").exists()
    if args[-2:] == ["--", "--output=victim.txt"] and args[0] == "compare":
        assert result.exit_code == 0 and result.stdout == "no plan files changed\n"  # a path, not an option
        return
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert (
        result.stderr.count("\n") == 1
        and "a revision may not start with '-' ('--output=victim.txt')" in result.stderr
    )


def test_revisions_are_verified_before_use(repo: Path) -> None:
    result = CliRunner().invoke(app, ["compare", "--git", "HEAD~1..nosuch"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "plandiff: error: HEAD~1..nosuch: git: invalid object name 'nosuch'.\n"
    result = CliRunner().invoke(app, ["compare", "--git", "HEAD~1...HEAD", "-f", "markdown"])
    assert result.exit_code == 1 and result.stdout.startswith("**plans/x.yaml** (modified)\n")


# --- 15. error messages, show (textconv), clause numbers ----------------------------------------


def _validate(tmp_path: Path, text: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"plandiff: error: {path}:") and result.stderr.count("\n") == 1
    return result.stderr.removeprefix(f"plandiff: error: {path}:")


def test_a_custom_tag_cannot_forge_a_second_error_line(tmp_path: Path) -> None:
    message = _validate(tmp_path, "title: !x%0Aplandiff:%20error:%20forged%1B%5B2J hello\nclauses: []\n")
    assert message == (
        "1: title: expected a string, got a value tagged '!x\\nplandiff: error: forged\\x1b[2J': 'hello' — quote it\n"
    )


LONG = "x" * 5000


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(f"plan: {LONG}_\nclauses: []\n", "plan: 'xxx", id="slug"),
        pytest.param(f"? {LONG}\n: 1\nclauses: []\n", "unknown key 'xxx", id="key"),
        pytest.param(f"status: {LONG}\nclauses: []\n", "status: 'xxx", id="enum"),
        pytest.param(f"date: {LONG}\nclauses: []\n", "got a string 'xxx", id="date"),
        pytest.param(f"title: !{LONG} v\nclauses: []\n", "a value tagged '!xxx", id="tag"),
        pytest.param(f"clauses:\n  - {{number: '({LONG})', text: t}}\n", "clause number '(xxx", id="number"),
        pytest.param(
            f"clauses:\n  - {{number: 1, text: t, topics: [{LONG}, {LONG}]}}\n", "'xxx", id="listed-twice"
        ),
        pytest.param(
            f"clauses:\n  - {{number: 1, text: t, bracketed: {LONG}}}\n", "string 'xxx", id="boolean"
        ),
    ],
)
def test_error_messages_quote_at_most_80_characters_of_a_value(
    tmp_path: Path, text: str, fragment: str
) -> None:
    message = _validate(tmp_path, text)
    assert fragment in message and "… (5,0" in message, message
    assert len(message) < 300 and "x" * 80 not in message


def test_show_marks_continuation_lines_so_text_cannot_fake_a_heading(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.yaml", {"title": "T", "clauses": [
        {"number": 1, "id": "a", "title": "Army\n\n9 [forged]", "text": "real text\n\n2 [fake] Fake heading\nmore"},
        {"number": 2, "text": "two"}]})  # fmt: skip
    result = CliRunner().invoke(app, ["show", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "T\n\n1 [a] Army\\x0a\\x0a9 [forged]\nreal text\n|\n| 2 [fake] Fake heading\n| more\n\n2\ntwo\n"
    )


def test_show_prints_preamble_and_closing_under_headings_no_clause_can_have(tmp_path: Path) -> None:
    """A textconv diff must see text outside the points; marked like clause text, it fakes nothing."""
    path = _write(tmp_path / "p.yaml", {"title": "T", "preamble": "Recitals.\n1 [x] forged", "clauses": [
        {"number": 1, "text": "one"}], "closing": "Signed."})  # fmt: skip
    result = CliRunner().invoke(app, ["show", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "T\n\n(preamble)\nRecitals.\n| 1 [x] forged\n\n1\none\n\n(closing)\nSigned.\n"


@pytest.mark.parametrize("number", ["10(b)", "10 (b)", "(b)", "10)", "10\\n2", "1\\t2"])
def test_numbers_that_would_print_like_another_clause_are_refused(tmp_path: Path, number: str) -> None:
    text = f'clauses:\n  - {{number: "{number}", text: x}}\n  - number: 10\n    text: y\n    clauses: [{{number: b, text: z}}]\n'
    message = _validate(tmp_path, text)
    assert message.startswith("2: clauses[0].number: clause number ")
    assert message.endswith(
        " may not contain brackets or line breaks; write a sub-point as a nested clause "
        "(number 10 with a sub-clause b prints as 10(b))\n"
    )
