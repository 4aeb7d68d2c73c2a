"""Makes untrusted plan text safe to print in a terminal: control codes are shown, not obeyed."""

from __future__ import annotations

import re

# C0 controls (tab and newline kept), DEL, C1 controls, and the bidirectional overrides and
# isolates that can make a terminal show text in an order other than the one stored.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control or direction-override character written as ``\\xNN``."""
    return _UNSAFE.sub(_escape, text)
