"""Fixture files of cleaning cases, one file per rule (after markdown-it-py's test fixtures).

A case is a title line, the input, a line holding only ``.``, the expected output,
and another ``.`` line. Escapes make invisible characters visible: ``\\t``, ``\\f``,
``\\r``, ``\\uXXXX``; ``⏎`` at a line end keeps trailing spaces visible (it is removed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|t|f|r)")


def _unescape(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        code = m.group(1)
        return {"t": "\t", "f": "\f", "r": "\r"}.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(repl, text).replace("⏎", "")


@dataclass(frozen=True)
class Case:
    title: str
    input: str
    expected: str
    line: int


def read_cases(path: Path) -> list[Case]:
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, start = lines[i], i + 1
        j = lines.index(".", start)
        k = lines.index(".", j + 1)
        cases.append(Case(title, _unescape("\n".join(lines[start:j])), _unescape("\n".join(lines[j + 1:k])), start))
        i = k + 1
    return cases
