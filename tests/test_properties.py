"""Invariants from STYLE.md, checked on generated plans and texts."""

from __future__ import annotations

import io
import json
import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from strategies import any_text, clause_lists, loadable_text, plans, plans_with_ids, revisions

from plandiff.diff import compare
from plandiff.load import parse_plan
from plandiff.model import ChangeKind, Clause, CompareOptions, PlanVersion, Report, SegmentOp
from plandiff.render import FORMATS, RenderOptions, renderer
from plandiff.worddiff import diff_words

options = st.builds(CompareOptions, st.booleans(), st.booleans(), st.booleans())
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@given(plans(), options)
def test_identity(plan: PlanVersion, opts: CompareOptions) -> None:
    report = compare(plan, plan, opts)
    assert not report.has_changes
    assert all(c.kind.value == "unchanged" and not c.segments for c in report.changes)


@given(plans_with_ids(), plans_with_ids())
def test_swap_symmetry(a: PlanVersion, b: PlanVersion) -> None:
    """Swapping the versions swaps ADDED and REMOVED.

    Asserted for plans whose clauses carry ids. Without ids the alignment is greedy: when two
    equally long in-order runs of pairs exist, the anchors (and so the gaps filled by position)
    can differ with the direction; pairing accuracy without ids is checked against the truth in
    test_text_alignment_recovers_the_truth instead.
    """
    ab, ba = compare(a, b).summary, compare(b, a).summary
    assert (ab.added, ab.removed, ab.split, ab.merged) == (ba.removed, ba.added, ba.merged, ba.split)
    assert ab.modified + ab.unchanged + ab.replaced == ba.modified + ba.unchanged + ba.replaced


def _links(report: Report) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    out = set()
    for c in report.changes:
        if c.old is not None and c.new is not None:
            out.add((c.old.address, c.new.address))
            split = c.kind is ChangeKind.SPLIT
            out.update((c.old.address, p.address) if split else (p.address, c.new.address) for p in c.parts)
    return out


@settings(max_examples=150)
@given(revisions())
def test_pairing_without_ids_agrees_with_its_reverse(
    revision: tuple[PlanVersion, PlanVersion, set[tuple[str, str]]],
) -> None:
    """Comparing B with A finds exactly the pairs of A with B, reversed (anchors are the pairs
    common to every longest in-order run, the band is two-sided, ties break symmetrically)."""
    old, new, _ = revision
    forward = _links(compare(old, new, CompareOptions(use_ids=False)))
    backward = _links(compare(new, old, CompareOptions(use_ids=False)))
    assert forward == {(n, o) for o, n in backward}


@settings(max_examples=150)
@given(revisions())
def test_text_alignment_recovers_the_truth(
    revision: tuple[PlanVersion, PlanVersion, set[tuple[str, str]]],
) -> None:
    old, new, truth = revision
    report = compare(old, new, CompareOptions(use_ids=False))
    # A deleted point and a new one in the same slot are "replaced" (old out, new in): not a pair.
    found = {
        (c.old.address[0], c.new.address[0])
        for c in report.changes
        if c.old is not None and c.new is not None and c.kind is not ChangeKind.REPLACED
    }
    assert found == truth


@given(any_text, any_text, options)
def test_segments_rebuild_both_texts(old: str, new: str, opts: CompareOptions) -> None:
    segments, _ = diff_words(old, new, opts)
    rebuilt_old = "".join(
        (s.old_text if s.old_text is not None else s.text) for s in segments if s.op is not SegmentOp.INSERT
    )
    rebuilt_new = "".join(s.text for s in segments if s.op is not SegmentOp.DELETE)
    assert rebuilt_old == old
    assert rebuilt_new == new
    assert all(s.text for s in segments)


@settings(max_examples=60)
@given(plans(any_text), plans(any_text), st.booleans())
def test_every_renderer_accepts_any_report(a: PlanVersion, b: PlanVersion, summary_only: bool) -> None:
    report = compare(a, b)
    for fmt in FORMATS:
        result = renderer(fmt)(report, RenderOptions(summary_only=summary_only))
        if fmt == "terminal":
            console = Console(file=io.StringIO(), width=100, color_system=None)
            console.print(result)
            text = console.file.getvalue()  # type: ignore[attr-defined]
            assert not _CONTROL.search(text.replace("\n", "")), "control character reached the terminal"
        else:
            assert isinstance(result, str) and result.endswith("\n")
            if fmt == "json":
                assert json.loads(result)["summary"]["added"] == report.summary.added


def _as_yaml(clauses: tuple[Clause, ...]) -> list[dict[str, object]]:
    out = []
    for c in clauses:
        item: dict[str, object] = {"number": c.number, "text": c.text}
        if c.title is not None:
            item["title"] = c.title
        if c.topics:
            item["topics"] = list(c.topics)
        item["provenance"] = c.provenance.value
        item["bracketed"] = c.bracketed
        if c.note is not None:
            item["note"] = c.note
        if c.clauses:
            item["clauses"] = _as_yaml(c.clauses)
        out.append(item)
    return out


def _strip_lines(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    return tuple(
        Clause(
            c.number,
            c.text,
            c.id,
            c.title,
            c.topics,
            c.provenance,
            c.bracketed,
            c.note,
            _strip_lines(c.clauses),
        )
        for c in clauses
    )


@given(clause_lists(loadable_text))
def test_loading_generated_yaml_returns_the_plan(clauses: tuple[Clause, ...]) -> None:
    text = yaml.safe_dump({"clauses": _as_yaml(clauses)}, allow_unicode=True, sort_keys=False)
    loaded = parse_plan(text, "gen.yaml")
    assert _strip_lines(loaded.clauses) == clauses
