"""Word diff segments, normalisation options and classification of paired clauses."""

from __future__ import annotations

import pytest

from plandiff.diff import compare
from plandiff.model import ChangeKind, Clause, CompareOptions, PlanVersion, Provenance, Segment, SegmentOp
from plandiff.worddiff import SENTENCE, WHOLE, WORD, diff_words

E, I, D = SegmentOp.EQUAL, SegmentOp.INSERT, SegmentOp.DELETE


@pytest.mark.parametrize(
    ("old", "new", "segments"),
    [
        pytest.param(
            "capped at 600,000 personnel.",
            "capped at 800,000 personnel in peacetime.",
            [
                (E, "capped at "),
                (D, "600,000"),
                (I, "800,000"),
                (E, " personnel"),
                (I, " in peacetime"),
                (E, "."),
            ],
            id="number-is-one-word",
        ),
        pytest.param(
            "elections in 100 days",
            "elections as soon as possible",
            [(E, "elections "), (D, "in 100 days"), (I, "as soon as possible")],
            id="phrase",
        ),
        pytest.param("Europe", "Europeans", [(D, "Europe"), (I, "Europeans")], id="never-splits-a-word"),
        pytest.param("a  b", "a b", [(E, "a"), (D, "  "), (I, " "), (E, "b")], id="whitespace-counts"),
    ],
)
def test_diff_words(old: str, new: str, segments: list[tuple[SegmentOp, str]]) -> None:
    result, granularity = diff_words(old, new)
    assert granularity == WORD
    assert [(s.op, s.text) for s in result] == segments


def test_ignore_case_keeps_old_text_for_rebuild() -> None:
    result, _ = diff_words("The NATO dialogue", "the nato talks", CompareOptions(ignore_case=True))
    assert result == (
        Segment(E, "the nato ", "The NATO "),
        Segment(D, "dialogue"),
        Segment(I, "talks"),
    )


@pytest.mark.parametrize(
    ("old", "new", "options", "kind"),
    [
        pytest.param("A  b", "a b", CompareOptions(), ChangeKind.MODIFIED, id="exact"),
        pytest.param("A b", "a b", CompareOptions(ignore_case=True), ChangeKind.UNCHANGED, id="case"),
        pytest.param(
            "a  b\n", "a b", CompareOptions(ignore_whitespace=True), ChangeKind.UNCHANGED, id="space"
        ),
        pytest.param(
            "a, b.", "a b", CompareOptions(ignore_punctuation=True), ChangeKind.UNCHANGED, id="punct"
        ),
        pytest.param(
            "a, b.", "a c", CompareOptions(ignore_punctuation=True), ChangeKind.MODIFIED, id="punct-word"
        ),
    ],
)
def test_options_decide_unchanged(old: str, new: str, options: CompareOptions, kind: ChangeKind) -> None:
    # The same id pairs the two clauses: without ids, "a, b." and "a c" share no word that
    # means anything and would not be paired at all.
    report = compare(
        PlanVersion("o", (Clause("1", old, id="p"),)), PlanVersion("n", (Clause("1", new, id="p"),)), options
    )
    assert report.changes[0].kind is kind
    assert report.options == options


def test_attribute_and_provenance_changes() -> None:
    old = PlanVersion(
        "o", (Clause("1", "t", title="A"), Clause("2", "t"), Clause("3", "t", topics=("army",)))
    )
    new = PlanVersion(
        "n",
        (
            Clause("1", "t", title="B"),
            Clause("2", "t", provenance=Provenance.CARRIED),
            Clause("3", "t", topics=("army", "nato"), bracketed=True),
        ),
    )
    report = compare(old, new)
    assert [(c.kind, c.attributes, c.segments) for c in report.changes] == [
        (ChangeKind.MODIFIED, ("title",), ()),
        (ChangeKind.UNCHANGED, (), ()),
        (ChangeKind.MODIFIED, ("topics", "bracketed"), ()),
    ]
    assert report.summary.modified == 2 and report.summary.unchanged == 1


def test_provenance_only_is_not_a_difference() -> None:
    old = PlanVersion("o", (Clause("1", "t"),))
    new = PlanVersion("n", (Clause("1", "t", provenance=Provenance.REPORTED),))
    assert not compare(old, new).has_changes


def test_very_long_texts_use_coarser_granularity() -> None:
    old = "".join(f"s{i} alpha{i} beta{i} gamma{i} delta{i}. " for i in range(1000))
    new = "".join(f"t{i} one{i} two{i} three{i} four{i}. " for i in range(800)) + old[old.index("s800 ") :]
    segments, granularity = diff_words(old, new)
    assert granularity == SENTENCE
    assert "".join(s.text for s in segments if s.op is not I) == old
    assert "".join(s.text for s in segments if s.op is not D) == new
    assert segments[-1] == Segment(E, old[old.index("s800 ") :])
    huge_old = "".join(f"x{i}. " for i in range(7000))
    huge_new = "".join(f"y{i}. " for i in range(7000))
    segments, granularity = diff_words(huge_old, huge_new)
    assert granularity == WHOLE and segments == (Segment(D, huge_old), Segment(I, huge_new))
    report = compare(
        PlanVersion("o", (Clause("9", old, id="p"),)), PlanVersion("n", (Clause("9", new, id="p"),))
    )
    assert report.notes == ("point 9 is very long and was compared by sentence, not word by word",)


def test_preamble_and_closing_changes_are_differences() -> None:
    """Text outside the points is not a clause, but a change there is shown (whole) and counted."""
    clause = Clause(number="1", text="Prisoners are exchanged all for all.", id="exchange")
    old = PlanVersion(label="old", clauses=(clause,), preamble="The parties agree.", closing="Signed.")
    assert not compare(old, old._replace(label="new", preamble="The parties agree. ")).has_changes
    spaced = old._replace(label="new", preamble="The  parties agree.")
    assert compare(old, spaced).has_changes
    assert not compare(old, spaced, CompareOptions(ignore_whitespace=True)).has_changes
    report = compare(old, old._replace(label="new", preamble="The parties agree now.", closing=None))
    assert report.has_changes
    assert report.summary.total_differences == 0
    assert report.notes == (
        'the preamble changed (shown whole, not word by word): "The parties agree." → "The parties agree now."',
        'the closing text changed (shown whole, not word by word): "Signed." → none',
    )
