"""Bounded work: every algorithm with a known worst case gives the fallback's output on it, and its
work counter stays under the budget. Sizes are small enough for CI; bench/worst.py measures time.
"""

from __future__ import annotations

import io
import random
import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from plandiff import anchored, worddiff
from plandiff.diff import compare
from plandiff.importmd import parse_markdown_plan, to_yaml
from plandiff.model import Clause, CompareOptions, PlanVersion, Segment, SegmentOp
from plandiff.quantities import Quantity, _change, find_quantities, pair_quantities
from plandiff.render import RenderOptions
from plandiff.render.prcomment import BUDGET, GITHUB_LIMIT, FileReport, _Layout, render_comment
from plandiff.render.terminal import Paragraph, marked
from plandiff.worddiff import SENTENCE, WHOLE, WORD, Work, diff_words

E, D, I = SegmentOp.EQUAL, SegmentOp.DELETE, SegmentOp.INSERT


def _rebuilds(segments: tuple[Segment, ...], old: str, new: str) -> None:
    assert "".join(s.old_text if s.old_text is not None else s.text for s in segments if s.op is not I) == old
    assert "".join(s.text for s in segments if s.op is not D) == new


def _mirror(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """The diff read the other way: inserts and deletes swapped, each edit block deletes first."""
    swap = {I: D, D: I, E: E}
    out = [
        Segment(E, s.old_text, s.text)
        if s.op is E and s.old_text is not None
        else Segment(swap[s.op], s.text)
        for s in segments
    ]
    for k in range(len(out) - 1):
        if out[k].op is I and out[k + 1].op is D:
            out[k], out[k + 1] = out[k + 1], out[k]
    return tuple(out)


def _diff(
    old: str, new: str, options: CompareOptions | None = None
) -> tuple[tuple[Segment, ...], str, list[Work]]:
    spent: list[Work] = []
    segments, granularity = diff_words(old, new, options, spent)
    for k, work in enumerate(spent):
        assert work.cells <= work.cell_limit and work.scanned <= work.scan_limit
        assert work.exhausted == (k < len(spent) - 1 or granularity == WHOLE)  # given up ⇔ went coarser
    return segments, granularity, spent


WORDS = [f"w{k}" for k in range(3000)]
ONE_SENTENCE = " ".join(WORDS)


@pytest.mark.parametrize(
    ("new", "granularity"),
    [
        pytest.param(" ".join(reversed(WORDS)), WORD, id="reversed"),
        pytest.param(" ".join(random.Random(7).sample(WORDS, len(WORDS))), WORD, id="shuffled"),
        pytest.param(" ".join(WORDS[1500:] + WORDS[:1500]), WORD, id="rotated"),
    ],
)
def test_reordered_words_are_bounded(new: str, granularity: str) -> None:
    segments, got, spent = _diff(ONE_SENTENCE, new)
    assert got == granularity
    _rebuilds(segments, ONE_SENTENCE, new)
    assert _mirror(_diff(new, ONE_SENTENCE)[0]) == segments  # the reverse comparison agrees
    assert len(spent) == 1 and spent[0].cells <= spent[0].cell_limit
    assert spent[0].scanned <= spent[0].scan_limit


def test_a_shuffle_past_the_budget_goes_to_sentences() -> None:
    """Twice the tokens of the test above but only the budget it may use: the words are
    shuffled within each of two sentences, so the sentence diff keeps neither."""
    first, second = WORDS[:1500], WORDS[1500:]
    old = " ".join(first) + ". " + " ".join(second) + "."
    shuffled = random.Random(3)
    new = " ".join(shuffled.sample(first, 1500)) + ". " + " ".join(shuffled.sample(second, 1500)) + "."
    with mock.patch.object(anchored, "MAX_CELLS", 200_000):
        segments, granularity, spent = _diff(old, new)
    assert granularity == SENTENCE
    assert segments == (Segment(D, old), Segment(I, new))
    assert [w.exhausted for w in spent] == [True, False]


def test_rotation_keeps_the_longer_half_in_place() -> None:
    new = " ".join(WORDS[1500:] + WORDS[:1500])
    segments, _, _ = _diff(ONE_SENTENCE, new)
    kept = "".join(s.text for s in segments if s.op is E)
    assert len(kept) >= len(" ".join(WORDS[1500:]))


def test_repeated_words_reordered_go_to_sentences_then_whole() -> None:
    old = "the of and to " * 800 + "end."
    new = "to and of the " * 800 + "end."
    segments, granularity, spent = _diff(old, new)
    assert granularity == SENTENCE
    assert segments == (Segment(D, old), Segment(I, new))  # one sentence each, reordered
    assert [w.exhausted for w in spent] == [True, False]  # no word occurs once: nothing anchors
    old2, new2 = "x. " * 3000, "y. " * 3000
    segments, granularity, _ = _diff(old2, new2)
    assert granularity == WHOLE and segments == (Segment(D, old2), Segment(I, new2))


def test_a_long_clause_with_a_few_edits_is_still_word_by_word() -> None:
    new_words = list(WORDS)
    new_words[100] = "changed"
    new_words[2900] = "edited"
    new = " ".join(new_words)
    segments, granularity, spent = _diff(ONE_SENTENCE, new)
    assert granularity == WORD
    assert [s for s in segments if s.op is not E] == [
        Segment(D, "w100"), Segment(I, "changed"), Segment(D, "w2900"), Segment(I, "edited")
    ]  # fmt: skip
    assert spent[0].cells < 100 and spent[0].scanned <= spent[0].scan_limit


_VOCAB = st.sampled_from(["a", "b", "c", "d", "the", "x1", "y2", "z", ".", ",", " ", "  "])


@settings(max_examples=150, deadline=None)
@given(st.lists(_VOCAB, max_size=120), st.lists(_VOCAB, max_size=120), st.booleans())
def test_anchored_diff_rebuilds_both_texts_and_agrees_with_its_reverse(
    a: list[str], b: list[str], ignore_case: bool
) -> None:
    """The anchored path at small sizes (DIRECT_TOKENS lowered so that it runs)."""
    old, new = "".join(a), "".join(b).upper() if ignore_case else "".join(b)
    options = CompareOptions(ignore_case=ignore_case)
    with mock.patch.object(anchored, "DIRECT_TOKENS", 8):
        forward, granularity, _ = _diff(old, new, options)
        backward, granularity_back, _ = _diff(new, old, options)
    _rebuilds(forward, old, new)
    assert granularity == granularity_back
    if len(worddiff._TOKEN.findall(old)) + len(worddiff._TOKEN.findall(new)) > 8:
        assert _mirror(backward) == forward


def test_a_long_gap_sharing_only_repeated_tokens_goes_to_sentences() -> None:
    """No token occurs once on each side, so nothing anchors the long middle: the word level is
    given up without searching, and the sentences are diffed instead."""
    with mock.patch.object(anchored, "MAX_CELLS", 10), mock.patch.object(anchored, "DIRECT_TOKENS", 4):
        segments, granularity, spent = _diff("a a b b. f g.", "b b a a. f g.")
    assert granularity == SENTENCE
    assert segments == (Segment(D, "a a b b. "), Segment(I, "b b a a. "), Segment(E, "f g."))
    assert [w.exhausted for w in spent] == [True, False] and spent[1].cells == 4


def _pair_quadratic(old_text: str, new_text: str) -> tuple[object, ...]:
    """The pairing as it was written before it was made linear: the reference it must equal."""
    old, new = list(find_quantities(old_text)), list(find_quantities(new_text))
    for q in list(old):
        twin = next((n for n in new if n.value == q.value and n.unit == q.unit), None)
        if twin is not None:
            old.remove(q)
            new.remove(twin)
    changes: list[tuple[int, object]] = []
    for i, q in enumerate(old):
        other: Quantity | None = next((n for n in new if n.unit == q.unit), None)
        if other is not None:
            new.remove(other)
        changes.append((2 * i, _change(q, other)))
    changes.extend((10**9 + i, _change(None, n)) for i, n in enumerate(new))
    return tuple(c for _, c in sorted(changes, key=lambda pair: pair[0]))


_AMOUNT = st.builds(
    lambda n, unit: f"{n}{unit}",
    st.integers(0, 30),
    st.sampled_from(["", "%", " troops", " days", " billion", ".5"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_AMOUNT, max_size=12), st.lists(_AMOUNT, max_size=12))
def test_linear_quantity_pairing_equals_the_reference(old: list[str], new: list[str]) -> None:
    old_text, new_text = " and ".join(old), " and ".join(new)
    assert pair_quantities(old_text, new_text) == _pair_quadratic(old_text, new_text)


def test_many_changed_numbers_pair_in_order() -> None:
    n = 4000
    changes = pair_quantities(
        " ".join(f"{k} days" for k in range(n)), " ".join(f"{k + n} days" for k in range(n))
    )
    assert len(changes) == n
    assert [(c.old, c.new) for c in changes[:2] + changes[-1:]] == [
        ("0", "4000"),
        ("1", "4001"),
        ("3999", "7999"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1" * 20000 + "a1", id="digits-then-a-digit"),
        pytest.param("1,000" * 5000 + "a1", id="groups-then-a-digit"),
        pytest.param("1." + "5" * 20000 + "a1", id="decimals-then-a-digit"),
    ],
)
def test_number_pattern_does_not_backtrack_through_a_long_word(text: str) -> None:
    assert find_quantities(text) == ()


def test_a_huge_word_renders_line_by_line() -> None:
    word = "x" * 200_000
    console = Console(file=io.StringIO(), width=100, color_system=None)
    with console.capture() as captured:
        console.print(Paragraph(word))
    lines = captured.get().split("\n")
    assert lines[:-1] == ["x" * 100] * 2000 and lines[-1] == ""
    text = marked("a " + word, SegmentOp.DELETE, RenderOptions())
    with console.capture() as captured:
        console.print(text)
    assert captured.get().split("\n")[0] == "[-a "
    assert re.fullmatch(r"(x{100}\n){2000}-\]\n", captured.get().split("\n", 1)[1])


def test_import_of_a_point_with_many_lines_joins_them_once() -> None:
    lines = [f"   part {k} of the text" for k in range(20_000)]
    points = parse_markdown_plan("1. start\n" + "\n".join(lines) + "\n2. next\n", "x.md")
    assert [p.number for p in points] == ["1", "2"]
    assert points[0].text == "start " + " ".join(line.strip() for line in lines)
    yaml_text = to_yaml(points, "x", None, None)
    assert yaml_text.count("\n") == 6


IMPORT_SHAPES = [
    "1. a)   first   \n   \n   second\n2. b\n",
    "1. one\n   a) sub   \n   more\n\n   b)\n   tail\n",
    "u1. loose\nnext line\n\n# heading\nu2. two\n",
    "1. x\n\n   \n   y  z\n",
]


@pytest.mark.parametrize("markdown", IMPORT_SHAPES)
def test_import_joins_lines_as_before(markdown: str) -> None:
    """Texts equal those of the earlier line-by-line joining (its results written out)."""
    points = parse_markdown_plan(markdown, "x.md")
    got = [(p.number, p.text, [(c.number, c.text) for c in p.children]) for p in points]
    assert got == EXPECTED_IMPORTS[IMPORT_SHAPES.index(markdown)]


EXPECTED_IMPORTS = [
    [("1", "a)   first second", []), ("2", "b", [])],
    # Since issue 15: a marker on a line of its own opens a sub-point whose text follows, and a
    # heading between points is reported, never joined to a clause (tests/test_import.py).
    [("1", "one", [("a", "sub    more"), ("b", "tail")])],
    [("u1", "loose next line", []), ("u2", "two", [])],
    [("1", "x y  z", [])],
]


def _file_reports(n: int, clauses: int) -> list[FileReport]:
    old = PlanVersion(
        "o",
        tuple(
            Clause(str(k), f"Clause {k} caps the army at {k}00 troops.", id=f"c{k}") for k in range(clauses)
        ),
    )
    new = PlanVersion(
        "n",
        tuple(
            Clause(str(k), f"Clause {k} caps the army at {k}50 troops.", id=f"c{k}") for k in range(clauses)
        ),
    )
    report = compare(old, new)
    return [FileReport(f"plans/p{k:05d}.yaml", "modified", report) for k in range(n)]


@pytest.mark.parametrize(
    ("files", "clauses", "shape"),
    [
        pytest.param(3, 5, "whole", id="fits"),
        pytest.param(40, 30, "folded", id="folded"),
        pytest.param(250, 5, "cut", id="250-files"),
        pytest.param(3000, 1, "cut", id="3000-files"),
    ],
)
def test_pr_comment_stays_under_githubs_limit_at_any_number_of_files(
    files: int, clauses: int, shape: str
) -> None:
    reports = _file_reports(files, clauses)
    text = render_comment(reports, "main", "HEAD", tuple(f"x{k}.yml" for k in range(25)))
    assert len(text) <= BUDGET < GITHUB_LIMIT
    assert text.startswith(
        f"<!-- plandiff-pr-comment -->\n## plandiff: {files} plan files changed (main → HEAD)\n"
    )
    assert (
        "> Skipped, not plan files (no top-level 'clauses'): `x0.yml`, " in text
        and ", `x9.yml` and 15 more.\n" in text
    )
    rows = re.findall(r"^\| `plans/p\d{5}\.yaml` \| modified \|", text, flags=re.MULTILINE)
    blocks = text.count("<details>")
    folded = text.count("*Folded: too long for one comment.")
    left = re.search(
        r"^\*(\d+) more plan files are not listed: the comment would pass GitHub's limit\.",
        text,
        flags=re.MULTILINE,
    )
    if shape == "whole":
        assert (len(rows), blocks, folded, left) == (files, files, 0, None)
    elif shape == "folded":
        assert len(rows) == blocks == files and 0 < folded <= files and left is None
        assert re.search(
            r"^> Folded to fit the limit: \d+ files \(plans/p\d{5}\.yaml, ", text, flags=re.MULTILINE
        )
    else:
        assert left is not None and len(rows) == blocks == folded == files - int(left.group(1)) > 0
        assert "\n> Every file is folded to fit the limit.\n" in text
        assert len(text) > BUDGET - 700  # as many rows as fit, not a few


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 3000), min_size=1, max_size=12), st.integers(0, 30))
def test_pr_comment_layout_counts_what_it_joins(sizes: list[int], skipped: int) -> None:
    """The running length the folding decides on equals the comment it writes."""
    reports = _file_reports(len(sizes), 1)
    layout = _Layout(["head", ""], [f"| row {k} |" for k in sizes], ["note"], ["x" * n for n in sizes])
    assert layout.size() == len(layout.join())
    layout.replace_details(0, "folded")
    layout.notes.append("another note")
    assert layout.size() == len(layout.join())
    layout.keep_first(sum(sizes) // 2 + 50, "a", "b")
    assert layout.size() == len(layout.join())
    text = render_comment(reports, "a", "b", tuple(f"s{k}.yml" for k in range(skipped)))
    assert len(text) <= BUDGET


def test_publish_indexes_each_version_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clause histories share one index of the versions: the site of V versions × C clauses reads
    each version a few times, not once per clause page (that was V × C reads, and 6 GB)."""
    from plandiff import history, publish

    versions, clauses = 4, 30
    plans = tuple(
        PlanVersion(
            f"v{v}.yaml",
            tuple(Clause(str(k + 1), f"Clause {k} in version {v // 2}.", id=f"c{k}") for k in range(clauses)),
            plan=f"v{v}",
            parent=f"v{v - 1}" if v else None,
        )
        for v in range(versions)
    )
    reads: list[str] = []
    real = history._by_id
    monkeypatch.setattr(history, "_by_id", lambda plan: reads.append(plan.label) or real(plan))
    pages = publish.build_site(plans)
    assert sum(1 for p in pages if p.startswith("clauses/")) == clauses
    assert len(reads) <= 4 * versions  # id_maps once, the table's two passes, slack for one more
    shared = history.id_maps(plans)
    for k in (0, clauses - 1):
        assert history.clause_history(plans, f"c{k}", shared) == history.clause_history(plans, f"c{k}")


def test_texts_past_the_token_caps_skip_the_finer_levels() -> None:
    old = "one two three. four five six. " * 10
    new = "one two three. four five seven. " * 10
    with mock.patch.object(worddiff, "MAX_TOKENS", {WORD: 50, SENTENCE: 1_000}):
        segments, granularity, spent = _diff(old, new)
    assert granularity == SENTENCE and len(spent) == 1  # the word level was never tried
    _rebuilds(segments, old, new)
    with mock.patch.object(worddiff, "MAX_TOKENS", {WORD: 50, SENTENCE: 5}):
        segments, granularity, spent = _diff(old, new)
    assert (granularity, segments, spent) == (WHOLE, (Segment(D, old), Segment(I, new)), [])


def test_a_text_past_the_classify_limit_is_called_out_not_classified() -> None:
    from plandiff import classify

    old = PlanVersion("o", (Clause("1", "The parties shall meet. " * 20, id="c"),))
    new = PlanVersion("n", (Clause("1", "The parties may meet. " * 20, id="c"),))
    (change,) = compare(old, new).changes
    assert change.reasons != (classify.TOO_LONG,)
    with mock.patch.object(classify, "MAX_CLASSIFY_CHARS", 100):
        (change,) = compare(old, new).changes
    assert (change.change_class.value, change.reasons) == ("substantive", (classify.TOO_LONG,))


def test_a_text_with_too_many_numbers_leaves_them_to_the_word_diff() -> None:
    from plandiff import quantities

    old, new = " ".join(f"{k} days" for k in range(8)), " ".join(f"{k + 1} days" for k in range(8))
    assert len(pair_quantities(old, new)) == 1  # 0 days gone, 8 days new: paired as 0 → 8
    with mock.patch.object(quantities, "MAX_QUANTITIES", 5):
        assert pair_quantities(old, new) == ()
        assert len(find_quantities(old)) == 6  # stops reading one past the limit


def test_long_paragraphs_wrap_at_spaces_with_their_styles() -> None:
    from plandiff.render import terminal

    text = Paragraph("alpha beta gamma " * 40 + "x" * 250, style="")
    text.stylize("bold", 6, 10)
    console = Console(file=io.StringIO(), width=30, color_system="standard", force_terminal=True)
    with mock.patch.object(terminal, "FAST_WRAP_CHARS", 100), console.capture() as captured:
        console.print(text)
    lines = re.sub(r"\x1b\[[0-9;]*m", "", captured.get()).split("\n")
    assert all(len(line) <= 30 for line in lines)
    assert lines[0] == "alpha beta gamma alpha beta "
    assert "".join(lines) == "alpha beta gamma " * 40 + "x" * 250  # nothing lost, breaks after spaces
    assert "\x1b[1mbeta\x1b[0m" in captured.get()
    assert lines[-3:] == ["x" * 30, "x" * 10, ""]
