"""Change classes: the rules of plandiff.classify on a table of real and constructed edits."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plandiff.classes import ChangeClass
from plandiff.diff import compare
from plandiff.model import Clause, PlanVersion, Provenance

SUB, STA, EDI = ChangeClass.SUBSTANTIVE, ChangeClass.STATUS, ChangeClass.EDITORIAL
PUB, REP, CAR = Provenance.PUBLISHED, Provenance.REPORTED, Provenance.CARRIED


def change_of(old: Clause, new: Clause):  # type: ignore[no-untyped-def]
    report = compare(PlanVersion("old", (old,)), PlanVersion("new", (new,)))
    changed = [c for c in report.changes if c.is_difference]
    assert len(changed) == 1
    return changed[0]


def clause(text: str, **kw: object) -> Clause:
    return Clause("1", text, "x", **kw)  # type: ignore[arg-type]


# Texts from the bundled plans (old version → new version), each with the class and reasons.
BUNDLED = [
    ("Ukraine's Armed Forces will be limited to 600,000 personnel.",
     "Ukraine's Armed Forces will be limited to 800,000 personnel in peacetime.",
     SUB, ("amount changed: 600,000 → 800,000", 'obligation weaker: "in peacetime" added')),
    ("Ukraine's Armed Forces will be limited to 600,000 personnel.",
     "Ukraine's Armed Forces stay at 800,000 personnel in peacetime.",
     SUB, ("amount changed: 600,000 → 800,000", 'obligation weaker: "in peacetime" added',
           'condition removed: "limited to"')),
    ("Russia, Ukraine and Europe will conclude a full and comprehensive non-aggression agreement, and all ambiguities of the past 30 years will be regarded as settled.",
     "Russia, Ukraine and NATO will conclude a full and comprehensive non-aggression agreement, and all ambiguities of the past 30 years will be regarded as settled.",
     SUB, ("actor added: NATO", "actor dropped: Europe")),
    ("The United States will mediate a dialogue between Russia and NATO to resolve all security issues and create conditions for de-escalation, in the interest of global security and of wider cooperation and future economic development.",
     "Once a peace agreement is signed, a dialogue between Russia and NATO will be convened to resolve all security issues and create conditions for de-escalation, in the interest of global security and of greater connectivity and future economic opportunity.",
     SUB, ('condition added: "once"', "actor dropped: United States")),
    ('Ukraine will receive "reliable" security guarantees; no details are given.',
     'Ukraine will receive "robust" security guarantees.',
     SUB, ("negation removed",)),
    ("NATO agrees not to station troops in Ukraine.",
     "NATO agrees not to station troops under its command permanently in Ukraine in peacetime.",
     SUB, ('condition added: "in peacetime"',)),
    ("European fighter jets will be based in Poland.", "NATO fighter jets will be based in Poland.",
     SUB, ("actor added: NATO", "actor dropped: Europe")),
    ("The US guarantee:", "A US guarantee mirroring NATO Article 5:", SUB, ("actor added: NATO",)),
    ("Russia is brought back into the world economy:", "Russia is brought back into the world economy gradually:",
     SUB, ('obligation weaker: "gradually" added',)),
    ("Ukraine will hold elections in 100 days.",
     "Ukraine will hold elections as soon as possible after the peace agreement is signed.",
     SUB, ("amount changed: 100 → none", 'obligation weaker: "as soon as possible" added',
           'condition added: "after"', "deadline or duration changed")),
    ("Ukraine's sovereignty will be confirmed.",
     "Ukraine's sovereignty is reaffirmed: by signing, every signatory confirms that Ukraine is a sovereign state.",
     SUB, ("content changed: 7 words in, 1 out",)),
    ("if Russia invades Ukraine, a decisive coordinated military response follows, all global sanctions are reinstated, and recognition of the new territory and every other benefit of the deal are withdrawn;",
     "if Russia invades Ukraine, a coordinated military response follows and all global sanctions on Russia are reinstated;",
     SUB, ('obligation weaker: "decisive" dropped',)),
    ("if Ukraine invades Russia, it loses the guarantee;",
     "if Ukraine invades Russia, or fires on Russian territory without provocation, the guarantees become void; if Russia fires on Ukraine, the guarantees take effect;",
     SUB, ("negation added", 'condition added: "if"')),
    ("Russia will write into law a policy of non-aggression towards Europe and Ukraine.",
     "Russia writes a policy of non-aggression towards Europe and Ukraine into all necessary laws and ratification documents.",
     SUB, ("content changed: 4 words in, 2 out",)),
    ("Ukraine is eligible for EU membership and will have short-term preferential access to the European market while this question is considered.",
     "Ukraine becomes a member of the EU within a specifically defined time frame and receives special short-term access to the European market.",
     SUB, ("content changed: 8 words in, 7 out",)),
    ("Ukraine agrees to be a non-nuclear state under the Treaty on the Non-Proliferation of Nuclear Weapons.",
     "Ukraine confirms that it remains a non-nuclear-weapon state under the Treaty on the Non-Proliferation of Nuclear Weapons.",
     SUB, ("content changed: 3 words in, 1 out",)),
    ("The Zaporizhzhia nuclear power plant will be restarted under IAEA supervision, and the electricity it produces will be split equally between Russia and Ukraine, 50:50.",
     "The Zaporizhzhia nuclear power plant is not agreed; two proposals are on the table:",
     SUB, ("negation added", "actor dropped: IAEA, Russia, Ukraine")),
    ("Territory:", 'Territory, "the most difficult point", is not agreed:', SUB, ("negation added",)),
    ("Once future territorial arrangements are agreed, neither Russia nor Ukraine may change them by force; any security guarantee ceases to apply if this commitment is broken.",
     "Once territorial arrangements are agreed, Russia and Ukraine commit not to change them by force.",
     SUB, ('condition removed: "if"',)),
    ("A humanitarian committee will settle outstanding issues:", "A humanitarian committee:",
     SUB, ("content changed: 0 words in, 4 out",)),
    ("Europe adds $100 billion to increase the funds available for rebuilding Ukraine;",
     "Europe adds $200 billion to increase the funds available for rebuilding Ukraine;",
     SUB, ("amount changed: $100 billion → $200 billion",)),
    ("Ukraine will hold elections in 100 days.", "Ukraine will hold elections in 100 days",
     EDI, ("case, punctuation or spacing only",)),
    ("Ukraine will hold elections in 100 days.", "Ukraine will hold  elections in 100 days.",
     EDI, ("case, punctuation or spacing only",)),
    ("Russia is invited to rejoin the G8.", "Russia is invited to re-join the G8.",
     EDI, ("case, punctuation or spacing only",)),
    ("Kherson and Zaporizhzhia are frozen along the line of contact, which means de facto recognition along that line;",
     "Kherson and Zaporizhzhia are frozen along the line of contact, which means de facto recognition along that line.",
     EDI, ("case, punctuation or spacing only",)),
    ("Crimea, Luhansk and Donetsk are recognised as de facto Russian, including by the United States;",
     "Crimea, Luhansk and Donetsk are recognized as de facto Russian, including by the United States;",
     EDI, ("word order, spelling or small words only",)),
    ("Ukraine's sovereignty will be confirmed.", "The sovereignty of Ukraine will be confirmed.",
     EDI, ("word order, spelling or small words only",)),
    ("NATO agrees not to station troops in Ukraine.", "NATO agrees not to deploy troops in Ukraine.",
     EDI, ('rewording: "deploy" in, "station" out',)),
    ("Russia is invited to rejoin the G8.", "Russia is invited to return to the G8.",
     EDI, ('rewording: "return" in, "rejoin" out',)),
    ("Russia will not invade its neighbours and NATO will not expand further.",
     "NATO will not expand further and Russia will not invade its neighbours.",
     EDI, ("word order, spelling or small words only",)),
    ('all remaining prisoners and bodies are exchanged on an "all for all" basis;',
     'all prisoners are exchanged "all for all";', SUB, ("content changed: 0 words in, 3 out",)),
    ("all civilian detainees and hostages, children included, are returned;",
     "all civilian detainees, hostages, children and political prisoners are returned.",
     SUB, ("content changed: 2 words in, 1 out",)),
    ("The agreement will be legally binding. Its implementation is monitored and guaranteed by a Peace Council chaired by President Donald J. Trump; violations are met with sanctions.",
     "The agreement is legally binding; a Peace Council chaired by US President Donald Trump monitors and guarantees its implementation.",
     SUB, ("actor added: United States",)),
    ("The Zaporizhzhia nuclear power plant will be restarted under IAEA supervision, and the electricity it produces will be split equally between Russia and Ukraine, 50:50.",
     "The Zaporizhzhia nuclear power plant will be restarted with a new US operator, and Ukraine receives 50% of the electricity it produces.",
     SUB, ("amount changed: none → 50%", "actor added: United States", "actor dropped: IAEA, Russia")),
    ("Crimea, Luhansk and Donetsk are recognised as de facto Russian, including by the United States;",
     "Russia's control of Crimea, Luhansk and Donetsk is confirmed in practice, and their status may change only by diplomatic means;",
     SUB, ('condition added: "only"', "actor added: Russia", "actor dropped: United States")),
    ("Kherson and Zaporizhzhia are frozen along the line of contact, which means de facto recognition along that line;",
     "in Zaporizhzhia and Kherson the current line of contact is fixed;",
     SUB, ("content changed: 2 words in, 8 out",)),
    ("Ukraine's sovereignty will be confirmed.",
     "Ukraine's sovereignty is respected and confirmed, and Ukraine is not forced into neutrality.",
     SUB, ("negation added",)),
    ("Ukraine's Armed Forces will be limited to 600,000 personnel.",
     "No limits are placed on Ukraine's armed forces or defence industry, including their international cooperation.",
     SUB, ("amount changed: 600,000 → none", "negation added", 'condition removed: "limited to"')),
    ("When all parties accept this memorandum, the ceasefire takes effect immediately once both sides have withdrawn to agreed points, so that implementation can begin.",
     "When all parties accept this memorandum, the ceasefire takes effect immediately once both sides have withdrawn to agreed points, so that implementation can begin; arrangements for monitoring the ceasefire are agreed under US supervision.",
     SUB, ("actor added: United States",)),
    ("Russia is invited to rejoin the G8.", "Russia will be invited to rejoin the G8.",
     EDI, ('rewording: "will" in',)),
]  # fmt: skip

# Constructed edits, one per rule and reason.
CONSTRUCTED = [
    ("The parties shall meet.", "The parties should meet.", SUB, ("obligation weaker: shall → should",)),
    ("The parties may meet.", "The parties must meet.", SUB, ("obligation stronger: may → must",)),
    ("Troops withdraw.", "Troops do not withdraw.", SUB, ("negation added",)),
    ("Troops never withdraw.", "Troops withdraw.", SUB, ("negation removed",)),
    ("Sanctions are lifted.", "Sanctions are lifted unless talks fail.", SUB, ('obligation weaker: "unless" added',)),
    ("Sanctions are lifted if talks succeed.", "Sanctions are lifted.", SUB, ('condition removed: "if"',)),
    ("Troops withdraw within 30 days.", "Troops withdraw within 60 days.", SUB,
     ("amount changed: 30 → 60", "deadline or duration changed")),
    ("Troops withdraw by March 2026.", "Troops withdraw by June 2026.", SUB, ("deadline or duration changed",)),
    ("Troops withdraw.", "Troops withdraw immediately.", SUB,
     ('obligation stronger: "immediately" added', "deadline or duration changed")),
    ("Russia pays for reconstruction.", "Europe pays for reconstruction.", SUB, ("actor added: Europe", "actor dropped: Russia")),
    ("The fund is run by Ukraine.", "The fund is run by Ukraine and the United States.", SUB, ("actor added: United States",)),
    ("Talks continue.", "Talks continue under the Board of Peace.", SUB, ("actor added: Board of Peace",)),
    ("Grain ships pass freely.", "Grain ships pass freely, subject to inspection.", SUB, ('obligation weaker: "subject to" added',)),
    ("Grain ships pass.", "Grain ships pass only in daylight.", SUB, ('condition added: "only"',)),
    ("A committee settles disputes.", "A committee settles disputes about prisoners, civilians and hostages.", SUB, ("content changed: 4 words in, 0 out",)),
    ("The plant restarts.", "THE PLANT RESTARTS.", EDI, ("case, punctuation or spacing only",)),
    ("The plant restarts.", "The plant restarts!", EDI, ("case, punctuation or spacing only",)),
    ("The plant restarts.", "The plant\nrestarts.", EDI, ("case, punctuation or spacing only",)),
    ("The plant restarts; power is shared.", "The plant restarts, power is shared.", EDI, ("case, punctuation or spacing only",)),
    ("The plant restarts.", "The plant will be restarted.", EDI, ('rewording: "will" in',)),
    ("Funds are pooled.", "The funds are pooled.", EDI, ("word order, spelling or small words only",)),
    ("Programmes promote tolerance.", "Programs promote tolerance.", EDI, ('rewording: "programs" in, "programmes" out',)),
    ("The council is chaired.", "The council is presided.", EDI, ('rewording: "presided" in, "chaired" out',)),
    ("Troops withdraw within 30 days.", "Troops withdraw within thirty days.", EDI, ('rewording: "thirty" in, "30" out',)),
    ("600,000 personnel", "600000 personnel", EDI, ("case, punctuation or spacing only",)),
    ("The fund holds 1.5 billion.", "The fund holds 15 billion.", SUB, ("amount changed: 1.5 billion → 15 billion",)),
    ("The US receives 50% of the profits.", "The US receives 50 of the profits.", SUB, ("amount changed: 50% → none",)),
    ("Europe adds $100 billion.", "Europe adds 100 billion.", SUB, ("amount changed: $100 billion → none",)),
]  # fmt: skip

# Status and kind rules: attributes on clauses, not text.
STATUS = [
    (clause("Territory:"), clause("Territory:", bracketed=True), STA, ("bracketed",)),
    (clause("Territory:", bracketed=True), clause("Territory:"), STA, ("brackets lifted",)),
    (clause("Territory:", provenance=PUB), clause("Territory:", provenance=REP, bracketed=True), STA,
     ("bracketed", "provenance published → reported")),
    (clause("Joint operation."), clause("Joint operation.", proposed_by="United States"), STA,
     ("attributed to United States",)),
    (clause("Joint operation.", proposed_by="Ukraine"), clause("Joint operation."), STA, ("attribution dropped",)),
    (clause("Troops withdraw.", title="A"), clause("Troops withdraw.", title="B"), EDI, ("title changed",)),
    (clause("Troops withdraw.", topics=("army",)), clause("Troops withdraw.", topics=("security",)), EDI,
     ("topics changed",)),
    (clause("Troops withdraw.", provenance=CAR), clause("Troops do not withdraw.", provenance=REP, bracketed=True),
     SUB, ("negation added", "bracketed", "provenance carried → reported")),
    (clause("The plant restarts."), clause("The Plant restarts.", bracketed=True), EDI,
     ("case, punctuation or spacing only", "bracketed")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "klass", "reasons"),
    [pytest.param(*case, id=f"bundled-{k}") for k, case in enumerate(BUNDLED)]
    + [pytest.param(*case, id=f"constructed-{k}") for k, case in enumerate(CONSTRUCTED)],
)
def test_text_rules(old: str, new: str, klass: ChangeClass, reasons: tuple[str, ...]) -> None:
    change = change_of(clause(old), clause(new))
    assert (change.change_class, change.reasons) == (klass, reasons)


@pytest.mark.parametrize(
    ("old", "new", "klass", "reasons"),
    [pytest.param(*case, id=f"status-{k}") for k, case in enumerate(STATUS)],
)
def test_status_rules(old: Clause, new: Clause, klass: ChangeClass, reasons: tuple[str, ...]) -> None:
    change = change_of(old, new)
    assert (change.change_class, change.reasons) == (klass, reasons)


def test_kind_rules() -> None:
    a, b = Clause("1", "Amnesty for all.", "amnesty"), Clause("2", "Elections.", "elections")
    c = Clause("3", "Territory is not agreed.", "territory", bracketed=True)
    report = compare(PlanVersion("old", (a, b)), PlanVersion("new", (b._replace(number="1"), c)))
    got = [(x.kind.value, x.change_class, x.reasons) for x in report.changes if x.is_difference]
    assert got == [
        ("removed", SUB, ("clause removed",)),
        ("unchanged", EDI, ("moved or renumbered only",)),
        ("added", SUB, ("bracketed point added",)),
    ]


def test_table_is_big_enough_and_half_bundled() -> None:
    total = len(BUNDLED) + len(CONSTRUCTED) + len(STATUS) + 3
    assert total >= 60
    assert len(BUNDLED) >= total / 2


VOCABULARY = (
    "Ukraine", "Russia", "NATO", "shall", "may", "not", "will", "the", "army", "cap", "of", "600,000", "personnel", "in",
    "peacetime", "within", "30", "days", "$100", "billion", "50%", "unless", "guarantees", "Europe", "is", "expected", "to",
)  # fmt: skip
_WORDS = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14)


@given(_WORDS, st.data())
def test_case_punctuation_and_whitespace_edits_are_never_substantive(
    words: list[str], data: st.DataObject
) -> None:
    old = " ".join(words) + "."
    new_words = []
    for word in words:
        if data.draw(st.booleans()):
            word = word.upper() if data.draw(st.booleans()) else word.lower()
        if data.draw(st.booleans()):
            word += data.draw(st.sampled_from([",", ";", ":", "!", "?", ".", " -", "'", '"']))
        new_words.append(word)
    spaces = [data.draw(st.sampled_from([" ", "  ", "\n", "\t "])) for _ in new_words]
    new = "".join(w + s for w, s in zip(new_words, spaces)).rstrip() + data.draw(
        st.sampled_from(["", ".", "…"])
    )
    if re.sub(r"\s+", " ", old) == new:
        return
    if old == new:
        return
    change = change_of(clause(old), clause(new))
    assert change.change_class is not SUB, (old, new, change.reasons)
