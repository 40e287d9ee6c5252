"""Why the structure stage classed each line as it did: what ``publisher convert --explain`` prints."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    """One decision: the line of the cleaned text, what it became, why, and the text it is about."""

    line: int
    what: str
    why: str
    text: str

    def render(self, width: int = 40) -> str:
        shown = self.text if len(self.text) <= width else self.text[:width] + "…"
        return f"{self.line}: {self.what} ({self.why}) 「{shown}」"
