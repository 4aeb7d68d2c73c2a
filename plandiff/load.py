"""Reads plan files (the only reader of input files) and parses their YAML safely into raw trees.

Parsing walks libyaml's event stream (``CSafeLoader``; the pure-Python ``SafeLoader`` when libyaml
is missing) and builds a small tree of :mod:`plandiff.rawtree` nodes with their line numbers. This
skips PyYAML's constructor, which keeps no line numbers, silently keeps the last of two duplicate
keys, and expands aliases; here duplicates and aliases are errors. Python's cyclic garbage
collector is paused while the tree is built: the tree has no cycles, and the collector's passes
over millions of young objects made loading a 20,000-clause file markedly superlinear.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import yaml

from .errors import NotAPlanError, PlanFormatError, PlanLoadError, UnknownPlanError, quoted
from .gitsource import read_blob, split_rev_path
from .model import PlanVersion
from .planschema import build_plan
from .rawtree import STR, RawMap, RawNode, RawScalar, RawSeq

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: about 12x slower, same results
    _Loader = yaml.SafeLoader

MAX_BYTES = 16 * 1024 * 1024
"""Default size limit of a plan file in bytes (16 MiB); ``--max-bytes`` overrides it."""
MAX_YAML_DEPTH = 100
"""Deepest YAML nesting accepted (mappings and lists); real plans use under 20."""

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_TAG_PREFIX = "tag:yaml.org,2002:"


def bundled_dir() -> Path:
    """The directory holding the bundled plans, installed or in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "plans"
    return installed if installed.is_dir() else here.parent / "plans"


def bundled_slugs() -> tuple[str, ...]:
    """Slugs of the bundled plans, sorted."""
    return tuple(sorted(p.stem for p in bundled_dir().glob("*.yaml")))


def resolve_plan(arg: str) -> tuple[Path, str]:
    """Turn a command-line plan argument into a path and the label reports use.

    An existing path, or anything that looks like one (a separator or a YAML suffix), is a file;
    otherwise the argument names a bundled plan, labelled ``plans/<slug>.yaml`` in messages.
    """
    path = Path(arg)
    looks_like_path = "/" in arg or "\\" in arg or path.suffix in (".yaml", ".yml")
    if path.exists() or looks_like_path:
        return path, arg
    candidate = bundled_dir() / f"{arg}.yaml"
    if arg in bundled_slugs():
        return candidate, f"plans/{arg}.yaml"
    raise UnknownPlanError(arg, bundled_slugs())


def load_arg(arg: str, max_bytes: int = MAX_BYTES) -> tuple[PlanVersion, Path | None]:
    """Load a command-line plan argument: a file, ``REV:PATH`` in git, or a bundled plan name.

    Returns the plan and its file (None for a git blob). An existing file wins over ``REV:PATH``.
    """
    rev_path = None if Path(arg).exists() else split_rev_path(arg)
    if rev_path is not None:
        return load_blob(*rev_path, max_bytes=max_bytes), None
    path, label = resolve_plan(arg)
    return load_plan(path, label, max_bytes), path


def load_blob(rev: str, path: str, max_bytes: int = MAX_BYTES) -> PlanVersion:
    """Load ``path`` as it is at git revision ``rev``, labelled ``REV:PATH``."""
    return parse_blob(read_blob(rev, path), f"{rev}:{path}", max_bytes)


def parse_blob(data: bytes, label: str, max_bytes: int = MAX_BYTES) -> PlanVersion:
    """A plan from bytes read out of git, labelled ``label`` (``REV:PATH``)."""
    if len(data) > max_bytes:
        raise PlanLoadError(
            label, f"file is larger than the {max_bytes:,}-byte limit (raise it with --max-bytes)"
        )
    return parse_plan(decode(data, label), label)


def load_plan(path: Path, label: str | None = None, max_bytes: int = MAX_BYTES) -> PlanVersion:
    """Read, parse and validate one plan file; ``label`` names it in messages and reports."""
    shown = label if label is not None else str(path)
    text = read_text(path, shown, max_bytes)
    return parse_plan(text, shown)


def parse_plan(text: str, label: str) -> PlanVersion:
    """Parse and validate plan YAML given as a string."""
    return build_plan(parse_yaml(text, label), label)


