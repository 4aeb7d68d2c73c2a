"""Who changed it: a version's drafting parties from its ``drafted_by``, and whose edit a change is.

``drafted_by`` names people or parties as the sources do. A small documented table maps the
negotiators of the bundled record to the side they spoke for; a name not in the table is a party
in its own right ("European leaders (per The Telegraph)"). The United Kingdom, France and Germany
together are the E3. The table only shortens names: it never invents a party for an unknown name.
"""

from __future__ import annotations

from .model import Change, ChangeKind, Located, Provenance, Status, VersionInfo

SIDES = {
    "Steve Witkoff": "US", "Jared Kushner": "US", "Marco Rubio": "US", "Dan Driscoll": "US",
    "Donald Trump": "US", "Donald J. Trump": "US", "United States": "US", "US": "US",
    "Andriy Yermak": "Ukraine", "Rustem Umerov": "Ukraine", "Sergiy Kyslytsya": "Ukraine",
    "Andrii Hnatov": "Ukraine", "Volodymyr Zelensky": "Ukraine", "Ukraine": "Ukraine",
    "Kirill Dmitriev": "Russia", "Yuri Ushakov": "Russia", "Vladimir Putin": "Russia",
    "Russia": "Russia",
}  # fmt: skip
"""Negotiators and the side they spoke for (from the fact sheets in ../shared/sources/)."""
GROUPS = {frozenset({"United Kingdom", "France", "Germany"}): "E3"}
"""Sets of parties with a common name."""
UNPUBLISHED = (Status.REPORTED, Status.RECONSTRUCTED)


def parties(info: VersionInfo) -> str:
    """The drafting parties of a version, joined with an en dash: ``US–Ukraine``, ``E3``.

    Empty when the version names no drafter.
    """
    sides: list[str] = []
    for name in info.drafted_by:
        side = SIDES.get(name.strip(), name.strip())
        if side and side not in sides:
            sides.append(side)
    for members, group in GROUPS.items():
        if members <= set(sides):
            first = min(sides.index(m) for m in members)
            sides = [s for s in sides if s not in members]
            sides.insert(first, group)
    return "–".join(sides)


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _point(party: str, located: Located) -> str:
    number = located.address[0] + "".join(f"({p})" for p in located.address[1:])
    return f"{party} point {number}" if party else f"point {number}"


def who_changed(change: Change, old: VersionInfo, new: VersionInfo) -> str | None:
    """Whose edit a change is: ``E3's edit of US point 6``, ``reported geneva change, US–Ukraine``.

    A change is "reported" when the new clause's wording is known only from press reports, or
    when a clause is missing from a version whose text was never published. Only a direct
    revision (the new version's ``parent`` is the old one) is called an edit; otherwise the
    wording is neutral ("E3's wording of US point 6", "not in … text"). A clause that names its
    proposer (``proposed_by``) says so first. None for an unchanged clause.
    """
    proposer = change.new.clause.proposed_by if change.new is not None else None
    if change.change_class is None:
        return None
    by, of = parties(new), parties(old)
    if not by:  # nobody named: a file path is not a party
        return f"proposed by {proposer}" if proposer else None
    name = new.plan or new.label
    side = change.new or change.old
    assert side is not None
    reported = (change.new is not None and change.new.clause.provenance is Provenance.REPORTED) or (
        change.new is None and new.status in UNPUBLISHED
    )
    author = by or name
    direct = old.plan is not None and new.parent == old.plan
    if reported and direct:
        text = f"reported {name} change" + (f", {by}" if by else "")
    elif not direct:
        # Not a direct revision (an independent text, or a later one): say what differs, not
        # who edited what.
        if change.kind is ChangeKind.ADDED:
            text = f"in {_possessive(author)} text only"
        elif change.kind is ChangeKind.REMOVED:
            text = f"not in {_possessive(author)} text: {_point(of, side)}"
        else:
            text = f"{_possessive(author)} wording of {_point(of, change.old or side)}"
        if reported:
            text += ", as reported"
    elif change.kind is ChangeKind.ADDED:
        text = f"added by {author}"
    elif change.kind is ChangeKind.REMOVED:
        text = f"{author} dropped {_point(of, side)}"
    elif by and by == of:
        text = f"{_possessive(by)} own revision of {_point('', change.old or side)}"
    else:
        text = f"{_possessive(author)} edit of {_point(of, change.old or side)}"
    if proposer:
        text = f"proposed by {proposer} ({text})"
    return text
