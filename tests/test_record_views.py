"""Views over the bundled record that must not mislead: parent histories show their sub-points,
the table counts a change exactly as compare does, and provenance shows in every output."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import plans_with_ids
from typer.testing import CliRunner

from plandiff.catalog import load_bundled
from plandiff.cli import app
from plandiff.diff import compare
from plandiff.history import clause_history, clause_table, content_changed
from plandiff.lineage import SubPoint
from plandiff.model import ChangeKind, Clause, CompareOptions, PlanVersion, Provenance

GOLDENS = ROOT / "tests" / "goldens"
CASE = DATA / "text-carried-status-reported"


@pytest.mark.parametrize("clause_id", ["territory", "frozen-assets"])
def test_history_of_a_parent_shows_its_sub_points(runner: CliRunner, golden, clause_id: str) -> None:  # type: ignore[no-untyped-def]
    terminal = runner.invoke(app, ["history", clause_id, "--no-color"])
    assert terminal.exit_code == 0 and terminal.stderr == ""
    golden(GOLDENS / f"history-{clause_id}.txt", terminal.stdout)
    markdown = runner.invoke(app, ["history", clause_id, "--format", "markdown"])
    assert markdown.exit_code == 0 and markdown.stderr == ""
    golden(GOLDENS / f"history-{clause_id}.md", markdown.stdout)


def _section(markdown: str, slug: str) -> str:
    return markdown.split(f"\n## {slug} · ")[1].split("\n## ")[0]


def test_history_frozen_assets_names_the_100_billion(runner: CliRunner) -> None:
    text = runner.invoke(app, ["history", "frozen-assets", "--format", "markdown"]).stdout
    first = _section(text, "us-28-point")
    assert "\\$100 billion of frozen Russian assets" in first and "Europe adds \\$100 billion" in first
    geneva = _section(text, "geneva")
    # Geneva dropped 14(a) only: the parent's own text is the same, the sub-point change is shown.
    assert "same text as us-28-point" in geneva
    assert "*sub-points changed: 14(a)*" in geneva
    assert "<del>\\$100 billion of frozen Russian assets" in geneva


def test_history_territory_shows_the_december_sub_point_changes(runner: CliRunner) -> None:
    text = runner.invoke(app, ["history", "territory", "--format", "markdown"]).stdout
    december = _section(text, "us-revised-package")
    assert "same text as geneva" in december
    assert "*sub-points changed: 21(a), 21(b), 21(c), 21(d)*" in december
    assert "<ins>the roughly 30% of Donetsk oblast" in december
    assert "<del>" in december and "recognised internationally as Russian Federation territory" in december


def test_history_ends_with_russia_dropping_the_army_cap(runner: CliRunner) -> None:
    text = runner.invoke(app, ["history", "army-cap", "--format", "markdown"]).stdout
    last = text.split("\n## ")[-1]
    assert last.startswith("russia-terms-2026 · 2026-02-28 · reported\n")
    assert "reported, changed since ukraine-20-point" in last
    assert "<ins>No cap on Ukraine's Armed Forces: Russia drops its demand to limit their size</ins>" in last
    assert "personnel: 800,000 → no longer in the text" in last


def test_compare_20_point_with_russia_terms(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        app, ["compare", "ukraine-20-point", "russia-terms-2026", "--no-color", "--width", "100"]
    )
    assert result.exit_code == 1 and result.stderr == ""
    golden(GOLDENS / "ukraine-20-point--russia-terms-2026.txt", result.stdout)
    assert "4  army-cap · Army size  modified · substantive  [reported]" in result.stdout
    assert "{+No cap on Ukraine's Armed" in result.stdout


def test_list_shows_eight_versions_with_their_parties(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines()[1:] if line[:1].strip()]
    assert [r.split()[0] for r in rows] == [
        "us-28-point", "e3-counterproposal", "geneva", "us-revised-package", "ukraine-20-point",
        "russia-terms-2026", "european-24-point", "paris-declaration",
    ]  # fmt: skip
    assert rows[5].split()[-1] == "Russia"


def _pairs() -> list[tuple[str, str]]:
    plans = load_bundled()
    slugs = {p.plan for p in plans}
    return [(str(p.parent), str(p.plan)) for p in plans if p.parent in slugs]


@pytest.mark.parametrize(("parent", "child"), _pairs(), ids=[f"{a}->{b}" for a, b in _pairs()])
def test_table_and_compare_agree_on_what_changed(parent: str, child: str) -> None:
    plans = {p.plan: p for p in load_bundled()}
    old, new = plans[parent], plans[child]
    report = compare(old, new, CompareOptions())
    kinds = {c.new.clause.id: c.kind for c in report.changes if c.old and c.new and c.new.clause.id}
    table = clause_table((old, new), ())
    checked = 0
    for clause_id, (before, after) in table.rows:
        if before.located and after.located:
            assert after.changed is (kinds[clause_id] is not ChangeKind.UNCHANGED), clause_id
            checked += 1
    assert checked > 4


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        pytest.param(
            Clause("1", "a"), Clause("1", "a", provenance=Provenance.CARRIED), False, id="provenance-only"
        ),
        pytest.param(
            Clause("1", "a"), Clause("1", "a", status_provenance=Provenance.REPORTED), False, id="status-only"
        ),
        pytest.param(Clause("1", "a"), Clause("1", "a", bracketed=True), True, id="bracket"),
        pytest.param(
            Clause("1", "a", topics=("x", "y")), Clause("1", "a", topics=("y", "x")), False, id="topic-order"
        ),
        pytest.param(Clause("1", "a"), Clause("1", "a", title="T"), True, id="title"),
        pytest.param(Clause("1", "a"), Clause("1", "b"), True, id="text"),
    ],
)
def test_content_changed_is_compares_definition(old: Clause, new: Clause, changed: bool) -> None:
    assert content_changed(old, new) is changed
    from plandiff.model import PlanVersion

    report = compare(PlanVersion("o", (old,)), PlanVersion("n", (new,)), CompareOptions())
    assert report.has_changes is changed


def test_sub_points_pair_by_id_and_report_removed_after_the_rest() -> None:
    history = clause_history(load_bundled(), "frozen-assets")
    e3 = next(e for e in history.entries if e.version.plan == "e3-counterproposal")
    assert [s.kind for s in e3.subpoints] == [ChangeKind.REMOVED] * 4
    first = history.entries[0]
    assert first.since is None and all(s.kind is ChangeKind.UNCHANGED for s in first.subpoints)
    assert isinstance(first.subpoints[0], SubPoint) and first.subpoints[0].new is not None
    assert first.subpoints[0].new.address == ("14", "a")


def test_every_output_shows_text_carried_status_reported(runner: CliRunner, tmp_path: Path) -> None:
    mark = "text carried, status reported"
    v1, v2 = str(CASE / "v1.yaml"), str(CASE / "v2.yaml")
    for fmt in ("terminal", "markdown", "html"):
        out = runner.invoke(app, ["compare", v1, v2, "--format", fmt, "--unchanged"]).stdout
        assert mark in out, fmt
    shown = runner.invoke(app, ["show", v2, "--format", "text"])
    assert (
        shown.exit_code == 0
        and "7 [nato-membership] (bracketed, text carried, status reported)" in shown.stdout
    )
    (tmp_path / "plans").mkdir()
    for name in ("v1.yaml", "v2.yaml"):
        (tmp_path / "plans" / name).write_text((CASE / name).read_text())
    table = runner.invoke(app, ["table", "--plans", str(tmp_path / "plans")])
    assert table.exit_code == 0, table.stderr
    assert f"[bracketed] [{mark}] **7**" in table.stdout
    assert "| ⚠ |  | reconstructed: no published text; of its 3 clauses, 3 carried from draft" in table.stdout
    assert "the draft was reported to have 19 points" in table.stdout
    history = runner.invoke(
        app, ["history", "nato-membership", "--plans", str(tmp_path / "plans"), "--no-color"]
    )
    assert f"point 7  {mark}, bracketed, same text as draft" in history.stdout
    site = tmp_path / "site"
    published = runner.invoke(app, ["publish", str(site), "--plans", str(tmp_path / "plans")])
    assert published.exit_code == 0, published.stderr
    page = (site / "versions" / "revision.html").read_text()
    assert mark in page and "the draft was reported to have 19 points" in page


def test_readme_example_is_real_output(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```text\n$ plandiff compare ", 1)[1].split("\n```", 1)[0]
    command, _, shown = block.partition("\n…\n")
    result = runner.invoke(app, ["compare", *command.split(), "--no-color", "--width", "100"])
    assert result.exit_code == 1 and result.stderr == ""
    assert shown and shown in result.stdout


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[PlanVersion, PlanVersion]:
    """A plan with ids and a copy whose clauses may each change provenance (never a difference),
    bracket, topic order (never a difference), title or text."""
    old = draw(plans_with_ids())._replace(plan="old")

    def mutate(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        out = []
        for c in clauses:
            change = draw(
                st.sampled_from(["none", "provenance", "status", "bracket", "topics", "title", "text"])
            )
            if change == "provenance":
                c = c._replace(provenance=draw(st.sampled_from(list(Provenance))))
            elif change == "status":
                c = c._replace(status_provenance=draw(st.sampled_from([None, *Provenance])))
            elif change == "bracket":
                c = c._replace(bracketed=not c.bracketed)
            elif change == "topics":
                c = c._replace(topics=tuple(reversed(c.topics)))
            elif change == "title":
                c = c._replace(title=(c.title or "") + " (new)")
            elif change == "text":
                c = c._replace(text=c.text + " added")
            out.append(c._replace(clauses=mutate(c.clauses)))
        return tuple(out)

    return old, PlanVersion("new.yaml", mutate(old.clauses), plan="new", parent="old")


@settings(max_examples=60, deadline=None)
@given(_mutated())
def test_table_history_and_compare_share_one_definition_of_changed(
    pair: tuple[PlanVersion, PlanVersion],
) -> None:
    old, new = pair
    kinds = {
        c.new.clause.id: c.kind
        for c in compare(old, new, CompareOptions()).changes
        if c.old and c.new and c.new.clause.id == c.old.clause.id
    }
    table = clause_table((old, new), ())
    for clause_id, (before, after) in table.rows:
        assert before.located and after.located
        assert after.changed is (kinds[clause_id] is not ChangeKind.UNCHANGED), clause_id
        sub_changes = {
            s.new.clause.id: s.kind
            for entry in clause_history((old, new), clause_id).entries[1:]
            for s in entry.subpoints
            if s.new
        }
        for sub_id, kind in sub_changes.items():
            assert (kind is ChangeKind.MODIFIED) is (kinds[sub_id] is not ChangeKind.UNCHANGED), sub_id
