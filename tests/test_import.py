"""plandiff import: the text around the points (preamble, closing, between), plain-text numbering
with lettered and roman sub-points at any depth, and errors told at the line of the source."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner

from plandiff.cli import app
from plandiff.importmd import import_document
from plandiff.load import parse_plan


@pytest.mark.parametrize(
    ("case", "source"),
    [
        pytest.param("import-preamble-closing", "plan.md", id="preamble-and-closing"),
        pytest.param("import-plain-text", "plan.txt", id="plain-text-numbering"),
    ],
)
def test_import_golden(runner: CliRunner, golden, case: str, source: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["import", str(DATA / case / source), "--plan", "draft"])
    assert (result.exit_code, result.stderr) == (0, "")
    golden(DATA / case / "expected.yaml", result.stdout)
    plan = parse_plan(result.stdout, "expected.yaml")  # what import writes loads, preamble and closing too
    assert plan.preamble and plan.closing


def test_closing_paragraph_never_joins_the_last_point() -> None:
    found = import_document("1. First point.\n2. Second point.\n\nClosing remark.\n", "x.md")
    assert [(p.number, p.text) for p in found.points] == [("1", "First point."), ("2", "Second point.")]
    assert (found.preamble, found.closing, found.skipped) == (None, "Closing remark.", [])


def test_text_between_points_is_reported_not_kept_in_a_clause(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "between.md"
    source.write_text("(1) One.\n\n## Part two\n\n(2) Two.\n")
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 0
    assert result.stdout == 'clauses:\n  - number: "1"\n    text: "One."\n  - number: "2"\n    text: "Two."\n'
    assert (
        result.stderr == f"plandiff: note: {source}:3: text between points, kept in no clause: 'Part two'\n"
    )


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        pytest.param(
            "1. a\n   h) eight\n   i) nine\n",
            [("1", "a", [("h", "eight", []), ("i", "nine", [])])],
            id="i-after-h",
        ),
        pytest.param(
            "1. a\n   (a) x\n   (i) r1\n   (ii) r2\n   (b) y\n",
            [("1", "a", [("a", "x", [("i", "r1", []), ("ii", "r2", [])]), ("b", "y", [])])],
            id="roman-under-letter",
        ),
        pytest.param(
            "Article 7\n\nThe text below its heading.\n",
            [("7", "The text below its heading.", [])],
            id="article-heading-then-paragraph",
        ),
        pytest.param(
            "1. a\n   a) x\n   i) deep\n   A) deeper\n   b) y\n",
            [("1", "a", [("a", "x", [("i", "deep", [("A", "deeper", [])])]), ("b", "y", [])])],
            id="three-levels",
        ),
    ],
)
def test_sub_points_at_any_depth(text: str, shape: list[tuple[str, str, list[object]]]) -> None:
    def tree(points):  # type: ignore[no-untyped-def]
        return [(p.number, p.text, tree(p.children)) for p in points]

    assert tree(import_document(text, "x.md").points) == shape


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "1. First.\n2. Second.\n\n2. Again.\n3. Third.\n",
            "{path}:4: duplicate number '2' among sibling clauses (first on line 2)",
            id="duplicate-number",
        ),
        pytest.param(
            "Only prose.\n", "{path}: no numbered points found (expected lines such as '1. …')", id="none"
        ),
    ],
)
def test_errors_name_the_line_of_the_source(
    tmp_path: Path, runner: CliRunner, text: str, message: str
) -> None:
    source = tmp_path / "gaps.md"
    source.write_text(text)
    out = tmp_path / "never.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "plandiff: error: " + message.format(path=source) + "\n"
    assert not out.exists()
