"""Validates a raw YAML tree against the plan format and builds the PlanVersion it describes."""

from __future__ import annotations

import re
from datetime import date as _date

from .errors import NotAPlanError, PlanFormatError, quoted
from .model import Clause, PlanVersion, Provenance, Source, Status
from .rawtree import BOOL, FLOAT, INT, STR, TIMESTAMP, RawMap, RawNode, RawScalar, RawSeq, describe

MAX_CLAUSE_DEPTH = 6
"""Deepest clause nesting (point → sub-point → …); real texts use 3 at most."""

PLAN_KEYS = (
    "plan", "title", "date", "drafted_by", "status", "sources", "parent", "notes", "reported_points",
    "preamble", "clauses", "closing",
)  # fmt: skip
CLAUSE_KEYS = (
    "number", "text", "id", "title", "topics", "provenance", "status_provenance", "bracketed", "note",
    "clauses", "proposed_by",
)  # fmt: skip
SOURCE_KEYS = ("title", "url", "date")

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# C0 controls except tab and newline, DEL, and C1 controls: terminal escape sequences start here.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TRUE = frozenset(("true", "yes", "on", "y"))
_CLAUSE_KEY_SET = frozenset(CLAUSE_KEYS)


class _Builder:
    """Walks one file's raw tree; holds the label and the ids seen so far."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.ids: dict[str, int] = {}

    def fail(self, line: int | None, where: str, problem: str) -> PlanFormatError:
        return PlanFormatError(self.label, line, where, problem)

    def check_keys(self, node: RawMap, allowed: tuple[str, ...], where: str) -> None:
        for key in node.items:
            if key not in allowed:
                import difflib  # only on this error path: it costs import time on every run

                close = difflib.get_close_matches(key, allowed, n=1)
                hint = (
                    f" (did you mean {quoted(close[0])}?)" if close else f" (allowed: {', '.join(allowed)})"
                )
                raise self.fail(node.key_lines[key], where, f"unknown key {quoted(key)}{hint}")

    def string(self, node: RawNode, where: str) -> str:
        value = _plain(node)
        if value is not None:
            return value
        if not isinstance(node, RawScalar) or node.kind != STR:
            hint = " — quote it" if isinstance(node, RawScalar) else ""
            raise self.fail(node.line, where, f"expected a string, got {describe(node)}{hint}")
        bad = _CONTROL.search(node.value)
        assert bad is not None  # the one other reason _plain refuses a string
        raise self.fail(
            node.line,
            where,
            f"contains the control character U+{ord(bad.group()):04X} at position {bad.start() + 1}; "
            "plan text may not carry terminal escapes or other control codes",
        )

    def optional_string(self, node: RawMap, key: str, where: str) -> str | None:
        value = node.items.get(key)
        return None if value is None else self.string(value, _join(where, key))

    def slug(self, node: RawNode, where: str) -> str:
        value = self.string(node, where)
        if not _SLUG.match(value):
            raise self.fail(
                node.line, where, f"{quoted(value)} is not a slug (lower-case letters, digits and '-')"
            )
        return value

    def string_list(self, node: RawNode, where: str, slugs: bool = False) -> tuple[str, ...]:
        if not isinstance(node, RawSeq):
            raise self.fail(node.line, where, f"expected a list, got {describe(node)}")
        read = self.slug if slugs else self.string
        values = tuple(read(item, f"{where}[{i}]") for i, item in enumerate(node.items))
        for i, value in enumerate(values):
            if value in values[:i]:
                raise self.fail(node.items[i].line, f"{where}[{i}]", f"{quoted(value)} is listed twice")
        return values

    def iso_date(self, node: RawNode, where: str) -> str:
        if isinstance(node, RawScalar) and node.kind in (STR, TIMESTAMP):
            try:
                return _date.fromisoformat(node.value).isoformat()
            except ValueError:
                pass
        raise self.fail(node.line, where, f"expected an ISO date like 2025-11-20, got {describe(node)}")

    def enum_value(self, node: RawNode, where: str, choices: tuple[str, ...]) -> str:
        value = self.string(node, where)
        if value not in choices:
            raise self.fail(node.line, where, f"{quoted(value)} is not one of: {', '.join(choices)}")
        return value

    def number(self, node: RawNode, where: str) -> str:
        if isinstance(node, RawScalar):
            if node.kind == INT:
                try:
                    return str(int(node.value.replace("_", ""), 10))
                except ValueError:
                    return node.value
            if node.kind in (FLOAT, BOOL):
                raise self.fail(node.line, where, f"expected a string, got {describe(node)} — quote it")
        value = self.string(node, where).strip()
        if not value:
            raise self.fail(node.line, where, "a clause number may not be empty")
        if _BAD_NUMBER.search(value):
            # Reports write sub-point b of 10 as "10(b)": a number with brackets would print the same
            # as a different clause, and one with a line break would split its heading.
            raise self.fail(
                node.line,
                where,
                f"clause number {quoted(value)} may not contain brackets or line breaks; "
                "write a sub-point as a nested clause (number 10 with a sub-clause b prints as 10(b))",
            )
        return value

    def plan(self, root: RawNode) -> PlanVersion:
        if not isinstance(root, RawMap):
            raise NotAPlanError(
                self.label,
                root.line,
                "",
                f"expected a mapping with 'clauses' at the top, got {describe(root)}",
            )
        items = root.items
        if "clauses" not in items and "plan" not in items and not _near_plan_key(items):
            # Neither a plan nor a misspelt one: YAML of some other kind (a workflow file), which
            # pr-comment skips instead of stopping.
            raise NotAPlanError(self.label, root.line, "", "missing required key 'clauses'")
        self.check_keys(root, PLAN_KEYS, "")
        if "clauses" not in items:
            raise self.fail(root.line, "", "missing required key 'clauses'")
        status = items.get("status")
        drafted = items.get("drafted_by")
        date = items.get("date")
        return PlanVersion(
            label=self.label,
            clauses=self.clauses(items["clauses"], "clauses", 1),
            plan=None if "plan" not in items else self.slug(items["plan"], "plan"),
            title=self.optional_string(root, "title", ""),
            date=None if date is None else self.iso_date(date, "date"),
            drafted_by=() if drafted is None else self.string_list(drafted, "drafted_by"),
            status=None
            if status is None
            else Status(self.enum_value(status, "status", tuple(s.value for s in Status))),
            sources=() if "sources" not in items else self.sources(items["sources"]),
            parent=None if "parent" not in items else self.slug(items["parent"], "parent"),
            notes=self.optional_string(root, "notes", ""),
            preamble=self.optional_string(root, "preamble", ""),
            closing=self.optional_string(root, "closing", ""),
            reported_points=None
            if "reported_points" not in items
            else self.count(items["reported_points"], "reported_points"),
        )

    def count(self, node: RawNode, where: str) -> int:
        if isinstance(node, RawScalar) and node.kind == INT:
            value = int(node.value.replace("_", ""), 10)
            if 0 < value < 100_000:
                return value
        raise self.fail(node.line, where, f"expected a whole number from 1 to 99999, got {describe(node)}")

    def provenance(self, node: RawNode, where: str) -> Provenance:
        return Provenance(self.enum_value(node, where, tuple(p.value for p in Provenance)))

    def sources(self, node: RawNode) -> tuple[Source, ...]:
        if not isinstance(node, RawSeq):
            raise self.fail(node.line, "sources", f"expected a list, got {describe(node)}")
        result = []
        for i, item in enumerate(node.items):
            where = f"sources[{i}]"
            if not isinstance(item, RawMap):
                raise self.fail(item.line, where, f"expected a mapping, got {describe(item)}")
            self.check_keys(item, SOURCE_KEYS, where)
            for key in ("title", "url"):
                if key not in item.items:
                    raise self.fail(item.line, where, f"missing required key {quoted(key)}")
            date = item.items.get("date")
            result.append(
                Source(
                    title=self.string(item.items["title"], f"{where}.title"),
                    url=self.string(item.items["url"], f"{where}.url"),
                    date=None if date is None else self.iso_date(date, f"{where}.date"),
                )
            )
        return tuple(result)

    def clauses(self, node: RawNode, where: str, depth: int) -> tuple[Clause, ...]:
        if not isinstance(node, RawSeq):
            raise self.fail(node.line, where, f"expected a list of clauses, got {describe(node)}")
        if depth > MAX_CLAUSE_DEPTH:
            raise self.fail(node.line, where, f"clauses nested deeper than {MAX_CLAUSE_DEPTH} levels")
        result = []
        numbers: dict[str, int] = {}
        for i, item in enumerate(node.items):
            clause = self.clause(item, f"{where}[{i}]", depth)
            if clause.number in numbers:
                raise self.fail(
                    item.line,
                    f"{where}[{i}].number",
                    f"duplicate number {quoted(clause.number)} among sibling clauses "
                    f"(first on line {numbers[clause.number]})",
                )
            numbers[clause.number] = item.line
            result.append(clause)
        return tuple(result)

    def clause(self, node: RawNode, where: str, depth: int) -> Clause:
        # This runs once per clause: the common case (string number, text and id) is accepted
        # inline, and anything else goes through the validators, which word the error.
        if not isinstance(node, RawMap):
            raise self.fail(node.line, where, f"expected a clause mapping, got {describe(node)}")
        items = node.items
        if not items.keys() <= _CLAUSE_KEY_SET:
            self.check_keys(node, CLAUSE_KEYS, where)
        for key in ("number", "text"):
            if key not in items:
                raise self.fail(node.line, where, f"missing required key {quoted(key)}")
        number = _plain(items["number"])
        number = number.strip() if number else None
        if not number or _BAD_NUMBER.search(number):
            number = self.number(items["number"], f"{where}.number")
        text = _plain(items["text"])
        if text is None:
            text = self.string(items["text"], f"{where}.text")
        clause_id = None
        if "id" in items:
            clause_id = _plain(items["id"])
            if clause_id is None or not _SLUG.match(clause_id):
                clause_id = self.slug(items["id"], f"{where}.id")
            if clause_id in self.ids:
                raise self.fail(
                    items["id"].line,
                    f"{where}.id",
                    f"duplicate id {quoted(clause_id)} (first on line {self.ids[clause_id]})",
                )
            self.ids[clause_id] = items["id"].line
        if len(items) == (3 if clause_id else 2):  # number, text and perhaps id: nothing more to read
            return Clause(number, text, clause_id, line=node.line)
        provenance = items.get("provenance")
        bracketed = items.get("bracketed")
        topics = items.get("topics")
        children = items.get("clauses")
        return Clause(
            number=number,
            text=text,
            id=clause_id,
            title=self.optional_string(node, "title", where),
            topics=() if topics is None else self.string_list(topics, f"{where}.topics", slugs=True),
            provenance=Provenance.PUBLISHED
            if provenance is None
            else self.provenance(provenance, f"{where}.provenance"),
            bracketed=False if bracketed is None else self.boolean(bracketed, f"{where}.bracketed"),
            note=self.optional_string(node, "note", where),
            clauses=() if children is None else self.clauses(children, f"{where}.clauses", depth + 1),
            line=node.line,
            proposed_by=self.optional_string(node, "proposed_by", where),
            status_provenance=None
            if "status_provenance" not in items
            else self.provenance(items["status_provenance"], f"{where}.status_provenance"),
        )

    def boolean(self, node: RawNode, where: str) -> bool:
        if isinstance(node, RawScalar) and node.kind == BOOL:
            return node.value.lower() in _TRUE
        raise self.fail(node.line, where, f"expected true or false, got {describe(node)}")


_BAD_NUMBER = re.compile(r"[()\n\r\t]")
"""What a clause number may not hold (see ``_Builder.number``)."""


def _plain(node: RawNode) -> str | None:
    """The value of a string scalar free of control characters; None for anything else (the
    validators then say what is wrong). Clauses use it to accept their usual shape quickly."""
    if isinstance(node, RawScalar) and node.kind == STR and not _CONTROL.search(node.value):
        return node.value
    return None


def _near_plan_key(items: dict[str, RawNode]) -> bool:
    """Whether a key looks like a misspelt ``clauses`` or ``plan`` (its error names the fix)."""
    import difflib  # only for YAML without the two keys

    return any(difflib.get_close_matches(key, ("clauses", "plan"), n=1, cutoff=0.75) for key in items)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def build_plan(root: RawNode, label: str) -> PlanVersion:
    """Validate a raw tree and build its PlanVersion; raises PlanFormatError on the first problem."""
    return _Builder(label).plan(root)
