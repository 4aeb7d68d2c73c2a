"""The bundled record: every plan validates, carries its metadata, and states key facts right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sheets import SOURCES, needs_sources

from plandiff.flat import flatten
from plandiff.load import bundled_dir, load_plan
from plandiff.model import Clause, PlanVersion, Provenance, Status

PLANS = sorted(bundled_dir().glob("*.yaml"))
ROOTS = {"us-28-point", "european-24-point", "paris-declaration"}
"""Bundled versions that revise no other version (every other one names a parent): the 28-point
draft, the separate Telegraph plan, and the Paris Declaration (a companion document)."""
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
    # US 28-point plan, 20 Nov 2025
    ("us-28-point", "army-cap", "6", r"600,000 personnel"),
    ("us-28-point", "elections", "25", r"in 100 days"),
    ("us-28-point", "frozen-assets-us-fund", "a", r"\$100 billion .* 50% of the profits"),
    ("us-28-point", "european-contribution", "b", r"Europe adds \$100 billion"),
    ("us-28-point", "znpp", "19", r"IAEA .* 50:50"),
    ("us-28-point", "non-aggression", "2", r"Russia, Ukraine and Europe .* past 30 years"),
    ("us-28-point", "peace-council", "27", r"President Donald J\. Trump"),
    ("us-28-point", "guarantee-void-missile-strike", "d", r"Moscow or St Petersburg"),
    ("us-28-point", "crimea-luhansk-donetsk", "a", r"Crimea, Luhansk and Donetsk"),
    ("us-28-point", "fighter-jets", "9", r"European fighter jets .* Poland"),
    ("us-28-point", "g8", "c", r"G8"),
    ("us-28-point", "amnesty", "26", r"full amnesty"),
    ("us-28-point", "nato-membership", "7", r"not to join NATO into its constitution"),
    # Geneva reconstruction, 23 Nov 2025
    ("geneva", "army-cap", "6", r"800,000 personnel in peacetime"),
    # E3 counter-proposal, 23 Nov 2025 (US numbering)
    ("e3-counterproposal", "army-cap", "6", r"800,000 personnel in peacetime"),
    (
        "e3-counterproposal",
        "non-aggression",
        "2",
        r"Russia, Ukraine and NATO .* past 30 years are to be resolved",
    ),
    ("e3-counterproposal", "response-to-russian-invasion", "c", r"a robust, coordinated military response"),
    ("e3-counterproposal", "ceasefire-monitoring", "u1", r"monitoring the ceasefire .* under US supervision"),
    ("e3-counterproposal", "nato-membership", "7", r"consensus among NATO members"),
    ("e3-counterproposal", "fighter-jets", "9", r"NATO fighter jets .* Poland"),
    ("e3-counterproposal", "us-guarantee", "10", r"NATO Article 5"),
    ("e3-counterproposal", "frozen-assets", "14", r"stay frozen until Russia compensates Ukraine"),
    ("e3-counterproposal", "territory", "21", r"start from the Line of Contact"),
    ("e3-counterproposal", "elections", "25", r"as soon as possible once the peace agreement is signed"),
    ("e3-counterproposal", "znpp", "19", r"IAEA .* 50:50"),
    # US revised package, ~10 Dec 2025 (reported)
    ("us-revised-package", "army-cap", "6", r"800,000 personnel in peacetime"),
    ("us-revised-package", "eu-membership", "11", r"by 2027"),
    ("us-revised-package", "donetsk-buffer-zone", "d", r"roughly 30% of Donetsk oblast"),
    ("us-revised-package", "znpp", "19", r"US operator.* 50%"),
    ("us-revised-package", "russian-withdrawal-elsewhere", "c", r"Kharkiv, Sumy and Dnipropetrovsk"),
    (
        "us-revised-package",
        "foreign-troops",
        "8",
        r"United States will oppose any deployment of foreign troops",
    ),
    ("us-revised-package", "no-further-expansion", "3", r"non-enlargement .* separate document"),
    # 20-point framework, 23 Dec 2025
    ("ukraine-20-point", "army-cap", "4", r"800,000 personnel in peacetime"),
    ("ukraine-20-point", "elections", "18", r"as soon as possible once the agreement has been signed"),
    ("ukraine-20-point", "frozen-assets", "9", r"\$800 billion"),
    ("ukraine-20-point", "znpp", "12", r"not agreed"),
    ("ukraine-20-point", "znpp-ukrainian-proposal", "b", r"50/50 joint venture"),
    ("ukraine-20-point", "russian-withdrawal-elsewhere", "c", r"Dnipropetrovsk, Mykolaiv, Sumy and Kharkiv"),
    ("ukraine-20-point", "line-of-contact", "a", r"Donetsk, Luhansk, Zaporizhzhia and Kherson"),
    ("ukraine-20-point", "peace-council", "19", r"Donald Trump"),
    ("ukraine-20-point", "dnipro-black-sea", "16", r"Kinburn Spit"),
    ("ukraine-20-point", "religious-and-minority-rights", "a", r"EU's rules on religious tolerance"),
    # Russia's reported memorandum terms, 28 Feb 2026
    ("russia-terms-2026", "army-cap", "4", r"No cap .* Russia drops its demand"),
    ("russia-terms-2026", "line-of-contact", "a", r"withdraws its forces from the rest of Donetsk region"),
    ("russia-terms-2026", "russian-withdrawal-elsewhere", "c", r"Dnipropetrovsk, Sumy and Kharkiv"),
    ("russia-terms-2026", "international-monitoring-forces", "d", r"opposes any foreign troops"),
    ("russia-terms-2026", "security-guarantees", "3", r"Ukraine will receive strong security guarantees"),
    # European 24-point plan (The Telegraph)
    ("european-24-point", "army-cap", "11", r"No limits"),
    ("european-24-point", "prisoner-exchange", "7", r"all for all"),
    ("european-24-point", "znpp", "u3", r"Kakhovka dam, the Kinburn Spit and the Zaporizhzhia"),
    # Paris Declaration, 6 Jan 2026
    ("paris-declaration", "ceasefire-monitoring", "1", r"US-led"),
]


@pytest.mark.parametrize(("slug", "cid", "number", "pattern"), FACTS, ids=[f"{f[0]}:{f[1]}" for f in FACTS])
def test_key_facts(slug: str, cid: str, number: str, pattern: str) -> None:
    clause = by_id(load(slug))[cid]
    assert clause.number == number
    assert re.search(pattern, clause.text), clause.text


def test_geneva_brackets_territory_and_nato() -> None:
    # Only the bracketing was reported: the text is the 28-point wording, carried.
    geneva = by_id(load("geneva"))
    for cid in ("territory", "no-change-by-force", "nato-membership", "no-further-expansion",
                "russia-nato-dialogue", "foreign-troops", "crimea-luhansk-donetsk", "line-of-contact",
                "russian-withdrawal-elsewhere", "donetsk-buffer-zone"):  # fmt: skip
        clause = geneva[cid]
        assert clause.bracketed, cid
        assert (clause.provenance, clause.status_provenance) == (Provenance.CARRIED, Provenance.REPORTED), cid
    assert geneva["sovereignty"].provenance is Provenance.CARRIED
    assert load("geneva").reported_points == 19


TEXT_CARRIED_STATUS_REPORTED = [
    # (plan, clause ids): the wording is the parent's, only the clause's standing was reported
    ("e3-counterproposal", ("reconstruction", "development-fund", "rehabilitation", "infrastructure",
                            "minerals", "world-bank-package", "prisoner-exchange", "family-reunification")),
    ("us-revised-package", ("line-of-contact", "no-change-by-force")),
    ("russia-terms-2026", ("non-aggression",)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("slug", "ids"), TEXT_CARRIED_STATUS_REPORTED, ids=[s for s, _ in TEXT_CARRIED_STATUS_REPORTED]
)
def test_text_carried_status_reported(slug: str, ids: tuple[str, ...]) -> None:
    plan = load(slug)
    clauses, parent = by_id(plan), by_id(load(str(plan.parent)))
    for cid in ids:
        clause = clauses[cid]
        assert (clause.provenance, clause.status_provenance) == (Provenance.CARRIED, Provenance.REPORTED), cid
        assert clause.text == parent[cid].text, f"{cid}: a carried text must be the parent's"
        assert clause.note, f"{cid}: the note says what was reported"


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_carried_text_is_the_parents(path: Path) -> None:
    plan = load_plan(path)
    if plan.parent is None:
        return
    parent = by_id(load(plan.parent))
    for cid, clause in by_id(plan).items():
        if clause.provenance is Provenance.CARRIED and cid in parent:
            assert clause.text == parent[cid].text, (path.stem, cid)


def test_e3_marks_what_was_only_reported() -> None:
    e3 = by_id(load("e3-counterproposal"))
    for cid in (
        "russia-reintegration",
        "sanctions-relief",
        "g8",
        "gas-infrastructure",
        "ceasefire-monitoring",
    ):
        assert e3[cid].provenance is Provenance.REPORTED, cid
    # The ceasefire point itself was not seen as text: only the US-supervision element was reported.
    assert e3["ceasefire"].provenance is Provenance.CARRIED
    assert "under US supervision" not in e3["ceasefire"].text


def test_20_point_links_to_28_point_subjects() -> None:
    twenty = by_id(load("ukraine-20-point"))
    us = by_id(load("us-28-point"))
    assert (
        "religious-and-minority-rights" in twenty
        and twenty["tolerance"].clauses[0].id == "religious-and-minority-rights"
    )
    assert "line-of-contact" in us and us["territory"].clauses[1].id == "line-of-contact"


def test_russia_terms_are_keyed_to_the_20_point_text() -> None:
    russia, twenty = load("russia-terms-2026"), load("ukraine-20-point")
    assert (russia.status, russia.parent, russia.drafted_by) == (
        Status.REPORTED,
        "ukraine-20-point",
        ("Russia",),
    )
    assert [f.located.address for f in flatten(russia.clauses)] == [
        f.located.address for f in flatten(twenty.clauses)
    ]
    assert set(by_id(russia)) == set(by_id(twenty))
    reported = {cid for cid, c in by_id(russia).items() if c.provenance is Provenance.REPORTED}
    assert reported == {
        "army-cap",
        "line-of-contact",
        "russian-withdrawal-elsewhere",
        "international-monitoring-forces",
    }
    assert "15 years" in (by_id(russia)["security-guarantees"].note or "")


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


def test_ukraine_20_point_drops_nato_and_amnesty() -> None:
    ids = by_id(load("ukraine-20-point"))
    assert "nato-membership" not in ids and "amnesty" not in ids
    assert ids["znpp"].bracketed and ids["territory"].bracketed
    assert all(c.bracketed for c in ids["znpp"].clauses + ids["territory"].clauses)


def test_e3_deletes_points_3_and_26() -> None:
    numbers = {c.number for c in load("e3-counterproposal").clauses}
    assert numbers == ({str(n) for n in range(1, 29)} - {"3", "26"}) | {"u1"}  # u1: reported, place unknown


def test_required_ids_present_where_the_version_has_the_clause() -> None:
    expected = {
        "us-28-point": {"army-cap", "nato-membership", "elections", "amnesty", "frozen-assets", "znpp", "territory",
                        "security-guarantees", "non-aggression", "eu-membership", "ceasefire", "prisoner-exchange",
                        "peace-council"},
        "ukraine-20-point": {"army-cap", "elections", "frozen-assets", "znpp", "territory", "security-guarantees",
                             "non-aggression", "eu-membership", "ceasefire", "prisoner-exchange", "peace-council"},
        "e3-counterproposal": {"army-cap", "nato-membership", "elections", "frozen-assets", "znpp", "territory",
                               "security-guarantees", "non-aggression", "eu-membership", "ceasefire",
                               "prisoner-exchange", "peace-council"},
        "european-24-point": {"army-cap", "nato-membership", "znpp", "territory", "security-guarantees", "ceasefire",
                              "prisoner-exchange"},
    }  # fmt: skip
    for slug, ids in expected.items():
        assert ids <= set(by_id(load(slug))), (slug, ids - set(by_id(load(slug))))


SHEET_OF = {
    "us-28-point": "us-28-point-2025-11-20.md",
    "e3-counterproposal": "e3-counterproposal-2025-11-23.md",
    "european-24-point": "european-24-point-telegraph-2025-11-23.md",
    "geneva": "geneva-framework-2025-11-23.md",
    "us-revised-package": "us-revised-package-2025-12-10.md",
    "ukraine-20-point": "ukraine-20-point-2025-12-23.md",
    "paris-declaration": "paris-declaration-2026-01-06.md",
    "russia-terms-2026": "reported-revisions-2026.md",
}
"""The fact sheet each bundled version is built from (``../shared/sources/``)."""
SHEET_URL = re.compile(r"https?://[^\s)>\]`,]+")


def sheet_urls(text: str) -> list[str]:
    """Every URL a fact sheet cites, in order, without trailing sentence punctuation."""
    return list(dict.fromkeys(u.rstrip(".;") for u in SHEET_URL.findall(text)))


def test_sheet_urls_are_read_whole() -> None:
    text = "- https://a.example/x?p=1 — one\n  (e.g. https://b.example/y/) and https://c.example/z.\n"
    assert sheet_urls(text) == ["https://a.example/x?p=1", "https://b.example/y/", "https://c.example/z"]


def test_every_bundled_version_has_a_sheet() -> None:
    assert set(SHEET_OF) == {p.stem for p in PLANS}


@needs_sources
@pytest.mark.parametrize("slug", sorted(SHEET_OF))
def test_every_sheet_source_is_listed_in_its_plan(slug: str) -> None:
    urls = sheet_urls((SOURCES / SHEET_OF[slug]).read_text(encoding="utf-8"))
    listed = {s.url for s in load(slug).sources}
    assert urls, f"{SHEET_OF[slug]} cites no URL: wrong file?"
    missing = [u for u in urls if u not in listed]
    assert not missing, f"plans/{slug}.yaml does not list: " + ", ".join(missing)
