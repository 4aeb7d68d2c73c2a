"""Loader: valid plans build the right model; every invalid one gives one exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plandiff import load
from plandiff.errors import PlanFormatError, PlanLoadError, UnknownPlanError
from plandiff.load import decode, load_plan, parse_plan, resolve_plan
from plandiff.model import Clause, Provenance, Source, Status
from plandiff.rawtree import RawMap, RawScalar

ERRORS = [
    pytest.param(
        "clauses:\n  - number: 1.10\n    text: a\n",
        "p.yaml:2: clauses[0].number: expected a string, got a float 1.1 — quote it",
        id="float-number",
    ),
    pytest.param(
        "clauses:\n  - number: yes\n    text: a\n",
        "p.yaml:2: clauses[0].number: expected a string, got a boolean yes — quote it",
        id="bool-number",
    ),
    pytest.param(
        "clauses:\n  - number: 1\n    text: 5\n",
        "p.yaml:3: clauses[0].text: expected a string, got an int 5 — quote it",
        id="text-int",
    ),
    pytest.param(
        "clauses:\n  - number: 1\n",
        "p.yaml:2: clauses[0]: missing required key 'text'",
        id="missing-text",
    ),
    pytest.param("title: x\n", "p.yaml:1: missing required key 'clauses'", id="missing-clauses"),
    pytest.param(
        "clauses: {a: 1}\n",
        "p.yaml:1: clauses: expected a list of clauses, got a mapping",
        id="clauses-not-list",
    ),
    pytest.param(
        "- a\n- b\n",
        "p.yaml:1: expected a mapping with 'clauses' at the top, got a list",
        id="top-level-list",
    ),
    pytest.param(
        "just text\n",
        "p.yaml:1: expected a mapping with 'clauses' at the top, got a string 'just text'",
        id="top-level-scalar",
    ),
    pytest.param("", "p.yaml: empty file: expected a mapping with 'clauses'", id="empty"),
    pytest.param("# only a comment\n", "p.yaml: empty file: expected a mapping with 'clauses'", id="comment"),
    pytest.param(
        "clauses:\n  - number: 1\n    text: a\n    text: b\n",
        "p.yaml:4: duplicate key 'text' (first on line 3)",
        id="duplicate-key",
    ),
    pytest.param(
        "title: a\ntitle: b\nclauses: []\n",
        "p.yaml:2: duplicate key 'title' (first on line 1)",
        id="duplicate-top-key",
    ),
    pytest.param(
        "clauses:\n  - {number: 1, id: x, text: a}\n  - {number: 2, id: x, text: b}\n",
        "p.yaml:3: clauses[1].id: duplicate id 'x' (first on line 2)",
        id="duplicate-id",
    ),
    pytest.param(
        "clauses:\n  - {number: 1, text: a}\n  - {number: 1, text: b}\n",
        "p.yaml:3: clauses[1].number: duplicate number '1' among sibling clauses (first on line 2)",
        id="duplicate-number",
    ),
    pytest.param(
        "clauses:\n  - {number: 1, txt: a, text: b}\n",
        "p.yaml:2: clauses[0]: unknown key 'txt' (did you mean 'text'?)",
        id="unknown-key",
    ),
    pytest.param(
        "clauses:\n  - {number: 1, text: a, provenance: rumoured}\n",
        "p.yaml:2: clauses[0].provenance: 'rumoured' is not one of: published, reported, carried",
        id="bad-provenance",
    ),
    pytest.param(
        "date: 20 Nov 2025\nclauses: []\n",
        "p.yaml:1: date: expected an ISO date like 2025-11-20, got a string '20 Nov 2025'",
        id="bad-date",
    ),
    pytest.param(
        "clauses:\n  - {number: 1, text: a, id: Army Cap}\n",
        "p.yaml:2: clauses[0].id: 'Army Cap' is not a slug (lower-case letters, digits and '-')",
        id="bad-id",
    ),
    pytest.param(
        "clauses:\n  - {number: 1, text: a, bracketed: maybe}\n",
        "p.yaml:2: clauses[0].bracketed: expected true or false, got a string 'maybe'",
        id="bad-bracketed",
    ),
    pytest.param(
        'clauses:\n  - {number: 1, text: "\\e]0;pwned\\a"}\n',
        "p.yaml:2: clauses[0].text: contains the control character U+001B at position 1; "
        "plan text may not carry terminal escapes or other control codes",
        id="escape-sequence",
    ),
    pytest.param(
        "x: &a [1]\ny: *a\nclauses: []\n",
        "p.yaml:1: YAML anchors (&) and aliases (*) are not allowed in plans",
        id="anchor",
    ),
    pytest.param(
        "clauses:\n\t- number: 1\n",
        "p.yaml:2: YAML syntax error at column 1: found character that cannot start any token"
        " (a tab? YAML indents with spaces only)",
        id="tab-indent",
    ),
    pytest.param(
        "clauses: [\n",
        "p.yaml:2: YAML syntax error at column 1: did not find expected node content",
        id="syntax",
    ),
    pytest.param(
        "clauses: []\n---\nclauses: []\n",
        "p.yaml:2: more than one YAML document (a second '---')",
        id="two-documents",
    ),
    pytest.param(
        "clauses:\n  - number: ''\n    text: a\n",
        "p.yaml:2: clauses[0].number: a clause number may not be empty",
        id="empty-number",
    ),
    pytest.param(
        "sources:\n  - {title: x}\nclauses: []\n",
        "p.yaml:2: sources[0]: missing required key 'url'",
        id="source-without-url",
    ),
]


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_invalid_plan_message(text: str, message: str) -> None:
    with pytest.raises(PlanFormatError) as info:
        parse_plan(text, "p.yaml")
    assert str(info.value) == message


def test_libyaml_is_used() -> None:
    """The messages above are libyaml's; the fast loader must be the one in use."""
    assert yaml.__with_libyaml__
    assert load._Loader is yaml.CSafeLoader


