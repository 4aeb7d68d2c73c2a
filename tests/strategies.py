"""Hypothesis strategies: clause texts, clause trees and whole plan versions."""

from __future__ import annotations

from hypothesis import strategies as st

from plandiff.model import Clause, PlanVersion, Provenance

WORDS = ["army", "cap", "600,000", "800,000", "NATO", "Ukraine", "Russia", "$100", "billion", "50%", "days",
         "100", "the", "and", "of", "ceasefire", "Україна", "שלום", "سلام", "👍", "e\u0301"]  # fmt: skip

loadable_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
        blacklist_characters="\ufeff",
        whitelist_characters="\n\t",
    ),
    max_size=60,
)
"""Any text a plan file can carry (the loader refuses control characters)."""

wordy_text = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)
"""Clause-like text, so that random pairs share words and diffs are interesting."""

any_text = st.one_of(wordy_text, loadable_text, st.text(max_size=40))
"""Anything, control characters included (renderers must cope)."""


@st.composite
def clause_lists(
    draw: st.DrawFn, text: st.SearchStrategy[str] = wordy_text, depth: int = 2
) -> tuple[Clause, ...]:
    count = draw(st.integers(0, 4))
    numbers = draw(st.lists(st.sampled_from([str(i) for i in range(1, 30)] + list("abcdefg")),
                            min_size=count, max_size=count, unique=True))  # fmt: skip
    clauses = []
    for number in numbers:
        children = draw(clause_lists(text, depth - 1)) if depth > 0 and draw(st.booleans()) else ()
        clauses.append(
            Clause(
                number=number,
                text=draw(text),
                title=draw(st.none() | st.sampled_from(["Army size", "Territory"])),
                topics=tuple(
                    draw(st.lists(st.sampled_from(["army", "nato", "territory"]), unique=True, max_size=2))
                ),
                provenance=draw(st.sampled_from(list(Provenance))),
                bracketed=draw(st.booleans()),
                note=draw(st.none() | text),
                clauses=children,
            )
        )
    return tuple(clauses)


@st.composite
def plans(draw: st.DrawFn, text: st.SearchStrategy[str] = wordy_text) -> PlanVersion:
    return PlanVersion(label=draw(st.sampled_from(["a.yaml", "b.yaml"])), clauses=draw(clause_lists(text)))
