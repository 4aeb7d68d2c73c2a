"""The command line end to end: bundled plans, exit codes, errors, filters, output files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from typer.testing import CliRunner

from plandiff import cli
from plandiff.cli import app

GOLDENS = ROOT / "tests" / "goldens"
CAP_LINE = "600,000 → 800,000 (+200,000, +33.3%)"


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("terminal", "us-28-point--geneva.txt"),
        ("markdown", "us-28-point--geneva.md"),
        ("json", "us-28-point--geneva.json"),
    ],
)
def test_bundled_compare_golden(fmt: str, name: str, runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        app, ["compare", "us-28-point", "geneva", "--format", fmt, "--no-color", "--width", "100"]
    )
    assert result.exit_code == 1
    assert result.stderr == ""
    golden(GOLDENS / name, result.stdout)


def test_bundled_compare_shows_what_matters(runner: CliRunner) -> None:
    text = runner.invoke(app, ["compare", "us-28-point", "geneva", "--no-color", "--width", "100"]).stdout
    assert "6  army-cap · Army size  modified · substantive  [reported]  [weaker]" in text
    assert "personnel: " + CAP_LINE in text
    assert "26  amnesty · Amnesty  removed" in text
    # By consequence: the army cap and the two removals open the report; the ten status-only
    # changes are one line, listed once.
    headings = [line for line in text.splitlines() if line[:1].isdigit()]
    assert [h.split("  ")[1].split(" ")[0] for h in headings] == [
        "army-cap", "frozen-assets-us-fund", "amnesty", "security-guarantees",
    ]  # fmt: skip
    assert (
        text.count(
            "bracketed, provenance published → text carried, status reported: 3, 4, 7, 8, 21, 21(a), 21(b),\n"
            "   21(c), 21(d), 22"
        )
        == 1
    )
    clause_order = runner.invoke(
        app, ["compare", "us-28-point", "geneva", "--no-color", "--width", "100", "--order", "clause"]
    ).stdout
    for heading in (
        "21  territory · Territory  modified · status  [bracketed]  [text carried, status reported]",
        "7  nato-membership · NATO membership  modified · status  [bracketed]",
    ):
        assert heading in clause_order and heading not in text
    md = runner.invoke(app, ["compare", "us-28-point", "geneva", "--format", "markdown"]).stdout
    assert f"- personnel: {CAP_LINE}" in md
    assert "## Point 26 · `amnesty` · Amnesty — removed" in md
    assert "## Status only (same text)" in md
    data = json.loads(runner.invoke(app, ["compare", "us-28-point", "geneva", "--format", "json"]).stdout)
    by_id = {(c["new"] or c["old"])["id"]: c for c in data["changes"]}
    assert by_id["army-cap"]["quantities"] == [
        {"old": "600,000", "new": "800,000", "unit": "personnel", "old_value": 600000,
         "new_value": 800000, "delta": 200000, "percent": 33.3}
    ]  # fmt: skip
    assert by_id["amnesty"]["kind"] == "removed" and by_id["amnesty"]["new"] is None
    assert by_id["territory"]["new"]["bracketed"] is True and by_id["territory"]["attributes"] == [
        "bracketed"
    ]
    assert by_id["nato-membership"]["new"]["bracketed"] is True


def _installed_script() -> Path:
    script = Path(sys.executable).parent / "plandiff"
    assert script.exists(), f"install plandiff into this environment first ({script} missing)"
    return script


def test_installed_command_from_another_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [str(_installed_script()), "compare", "us-28-point", "geneva", "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    changes = json.loads(run.stdout)["changes"]
    cap = next(c for c in changes if c["new"] and c["new"]["id"] == "army-cap")
    assert cap["quantities"][0]["percent"] == 33.3


def test_python_dash_m(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "plandiff", "compare", "us-28-point", "us-28-point"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Summary: 0 added, 0 removed, 0 modified" in run.stdout


def test_same_plan_exits_zero(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["compare", "us-28-point", "us-28-point", "--format", "markdown"])
    assert result.exit_code == 0
    golden(GOLDENS / "us-28-point--same.md", result.stdout)


def _bad(tmp_path: Path) -> dict[str, tuple[str, str]]:
    broken = tmp_path / "broken.yaml"
    broken.write_text("clauses:\n  - number: 1\n    text: [unclosed\n")
    return {
        "missing": (str(tmp_path / "missing.yaml"), "missing.yaml: no such file"),
        "directory": (str(tmp_path), "is a directory, not a plan file"),
        "broken": (str(broken), "broken.yaml:4: YAML syntax error at column 1:"),
        "unknown-name": ("genva", "genva: no such file, and not a bundled plan (bundled plans: "),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "broken", "unknown-name"])
@pytest.mark.parametrize("position", ["old", "new"])
def test_bad_plan_exits_two(case: str, position: str, tmp_path: Path, runner: CliRunner) -> None:
    arg, fragment = _bad(tmp_path)[case]
    args = ["compare", arg, "geneva"] if position == "old" else ["compare", "geneva", arg]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("plandiff: error: ")
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1


def test_misspelt_plan_name_suggests_the_bundled_one(runner: CliRunner) -> None:
    from plandiff.load import bundled_slugs

    result = runner.invoke(app, ["compare", "us-28-pont", "geneva"])
    assert (result.exit_code, result.stdout) == (2, "")
    listing = ", ".join(bundled_slugs())
    assert result.stderr == (
        f"plandiff: error: us-28-pont: no such file, and not a bundled plan (bundled plans: {listing});"
        " did you mean us-28-point?\n"
    )
    unlike = runner.invoke(app, ["compare", "xyz", "geneva"])
    assert unlike.stderr.endswith(f"(bundled plans: {listing})\n")  # nothing close: no guess


def test_output_file_is_written_and_inputs_protected(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["compare", "us-28-point", "geneva", "-f", "markdown", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == "" and result.stderr == ""
    assert (
        out.read_text() == runner.invoke(app, ["compare", "us-28-point", "geneva", "-f", "markdown"]).stdout
    )
    v1 = tmp_path / "v1.yaml"
    v1.write_bytes((DATA / "cap-600k-to-800k" / "v1.yaml").read_bytes())
    before = v1.read_bytes()
    result = runner.invoke(
        app, ["compare", str(v1), str(DATA / "cap-600k-to-800k" / "v2.yaml"), "-o", str(v1)]
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert "v1.yaml: refusing to overwrite an input file" in result.stderr
    assert v1.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md", "v1.yaml"]


def test_output_terminal_format_to_file_has_no_colour(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "r.txt"
    assert runner.invoke(app, ["compare", "us-28-point", "geneva", "--color", "-o", str(out)]).exit_code == 1
    text = out.read_text()
    assert "\x1b[" not in text and "[-600,000-]{+800,000+}" in text


def test_missing_output_directory(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "us-28-point", "geneva", "-o", str(tmp_path / "no" / "r.md")])
    assert result.exit_code == 2 and result.stdout == ""
    assert "r.md: directory" in result.stderr and "does not exist" in result.stderr


def test_colour_flags_and_no_color(runner: CliRunner) -> None:
    coloured = runner.invoke(
        app, ["compare", "us-28-point", "geneva", "--color", "--clause", "army-cap"]
    ).stdout
    assert "\x1b[9;31m600,000\x1b[0m" in coloured and "[-600,000-]" not in coloured
    plain = runner.invoke(
        app, ["compare", "us-28-point", "geneva", "--clause", "army-cap"], env={"NO_COLOR": "1"}
    )
    assert "\x1b[" not in plain.stdout and "[-600,000-]{+800,000+}" in plain.stdout


def test_filters(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    def run(*extra: str) -> str:
        result = runner.invoke(app, ["compare", "us-28-point", "geneva", "--summary", "--no-color", *extra])
        assert result.stderr == ""
        return result.stdout

    golden(GOLDENS / "filter-clause.txt", run("--clause", "army-cap", "--clause", "21(b)"))
    golden(GOLDENS / "filter-topic-only.txt", run("--topic", "assets", "--only", "removed"))
    assert runner.invoke(app, ["compare", "us-28-point", "geneva", "--clause", "1"]).exit_code == 0
    unchanged = runner.invoke(
        app, ["compare", "us-28-point", "geneva", "--clause", "1", "--unchanged", "--no-color"]
    )
    assert "1  sovereignty · Sovereignty  unchanged  [carried]" in unchanged.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--clause", "99"],
            "plandiff: error: --clause 99: no clause with that id or number in either version\n",
        ),
        (
            ["--only", "gone"],
            "plandiff: error: --only: unknown kind 'gone' (choose from added, removed, modified, unchanged, split, merged, replaced, moved, renumbered, substantive, status, editorial)\n",
        ),
        (
            ["--format", "pdf"],
            "plandiff: error: --format: unknown format 'pdf' (choose from terminal, markdown, json, html)\n",
        ),
    ],
)
def test_bad_options(args: list[str], message: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "us-28-point", "geneva", *args])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_validate(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("clauses:\n  - {number: 1.5, text: a}\n")
    result = runner.invoke(app, ["validate", "us-28-point", str(bad)])
    assert result.exit_code == 2
    assert result.stdout == "plans/us-28-point.yaml: ok (28 clauses, 56 counting sub-points)\n"
    assert (
        result.stderr
        == f"plandiff: error: {bad}:2: clauses[0].number: expected a string, got a float 1.5 — quote it\n"
    )
    assert runner.invoke(app, ["validate", "geneva"]).exit_code == 0


def test_unexpected_exception_exits_two(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "compare_versions", boom)
    monkeypatch.setattr(sys, "argv", ["plandiff", "compare", "us-28-point", "geneva"])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "RuntimeError: boom" in captured.err and "internal error" in captured.err


def test_help_has_examples(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "--help"])
    assert result.exit_code == 0
    assert "plandiff compare us-28-point geneva" in result.stdout


def test_list_in_lineage_order(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0 and result.stderr == ""
    golden(GOLDENS / "list.txt", result.stdout)


def test_compare_28_point_with_20_point(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["compare", "us-28-point", "ukraine-20-point", "-f", "json"]).stdout)
    by_id = {(c["new"] or c["old"])["id"]: c for c in data["changes"]}
    cap = by_id["army-cap"]
    assert (cap["old"]["number"], cap["new"]["number"], cap["renumbered"], cap["match"]) == (
        "6",
        "4",
        True,
        "id",
    )
    assert (cap["quantities"][0]["old"], cap["quantities"][0]["new"]) == ("600,000", "800,000")
    elections = by_id["elections"]
    assert "in 100 days" in elections["old"]["text"]
    assert "as soon as possible once the agreement has been signed" in elections["new"]["text"]
    assert {
        "op": "insert",
        "text": "holds elections as soon as possible once the agreement has been signed",
    } in elections["segments"]
    assert by_id["amnesty"]["kind"] == "removed"


def test_compare_28_point_with_e3(runner: CliRunner) -> None:
    data = json.loads(
        runner.invoke(app, ["compare", "us-28-point", "e3-counterproposal", "-f", "json"]).stdout
    )
    removed = {
        c["old"]["number"]
        for c in data["changes"]
        if c["kind"] == "removed" and len(c["old"]["address"]) == 1
    }
    assert removed == {"3", "26"}
    cap = next(c for c in data["changes"] if c["new"] and c["new"]["id"] == "army-cap")
    assert cap["quantities"][0]["percent"] == 33.3


def test_closed_stdout_ends_quietly(tmp_path: Path) -> None:
    """`plandiff compare … | head`: a reader that goes away ends the run quietly (click's status 1),
    with no traceback, also through the entry point that skips interpreter teardown."""
    clauses = "".join(
        f"  - number: '{n}'\n    text: Point {n} of a long plan, kept long on purpose.\n" for n in range(3000)
    )
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text("clauses:\n" + clauses)
    new.write_text("clauses:\n" + clauses.replace("on purpose", "by design"))
    proc = subprocess.Popen(
        [str(_installed_script()), "compare", str(old), str(new), "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10) == b'{"changes"'
    proc.stdout.close()  # the JSON is far bigger than a pipe's buffer: the next write fails
    assert proc.wait(timeout=60) == 1
    with proc.stderr:
        assert proc.stderr.read() == b""
