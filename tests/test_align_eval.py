"""Pairing without ids on real revisions: the 28 → 20 point pair, the evaluation set's truth tables,
and a comparison agreeing with its reverse on every evaluation pair."""

from __future__ import annotations

from itertools import permutations

import pytest
import yaml
from conftest import DATA, ROOT

from plandiff import CompareOptions, PlanVersion, compare, load_plan
from plandiff.catalog import load_bundled
from plandiff.flat import flatten
from plandiff.model import MatchKind, Report
from plandiff.render.phrases import quantity_text

EVAL = ROOT / "bench" / "align-eval"
REAL = sorted(p.name for p in EVAL.iterdir() if (p / "truth.yaml").exists())
NO_IDS = CompareOptions(use_ids=False)


def links(report: Report) -> set[tuple[str, str]]:
    out = set()
    for change in report.changes:
        if change.old and change.new:
            old, new = ".".join(change.old.address), ".".join(change.new.address)
            out.add((old, new))
            for part in change.parts:
                where = ".".join(part.address)
                out.add((old, where) if change.kind.value == "split" else (where, new))
    return out


def test_28_to_20_without_ids_pairs_the_army_cap_by_content() -> None:
    case = DATA / "no-ids-28-to-20"
    report = compare(load_plan(case / "v1.yaml"), load_plan(case / "v2.yaml"))
    by_old = {c.old.address: c for c in report.changes if c.old and c.new}
    army = by_old[("6",)]
    assert army.new is not None and army.new.address == ("4",)
    assert [quantity_text(q) for q in army.quantities] == ["personnel: 600,000 → 800,000 (+200,000, +33.3%)"]
    for change in by_old.values():
        # Every pair rests on wording: identical text, or a similarity of at least 0.15 (the
        # in-place threshold); none is made by the number or position alone.
        assert change.match is MatchKind.TEXT or (change.similarity or 0) >= 0.15 or change.parts, change
    found = links(report)
    # The pairs main missed when ids were stripped (issue 12), and the ones it made by number.
    assert {
        ("5", "3"),
        ("6", "4"),
        ("10", "5"),
        ("11", "7"),
        ("12", "8"),
        ("21", "14"),
        ("25", "18"),
    } <= found
    assert not {("3", "3"), ("4", "4"), ("5", "5")} & found


def _bundled_revisions() -> list[tuple[PlanVersion, PlanVersion]]:
    plans = load_bundled()
    lineage = [p for p in plans if p.parent or any(q.parent == p.plan for q in plans)]
    return list(permutations(lineage, 2))


@pytest.mark.parametrize("name", REAL)
def test_real_pair_agrees_with_its_reverse(name: str) -> None:
    old, new = load_plan(EVAL / name / "old.yaml"), load_plan(EVAL / name / "new.yaml")
    forward = links(compare(old, new, NO_IDS))
    backward = links(compare(new, old, NO_IDS))
    assert forward == {(n, o) for o, n in backward}


def test_bundled_revisions_agree_with_their_reverse() -> None:
    pairs = _bundled_revisions()
    assert len(pairs) >= 20
    for old, new in pairs:
        forward = links(compare(old, new, NO_IDS))
        backward = links(compare(new, old, NO_IDS))
        assert forward == {(n, o) for o, n in backward}, (old.plan, new.plan)


@pytest.mark.parametrize("name", REAL)
def test_truth_table_accounts_for_every_clause_once(name: str) -> None:
    """Each clause of both versions is judged exactly once: paired, in a split or merge, new or
    dropped; and every address in the table exists."""
    old_addresses = [
        ".".join(f.located.address) for f in flatten(load_plan(EVAL / name / "old.yaml").clauses)
    ]
    new_addresses = [
        ".".join(f.located.address) for f in flatten(load_plan(EVAL / name / "new.yaml").clauses)
    ]
    truth = yaml.safe_load((EVAL / name / "truth.yaml").read_text())
    olds: list[str] = []
    news: list[str] = []
    for item in truth.get("pairs") or []:
        olds.append(item["old"])
        news.append(item["new"])
        assert item["note"]
    for item in truth.get("splits") or []:
        olds.append(item["old"])
        news.extend(item["new"])
        assert len(item["new"]) >= 2 and item["note"]
    for item in truth.get("merges") or []:
        olds.extend(item["old"])
        news.append(item["new"])
        assert len(item["old"]) >= 2 and item["note"]
    news.extend(item["new"] for item in truth.get("new") or [])
    olds.extend(item["old"] for item in truth.get("dropped") or [])
    assert sorted(olds) == sorted(old_addresses)
    assert sorted(news) == sorted(new_addresses)
