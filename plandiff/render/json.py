"""JSON report: a documented, versioned contract (see docs/json.md)."""

from __future__ import annotations

import json

from ..model import Change, Located, QuantityChange, Report, VersionInfo
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
    # times slower on big reports); one change per line keeps diffs of reports readable.
    rest = _dumps(document)
    changes = [] if options.summary_only else [_dumps(_change(c)) for c in report.changes]
    if not changes:
        return '{"changes":[],' + rest[1:] + "\n"
    return '{"changes":[\n' + ",\n".join(changes) + "\n]," + rest[1:] + "\n"


def _dumps(value: Json) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


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
        "id": c.id,
        "number": c.number,
        "address": list(located.address),
        "title": c.title,
        "text": c.text,
        "topics": list(c.topics),
        "provenance": c.provenance.value,
        "bracketed": c.bracketed,
        "note": c.note,
    }


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


def _change(change: Change) -> Json:
    segments = []
    for seg in change.segments:
        item: Json = {"op": seg.op.value, "text": seg.text}
        if seg.old_text is not None:
            item["old_text"] = seg.old_text
        segments.append(item)
    return {
        "kind": change.kind.value,
        "moved": change.moved,
        "renumbered": change.renumbered,
        "shifted": change.shifted,
        "match": change.match.value if change.match else None,
        "confidence": change.confidence,
        "parts": [_side(p) for p in change.parts],
        "attributes": list(change.attributes),
        "granularity": change.granularity,
        "old": _side(change.old),
        "new": _side(change.new),
        "segments": segments,
        "quantities": [_quantity(q) for q in change.quantities],
    }
