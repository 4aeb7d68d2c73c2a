"""plandiff import: the text around the points (preamble, closing, between), plain-text numbering
with lettered and roman sub-points at any depth, and errors told at the line of the source."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
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


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica (enough for pdftotext)."""
    text = "\n".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for line in lines
    )
    stream = f"BT /F1 12 Tf 72 720 Td 16 TL\n{text}\nET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    table = b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(out))
    return out + b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + table + trailer


def _docs_commands(tool: str) -> list[str]:
    text = (Path(__file__).parent.parent / "docs" / "format.md").read_text()
    block = text.split("From a PDF or a Word file", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    start = next(k for k, c in enumerate(commands) if c.startswith(tool))
    return commands[start : start + 2]


@pytest.mark.parametrize("tool", ["pdftotext", "pandoc"])
def test_pdf_and_word_conversions_in_the_docs(tmp_path: Path, tool: str) -> None:
    """docs/format.md's commands, as written, from a PDF (pdftotext) and a Word file (pandoc)."""
    import shutil
    import subprocess
    import sys

    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian: apt install poppler-utils pandoc)")
    (tmp_path / "plans").mkdir()
    (tmp_path / "bin").mkdir()
    shim = tmp_path / "bin" / "plandiff"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m plandiff "$@"\n')
    shim.chmod(0o755)
    if tool == "pdftotext":
        lines = (DATA / "import-plain-text" / "plan.txt").read_text().splitlines()
        (tmp_path / "plan.pdf").write_bytes(_pdf(lines))
    else:
        source = DATA / "import-preamble-closing" / "plan.md"
        subprocess.run(["pandoc", str(source), "-o", str(tmp_path / "plan.docx")], check=True)
    import os

    env = {**os.environ, "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    for command in _docs_commands(tool):
        run = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        assert (run.returncode, run.stderr) == (0, ""), command
    case = "import-plain-text" if tool == "pdftotext" else "import-preamble-closing"
    expected = (DATA / case / "expected.yaml").read_text().replace("plan: draft", "plan: my-draft")
    assert (tmp_path / "plans" / "my-draft.yaml").read_text() == expected


_WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=8), min_size=1, max_size=6
)
_PARAGRAPHS = st.lists(_WORDS.map(" ".join), max_size=3)


@given(
    preamble=_PARAGRAPHS,
    points=st.lists(_WORDS.map(" ".join), min_size=1, max_size=6),
    closing=_PARAGRAPHS,
    style=st.sampled_from(["{n}. {t}", "{n}) {t}", "({n}) {t}", "Article {n}\n{t}", "Point {n}: {t}"]),
)
@settings(max_examples=150, deadline=None)
def test_import_puts_every_paragraph_in_exactly_one_place(
    preamble: list[str], points: list[str], closing: list[str], style: str
) -> None:
    """Whatever the numbering style: each point's text is its clause, the text before is the
    preamble, the text after is the closing; nothing is lost and nothing crosses into a clause."""
    body = "\n\n".join([*preamble, *(style.format(n=k + 1, t=t) for k, t in enumerate(points)), *closing])
    found = import_document(body + "\n", "x.txt")
    assert [(p.number, p.text, p.children) for p in found.points] == [
        (str(k + 1), t, []) for k, t in enumerate(points)
    ]
    assert found.preamble == ("\n\n".join(preamble) or None)
    assert found.closing == ("\n\n".join(closing) or None)
    assert found.skipped == []
