"""The bundled record: every plan validates, carries its metadata, and states key facts right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plandiff.align import flatten
from plandiff.load import bundled_dir, load_plan
from plandiff.model import Clause, PlanVersion, Provenance, Status

PLANS = sorted(bundled_dir().glob("*.yaml"))
ROOTS = {"us-28-point"}
"""Bundled versions that revise no other version (every other one names a parent)."""
TOPICS = {
    "army",
    "nato",
    "territory",
    "assets",
    "energy",
    "humanitarian",
    "governance",
    "economy",
    "security",
}


def load(slug: str) -> PlanVersion:
    return load_plan(bundled_dir() / f"{slug}.yaml", f"plans/{slug}.yaml")


def by_id(plan: PlanVersion) -> dict[str, Clause]:
    return {f.located.clause.id: f.located.clause for f in flatten(plan.clauses) if f.located.clause.id}


def test_plans_are_bundled() -> None:
    assert {p.stem for p in PLANS} >= {"us-28-point", "geneva"}


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_metadata_complete_and_named_after_slug(path: Path) -> None:
    plan = load_plan(path, f"plans/{path.name}")
    assert plan.plan == path.stem
    assert plan.title and plan.date and plan.drafted_by and plan.status and plan.notes
    assert plan.sources and all(s.url.startswith(("https://", "http://")) for s in plan.sources)
    slugs = {p.stem for p in PLANS}
    if path.stem in ROOTS:
        assert plan.parent is None
    else:
        assert plan.parent in slugs and plan.parent != plan.plan


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_clause_has_id_and_known_topics(path: Path) -> None:
    plan = load_plan(path)
    for flat in flatten(plan.clauses):
        clause = flat.located.clause
        assert clause.id, f"{path.name}: clause {flat.located.address} has no id"
        assert clause.topics and set(clause.topics) <= TOPICS, (
            f"{path.name}: {clause.id} topics {clause.topics}"
        )
        if clause.provenance is Provenance.CARRIED:
            assert plan.parent, "carried clauses need a parent to be carried from"


def test_reconstructed_versions_mark_every_clause() -> None:
    for path in PLANS:
        plan = load_plan(path)
        if plan.status in (Status.RECONSTRUCTED, Status.REPORTED):
            for flat in flatten(plan.clauses):
                assert flat.located.clause.provenance is not Provenance.PUBLISHED, (
                    path.name,
                    flat.located.address,
                )


def test_core_ids_in_28_point_and_geneva() -> None:
    us, geneva = by_id(load("us-28-point")), by_id(load("geneva"))
    for cid in ("army-cap", "nato-membership", "elections", "znpp", "territory"):
        assert cid in us and cid in geneva
    assert "amnesty" in us and "amnesty" not in geneva
    assert "frozen-assets" in us and "frozen-assets-us-fund" in us and "frozen-assets-us-fund" not in geneva


FACTS = [
    ("us-28-point", "army-cap", "6", r"600,000 personnel"),
    ("us-28-point", "elections", "25", r"in 100 days"),
    ("us-28-point", "frozen-assets-us-fund", "a", r"\$100 billion .* 50% of the profits"),
    ("us-28-point", "european-contribution", "b", r"Europe adds \$100 billion"),
    ("us-28-point", "znpp", "19", r"IAEA .* 50:50"),
    ("us-28-point", "non-aggression", "2", r"past 30 years"),
    ("us-28-point", "peace-council", "27", r"President Donald J\. Trump"),
    ("us-28-point", "guarantee-void-missile-strike", "d", r"Moscow or St Petersburg"),
    ("us-28-point", "crimea-luhansk-donetsk", "a", r"Crimea, Luhansk and Donetsk"),
    ("us-28-point", "fighter-jets", "9", r"European fighter jets .* Poland"),
    ("us-28-point", "g8", "c", r"G8"),
    ("geneva", "army-cap", "6", r"800,000 personnel in peacetime"),
]


@pytest.mark.parametrize(("slug", "cid", "number", "pattern"), FACTS, ids=[f"{f[0]}:{f[1]}" for f in FACTS])
def test_key_facts(slug: str, cid: str, number: str, pattern: str) -> None:
    clause = by_id(load(slug))[cid]
    assert clause.number == number
    assert re.search(pattern, clause.text), clause.text


def test_geneva_brackets_territory_and_nato() -> None:
    geneva = by_id(load("geneva"))
    for cid in ("territory", "no-change-by-force", "nato-membership", "no-further-expansion",
                "russia-nato-dialogue", "foreign-troops"):  # fmt: skip
        assert geneva[cid].bracketed and geneva[cid].provenance is Provenance.REPORTED
    assert geneva["sovereignty"].provenance is Provenance.CARRIED


def test_json_schema_matches_the_loader() -> None:
    import json

    from plandiff.planschema import CLAUSE_KEYS, PLAN_KEYS, SOURCE_KEYS

    schema = json.loads(
        (Path(__file__).parent.parent / "plandiff" / "schema" / "plan.schema.json").read_text()
    )
    assert set(schema["properties"]) == set(PLAN_KEYS)
    assert set(schema["$defs"]["clause"]["properties"]) == set(CLAUSE_KEYS)
    assert set(schema["properties"]["sources"]["items"]["properties"]) == set(SOURCE_KEYS)
    assert schema["properties"]["status"]["enum"] == [s.value for s in Status]
    assert schema["$defs"]["clause"]["properties"]["provenance"]["enum"] == [p.value for p in Provenance]
