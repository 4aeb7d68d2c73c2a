"""Hostile and hard inputs: every bad file gives one clear line and exit 2; hard ones just work."""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console
from strategies import any_text, plans
from typer.testing import CliRunner

from plandiff.cli import app
from plandiff.diff import compare
from plandiff.errors import PlandiffError, PlanLoadError
from plandiff.load import load_plan, parse_plan
from plandiff.model import Clause, PlanVersion, VersionInfo
from plandiff.render import RenderOptions, renderer

BAD = DATA / "bad"
GOOD = DATA / "cap-600k-to-800k" / "v2.yaml"

CORPUS = {
    "empty.yaml": "empty file: expected a mapping with 'clauses'",
    "only-comment.yaml": "empty file: expected a mapping with 'clauses'",
    "top-level-list.yaml": ":1: expected a mapping with 'clauses' at the top, got a list",
    "top-level-scalar.yaml": ":1: expected a mapping with 'clauses' at the top, got a string",
    "binary.yaml": ":3: binary data (a NUL byte), not a YAML plan",
    "invalid-utf8.yaml": ":3: not valid UTF-8 (byte 0xe9)",
    "syntax-error.yaml": ":4: YAML syntax error at column 1:",
    "tab-indent.yaml": ":2: YAML syntax error at column 1: found character that cannot start any token (a tab?",
    "duplicate-key-nested.yaml": ":7: duplicate key 'text' (first on line 6)",
    "duplicate-key-top.yaml": ":2: duplicate key 'title' (first on line 1)",
    "duplicate-id.yaml": ":3: clauses[1].id: duplicate id 'army-cap' (first on line 2)",
    "duplicate-number.yaml": ":3: clauses[1].number: duplicate number '6' among sibling clauses (first on line 2)",
    "float-number.yaml": ":2: clauses[0].number: expected a string, got a float 1.1 — quote it",
    "float-number-nested.yaml": ":5: clauses[0].clauses[0].number: expected a string, got a float 1.5 — quote it",
    "bool-number.yaml": ":2: clauses[0].number: expected a string, got a boolean true — quote it",
    "clauses-not-list.yaml": ":2: clauses: expected a list of clauses, got a mapping",
    "clause-without-text.yaml": ":2: clauses[0]: missing required key 'text'",
    "text-not-string.yaml": ":3: clauses[0].text: expected a string, got a list",
    "unknown-key.yaml": ":4: clauses[0]: unknown key 'topcis' (did you mean 'topics'?)",
    "billion-laughs.yaml": ":1: YAML anchors (&) and aliases (*) are not allowed in plans",
    "too-deep.yaml": "clauses nested deeper than 6 levels",
    "escape-sequence.yaml": ":3: clauses[0].text: contains the control character U+001B",
    "two-documents.yaml": ":2: more than one YAML document",
}


def test_corpus_is_complete() -> None:
    assert sorted(CORPUS) == sorted(p.name for p in BAD.iterdir())


def _dynamic(tmp_path: Path) -> dict[str, tuple[list[str], str, str]]:
    """Cases that need the file system at test time: argument list, name in stderr, fragment."""
    big = tmp_path / "big.yaml"
    big.write_text("clauses: []\n" + "# padding\n" * 200)
    return {
        "directory": ([str(tmp_path)], tmp_path.name, "is a directory, not a plan file"),
        "missing": ([str(tmp_path / "gone.yaml")], "gone.yaml", "no such file"),
        "over-size": ([str(big), "--max-bytes", "1000"], "big.yaml", "larger than the 1,000-byte limit"),
        "unknown-plan": (["genva"], "genva", "not a bundled plan (bundled plans: "),
    }


def _check(args: list[str], name: str, fragment: str, tmp_path: Path, whole_record: bool = False) -> None:
    out = tmp_path / "report.out"
    runner = CliRunner()
    commands = [
        ["compare", *args, str(GOOD), "-o", str(out)],
        ["compare", str(GOOD), *args, "-f", "json", "-o", str(out)],
        ["compare", *args, str(GOOD)],
        ["validate", *args],
        ["show", *args],
    ]
    git_diff = ["git-diff", "plans/p.yaml", args[0], "0" * 7, "100644", str(GOOD), "1" * 7, "100644"]
    if args[0].endswith(".yaml") and len(args) == 1:
        commands.append(git_diff)  # labelled from the path git gives, not the temporary file
    if whole_record:  # the commands that read a directory of plans
        record = tmp_path / "record"
        record.mkdir()
        shutil.copy(args[0], record / Path(args[0]).name)
        commands += [["history", "army-cap", "--plans", str(record)], ["table", "--plans", str(record)],
                     ["publish", str(tmp_path / "site"), "--plans", str(record)]]  # fmt: skip
    for command in commands:
        result = runner.invoke(app, command)
        if command is git_diff:  # git stops the whole diff at any other exit code: one line, 0
            assert result.exit_code == 0, (command, result.stdout, result.stderr)
            assert (
                result.stdout
                == "plandiff plans/p.yaml (not compared: not a readable plan, see the error above)\n"
            )
        else:
            assert result.exit_code == 2, (command, result.stdout, result.stderr)
            assert result.stdout == ""
        assert result.stderr.startswith("plandiff: error: ") and result.stderr.count("\n") == 1
        expected_name = "a/plans/p.yaml" if command is git_diff else name
        assert expected_name in result.stderr and fragment in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert not out.exists() and not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_file(name: str, tmp_path: Path) -> None:
    _check([str(BAD / name)], name, CORPUS[name], tmp_path, whole_record=True)