SCALARS = [
    "1", "-7", "+1", "1_000", "0x1F", "0o17", "0b101", "1.5", "1e3", "1.0e+3", ".inf", "-.Inf",
    ".nan", "yes", "No", "on", "OFF", "y", "n", "true", "False", "~", "null", "Null", "2025-11-20",
    "2001-12-14 21:59:43.10 -5", "2001-12-14t21:59:43.10-05:00", "<<", "=", "Tuesday",
    "text with spaces", "1st point", ".5 km", "-x", "0.", "1:20", "190:20:30", "'quoted'", '"1"',
    "!!str 5", "!!int '5'", "! 5",
]  # fmt: skip


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalar_kinds_match_pyyaml(scalar: str) -> None:
    """The loader resolves plain scalars itself (for speed); it must agree with PyYAML's tags."""
    text = f"key: {scalar}\n"
    node = yaml.compose(text, Loader=yaml.SafeLoader).value[0][1]
    raw = load.parse_yaml(text, "p.yaml")
    assert isinstance(raw, RawMap)
    value = raw.items["key"]
    assert isinstance(value, RawScalar)
    assert (value.kind, value.value) == (node.tag.rsplit(":", 1)[-1], node.value)


def test_deep_nesting_is_refused() -> None:
    text = (
        "clauses:\n"
        + "".join(
            "  " * (2 * d)
            + "  - number: 1\n"
            + "  " * (2 * d)
            + "    text: a\n"
            + "  " * (2 * d)
            + "    clauses:\n"
            for d in range(8)
        )
        + "  " * 16
        + "  - {number: 1, text: a}\n"
    )
    with pytest.raises(PlanFormatError, match=r"clauses nested deeper than 6 levels"):
        parse_plan(text, "p.yaml")


def test_yaml_nesting_limit() -> None:
    with pytest.raises(PlanFormatError, match="nested deeper than 100 levels"):
        parse_plan("clauses: " + "[" * 150 + "]" * 150 + "\n", "p.yaml")


def test_full_plan_builds_model() -> None:
    text = """\
plan: demo
title: Demo
date: 2025-11-20
drafted_by: [A, B]
status: reconstructed
parent: base
notes: n
sources:
  - {title: T, url: "https://example.org/x", date: 2025-11-21}
clauses:
  - number: 10
    id: us-guarantee
    title: US guarantee
    topics: [security]
    provenance: reported
    bracketed: true
    note: a note
    text: "The guarantee:"
    clauses:
      - {number: a, text: one}
"""
    plan = parse_plan(text, "demo.yaml")
    assert plan.plan == "demo" and plan.title == "Demo" and plan.date == "2025-11-20"
    assert plan.drafted_by == ("A", "B") and plan.status is Status.RECONSTRUCTED
    assert plan.parent == "base" and plan.notes == "n"
    assert plan.sources == (Source("T", "https://example.org/x", "2025-11-21"),)
    assert plan.clauses == (
        Clause(
            number="10",
            text="The guarantee:",
            id="us-guarantee",
            title="US guarantee",
            topics=("security",),
            provenance=Provenance.REPORTED,
            bracketed=True,
            note="a note",
            clauses=(Clause(number="a", text="one", line=20),),
            line=11,
        ),
    )


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(b"\xef\xbb\xbfclauses: []\n", "clauses: []\n", id="utf8-bom"),
        pytest.param("clauses: []\n".encode("utf-16"), "clauses: []\n", id="utf16-bom"),
        pytest.param(b"clauses: []\r\n", "clauses: []\r\n", id="crlf"),
    ],
)
def test_decode_accepts(data: bytes, text: str) -> None:
    assert decode(data, "p.yaml") == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            b"clauses:\n\x00\x01", "p.yaml:2: binary data (a NUL byte), not a YAML plan", id="binary"
        ),
        pytest.param(
            b"clauses: []\ntitle: \xff\n",
            "p.yaml:2: not valid UTF-8 (byte 0xff); save the file as UTF-8",
            id="bad-utf8",
        ),
    ],
)
def test_decode_refuses(data: bytes, message: str) -> None:
    with pytest.raises(PlanFormatError) as info:
        decode(data, "p.yaml")
    assert str(info.value) == message


def test_crlf_and_unicode_load(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_bytes('clauses:\r\n  - {number: 1, text: "Україна — שלום — سلام 👍 e\u0301"}\r\n'.encode())
    plan = load_plan(path)
    assert plan.clauses[0].text == "Україна — שלום — سلام 👍 e\u0301"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(PlanLoadError, match=r"^nope.yaml: no such file$"):
        load_plan(tmp_path / "nope.yaml", "nope.yaml")
    with pytest.raises(PlanLoadError, match=r"is a directory, not a plan file$"):
        load_plan(tmp_path, "dir")


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("clauses: []\n" + "#" * 100 + "\n")
    with pytest.raises(PlanLoadError) as info:
        load_plan(path, "big.yaml", max_bytes=50)
    assert str(info.value) == "big.yaml: file is larger than the 50-byte limit (raise it with --max-bytes)"


def test_bundled_names_resolve_and_unknown_lists_valid() -> None:
    path, label = resolve_plan("geneva")
    assert path.name == "geneva.yaml" and label == "plans/geneva.yaml"
    with pytest.raises(UnknownPlanError) as info:
        resolve_plan("genva")
    assert "not a bundled plan (bundled plans: " in str(info.value)
    assert "geneva" in info.value.known and "us-28-point" in info.value.known
