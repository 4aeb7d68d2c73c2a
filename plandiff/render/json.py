"""JSON report: a documented, versioned contract (see docs/json.md)."""

from __future__ import annotations

import json

from ..model import (
    Change,
    ChangeKind,
    Located,
    MatchKind,
    Provenance,
    QuantityChange,
    Report,
    Segment,
    SegmentOp,
    VersionInfo,
)
from .options import RenderOptions

SCHEMA_VERSION = 2
"""Bumped on any incompatible change to the JSON shape."""

Json = dict[str, object]


def render(report: Report, options: RenderOptions) -> str:
    """The report as compact JSON with sorted keys, one change per line, ending in a newline."""
    s = report.summary
    document: Json = {
        "schema_version": SCHEMA_VERSION,
        "old": _version(report.old),
        "new": _version(report.new),
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
        },
        "renumbered_ranges": [
            {"parent": list(r.parent), "old": [r.old_first, r.old_last], "new": [r.new_first, r.new_last]}
            for r in report.renumbered_ranges
        ],
        "has_changes": report.has_changes,
        "notes": list(report.notes),
    }
    # Compact JSON goes through the C encoder (indentation would force the pure-Python one, ten
    # times slower on big reports); one change per line keeps diffs of reports readable. The
    # per-change dicts below are built with their keys in sorted order, so the encoder need not
    # sort them (tests check that every line is in sorted-key form).
    rest = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if options.summary_only or not report.changes:
        return '{"changes":[],' + rest[1:] + "\n"
    encode = _ENCODER.encode
    changes = ",\n".join([encode(_change(c)) for c in report.changes])
    return '{"changes":[\n' + changes + "\n]," + rest[1:] + "\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_VALUE = {member: member.value for enum in (ChangeKind, MatchKind, Provenance, SegmentOp) for member in enum}


def _version(info: VersionInfo) -> Json:
    return {
        "label": info.label,
        "plan": info.plan,
        "title": info.title,
        "date": info.date,
        "status": info.status.value if info.status else None,
        "drafted_by": list(info.drafted_by),
    }


def _side(located: Located | None) -> Json | None:
    if located is None:
        return None
    c = located.clause
    return {
        "address": list(located.address),
        "bracketed": c.bracketed,
        "id": c.id,
        "note": c.note,
        "number": c.number,
        "provenance": _VALUE[c.provenance],
        "text": c.text,
        "title": c.title,
        "topics": list(c.topics),
    }


def _quantity(q: QuantityChange) -> Json:
    return {
        "delta": q.delta,
        "new": q.new,
        "new_value": q.new_value,
        "old": q.old,
        "old_value": q.old_value,
        "percent": q.percent,
        "unit": q.unit,
    }


def _segment(seg: Segment) -> Json:
    if seg.old_text is None:
        return {"op": _VALUE[seg.op], "text": seg.text}
    return {"old_text": seg.old_text, "op": _VALUE[seg.op], "text": seg.text}


def _change(change: Change) -> Json:
    return {
        "attributes": list(change.attributes),
        "confidence": change.confidence,
        "granularity": change.granularity,
        "kind": _VALUE[change.kind],
        "match": _VALUE[change.match] if change.match else None,
        "moved": change.moved,
        "new": _side(change.new),
        "old": _side(change.old),
        "parts": [_side(p) for p in change.parts],
        "quantities": [_quantity(q) for q in change.quantities],
        "renumbered": change.renumbered,
        "segments": [_segment(seg) for seg in change.segments],
        "shifted": change.shifted,
    }
