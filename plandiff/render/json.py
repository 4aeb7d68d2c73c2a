"""JSON report: a documented, versioned contract (see docs/json.md)."""

from __future__ import annotations

import json

from ..model import (
    Change,
    Located,
    QuantityChange,
    Report,
    Segment,
    VersionInfo,
)
from .options import RenderOptions
from .sanitize import json_inert

SCHEMA_VERSION = 4
"""Bumped on any incompatible change to the JSON shape."""

Json = dict[str, object]


def render(report: Report, options: RenderOptions) -> str:
    """The report as JSON (docs/json.md), with no raw character a terminal would obey."""
    return json_inert(_document(report, options))


def _document(report: Report, options: RenderOptions) -> str:
    """The report as compact JSON with sorted keys, one change per line, ending in a newline."""
    s = report.summary
    document: Json = {
        "schema_version": SCHEMA_VERSION,
        "old": version_json(report.old),
        "new": version_json(report.new),
        "options": {
            "ignore_case": report.options.ignore_case,
            "ignore_whitespace": report.options.ignore_whitespace,
            "ignore_punctuation": report.options.ignore_punctuation,
            "use_ids": report.options.use_ids,
        },
        "summary": {
            "added": s.added,
            "removed": s.removed,
            "modified": s.modified,
            "unchanged": s.unchanged,
            "moved": s.moved,
            "renumbered": s.renumbered,
            "split": s.split,
            "merged": s.merged,
            "replaced": s.replaced,
            "renumbered_ranges": s.renumbered_ranges,
            "classes": {"substantive": s.substantive, "status": s.status, "editorial": s.editorial},
        },
        "renumbered_ranges": [
            {"parent": list(r.parent), "old": [r.old_first, r.old_last], "new": [r.new_first, r.new_last]}
            for r in report.renumbered_ranges
        ],
        "has_changes": report.has_changes,
        "order": report.order,
        "status_groups": [
            {
                "what": g.what,
                "points": list(g.points),
                "notes": [{"points": list(points), "note": note} for points, note in g.notes],
                "who": g.who,
            }
            for g in report.status_groups
        ],
        "notes": list(report.notes),
    }
    # Compact JSON, one change per line (diffs of reports stay readable). The document's small
    # head goes through json.dumps. Each change line is laid out by the templates below, keys in
    # sorted order, every string escaped by json's own C string encoder, and the rare nested parts
    # (segments, quantities) encoded by its C encoder with sorted keys. At 5,000 clauses this took
    # 42 ms where a dict per change through the encoder took 65 ms (bench/run.py). A test checks
    # that every line equals json.dumps(..., sort_keys=True) of what it parses to.
    rest = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if options.summary_only or not report.changes:
        return '{"changes":[],' + rest[1:] + "\n"
    parts = ['{"changes":[\n']
    for change in report.changes:
        parts.append(change_json(change))
        parts.append(",\n")
    parts[-1] = "\n],"
    parts.append(rest[1:] + "\n")
    return "".join(parts)  # one join: a big report is copied once


# allow_nan=False: NaN and Infinity are not JSON; a value that reached them is a bug to report
# (exit 2), not a document no parser accepts. quantities.MAX_DIGITS keeps amounts finite.
_NESTED = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
_STRING = json.encoder.encode_basestring  # the C string encoder json.dumps uses (ensure_ascii=False)
_LITERAL = {None: "null", True: "true", False: "false"}
# Enum members are read through ``_value_`` (a plain attribute): ``.value`` and hashing a member
# both run Python code in Enum, and this runs for every change.
_CHANGE = (
    '{"attributes":[%s],"class":%s,"confidence":%s,"granularity":%s,"kind":%s,"match":%s,'
    '"may_continue":%s,"moved":%s,"new":%s,"old":%s,"parts":[%s],"quantities":%s,"reasons":[%s],'
    '"renumbered":%s,"runner_up":%s,"segments":%s,"shifted":%s,"similarity":%s,"strength":%s,'
    '"who":%s}'
)
_HINT = '{"address":[%s],"similarity":%s}'
"""``may_continue``: the clause on the other side an added or removed clause may continue."""
_SIDE = (
    '{"address":[%s],"bracketed":%s,"id":%s,"note":%s,"number":%s,"proposed_by":%s,"provenance":%s,'
    '"status_provenance":%s,"text":%s,"title":%s,"topics":[%s]}'
)


def version_json(info: VersionInfo) -> Json:
    """One version's facts as a JSON object (the report's ``old``/``new``, the three-way sides)."""
    return {
        "label": info.label,
        "plan": info.plan,
        "title": info.title,
        "date": info.date,
        "status": info.status.value if info.status else None,
        "drafted_by": list(info.drafted_by),
        "parent": info.coverage.carried_from,
        "clauses": info.coverage.clauses,
        "reported": info.coverage.reported,
        "carried": info.coverage.carried,
        "status_reported": info.coverage.status_reported,
        "reported_points": info.coverage.reported_points,
    }


def _optional(text: str | None) -> str:
    return "null" if text is None else _STRING(text)


def side_json(located: Located | None) -> str:
    """One side of a change (a located clause) as encoded JSON, ``null`` for none."""
    if located is None:
        return "null"
    c = located.clause
    return _SIDE % (
        ",".join(map(_STRING, located.address)),
        _LITERAL[c.bracketed],
        _optional(c.id),
        _optional(c.note),
        _STRING(c.number),
        _optional(c.proposed_by),
        _STRING(c.provenance._value_),
        "null" if c.status_provenance is None else _STRING(c.status_provenance._value_),
        _STRING(c.text),
        _optional(c.title),
        ",".join(map(_STRING, c.topics)),
    )


def _quantity(q: QuantityChange) -> Json:
    return {
        "old": q.old,
        "new": q.new,
        "unit": q.unit,
        "old_value": q.old_value,
        "new_value": q.new_value,
        "delta": q.delta,
        "percent": q.percent,
    }


def _segment(seg: Segment) -> Json:
    item: Json = {"op": seg.op.value, "text": seg.text}
    if seg.old_text is not None:
        item["old_text"] = seg.old_text
    return item


def change_json(change: Change) -> str:
    """One change as encoded JSON, in the shape docs/json.md documents."""
    encode = _NESTED.encode
    return _CHANGE % (
        ",".join(map(_STRING, change.attributes)),
        "null" if change.change_class is None else _STRING(change.change_class._value_),
        "null" if change.confidence is None else _NESTED.encode(change.confidence),
        _STRING(change.granularity),
        _STRING(change.kind._value_),
        "null" if change.match is None else _STRING(change.match._value_),
        "null"
        if change.may_continue is None
        else _HINT % (",".join(map(_STRING, change.may_continue.address)), repr(change.hint_similarity)),
        _LITERAL[change.moved],
        side_json(change.new),
        side_json(change.old),
        ",".join(map(side_json, change.parts)),
        encode([_quantity(q) for q in change.quantities]) if change.quantities else "[]",
        ",".join(map(_STRING, change.reasons)),
        _LITERAL[change.renumbered],
        _number(change.runner_up),
        encode([_segment(seg) for seg in change.segments]) if change.segments else "[]",
        _LITERAL[change.shifted],
        _number(change.similarity),
        "null" if change.strength is None else _STRING(change.strength._value_),
        _optional(change.who),
    )


def _number(value: float | None) -> str:
    return "null" if value is None else repr(value)
