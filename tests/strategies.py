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


@st.composite
def plans_with_ids(draw: st.DrawFn) -> PlanVersion:
    """Small plans whose every clause has an id from a shared pool of 30, so two plans overlap."""
    pool = iter(draw(st.permutations(range(30))))

    def tag(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        return tuple(c._replace(id=f"c{next(pool)}", clauses=tag(c.clauses)) for c in clauses)

    return PlanVersion(label="ids.yaml", clauses=tag(draw(clause_lists(wordy_text, depth=1))))


VOCABULARY = [f"w{k}" for k in range(1000)]
"""Distinct words for generated revisions: no two generated clauses share many words by chance."""


@st.composite
def revisions(draw: st.DrawFn) -> tuple[PlanVersion, PlanVersion, set[tuple[str, str]]]:
    """An old plan without ids, a new one made by random inserts, deletes, moves and one-word edits
    (every clause renumbered in order), and the true pairs of (old number, new number).

    Within the documented limits: clauses have 8–14 words, an edit replaces one word (similarity
    stays above MIN_SIMILAR), and inserted clauses use words no other clause has.
    """
    rng = draw(st.randoms(use_true_random=False))
    words = list(VOCABULARY)
    rng.shuffle(words)
    fresh = iter(words)
    count = draw(st.integers(3, 25))
    old = [(k, " ".join(next(fresh) for _ in range(rng.randint(8, 14)))) for k in range(count)]
    new: list[tuple[object, str]] = []
    for key, text in old:
        action = rng.random()
        if action < 0.1:
            continue  # deleted
        if action < 0.3:
            tokens = text.split()
            tokens[rng.randrange(len(tokens))] = next(fresh)
            text = " ".join(tokens)  # edited
        new.append((key, text))
        if rng.random() < 0.1:
            new.append((f"new{len(new)}", " ".join(next(fresh) for _ in range(rng.randint(8, 14)))))
    for _ in range(rng.randint(0, 2)):
        if new:
            new.insert(rng.randrange(len(new) + 1), new.pop(rng.randrange(len(new))))  # moved
    if rng.random() < 0.5:
        new.insert(0, ("first", " ".join(next(fresh) for _ in range(10))))
    old_numbers = {key: str(n) for n, (key, _) in enumerate(old, 1)}
    new_numbers = {key: str(n) for n, (key, _) in enumerate(new, 1)}
    truth = {(old_numbers[k], new_numbers[k]) for k in new_numbers if k in old_numbers}
    return (
        PlanVersion("old.yaml", tuple(Clause(old_numbers[k], t) for k, t in old)),
        PlanVersion("new.yaml", tuple(Clause(new_numbers[k], t) for k, t in new)),
        truth,
    )
