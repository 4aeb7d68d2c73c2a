"""Pairing by id then number, moves from the longest in-order run, and change order."""

from __future__ import annotations

import pytest

from plandiff.align import align_clauses
from plandiff.diff import compare
from plandiff.flat import flatten
from plandiff.model import ChangeKind, Clause, CompareOptions, MatchKind, PlanVersion


def c(number: str, text: str, id: str | None = None, *subs: Clause) -> Clause:
    return Clause(number=number, text=text, id=id, clauses=subs)


def plan(*clauses: Clause) -> PlanVersion:
    return PlanVersion(label="p", clauses=clauses)


def pairs(old: tuple[Clause, ...], new: tuple[Clause, ...]) -> list[tuple[str, str, str, bool]]:
    a, b = flatten(old), flatten(new)
    return [
        (".".join(a[p.old].located.address), ".".join(b[p.new].located.address), p.match.value, p.moved)
        for p in align_clauses(a, b).pairs
    ]


def test_flatten_addresses_and_ends() -> None:
    flat = flatten((c("10", "x", None, c("a", "y"), c("b", "z")), c("11", "w")))
    assert [f.located.address for f in flat] == [("10",), ("10", "a"), ("10", "b"), ("11",)]
    assert [(f.parent, f.position, f.end) for f in flat] == [(None, 0, 3), (0, 0, 2), (0, 1, 3), (None, 1, 4)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            (c("1", "a", "x"), c("2", "b", "y")),
            (c("5", "a", "x"), c("6", "b", "y")),
            [("1", "5", "id", False), ("2", "6", "id", False)],
            id="renumbered-by-id",
        ),
        pytest.param(
            (c("1", "a"), c("2", "b")),
            (c("1", "a2"), c("2", "b2")),
            [],
            id="number-alone-never-pairs",
        ),
        pytest.param(
            (c("1", "The army is capped at 600,000."), c("2", "Elections follow in 100 days.")),
            (c("1", "Sanctions are lifted in 100 stages."), c("2", "Amnesty for all 600,000 combatants.")),
            [],
            id="same-number-unrelated-text-never-pairs",
        ),
        pytest.param(
            (c("1", "Ukraine's army is capped at 600,000."), c("2", "Elections follow in 100 days.")),
            (c("1", "The army of Ukraine is limited to 800,000 in peacetime."), c("2", "Elections soon.")),
            [("1", "1", "wording", False), ("2", "2", "wording", False)],
            id="in-place-wording-pairs-are-marked",
        ),
        pytest.param(
            (
                c("1", "Refugees return home."),
                c("2", "The ceasefire is monitored by drones."),
                c("3", "Prisoners of war are exchanged all for all."),
            ),
            (
                c("1", "All prisoners of war are exchanged, all for all, within a month."),
                c("2", "Refugees may return home."),
                c("3", "Drones monitor the ceasefire line."),
            ),
            [("1", "2", "similar", False), ("2", "3", "similar", False), ("3", "1", "similar", True)],
            id="moved-and-reworded",
        ),
        pytest.param(
            (c("1", "a", "x"),),
            (c("1", "a", "y"),),
            [],
            id="different-ids-never-pair-by-number",
        ),
        pytest.param(
            (c("1", "a", "p"), c("2", "b", "q"), c("3", "c", "r"), c("4", "d", "s")),
            (c("1", "a", "p"), c("2", "c", "r"), c("3", "d", "s"), c("4", "b", "q")),
            [
                ("1", "1", "id", False),
                ("2", "4", "id", True),
                ("3", "2", "id", False),
                ("4", "3", "id", False),
            ],
            id="one-move-not-three",
        ),
        pytest.param(
            (c("6", "cap", "army-cap", c("a", "sub")),),
            (c("4", "cap", "army-cap", c("a", "sub edited")),),
            [("6", "4", "id", False), ("6.a", "4.a", "similar", False)],
            id="children-follow-parent",
        ),
        pytest.param(
            (c("1", "p", None, c("a", "moved", "m")), c("2", "q")),
            (c("1", "p"), c("2", "q", None, c("c", "moved", "m"))),
            [("1", "1", "text", False), ("1.a", "2.c", "id", True), ("2", "2", "text", False)],
            id="subclause-to-other-parent-is-moved",
        ),
    ],
)
def test_align(
    old: tuple[Clause, ...], new: tuple[Clause, ...], expected: list[tuple[str, str, str, bool]]
) -> None:
    assert pairs(old, new) == expected


