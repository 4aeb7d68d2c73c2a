"""The obligation lexicon: which way a modal, hedge or firmer change moves a clause's obligation."""

from __future__ import annotations

import pytest

from plandiff.classes import Strength
from plandiff.obligation import strength_change

W, S = Strength.WEAKER, Strength.STRONGER

# (old, new, direction or None, detail). Phrasings from the bundled record and from the sources'
# reporting of the plans (US 28-point, E3, Geneva, December package, 20-point, Paris declaration).
CASES = [
    # modal swaps
    ("Ukraine shall hold elections.", "Ukraine should hold elections.", W, "shall → should"),
    ("Ukraine should hold elections.", "Ukraine shall hold elections.", S, "should → shall"),
    ("Russia will not obstruct shipping.", "Russia may not obstruct shipping.", W, "will → may"),
    ("Ukraine may join the EU.", "Ukraine will join the EU.", S, "may → will"),
    (
        "Russia must withdraw its forces.",
        "Russia is expected to withdraw its forces.",
        W,
        "must → is expected to",
    ),
    (
        "It is expected that Russia will not invade its neighbours.",
        "Russia shall not invade its neighbours.",
        S,
        "it is expected that → shall",
    ),
    (
        "The US guarantees Ukraine's security.",
        "The US supports Ukraine's security.",
        W,
        "guarantees → supports",
    ),
    (
        "The US supports Ukraine's security.",
        "The US guarantees Ukraine's security.",
        S,
        "supports → guarantees",
    ),
    (
        "Ukraine agrees to be a non-nuclear state.",
        "Ukraine may be a non-nuclear state.",
        W,
        "agrees to → may",
    ),
    ("Russia is invited to rejoin the G8.", "Russia will rejoin the G8.", S, "is invited to → will"),
    ("Russia will rejoin the G8.", "Russia is invited to rejoin the G8.", W, "will → is invited to"),
    (
        "Ukraine is eligible for EU membership.",
        "Ukraine will become an EU member.",
        S,
        "is eligible for → will",
    ),
    ("The parties will discuss the ZNPP.", "The parties shall agree on the ZNPP.", S, "will discuss → shall"),
    (
        "Europe undertakes to fund reconstruction.",
        "Europe intends to fund reconstruction.",
        W,
        "undertakes to → intends to",
    ),
    (
        "Europe intends to fund reconstruction.",
        "Europe commits to fund reconstruction.",
        S,
        "intends to → commits to",
    ),
    (
        "The coalition is ready to deploy a force.",
        "The coalition will deploy a force.",
        S,
        "is ready to → will",
    ),
    ("The coalition will deploy a force.", "The coalition could deploy a force.", W, "will → could"),
    ("Sanctions can be lifted in stages.", "Sanctions will be lifted in stages.", S, "can → will"),
    ("The US will seek to mediate.", "The US will mediate.", S, "will seek to → will"),
    ("NATO is obliged to consult.", "NATO is encouraged to consult.", W, "is obliged to → is encouraged to"),
    (
        "Ukraine will write a ban on NATO membership into its constitution.",
        "Ukraine is not required to ban NATO membership in its constitution.",
        W,
        "will → is not required to",
    ),
    # firmers added or dropped
    (
        "Ukraine will receive reliable security guarantees.",
        "Ukraine will receive security guarantees.",
        W,
        '"reliable" dropped',
    ),
    (
        "Ukraine will receive security guarantees.",
        "Ukraine will receive robust security guarantees.",
        S,
        '"robust" added',
    ),
    (
        "NATO agrees not to station troops permanently in Ukraine.",
        "NATO agrees not to station troops in Ukraine.",
        W,
        '"permanently" dropped',
    ),
    (
        "a decisive coordinated military response follows",
        "a coordinated military response follows",
        W,
        '"decisive" dropped',
    ),
    (
        "The guarantees are politically binding.",
        "The guarantees are legally binding.",
        S,
        '"legally binding" added, "politically binding" dropped',
    ),
    (
        "Sanctions are lifted in stages.",
        "Sanctions are lifted in full.",
        S,
        '"in full" added, "in stages" dropped',
    ),
    ("The ceasefire takes effect.", "The ceasefire takes effect immediately.", S, '"immediately" added'),
    (
        "Ukraine will enshrine neutrality in its constitution.",
        "Ukraine will declare neutrality.",
        W,
        '"enshrine" dropped',
    ),
    ("The commitment is irrevocable.", "The commitment stands.", W, '"irrevocable" dropped'),
    ("Sanctions are reinstated automatically.", "Sanctions are reinstated.", W, '"automatically" dropped'),
    # hedges and limiting conditions
    (
        "Ukraine's Armed Forces will be limited to 600,000 personnel.",
        "Ukraine's Armed Forces will be limited to 800,000 personnel in peacetime.",
        W,
        '"in peacetime" added',
    ),
    (
        "NATO agrees not to station troops in Ukraine.",
        "NATO agrees not to station troops in Ukraine in peacetime.",
        W,
        '"in peacetime" added',
    ),
    (
        "Russia is brought back into the world economy.",
        "Russia is brought back into the world economy gradually.",
        W,
        '"gradually" added',
    ),
    (
        "Ukraine will hold elections in 100 days.",
        "Ukraine will hold elections as soon as possible.",
        W,
        '"as soon as possible" added',
    ),
    (
        "The parties agree in principle to a ceasefire.",
        "The parties agree to a ceasefire.",
        S,
        '"in principle" dropped',
    ),
    ("Sanctions are lifted unless Russia violates the deal.", "Sanctions are lifted.", S, '"unless" dropped'),
    ("Assets are unfrozen.", "Assets are unfrozen, subject to review.", W, '"subject to" added'),
    ("Troops withdraw where possible.", "Troops withdraw.", S, '"where possible" dropped'),
    ("The force is deployed temporarily.", "The force is deployed.", S, '"temporarily" dropped'),
    (
        "Contributions are mandatory.",
        "Contributions are voluntary.",
        W,
        '"voluntary" added, "mandatory" dropped',
    ),
    # no movement: same strength, ties, or wording only
    (
        "Ukraine will receive reliable security guarantees.",
        "Ukraine will receive robust security guarantees.",
        None,
        "",
    ),
    (
        "Russia will write into law a policy of non-aggression.",
        "Russia writes a policy of non-aggression into law.",
        None,
        "",
    ),
    ("The United States will mediate a dialogue.", "A dialogue will be convened.", None, ""),
    ("Ukraine shall hold elections.", "Ukraine must hold elections.", None, ""),
    (
        "Ukraine will receive reliable guarantees.",
        "Ukraine will receive guarantees described as stronger than before.",
        None,
        "",
    ),
    ("Europe adds $100 billion.", "Europe adds $200 billion.", None, ""),
    ("Russia is invited to rejoin the G8.", "Russia will be invited to rejoin the G8.", None, ""),
    (
        'Ukraine will receive "reliable" security guarantees.',
        "Ukraine will receive strong security guarantees.",
        None,
        "",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "direction", "detail"),
    [pytest.param(*case, id=f"{k}-{case[1][:30]}") for k, case in enumerate(CASES)],
)
def test_strength_change(old: str, new: str, direction: Strength | None, detail: str | None) -> None:
    moved = strength_change(old, new)
    if direction is None:
        assert moved is None
    else:
        assert moved is not None
        assert moved.direction is direction
        if detail:
            assert moved.detail == detail


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 40
