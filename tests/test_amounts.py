"""No invented numbers: references, ratios, dates and ordinal days are not amounts (issue 14).

The bundled table lists every quantity line of every ordered pair of bundled plans: a new line
fails here until someone has read it and agreed a reader would not call it wrong.
"""

from __future__ import annotations

import itertools
import re

import pytest

from plandiff.catalog import load_bundled
from plandiff.diff import compare
from plandiff.quantities import find_quantities
from plandiff.render.phrases import quantity_text

NOT_AMOUNTS = [
    "A US guarantee mirroring NATO Article 5:",
    "security assurances similar to Article 5 but narrower",
    "an Article 5-like guarantee",
    "as in point 12 and section 3.2",
    "under paragraph 4 and clause 7",
    "UN Security Council resolution 2202 applies",
    "split equally between Russia and Ukraine, 50:50.",
    "a 50/50 joint venture of the United States and Ukraine",
    "signed on 23 November 2025 in Geneva",
    "from November 2025 onwards",
    "dated 2025-11-23",
    "on November 23, 2025",
    "on 1 January 2026",
    "on the 30th day after signing",
    "from day 30 onwards",
    "the 2nd round of talks",
]
AMOUNTS = [
    ("Ukraine's Armed Forces will be limited to 600,000 personnel.", [("600,000", "personnel")]),
    ("Europe adds $100 billion.", [("$100 billion", "USD")]),
    ("the US receives 50% of the profits", [("50%", "%")]),
    ("elections in 100 days", [("100", "days")]),
    ("Ukraine joins the EU by 2027", [("2027", "year")]),
    ("a framework document of 3 points", [("3", "points")]),
    ("within thirty days of the 2nd round", [("thirty", "days")]),
    ("roughly 30% of Donetsk oblast", [("30%", "%")]),
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_an_amount(text: str) -> None:
    assert find_quantities(text) == ()


@pytest.mark.parametrize(("text", "expected"), AMOUNTS)
def test_amounts_still_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.written, q.unit) for q in find_quantities(text)] == expected


FROM_28_POINT = {
    ("us-28-point", "e3-counterproposal", "army-cap", "personnel: 600,000 → 800,000 (+200,000, +33.3%)"),
    ("us-28-point", "e3-counterproposal", "elections", "days: 100 → no longer in the text"),
    ("us-28-point", "european-24-point", "army-cap", "personnel: 600,000 → no longer in the text"),
    ("us-28-point", "geneva", "army-cap", "personnel: 600,000 → 800,000 (+200,000, +33.3%)"),
    ("us-28-point", "ukraine-20-point", "army-cap", "personnel: 600,000 → 800,000 (+200,000, +33.3%)"),
    ("us-28-point", "ukraine-20-point", "elections", "days: 100 → no longer in the text"),
    ("us-28-point", "ukraine-20-point", "frozen-assets", "new in the text → $800 billion"),
    ("us-28-point", "ukraine-20-point", "non-aggression", "years: 30 → no longer in the text"),
    ("us-28-point", "us-revised-package", "army-cap", "personnel: 600,000 → 800,000 (+200,000, +33.3%)"),
    ("us-28-point", "us-revised-package", "donetsk-buffer-zone", "new in the text → 30%"),
    ("us-28-point", "us-revised-package", "eu-membership", "year: new in the text → 2027"),
    ("us-28-point", "us-revised-package", "security-guarantees", "points: new in the text → 3"),
    ("us-28-point", "us-revised-package", "znpp", "new in the text → 50%"),
    ("us-28-point", "russia-terms-2026", "army-cap", "personnel: 600,000 → no longer in the text"),
    ("us-28-point", "russia-terms-2026", "elections", "days: 100 → no longer in the text"),
    ("us-28-point", "russia-terms-2026", "frozen-assets", "new in the text → $800 billion"),
    ("us-28-point", "russia-terms-2026", "non-aggression", "years: 30 → no longer in the text"),
}
"""Every quantity line from the 28-point to each other bundled version, read one by one: each is
an amount the record states (army cap, election days, the $800 billion fund, the 30 years of
ambiguities, the 30% zone, 2027 for the EU, the 3-point framework, the 50% ZNPP share)."""
STATED = {"600,000", "800,000", "100", "$800 billion", "30", "30%", "50%", "2027", "3"}
"""Every amount any pair of bundled versions may show: no "5" of Article 5, no "50" of 50:50."""
_WRITTEN = re.compile(r"(?:: |→ )(\$?[\d,]+(?: billion)?%?)")


def _lines() -> set[tuple[str, str, str, str]]:
    plans = {p.plan: p for p in load_bundled()}
    found = set()
    for a, b in itertools.permutations(sorted(p for p in plans if p), 2):
        for change in compare(plans[a], plans[b]).changes:
            side = change.new or change.old
            assert side is not None
            for q in change.quantities:
                found.add((a, b, side.clause.id or "", quantity_text(q)))
    return found


def test_every_quantity_line_of_every_bundled_pair_is_a_stated_amount() -> None:
    found = _lines()
    assert {line for line in found if line[0] == "us-28-point"} == FROM_28_POINT
    written = {m.group(1) for line in found for m in _WRITTEN.finditer(line[3])}
    assert written == STATED