def test_removed_clause_follows_its_old_predecessor() -> None:
    old = plan(
        c("1", "a", "a"),
        c("2", "b", "b", c("a", "b1")),
        c("3", "gone", "g", c("a", "gone too")),
        c("4", "d", "d"),
    )
    new = plan(c("1", "a", "a"), c("2", "b", "b", c("a", "b1"), c("b", "new")), c("3", "d", "d"))
    report = compare(old, new)
    order = [
        (ch.kind, ".".join((ch.new or ch.old).address))  # type: ignore[union-attr]
        for ch in report.changes
    ]
    assert order == [
        (ChangeKind.UNCHANGED, "1"),
        (ChangeKind.UNCHANGED, "2"),
        (ChangeKind.UNCHANGED, "2.a"),
        (ChangeKind.ADDED, "2.b"),
        (ChangeKind.REMOVED, "3"),
        (ChangeKind.REMOVED, "3.a"),
        (ChangeKind.UNCHANGED, "3"),
    ]
    assert report.changes[-1].renumbered and report.changes[-1].match is MatchKind.ID


def test_removed_first_child_follows_parent() -> None:
    report = compare(plan(c("1", "p", None, c("a", "x"), c("b", "y"))), plan(c("1", "p", None, c("b", "y"))))
    assert [(ch.kind.value, (ch.new or ch.old).address) for ch in report.changes] == [  # type: ignore[union-attr]
        ("unchanged", ("1",)), ("removed", ("1", "a")), ("unchanged", ("1", "b")),
    ]  # fmt: skip


def test_piece_covering_the_whole_is_no_split() -> None:
    """Found by hypothesis: two equal texts whose ids all differ read as a split both ways, so a
    comparison and its reverse disagreed. A piece that alone covers the whole is not a part of it."""
    old = plan(c("1", "", "c0", c("1", "army army", "c1")), c("2", "army army", "c4"))
    new = plan(c("1", "", "c0", c("1", "army army", "c2")), c("2", "army army", "c3"))
    for a, b in ((old, new), (new, old)):
        kinds = [(change.kind, change.old and change.old.address, change.new and change.new.address)
                 for change in compare(a, b).changes]  # fmt: skip
        assert kinds == [
            (ChangeKind.UNCHANGED, ("1",), ("1",)),
            (ChangeKind.REMOVED, ("1", "1"), None),
            (ChangeKind.ADDED, None, ("1", "1")),
            (ChangeKind.REMOVED, ("2",), None),
            (ChangeKind.ADDED, None, ("2",)),
        ]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        pytest.param(
            (
                c("1", "Ukraine receives reliable security guarantees."),
                c("2", "European fighter jets are stationed in Poland to protect the airspace of Ukraine."),
            ),
            [("split", ("1",), ("1",), (("2",),))],
            id="pieces-that-cover-the-whole-are-a-split",
        ),
        pytest.param(
            (
                c("1", "Ukraine receives reliable security guarantees."),
                c("2", "The security guarantees for Ukraine are reviewed every year."),
            ),
            [("modified", ("1",), ("1",), ()), ("added", None, ("2",), ())],
            id="a-clause-that-adds-nothing-of-the-whole-is-no-piece",
        ),
    ],
)
def test_split_needs_coverage(new: tuple[Clause, ...], expected: list[tuple[object, ...]]) -> None:
    old = plan(
        c(
            "1",
            "Ukraine receives reliable security guarantees, and European fighter jets are based in Poland to "
            "protect its airspace.",
        )
    )
    report = compare(old, plan(*new), CompareOptions(use_ids=False))
    found = [
        (
            ch.kind.value,
            ch.old and ch.old.address,
            ch.new and ch.new.address,
            tuple(p.address for p in ch.parts),
        )
        for ch in report.changes
    ]
    assert found == expected
