"""Quantities: numbers found as written, paired across a change, deltas and percentages exact."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plandiff.model import QuantityChange
from plandiff.quantities import find_quantities, pair_quantities


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("capped at 600,000 personnel.", [("600,000", 600000, "personnel")], id="grouped-unit"),
        pytest.param("$100 billion of assets", [("$100 billion", 100_000_000_000, "USD")], id="usd-billion"),
        pytest.param("50% of the profits", [("50%", 50, "%")], id="percent-sign"),
        pytest.param("30 per cent of it", [("30 per cent", 30, "%")], id="per-cent"),
        pytest.param("within 100 days", [("100", 100, "days")], id="days"),
        pytest.param("for two years", [("two", 2, "years")], id="word-number"),
        pytest.param("one of them", [], id="word-without-unit"),
        pytest.param("accession by 2027", [("2027", 2027, "year")], id="year"),
        pytest.param("rejoin the G8 under START I", [], id="not-numbers"),
        pytest.param("1.5 million troops", [("1.5 million", 1_500_000, "troops")], id="decimal-scale"),
        pytest.param("5, 10 or 40 km", [("5", 5, None), ("10", 10, None), ("40", 40, "km")], id="list"),
        pytest.param("€2.5 billion", [("€2.5 billion", 2_500_000_000, "EUR")], id="euro"),
    ],
)
def test_find(text: str, found: list[tuple[str, float, str | None]]) -> None:
    assert [(q.written, q.value, q.unit) for q in find_quantities(text)] == found


def qc(old, new, unit, ov, nv, delta, pct, dt):  # type: ignore[no-untyped-def]
    return QuantityChange(old, new, unit, ov, nv, delta, pct, dt)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "limited to 600,000 personnel.",
            "limited to 800,000 personnel in peacetime.",
            [qc("600,000", "800,000", "personnel", 600000, 800000, 200000, 33.3, "+200,000")],
            id="army-cap",
        ),
        pytest.param(
            "$100 billion into the fund",
            "aiming at $800 billion",
            [
                qc(
                    "$100 billion",
                    "$800 billion",
                    "USD",
                    10**11,
                    8 * 10**11,
                    7 * 10**11,
                    700.0,
                    "+$700 billion",
                )
            ],
            id="assets",
        ),
        pytest.param(
            "elections in 100 days",
            "elections as soon as possible",
            [qc("100", None, "days", 100, None, None, None, None)],
            id="disappears",
        ),
        pytest.param(
            "a 50% share",
            "a 50% share and 10 km",
            [qc(None, "10", "km", None, 10, None, None, None)],
            id="appears",
        ),
        pytest.param(
            "50% of profits",
            "40% of profits",
            [qc("50%", "40%", "%", 50, 40, -10, -20.0, "-10 pp")],
            id="percent",
        ),
        pytest.param("600,000 personnel", "600,000 personnel", [], id="unchanged"),
        pytest.param(
            "100 days and $5 billion",
            "$5 billion",
            [qc("100", None, "days", 100, None, None, None, None)],
            id="units-must-match",
        ),
        pytest.param(
            "800,000 troops",
            "600,000 personnel",
            [
                qc("800,000", None, "troops", 800000, None, None, None, None),
                qc(None, "600,000", "personnel", None, 600000, None, None, None),
            ],
            id="different-units-never-pair",
        ),
        pytest.param("0 km", "5 km", [qc("0", "5", "km", 0, 5, 5, None, "+5")], id="from-zero"),
    ],
)
def test_pair(old: str, new: str, expected: list[QuantityChange]) -> None:
    assert list(pair_quantities(old, new)) == expected


@pytest.mark.parametrize(
    "text", ["SIX DAYS", "ſix days", "fıve days", "Twenty Troops", "5 mıles", "ſix dayſ"]
)
def test_number_words_in_any_case_are_found(text: str) -> None:
    """The pattern matches number and unit words case-insensitively, and re's IGNORECASE also
    matches ſ and ı to s and i: such words must be found (not skipped by the quick check that
    looks for digits and number words) and looked up without a crash."""
    assert len(find_quantities(text)) == 1


@given(st.lists(st.sampled_from(["six", "ſix", "fıve", "SIX", "1", "2,000", "$", "€", "%", "per cent", " ", ".",
                                 ",", "billion", "days", "dayſ", "mıles", "km", "KM", "troops", "2025", "x"]),
                max_size=12).map("".join))  # fmt: skip
def test_any_text_of_number_pieces_is_read_without_error(text: str) -> None:
    for q in find_quantities(text):
        assert q.written and q.written in text
