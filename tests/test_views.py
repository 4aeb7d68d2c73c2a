"""Issue 14's views end to end: order by consequence, brief, three-way, obligation badges, who."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plandiff.catalog import load_bundled
from plandiff.cli import app
from plandiff.diff import compare
from plandiff.model import Clause, PlanVersion
from plandiff.threeway import Verdict, three_way

GOLDENS = ROOT / "tests" / "goldens"
WIDE = ["--no-color", "--width", "100"]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("new", ["geneva", "e3-counterproposal", "ukraine-20-point"])
@pytest.mark.parametrize(("fmt", "ext"), [("terminal", "txt"), ("markdown", "md")])
def test_brief_golden(new: str, fmt: str, ext: str, runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(runner, "brief", "us-28-point", new, "--format", fmt, *WIDE)
    assert (code, err) == (1, "")
    golden(GOLDENS / f"brief-us-28-point--{new}.{ext}", out)


@pytest.mark.parametrize(("fmt", "ext"), [("terminal", "txt"), ("markdown", "md"), ("json", "json")])
def test_three_way_golden(fmt: str, ext: str, runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    args = ("us-28-point", "e3-counterproposal", "geneva", "--format", fmt)
    code, out, err = run(runner, "compare", *args, *WIDE)
    assert (code, err) == (1, "")
    golden(GOLDENS / f"three-way-us-28-point--e3--geneva.{ext}", out)
    assert run(runner, "three-way", *args, *WIDE) == (code, out, err)


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (("--clause", "22"), "--clause"),
        (("-t", "territory", "--summary"), "--topic, --summary"),
        (("--only", "substantive", "--order", "clause"), "--only, --order"),
        (("--unchanged", "--markers", "--no-header"), "--unchanged, --markers, --no-header"),
    ],
)
def test_three_way_refuses_options_it_cannot_apply(
    options: tuple[str, ...], named: str, runner: CliRunner
) -> None:
    """compare BASE A B --clause 22 printed the whole three-way view, as if the option had been applied."""
    code, out, err = run(runner, "compare", "us-28-point", "e3-counterproposal", "geneva", *options)
    assert (code, out) == (2, "")
    assert err == (
        f"plandiff: error: {named}: not available in the three-way view (BASE A B); compare two of the"
        " versions for that, e.g. plandiff compare BASE A --clause ID\n"
    )


def test_three_way_verdicts_of_the_bundled_triple() -> None:
    plans = {p.plan: p for p in load_bundled()}
    view = three_way(plans["us-28-point"], plans["e3-counterproposal"], plans["geneva"])
    by_id = {(r.base.clause.id if r.base else None): r.verdict for r in view.rows}
    assert by_id["army-cap"] is Verdict.SAME  # both raise the cap to 800,000: convergence
    assert by_id["amnesty"] is Verdict.REMOVED_BY_BOTH
    assert by_id["territory"] is Verdict.ONLY_A  # Geneva only brackets it
    assert by_id["no-change-by-force"] is Verdict.ONLY_B  # Geneva brackets it, the E3 leaves it
    assert by_id["security-guarantees"] is Verdict.DIFFERENT
    assert (
        json.loads(
            run(CliRunner(), "three-way", "us-28-point", "e3-counterproposal", "geneva", "-f", "json")[1]
        )["counts"]["same"]
        == 1
    )


def test_three_way_counts_a_status_only_change() -> None:
    base = PlanVersion("base", (Clause("1", "Ukraine keeps its army.", id="x"),))
    bracketed = PlanVersion("a", (Clause("1", "Ukraine keeps its army.", id="x", bracketed=True),))
    assert three_way(base, bracketed, base).rows[0].verdict is Verdict.ONLY_A
    assert three_way(base, base, bracketed).rows[0].verdict is Verdict.ONLY_B
    assert three_way(base, bracketed, bracketed).rows[0].verdict is Verdict.SAME
    titled = PlanVersion("b", (Clause("1", "Ukraine keeps its army.", id="x", bracketed=True, title="Army"),))
    assert three_way(base, bracketed, titled).rows[0].verdict is Verdict.DIFFERENT  # B also retitled it
    code, out, err = run(CliRunner(), "three-way", "us-28-point", "us-28-point", "us-28-point", *WIDE)
    assert (code, err) == (0, "") and "Summary: 56 unchanged by both" in out


def test_three_way_names_no_drafter_a_version_does_not_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    plans = [f"{name}.yaml" for name in ("base", "a", "b")]
    for plan, text in zip(
        plans,
        ("Ukraine keeps its army.", "Ukraine keeps its large army.", "Ukraine keeps its army."),
        strict=True,
    ):
        Path(plan).write_text(f"plan: {plan[:-5]}\nclauses:\n  - number: 1\n    id: army\n    text: {text}\n")
    code, out, err = run(CliRunner(), "three-way", *plans, *WIDE)
    assert (code, err) == (1, "")
    assert "drafted by" not in out and "(A)" not in out and "(B)" not in out
    assert out.splitlines()[1:4] == [f"  base  {plans[0]}", f"  A     {plans[1]}", f"  B     {plans[2]}"]
    assert "\nChanged only by A\n" in out and "\n    B: unchanged\n" in out
    code, out, err = run(CliRunner(), "three-way", *plans, "-f", "json")
    assert json.loads(out)["a"]["parties"] == ""
    code, out, err = run(CliRunner(), "three-way", *plans, "-f", "markdown")
    assert "## Changed only by A\n" in out and "\n- B: unchanged\n" in out


def test_only_substantive_golden(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(runner, "compare", "us-28-point", "ukraine-20-point", "--only", "substantive", *WIDE)
    assert (code, err) == (1, "")
    golden(GOLDENS / "only-substantive-us-28-point--ukraine-20-point.txt", out)
    assert " · status" not in out and " · editorial" not in out


def test_summary_shows_each_quantity_line(runner: CliRunner) -> None:
    out = run(runner, "compare", "us-28-point", "geneva", "--summary", *WIDE)[1]
    lines = out.splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith("  6  army-cap"))
    assert lines[k + 1] == "      personnel: 600,000 → 800,000 (+200,000, +33.3%)"


def test_order_clause_keeps_the_versions_order(runner: CliRunner) -> None:
    out = run(runner, "compare", "us-28-point", "geneva", "--order", "clause", *WIDE)[1]
    heads = [line.split("  ")[0] for line in out.splitlines() if line[:1].isdigit()]
    assert heads == [
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "14(a)",
        "21",
        "21(a)",
        "21(b)",
        "21(c)",
        "21(d)",
        "22",
        "26",
    ]
    assert "Status only" not in out


OBLIGATION_BADGES = {
    ("us-28-point", "geneva", "army-cap", "weaker"),
    ("us-28-point", "e3-counterproposal", "army-cap", "weaker"),
    ("us-28-point", "e3-counterproposal", "elections", "weaker"),
    ("us-28-point", "e3-counterproposal", "russia-reintegration", "weaker"),
    ("us-28-point", "ukraine-20-point", "army-cap", "weaker"),
    ("us-28-point", "ukraine-20-point", "elections", "weaker"),
    ("us-28-point", "ukraine-20-point", "non-aggression", "stronger"),
    ("us-28-point", "ukraine-20-point", "response-to-russian-invasion", "weaker"),
}
"""Obligation badges from the 28-point to its revisions, each read against the texts: the cap
now holds "in peacetime" only; elections "as soon as possible" instead of in 100 days; the E3
brings Russia back "gradually"; the 20-point's
non-aggression agreement is "unconditional"; its response to an invasion is no longer "decisive"."""


def test_obligation_badges_on_real_clauses() -> None:
    plans = {p.plan: p for p in load_bundled()}
    found = set()
    for new in ("geneva", "e3-counterproposal", "ukraine-20-point"):
        for change in compare(plans["us-28-point"], plans[new]).changes:
            if change.strength is not None:
                side = change.new or change.old
                assert side is not None
                found.add(("us-28-point", new, side.clause.id, change.strength.value))
    assert found == OBLIGATION_BADGES


def test_who_changed_it(runner: CliRunner) -> None:
    plans = {p.plan: p for p in load_bundled()}
    e3 = {
        (c.new or c.old).clause.id: c.who
        for c in compare(plans["us-28-point"], plans["e3-counterproposal"]).changes
    }  # type: ignore[union-attr]
    assert e3["army-cap"] == "E3's edit of US point 6"
    assert e3["amnesty"] == "E3 dropped US point 26"
    assert e3["sovereignty"] is None  # unchanged
    geneva = {
        (c.new or c.old).clause.id: c.who for c in compare(plans["us-28-point"], plans["geneva"]).changes
    }  # type: ignore[union-attr]
    assert geneva["army-cap"] == "reported geneva change, US–Ukraine"
    twenty = {
        (c.new or c.old).clause.id: c.who
        for c in compare(plans["us-revised-package"], plans["ukraine-20-point"]).changes
    }  # type: ignore[union-attr]
    assert (
        twenty["znpp-us-proposal"]
        == "proposed by United States (reported ukraine-20-point change, US–Ukraine)"
    )
    assert (
        twenty["znpp-ukrainian-proposal"]
        == "proposed by Ukraine (reported ukraine-20-point change, US–Ukraine)"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["brief", "us-28-point", "gone.yaml"], "gone.yaml"),
        (["brief", "us-28-point", "geneva", "--format", "json"], "--format: unknown format 'json'"),
        (["three-way", "us-28-point", "geneva", "gone.yaml"], "gone.yaml"),
        (["three-way", "us-28-point", "geneva", "geneva", "-f", "pdf"], "--format: unknown format 'pdf'"),
        (["compare", "us-28-point"], "three for a three-way view"),
        (
            ["compare", "us-28-point", "geneva", "e3-counterproposal", "ukraine-20-point"],
            "three for a three-way view",
        ),
        (["compare", "us-28-point", "geneva", "--order", "size"], "--order: unknown order 'size'"),
    ],
)
def test_view_errors(args: list[str], message: str, runner: CliRunner) -> None:
    code, out, err = run(runner, *args)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1


def test_brief_of_identical_versions(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("clauses:\n  - number: 1\n    text: Troops withdraw.\n")
    code, out, err = run(runner, "brief", str(plan), str(plan), "-f", "markdown")
    assert (code, err) == (0, "")
    assert "No differences." in out and "Nothing else changed." in out


_TEXTS = st.sampled_from(
    ["Troops withdraw.", "Troops do not withdraw.", "Sanctions stay.", "Elections in 100 days."]
)


@st.composite
def _versions(draw: st.DrawFn) -> PlanVersion:
    ids = draw(st.lists(st.sampled_from(["a", "b", "c", "d"]), unique=True, max_size=4))
    return PlanVersion("v", tuple(Clause(str(k + 1), draw(_TEXTS), i) for k, i in enumerate(ids)))


@settings(max_examples=60, deadline=None)
@given(_versions(), _versions())
def test_three_way_properties(base: PlanVersion, other: PlanVersion) -> None:
    same = three_way(base, other, other)
    assert not {r.verdict for r in same.rows} & {Verdict.DIFFERENT, Verdict.ONLY_A, Verdict.ONLY_B,
                                                  Verdict.REMOVED_BY_A, Verdict.REMOVED_BY_B}  # fmt: skip
    lone = three_way(base, base, other)
    assert {r.verdict for r in lone.rows} <= {
        Verdict.UNCHANGED,
        Verdict.ONLY_B,
        Verdict.REMOVED_BY_B,
        Verdict.ADDED_BY_B,
    }
    assert sum(n for _, n in lone.counts) == len(lone.rows)
    swapped = three_way(base, other, base)
    mirror = {
        Verdict.ONLY_B: Verdict.ONLY_A,
        Verdict.REMOVED_BY_B: Verdict.REMOVED_BY_A,
        Verdict.ADDED_BY_B: Verdict.ADDED_BY_A,
    }
    assert sorted(mirror.get(r.verdict, r.verdict).value for r in lone.rows) == sorted(
        r.verdict.value for r in swapped.rows
    )


def test_every_bundled_pair_has_a_brief_of_five_to_ten() -> None:
    from plandiff.brief import make_brief

    plans = [p for p in load_bundled()]
    for a, b in itertools.permutations(plans, 2):
        brief = make_brief(compare(a, b))
        changed = sum(1 for c in brief.report.changes if c.change_class is not None)
        assert min(5, changed) <= len(brief.items) <= 10, (a.plan, b.plan)


def test_readme_shows_the_brief_as_plandiff_prints_it(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text()
    intro = "`plandiff brief us-28-point geneva` gives one page:\n\n```text\n"
    start = readme.index(intro) + len(intro)
    shown = readme[start : readme.index("```\n", start)]
    assert shown == run(runner, "brief", "us-28-point", "geneva", *WIDE)[1]


@pytest.mark.parametrize(
    ("args", "heading"),
    [
        (["brief", "us-28-point", "geneva"], "What changed most</h2>"),
        (
            ["three-way", "us-28-point", "e3-counterproposal", "geneva"],
            "Convergence: A (E3) and B (US–Ukraine)",
        ),
    ],
)
def test_views_as_html_pages(args: list[str], heading: str, runner: CliRunner) -> None:
    code, out, err = run(runner, *args, "--format", "html")
    assert (code, err) == (1, "")
    assert out.startswith("<!DOCTYPE html>") and heading in out
    assert "<script" not in out
