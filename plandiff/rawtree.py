"""The YAML document as parsed, before validation: scalars, mappings and sequences with lines."""

from __future__ import annotations

from .errors import quoted

STR = "str"
INT = "int"
FLOAT = "float"
BOOL = "bool"
NULL = "null"
TIMESTAMP = "timestamp"
"""Resolved scalar kinds (the last part of the YAML 1.1 tag)."""


class RawScalar:
    """A scalar with its resolved kind and 1-based line."""

    __slots__ = ("kind", "line", "value")

    def __init__(self, value: str, kind: str, line: int) -> None:
        self.value = value
        """The scalar's text after YAML unescaping (quotes and escapes applied)."""
        self.kind = kind
        """One of STR, INT, FLOAT, BOOL, NULL, TIMESTAMP (or another tag's last part)."""
        self.line = line


class RawMap:
    """A mapping whose keys are strings, in file order, with the line of every key."""

    __slots__ = ("items", "key_lines", "line")

    def __init__(self, line: int) -> None:
        self.items: dict[str, RawNode] = {}
        self.key_lines: dict[str, int] = {}
        self.line = line


class RawSeq:
    """A sequence of nodes."""

    __slots__ = ("items", "line")

    def __init__(self, line: int) -> None:
        self.items: list[RawNode] = []
        self.line = line


RawNode = RawScalar | RawMap | RawSeq


def describe(node: RawNode) -> str:
    """Name a node's type the way error messages do: ``a float 1.1``, ``a list``."""
    if isinstance(node, RawMap):
        return "a mapping"
    if isinstance(node, RawSeq):
        return "a list"
    kind = node.kind
    # Resolved ints, floats, booleans and dates match YAML's patterns (no line breaks); only their
    # length needs a bound. Strings and custom tags can hold anything: quoted.
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    if kind == INT:
        return f"an int {shown}"
    if kind == FLOAT:
        try:
            shown = repr(float(node.value.replace("_", "")))
        except ValueError:
            pass
        return f"a float {shown}"
    if kind == BOOL:
        return f"a boolean {shown}"
    if kind == NULL:
        return "nothing (null)"
    if kind == TIMESTAMP:
        return f"a date {shown}"
    if kind == STR:
        return f"a string {quoted(node.value)}"
    return f"a value tagged {quoted(kind)}: {quoted(node.value)}"
