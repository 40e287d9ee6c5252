"""The documents of a project: manuscripts and edited Markdown in the content folder.

Where ``x.txt`` and ``x.md`` both exist, the Markdown wins: it is the user's corrected copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import PublisherError
from ..model import Document
from ..read import MANUSCRIPT_SUFFIXES

_MARKDOWN = (".md", ".markdown")


@dataclass(frozen=True)
class Entry:
    """One document of the site: where it came from and the slug of its page."""

    source: Path  # relative to the content folder
    index: int  # which document of its source file
    slug: str
    document: Document


@dataclass(frozen=True)
class Failure:
    source: Path
    reason: str


def find_sources(content: Path) -> list[Path]:
    """Manuscripts and Markdown below ``content``, sorted; Markdown replaces a manuscript of the same name."""
    if not content.is_dir():
        raise PublisherError(f"{content}: no such folder (the content folder holds the manuscripts)")
    files = sorted(p for p in content.rglob("*")
                   if p.is_file() and p.suffix.lower() in MANUSCRIPT_SUFFIXES and not p.name.startswith(".")
                   and p.name.lower() != "readme.md")
    edited = {p.with_suffix("") for p in files if p.suffix.lower() in _MARKDOWN}
    return [p for p in files if p.suffix.lower() in _MARKDOWN or p.with_suffix("") not in edited]
