"""Crashes and lost output on odd but valid input: odd numbers, giant numbers, broken lineage.

Each class of issue 11 item 10 and 13 is a table here; the cases are shapes, not single values.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plandiff.cli import app
from plandiff.diff import compare
from plandiff.load import parse_plan
from plandiff.model import PlanVersion, QuantityChange
from plandiff.quantities import MAX_DIGITS, find_quantities, pair_quantities
from plandiff.render import FORMATS, RenderOptions, renderer
from plandiff.renumber import MAX_DIGITS as MAX_NUMBER_DIGITS


def _plan(numbers: list[str], texts: list[str] | None = None, ids: list[str] | None = None) -> PlanVersion:
    """A plan whose clause ids follow their texts (or are given), so pairing is by id."""
    texts = texts or [f"Clause text {k}." for k in range(len(numbers))]
    ids = ids or [re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") for t in texts]
    clauses = [{"number": n, "id": i, "text": t} for n, i, t in zip(numbers, ids, texts)]
    doc = {"title": "t", "clauses": clauses}
    return parse_plan(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10**9), "p.yaml")


def _strict_json(text: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def _render_all(old: PlanVersion, new: PlanVersion) -> dict[str, str]:
    from rich.console import Console

    report = compare(old, new)
    out: dict[str, str] = {}
    for fmt in FORMATS:
        result = renderer(fmt)(report, RenderOptions())
        if not isinstance(result, str):
            console = Console(width=100, color_system=None)
            with console.capture() as captured:
                console.print(result)
            result = captured.get()
        out[fmt] = result
    return out


NOT_PLAIN = [
    pytest.param(["①", "②", "③"], ["0", "②", "③", "④"], id="circled"),
    pytest.param(["¹", "²", "³"], ["0", "²", "³", "⁴"], id="superscript"),
    pytest.param(["١", "٢", "٣"], ["0", "٢", "٣", "٤"], id="arabic-indic"),
    pytest.param(["9" * 4400, "1" + "9" * 4400], ["0", "1" + "9" * 4400, "2" + "9" * 4400], id="4400-digits"),
    pytest.param(["9" * 19, "1" + "9" * 19], ["0", "1" + "9" * 19, "2" + "9" * 19], id="past-max-digits"),
]


@pytest.mark.parametrize(("old_numbers", "new_numbers"), NOT_PLAIN)
def test_numbers_that_are_not_plain_ascii_integers_compare_as_text(
    old_numbers: list[str], new_numbers: list[str]
) -> None:
    old = _plan(old_numbers)
    new = _plan(new_numbers, ["Inserted.", *(f"Clause text {k}." for k in range(len(new_numbers) - 1))])
    report = compare(old, new)
    assert report.renumbered_ranges == ()  # never shifted: the numbers are not read as integers
    assert not any(c.shifted for c in report.changes)
    for fmt, text in _render_all(old, new).items():
        assert text, fmt
    json_out = _strict_json(_render_all(old, new)["json"])
    assert isinstance(json_out, dict) and json_out["summary"]["added"] == 1


def test_plain_numbers_up_to_the_limit_still_shift() -> None:
    big = "1" + "0" * (MAX_NUMBER_DIGITS - 2)
    old = _plan([big + "1", big + "2", big + "3"])
    new = _plan(
        [big + "1", big + "2", big + "3", big + "4"],
        ["Inserted.", "Clause text 0.", "Clause text 1.", "Clause text 2."],
    )
    report = compare(old, new)
    assert [(r.old_first, r.old_last, r.new_first, r.new_last) for r in report.renumbered_ranges] == [
        (big + "1", big + "3", big + "2", big + "4")
    ]


GIANT = [
    pytest.param("pay $" + "9" * 5000, "pay $" + "8" * 5000, id="5000-digit-amount"),
    pytest.param("pay $" + "9" * 401, "pay $1.5" + "9" * 401, id="401-digit-amount"),
    pytest.param(
        "cap of " + "9" * 400 + " troops", "cap of 1." + "9" * 400 + " troops", id="400-digit-float"
    ),
    # Shared words keep the two sides paired (content pairing never pairs texts with no word in
    # common, and this test reads the pair's segments).
    pytest.param(
        "the fund holds " + "1" * 400 + " billion",
        "the fund holds " + "2" * 400 + " trillion",
        id="scaled-giant",
    ),
]


@pytest.mark.parametrize(("old_text", "new_text"), GIANT)
def test_giant_amounts_are_text_and_json_stays_valid(old_text: str, new_text: str) -> None:
    assert find_quantities(old_text) == () and find_quantities(new_text) == ()
    old, new = _plan(["1"], [old_text], ["giant"]), _plan(["1"], [new_text], ["giant"])
    rendered = _render_all(old, new)
    document = _strict_json(rendered["json"])
    assert isinstance(document, dict)
    (change,) = document["changes"]
    assert change["quantities"] == []
    segments = change["segments"]
    assert "".join(s["text"] for s in segments if s["op"] != "insert") == old_text
    assert "".join(s["text"] for s in segments if s["op"] != "delete") == new_text


def test_the_largest_quantity_read_is_exact() -> None:
    old, new = "$" + "9" * MAX_DIGITS, "$1" + "0" * (MAX_DIGITS - 1)
    (change,) = pair_quantities(old, new)
    assert change.delta == 10 ** (MAX_DIGITS - 1) - (10**MAX_DIGITS - 1)
    assert find_quantities("$" + "9" * (MAX_DIGITS + 1)) == ()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 600), min_size=1, max_size=4),
    st.lists(st.sampled_from(["", ".5", " billion", "%", " troops"]), min_size=4, max_size=4),
)
def test_json_is_valid_for_numbers_of_any_length(lengths: list[int], suffixes: list[str]) -> None:
    old_text = " and ".join("$" + "7" * n + suffixes[k % 4] for k, n in enumerate(lengths))
    new_text = " and ".join("$" + "3" * n + suffixes[(k + 1) % 4] for k, n in enumerate(lengths))
    rendered = _render_all(_plan(["1"], [old_text], ["amounts"]), _plan(["1"], [new_text], ["amounts"]))
    document = _strict_json(rendered["json"])
    assert isinstance(document, dict)
    for change in document["changes"]:
        for q in change["quantities"]:
            assert q["delta"] is None or math.isfinite(q["delta"])


def test_json_refuses_a_non_finite_value_instead_of_writing_invalid_json() -> None:
    report = compare(_plan(["1"], ["a $5 fee"], ["fee"]), _plan(["1"], ["a $6 fee"], ["fee"]))
    change = report.changes[0]
    broken = change._replace(quantities=(QuantityChange("$5", "$6", "USD", 5, 6, math.inf, None, "+$1"),))
    with pytest.raises(ValueError, match="not JSON compliant"):
        renderer("json")(report._replace(changes=(broken,)), RenderOptions())


def _write(folder: Path, name: str, slug: str, parent: str | None = None) -> None:
    head = f"plan: {slug}\ntitle: {slug}\n" + (f"parent: {parent}\n" if parent else "")
    (folder / name).write_text(head + "clauses:\n  - {number: 1, id: a, text: t}\n")


LINEAGE = [
    pytest.param(
        [("a.yaml", "a", "b"), ("b.yaml", "b", "a"), ("root.yaml", "root", None)],
        "{d}/a.yaml, {d}/b.yaml: parents form a cycle: a → b → a",
        id="two-cycle",
    ),
    pytest.param(
        [("x.yaml", "x", "z"), ("y.yaml", "y", "x"), ("z.yaml", "z", "y"), ("w.yaml", "w", "x")],
        "{d}/x.yaml, {d}/z.yaml, {d}/y.yaml: parents form a cycle: x → z → y → x",
        id="three-cycle-with-a-child",
    ),
    pytest.param(
        [("s.yaml", "s", "s")], "{d}/s.yaml: version 's' names itself as its parent", id="self-parent"
    ),
    pytest.param(
        [("one.yaml", "same", None), ("two.yaml", "same", None)],
        "{d}/one.yaml and {d}/two.yaml: both have the plan slug 'same'",
        id="duplicate-slug",
    ),
]


@pytest.mark.parametrize(("files", "message"), LINEAGE)
@pytest.mark.parametrize("command", ["history", "table", "publish"])
def test_broken_lineage_is_an_error_naming_the_files(
    tmp_path: Path, runner: CliRunner, files: list[tuple[str, str, str | None]], message: str, command: str
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for name, slug, parent in files:
        _write(plans, name, slug, parent)
    args = {
        "history": ["history", "a", "--plans", str(plans)],
        "table": ["table", "--plans", str(plans)],
        "publish": ["publish", str(tmp_path / "site"), "--plans", str(plans)],
    }[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"plandiff: error: {message.format(d=plans)}\n"
    assert not (tmp_path / "site").exists()


def _git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(repo.parent), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", NO_COLOR="1", PAGER="cat",
               PYTHONPATH=str(Path(__file__).parent.parent))  # fmt: skip
    run = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout


PLAN_V1 = "plan: x\ntitle: X\nclauses:\n  - {number: '1', id: cap, text: 'A cap of 600,000 troops.'}\n"
PLAN_V2 = "plan: x\ntitle: X\nclauses:\n  - {number: '1', id: cap, text: 'A cap of 800,000 troops.'}\n"


@pytest.fixture
def change_set(tmp_path: Path) -> Path:
    """A repository whose last commit changes a plan, the workflow file and a binary plan."""
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    (repo / ".github" / "workflows").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    (repo / "plans" / "a.yaml").write_text(PLAN_V1)
    (repo / "plans" / "z.yaml").write_text(PLAN_V1)
    (repo / ".github" / "workflows" / "plandiff.yml").write_text("name: plandiff\non: [pull_request]\n")
    (repo / "config.yml").write_text("- just a list\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    (repo / "plans" / "a.yaml").write_text(PLAN_V2)
    (repo / "plans" / "z.yaml").write_text(PLAN_V2)
    (repo / ".github" / "workflows" / "plandiff.yml").write_text("name: plandiff\non: [pull_request, push]\n")
    (repo / "config.yml").write_text("- just a longer list\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "second")
    return repo


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(
    "pathspec",
    [
        pytest.param([], id="default"),
        pytest.param(["plans/*.yaml", ".github/workflows/*.yml", "*.yml"], id="workflow"),
    ],
)
def test_pr_comment_skips_yaml_that_is_not_a_plan(change_set: Path, pathspec: list[str]) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "plandiff", "pr-comment", "HEAD~1", "HEAD", *pathspec],
        cwd=change_set, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.startswith(
        "<!-- plandiff-pr-comment -->\n## plandiff: 2 plan files changed (HEAD\\~1 → HEAD)\n"
    )
    assert run.stdout.count("\n> Skipped, not plan files (no top-level 'clauses'): ") == 1
    assert (
        "> Skipped, not plan files (no top-level 'clauses'): `.github/workflows/plandiff.yml`, `config.yml`.\n"
        in run.stdout
    )
    assert "| `plans/a.yaml` | modified |" in run.stdout and "| `plans/z.yaml` | modified |" in run.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_binary_plan_does_not_stop_git_diff_under_the_driver(change_set: Path) -> None:
    (change_set / "plans" / "a.yaml").write_bytes(b"plan: x\x00\x01\x02 binary\n")
    _git(change_set, "config", "diff.plandiff.command", f"{sys.executable} -m plandiff git-diff")
    (change_set / ".gitattributes").write_text("plans/*.yaml diff=plandiff\n")
    out = _git(change_set, "diff", "HEAD", "--", "plans/")
    assert out.startswith("plandiff plans/a.yaml (not compared: not a readable plan, see the error above)\n")
    assert "plandiff plans/z.yaml" not in out  # unchanged since HEAD: git does not call the driver
    (change_set / "plans" / "z.yaml").write_text(PLAN_V1)
    out = _git(change_set, "diff", "HEAD", "--", "plans/")
    assert out.startswith("plandiff plans/a.yaml (not compared: not a readable plan, see the error above)\n")
    assert "\nplandiff plans/z.yaml\n" in out and "800,000 → 600,000" in out  # git went on to the next file


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_compare_git_skips_yaml_that_is_not_a_plan_with_a_note(change_set: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "plandiff", "compare", "--git", "HEAD~1..HEAD", "--format", "json", "--", "*.yml", "*.yaml"],
        cwd=change_set, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert run.stderr == (
        "plandiff: note: skipped, not plan files (no top-level 'clauses'): .github/workflows/plandiff.yml, config.yml\n"
    )
    sections = json.loads(run.stdout)
    assert [(s["path"], s["status"]) for s in sections] == [
        ("plans/a.yaml", "modified"),
        ("plans/z.yaml", "modified"),
    ]