@pytest.mark.parametrize("case", ["directory", "missing", "over-size", "unknown-plan"])
def test_hostile_argument(case: str, tmp_path: Path) -> None:
    args, name, fragment = _dynamic(tmp_path)[case]
    _check(args, name, fragment, tmp_path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: the suite may run as root, who can read a chmod 000 file."""
    path = tmp_path / "locked.yaml"
    path.write_text("clauses: []\n")

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(PlanLoadError) as info:
        load_plan(path, "locked.yaml")
    assert str(info.value) == "locked.yaml: permission denied"


HARD = {
    "utf8-bom": "\ufeffclauses:\n  - {number: 1, text: Суверенітет України}\n".encode(),
    "utf16-bom": "clauses:\n  - {number: 1, text: Суверенітет України}\n".encode("utf-16"),
    "crlf": b"clauses:\r\n  - number: 1\r\n    text: two\r\n      lines\r\n",
    "scripts": "clauses:\n  - {number: 1, text: 'Україна · שלום · سلام · 👍🏽 · e\u0301 · \u200fRTL'}\n".encode(),
    "empty-clauses": b"clauses: []\n",
}


@pytest.mark.parametrize("case", sorted(HARD))
def test_hard_but_valid(case: str, tmp_path: Path) -> None:
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(HARD[case])
    result = CliRunner().invoke(app, ["compare", str(path), str(path), "-f", "json", "--unchanged"])
    assert result.exit_code == 0, result.stderr
    texts = [c["new"]["text"] for c in json.loads(result.stdout)["changes"]]
    expected = {
        "utf8-bom": ["Суверенітет України"],
        "utf16-bom": ["Суверенітет України"],
        "crlf": ["two lines"],
        "scripts": ["Україна · שלום · سلام · 👍🏽 · e\u0301 · \u200fRTL"],
        "empty-clauses": [],
    }[case]
    assert texts == expected


def test_one_megabyte_clause_rewritten_finishes_fast(tmp_path: Path) -> None:
    rng = random.Random(7)
    vocab = ["".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 9))) for _ in range(3000)]

    def text() -> str:
        return "".join(" ".join(rng.choice(vocab) for _ in range(12)) + ". " for _ in range(12_000))

    old, new = text(), text()
    assert len(old) > 1_000_000
    for name, body in (("old.yaml", old), ("new.yaml", new)):
        (tmp_path / name).write_text(
            yaml.safe_dump({"clauses": [{"number": "1", "text": body}]}, width=10**9)
        )
    started = time.monotonic()
    result = CliRunner().invoke(
        app, ["compare", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-f", "json"]
    )
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    change = json.loads(result.stdout)["changes"][0]
    assert change["granularity"] == "whole"
    assert [s["op"] for s in change["segments"]] == ["delete", "insert"]
    assert elapsed < 60, "a pathological diff must not hang (generous bound; the bench measures speed)"


def test_twenty_thousand_clauses_and_completely_different_plans(tmp_path: Path) -> None:
    a = {"clauses": [{"number": str(i), "text": f"point {i} about the army cap"} for i in range(1, 20_001)]}
    b = {"clauses": [{"number": f"x{i}", "text": f"other {i}"} for i in range(1, 101)]}
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(a))
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(b))
    result = CliRunner().invoke(
        app, ["compare", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-f", "json"]
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["summary"] == {
        "added": 100, "removed": 20_000, "modified": 0, "unchanged": 0, "moved": 0, "renumbered": 0,
        "split": 0, "merged": 0, "replaced": 0, "renumbered_ranges": 0,
        "classes": {"substantive": 20_100, "status": 0, "editorial": 0},
    }  # fmt: skip


# --- output safety -----------------------------------------------------------------------------

HOSTILE_TEXT = (
    "[bold]loud[/bold] [link=https://evil.example]click[/link] \u202egnp.exe\u202c "
    "| cell | <script>alert(1)</script> <img src=x onerror=alert(1)> </details> "
    "[link](javascript:alert(1)) ![img](https://evil.example/x.png) $x$ *em* _u_ `code` ~~s~~"
)


def _report(old_text: str, new_text: str, title: str = "T") -> object:
    old = PlanVersion("old.yaml", (Clause("1", old_text, id="c1", title=title),), title=title)
    new = PlanVersion("new.yaml", (Clause("1", new_text, id="c1", title=title),), title=title)
    return compare(old, new)


def _terminal(report: object, color: bool = False) -> str:
    console = Console(
        file=io.StringIO(), width=100, color_system="standard" if color else None, force_terminal=color
    )
    console.print(renderer("terminal")(report, RenderOptions(color=color)))  # type: ignore[arg-type]
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_terminal_prints_markup_and_overrides_literally() -> None:
    text = _terminal(_report("# plain", "# " + HOSTILE_TEXT))
    assert "[bold]loud[/bold]" in text and "[link=https://evil.example]click[/link]" in text
    assert "\\u202egnp.exe\\u202c" in text
    assert "\x1b" not in text


def test_terminal_escapes_control_characters_in_reports_built_in_code() -> None:
    text = _terminal(
        _report(
            "a", "b \x1b]0;title\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x08\r\x9b", title="\x1b[31mT"
        )
    )
    assert "\x1b" not in text and "\x07" not in text and "\x08" not in text and "\r" not in text
    assert "\\x1b]0;title\\x07" in text and "\\x9b" in text


ALLOWED_TAGS = {"h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td", "del", "ins", "ul", "li", "em",
                "strong", "code", "blockquote", "br"}  # fmt: skip
_MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
"""The configuration of plandiff.render.html, used as GitHub-like rendering of Markdown reports."""


_ATTRIBUTE = re.compile(r"<[a-zA-Z][^<>]*\s(?:href|src|on[a-z]+)\s*=")
"""A real tag carrying a link, a source or an event handler."""


def _tags(html: str) -> set[str]:
    return {m.lower() for m in re.findall(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)", html)}


def test_markdown_cannot_inject() -> None:
    report = _report("# plain text", "# " + HOSTILE_TEXT, title="- [x](javascript:1) | <b>")
    md = renderer("markdown")(report, RenderOptions())
    assert isinstance(md, str)
    html = _MD.render(md)
    assert _tags(html) <= ALLOWED_TAGS, _tags(html) - ALLOWED_TAGS
    assert not _ATTRIBUTE.search(html), _ATTRIBUTE.search(html)
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<h1>") == 1 and html.count("<h2>") == 1
    # The two tables keep their shape: versions (2 rows × 3 cells) and counts (one row, as many
    # cells as the counts table has headers).
    assert html.count("<tr>") == 5 and html.count("<td") == 6 + len(re.findall(r"<th[ >]", html)) - 3


@settings(max_examples=80)
@given(plans(any_text), plans(any_text), any_text)
def test_any_text_is_safe_in_terminal_and_markdown(a: PlanVersion, b: PlanVersion, label: str) -> None:
    report = compare(PlanVersion(label or "x", a.clauses, title=label), b)
    text = _terminal(report)
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in text)
    html = _MD.render(renderer("markdown")(report, RenderOptions()))  # type: ignore[arg-type]
    assert _tags(html) <= ALLOWED_TAGS
    assert not _ATTRIBUTE.search(html)
    page = renderer("html")(report, RenderOptions())
    assert isinstance(page, str)
    assert _tags(page) <= ALLOWED_TAGS | {"html", "head", "meta", "title", "style", "body", "main", "div"}
    assert not _ATTRIBUTE.search(page)


VALID = (DATA / "cap-600k-to-800k" / "v1.yaml").read_text()


@settings(max_examples=200)
@given(st.data())
def test_random_yaml_mutation_loads_or_fails_cleanly(data: st.DataObject) -> None:
    text = VALID
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = data.draw(st.sampled_from(["-", ":", " ", "\n", "\t", "&a", "*a", "[", "{", "'", '"', "1.5",
                                            "yes", "  ", "clauses:", "number: 1", "!!python/object:os.system"]))  # fmt: skip
        if action == "insert":
            text = text[:position] + chunk + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + len(chunk) :]
        else:
            text = text[:position] + chunk + text[position + 1 :]
    try:
        plan = parse_plan(text, "m.yaml")
    except PlandiffError as error:
        assert str(error).startswith("m.yaml"), str(error)
        assert "\n" not in str(error)
    else:
        assert isinstance(plan, PlanVersion)


def test_version_info_labels_are_escaped_in_terminal() -> None:
    report = compare(PlanVersion("a\x1b[2J.yaml", ()), PlanVersion("b.yaml", ()))
    assert isinstance(report.old, VersionInfo)
    assert "\x1b" not in _terminal(report)
