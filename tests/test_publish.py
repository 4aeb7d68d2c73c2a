"""history, table, publish and import, end to end through the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from typer.testing import CliRunner

from plandiff.cli import app
from plandiff.importmd import parse_markdown_plan, to_yaml
from plandiff.load import load_arg, parse_plan
from plandiff.render.plaintext import plan_markdown

GOLDENS = ROOT / "tests" / "goldens"
BUNDLED = ("us-28-point", "e3-counterproposal", "geneva", "us-revised-package", "ukraine-20-point",
           "russia-terms-2026", "european-24-point", "paris-declaration")  # fmt: skip


def test_history_army_cap(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    terminal = runner.invoke(app, ["history", "army-cap", "--no-color"])
    assert terminal.exit_code == 0 and terminal.stderr == ""
    golden(GOLDENS / "history-army-cap.txt", terminal.stdout)
    markdown = runner.invoke(app, ["history", "army-cap", "--format", "markdown"])
    golden(GOLDENS / "history-army-cap.md", markdown.stdout)
    values = {"us-28-point": "600,000", "e3-counterproposal": "800,000", "geneva": "800,000",
              "us-revised-package": "800,000", "ukraine-20-point": "800,000"}  # fmt: skip
    for slug, value in values.items():
        section = markdown.stdout.split(f"## {slug} ·")[1].split("\n## ")[0]
        assert value in section, slug
    assert "## paris-declaration · 2026-01-06 · published — absent" in markdown.stdout


def test_history_unknown_id(runner: CliRunner) -> None:
    result = runner.invoke(app, ["history", "army-caps"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "plandiff: error: army-caps: no clause with this id in any version\n"


def test_table(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    args = [
        "table",
        "army-cap",
        "elections",
        "amnesty",
        "--versions",
        "us-28-point,e3-counterproposal,ukraine-20-point",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and result.stderr == ""
    golden(GOLDENS / "table.md", result.stdout)
    html = runner.invoke(app, [*args, "--format", "html"]).stdout
    assert html.startswith("<!DOCTYPE html>") and html.count("<tr>") == 5  # header, warning row, 3 clauses
    bad = runner.invoke(app, ["table", "--versions", "us-28-point,nope"])
    assert bad.exit_code == 2 and "--versions: unknown version 'nope'" in bad.stderr


def _links(site: Path) -> list[tuple[Path, str]]:
    found = []
    for page in site.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="([^"]*)"', page.read_text()):
            found.append((page, href))
    return found


def test_publish_site_links_resolve_and_output_is_deterministic(tmp_path: Path, runner: CliRunner) -> None:
    site = tmp_path / "site"
    result = runner.invoke(app, ["publish", str(site)])
    assert result.exit_code == 0, result.stderr
    pages = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "table.html", "style.css", "versions/geneva.html", "diffs/us-28-point--geneva.html",
            "clauses/army-cap.html"} <= set(pages)  # fmt: skip
    internal = [(page, href) for page, href in _links(site) if not href.startswith(("https://", "http://"))]
    assert len(internal) > 500
    for page, href in internal:
        assert not href.startswith(("javascript:", "data:", "/")), href
        target, _, fragment = href.partition("#")
        assert (page.parent / target).resolve().is_file(), f"{page.relative_to(site)} → {href}"
        if fragment:  # a section anchor must exist on the page it points into
            assert f' id="{fragment}"' in (page.parent / target).read_text(), (
                f"{page.relative_to(site)} → {href}"
            )
    again = runner.invoke(app, ["publish", str(site)])  # replaces its own earlier site
    assert again.exit_code == 0
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()} == pages
    index = pages["index.html"].decode()
    assert "<em>reconstructed</em>" in index and 'href="diffs/us-28-point--geneva.html"' in index
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging left behind


def test_publish_refuses_a_foreign_directory_and_unsafe_links(tmp_path: Path, runner: CliRunner) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    result = runner.invoke(app, ["publish", str(foreign)])
    assert result.exit_code == 2 and result.stdout == ""
    assert "not empty and not a plandiff site; refusing to replace it" in result.stderr
    assert (foreign / "notes.txt").read_text() == "keep me"
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "x.yaml").write_text(
        "plan: x\ntitle: X\nsources:\n  - {title: evil, url: 'javascript:alert(1)'}\n"
        "  - {title: data, url: 'data:text/html,<b>x</b>'}\nclauses:\n  - {number: 1, id: a, text: t}\n"
    )
    site = tmp_path / "site"
    assert runner.invoke(app, ["publish", str(site), "--plans", str(plans)]).exit_code == 0
    page = (site / "versions" / "x.html").read_text()
    assert "javascript:" in page and 'href="javascript:' not in page and 'href="data:' not in page
    (plans / "y.yaml").write_text("plan: ../../y\nclauses: []\n")
    bad = runner.invoke(app, ["publish", str(tmp_path / "other"), "--plans", str(plans)])
    assert bad.exit_code == 2 and "plan: '../../y' is not a slug" in bad.stderr
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize("slug", BUNDLED)
def test_import_round_trips_rendered_plans(slug: str) -> None:
    plan, _ = load_arg(slug)
    back = parse_plan(to_yaml(parse_markdown_plan(plan_markdown(plan), "x.md"), None, None, None), "y.yaml")

    def shape(clauses):  # type: ignore[no-untyped-def]
        return [(c.number, c.text, shape(c.clauses)) for c in clauses]

    assert shape(back.clauses) == shape(plan.clauses)


def test_import_command(tmp_path: Path, runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    source = DATA / "import" / "plan.md"
    result = runner.invoke(
        app, ["import", str(source), "--plan", "draft", "--title", "A draft", "--date", "2025-11-20"]
    )
    assert result.exit_code == 0 and result.stderr == ""
    golden(DATA / "import" / "expected.yaml", result.stdout)
    out = tmp_path / "draft.yaml"
    assert runner.invoke(app, ["import", str(source), "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    empty = tmp_path / "empty.md"
    empty.write_text("Just prose, no points.\n")
    bad = runner.invoke(app, ["import", str(empty), "-o", str(tmp_path / "never.yaml")])
    assert bad.exit_code == 2 and bad.stdout == ""
    assert "empty.md: no numbered points found" in bad.stderr and not (tmp_path / "never.yaml").exists()
