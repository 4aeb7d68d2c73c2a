"""Pairing quality without ids: precision and recall per pair of versions, and mirror agreement.

    python bench/align-eval/run.py [--held-out]

Two kinds of pairs, ids stripped (``CompareOptions(use_ids=False)``):

- the bundled record: every ordered pair of bundled versions that share clause ids; the ids are
  the truth. Scored on top-level clauses and on all levels; a predicted pair whose clauses carry
  no id is not scored (its truth is unknown).
- real revisions of other negotiated texts (one directory each, ``old.yaml``, ``new.yaml`` and
  ``truth.yaml`` with pairs, splits, merges, new and dropped clauses, each judged with a note).
  A split counts as one pair per piece, a merge likewise.

The pair named in ``HELD_OUT`` is skipped unless ``--held-out`` is given: it was written first and
scored once, after the pairing was designed (README.md here). "mirror" checks that comparing B
with A finds exactly the pairs of A with B, reversed.
"""

from __future__ import annotations

import argparse
import sys
from itertools import permutations
from pathlib import Path

import yaml

from plandiff import CompareOptions, PlanVersion, compare, load_plan
from plandiff.catalog import load_bundled
from plandiff.flat import flatten
from plandiff.model import Report

HERE = Path(__file__).parent
HELD_OUT = "oslo-1-to-2"
NO_IDS = CompareOptions(use_ids=False)

Link = tuple[str, str]
"""(old address, new address), addresses joined with "."."""


def predicted(report: Report) -> set[Link]:
    """Pairs of a report, each piece of a split or merge counted as a pair."""
    links: set[Link] = set()
    for change in report.changes:
        if change.old is None or change.new is None:
            continue
        old, new = ".".join(change.old.address), ".".join(change.new.address)
        links.add((old, new))
        for part in change.parts:
            where = ".".join(part.address)
            links.add((old, where) if change.kind.value == "split" else (where, new))
    return links


def by_id_truth(a: PlanVersion, b: PlanVersion) -> tuple[set[Link], set[str], set[str]]:
    """Pairs by id, and the addresses on each side that carry an id."""
    old = {
        f.located.clause.id: ".".join(f.located.address) for f in flatten(a.clauses) if f.located.clause.id
    }
    new = {
        f.located.clause.id: ".".join(f.located.address) for f in flatten(b.clauses) if f.located.clause.id
    }
    return {(old[k], new[k]) for k in old.keys() & new.keys()}, set(old.values()), set(new.values())


def score(truth: set[Link], found: set[Link]) -> tuple[float, float, int, int, int]:
    hit = len(truth & found)
    return hit / max(len(found), 1), hit / max(len(truth), 1), hit, len(found), len(truth)


def mirrored(a: PlanVersion, b: PlanVersion, forward: set[Link]) -> bool:
    backward = predicted(compare(b, a, NO_IDS._replace()))
    return forward == {(n, o) for o, n in backward}


def compared(a: PlanVersion, b: PlanVersion) -> set[Link]:
    return predicted(compare(a, b, NO_IDS))


def top(links: set[Link]) -> set[Link]:
    return {(o, n) for o, n in links if "." not in o and "." not in n}


def line(name: str, level: str, result: tuple[float, float, int, int, int], mirror: bool | None) -> str:
    p, r, hit, found, truth = result
    tail = "" if mirror is None else ("  mirror ok" if mirror else "  MIRROR DIFFERS")
    return f"{name:<44} {level:<5} P {p:.2f}  R {r:.2f}  ({hit} right of {found} found, {truth} true){tail}"


def root(plan: PlanVersion, by_slug: dict[str | None, PlanVersion]) -> str | None:
    """The first version of a plan's lineage (following ``parent``), or None without a parent
    and without children."""
    seen = set()
    while plan.parent in by_slug and plan.plan not in seen:
        seen.add(plan.plan)
        plan = by_slug[plan.parent]
    return plan.plan


def bundled(revisions: bool) -> list[tuple[float, float, int, int, int]]:
    """Score every ordered pair that shares ids: revisions of one lineage (``revisions``, the
    target), or the others (related texts that share some ids but do not revise each other)."""
    plans = load_bundled()
    by_slug: dict[str | None, PlanVersion] = {p.plan: p for p in plans}
    children = {p.parent for p in plans}
    totals: dict[str, list[int]] = {"top": [0, 0, 0], "all": [0, 0, 0]}
    if revisions:
        print("bundled record, revisions of one lineage (ids stripped; truth: ids)")
    else:
        print("bundled record, related texts that are not revisions of each other (not a target)")
    for a, b in permutations(plans, 2):
        truth, old_ids, new_ids = by_id_truth(a, b)
        linked = (a.parent or a.plan in children) and (b.parent or b.plan in children)
        same = linked and root(a, by_slug) == root(b, by_slug)
        if not truth or bool(same) != revisions:
            continue
        found = {(o, n) for o, n in compared(a, b) if o in old_ids and n in new_ids}
        mirror = mirrored(a, b, compared(a, b))
        for level, t, f in (("top", top(truth), top(found)), ("all", truth, found)):
            result = score(t, f)
            totals[level][0] += result[2]
            totals[level][1] += result[3]
            totals[level][2] += result[4]
            print(line(f"  {a.plan} → {b.plan}", level, result, mirror if level == "top" else None))
    out = []
    for level, (hit, found, truth) in totals.items():
        result = (hit / max(found, 1), hit / max(truth, 1), hit, found, truth)
        print(line("  all bundled pairs", level, result, None))
        out.append(result)
    return out


def real_truth(folder: Path) -> set[Link]:
    data = yaml.safe_load((folder / "truth.yaml").read_text())
    links = {(p["old"], p["new"]) for p in data.get("pairs") or []}
    for s in data.get("splits") or []:
        links.update((s["old"], n) for n in s["new"])
    for m in data.get("merges") or []:
        links.update((o, m["new"]) for o in m["old"])
    return links


def real(folder: Path) -> None:
    a, b = load_plan(folder / "old.yaml"), load_plan(folder / "new.yaml")
    truth = real_truth(folder)
    found = compared(a, b)
    mirror = mirrored(a, b, found)
    print(line(f"  {folder.name}", "top", score(top(truth), top(found)), mirror))
    print(line(f"  {folder.name}", "all", score(truth, found), None))
    for o, n in sorted(found - truth):
        print(f"      wrong pair {o} → {n}")
    for o, n in sorted(truth - found):
        print(f"      missed     {o} → {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held-out", action="store_true", help=f"score only the held-out pair ({HELD_OUT})")
    args = parser.parse_args()
    folders = sorted(p for p in HERE.iterdir() if (p / "truth.yaml").exists())
    if args.held_out:
        print("held-out pair (scored once, after design)")
        real(HERE / HELD_OUT)
        return
    bundled(True)
    bundled(False)
    print("real revision pairs (project paraphrases; truth: truth.yaml)")
    for folder in folders:
        if folder.name != HELD_OUT:
            real(folder)
    print(f"held out, not scored here: {HELD_OUT} (run with --held-out)")


if __name__ == "__main__":
    sys.exit(main())