def read_text(path: Path, label: str, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as text: UTF-8 (BOM allowed), or UTF-16/32 with a BOM; refuse binary data."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise PlanLoadError(label, "no such file") from None
    except IsADirectoryError:
        raise PlanLoadError(label, "is a directory, not a plan file") from None
    except PermissionError:
        raise PlanLoadError(label, "permission denied") from None
    except OSError as err:
        raise PlanLoadError(label, (err.strerror or str(err)).lower()) from None
    if len(data) > max_bytes:
        raise PlanLoadError(
            label, f"file is larger than the {max_bytes:,}-byte limit (raise it with --max-bytes)"
        )
    return decode(data, label)


def decode(data: bytes, label: str) -> str:
    """Decode file bytes; errors name the offending line."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as err:
                raise PlanLoadError(label, f"not valid {encoding.upper()} text ({err.reason})") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise PlanFormatError(label, line, "", "binary data (a NUL byte), not a YAML plan")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        byte = data[err.start]
        raise PlanFormatError(
            label, line, "", f"not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8"
        ) from None


def parse_yaml(text: str, label: str) -> RawNode:
    """Parse YAML text into a raw tree, refusing aliases, anchors, duplicates and deep nesting."""
    loader = _Loader(text)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(loader, label)
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text, label) from err
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        raise PlanFormatError(
            label, line, "", f"character {quoted(err.character)} is not allowed in YAML"
        ) from err
    except yaml.YAMLError as err:
        raise PlanFormatError(label, None, "", f"YAML error: {err}") from err
    finally:
        if enabled:
            gc.enable()
        loader.dispose()


def _syntax_error(err: yaml.MarkedYAMLError, text: str, label: str) -> PlanFormatError:
    mark = err.problem_mark or err.context_mark
    problem = err.problem or err.context or "invalid YAML"
    if mark is None:
        return PlanFormatError(label, None, "", f"YAML syntax error: {problem}")
    lines = text.splitlines()
    bad_line = lines[mark.line] if mark.line < len(lines) else ""
    hint = ""
    if "\t" in bad_line[: mark.column + 1] or "\t" in problem:
        hint = " (a tab? YAML indents with spaces only)"
    return PlanFormatError(
        label, mark.line + 1, "", f"YAML syntax error at column {mark.column + 1}: {problem}{hint}"
    )


def _error(label: str, line: int, problem: str) -> PlanFormatError:
    return PlanFormatError(label, line, "", problem)


def _build(loader: yaml.CSafeLoader, label: str) -> RawNode:
    """Fold the event stream into a raw tree; iterative so deep input cannot overflow the stack.

    This loop runs once per YAML event (about 12 per clause), so it is kept lean: mapping keys
    are recognised before anything else (they need no tag), and plain scalars are resolved with
    the loader's own implicit-resolver table, as ``BaseResolver.resolve`` would.
    """
    stack: list[RawMap | RawSeq] = []
    keys: list[str | None] = []
    root: RawNode | None = None
    documents = 0
    # PyYAML's table: first character → [(tag, pattern)], with wildcard rules under None. Safe
    # loaders have no path resolvers, so this is all ``resolve`` consults for a plain scalar.
    rules: dict[str | None, list[tuple[str, Any]]] = loader.yaml_implicit_resolvers
    wildcard = rules.get(None, [])
    table = {first: found + wildcard for first, found in rules.items() if first is not None}
    get_event = loader.get_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    prefix = len(_TAG_PREFIX)
    parent: RawMap | RawSeq | None = None
    while True:
        event: Any = get_event()  # PyYAML's event classes are untyped
        if event is None:
            break
        cls = event.__class__
        node: RawNode
        if cls is scalar_event:
            if event.anchor is not None:
                raise _anchor_error(label, event)
            value: str = event.value
            if isinstance(parent, RawMap) and keys[-1] is None:
                line = event.start_mark.line + 1
                seen = parent.key_lines
                if value in seen:
                    raise _error(label, line, f"duplicate key {quoted(value)} (first on line {seen[value]})")
                seen[value] = line
                keys[-1] = value
                continue
            tag = event.tag
            if tag is not None and tag != "!":
                kind = tag[prefix:] if tag.startswith(_TAG_PREFIX) else tag
            elif event.implicit[0]:
                kind = STR
                for resolved, pattern in table.get(value[:1], wildcard):
                    if pattern.match(value):
                        kind = resolved[prefix:]
                        break
            else:
                kind = STR
            node = RawScalar(value, kind, event.start_mark.line + 1)
        elif cls is mapping_start or cls is sequence_start:
            if event.anchor is not None:
                raise _anchor_error(label, event)
            line = event.start_mark.line + 1
            if len(stack) >= MAX_YAML_DEPTH:
                raise _error(label, line, f"nested deeper than {MAX_YAML_DEPTH} levels")
            node = RawMap(line) if cls is mapping_start else RawSeq(line)
        elif cls is mapping_end or cls is sequence_end:
            stack.pop()
            keys.pop()
            parent = stack[-1] if stack else None
            continue
        elif cls is alias_event:
            raise _anchor_error(label, event)
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _error(label, event.start_mark.line + 1, "more than one YAML document (a second '---')")
            continue
        else:  # stream start/end, document end
            continue
        if parent is None:
            root = node
        elif isinstance(parent, RawSeq):
            parent.items.append(node)
        else:
            key = keys[-1]
            if key is None:
                raise _error(label, node.line, "a mapping key must be a plain string")
            parent.items[key] = node
            keys[-1] = None
        if not isinstance(node, RawScalar):
            stack.append(node)
            keys.append(None)
            parent = node
    if root is None:
        raise NotAPlanError(label, None, "", "empty file: expected a mapping with 'clauses'")
    return root


def _anchor_error(label: str, event: Any) -> PlanFormatError:
    return _error(
        label, event.start_mark.line + 1, "YAML anchors (&) and aliases (*) are not allowed in plans"
    )
