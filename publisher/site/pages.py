"""The pages of a site, as data: what each page shows and where it is written.

Nothing here renders: :mod:`publisher.site.build` hands these to the theme.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..model import Document, Meta
from .html import TocEntry, table_of_contents
from .sources import Entry
from .urls import slugify, unique_slugs

_SENTENCE_END = re.compile("[。！？]")


@dataclass
class DocumentPage:
    """A document's page. Lists use its card; the full document is read only to render the page."""

    entry: Entry
    path: str  # "slug/" (written to slug/index.html)
    tags: list[tuple[str, str]]  # (keyword, path of its tag page)
    # The neighbours, held weakly: with strong links every page of a build would be in a cycle
    # and outlive it until a full collection of the cyclic GC (~45 ms, every other build in a
    # long-running process: the preview server, the benchmark); the build holds the pages.
    _prev: weakref.ref[DocumentPage] | None = field(default=None, repr=False)
    _next: weakref.ref[DocumentPage] | None = field(default=None, repr=False)

    @property
    def prev(self) -> DocumentPage | None:
        """The newer neighbour."""
        return self._prev() if self._prev is not None else None

    @prev.setter
    def prev(self, page: DocumentPage | None) -> None:
        self._prev = weakref.ref(page) if page is not None else None

    @property
    def next(self) -> DocumentPage | None:
        """The older neighbour."""
        return self._next() if self._next is not None else None

    @next.setter
    def next(self, page: DocumentPage | None) -> None:
        self._next = weakref.ref(page) if page is not None else None

    @property
    def document(self) -> Document:
        return self.entry.document

    @property
    def meta(self) -> Meta:
        return self.entry.card.meta

    @property
    def summary(self) -> str:
        return self.entry.card.summary

    @property
    def title(self) -> str:
        return self.entry.card.title or self.entry.source.stem

    @property
    def year(self) -> str | None:
        return self.meta.date[:4] if self.meta.date else None

    @property
    def toc(self) -> list[TocEntry]:
        return table_of_contents(self.document)


@dataclass(frozen=True)
class ListPage:
    """A paginated list of documents (the index, a tag, a year of the archive)."""

    path: str
    title: str
    pages: tuple[DocumentPage, ...]
    number: int = 1
    count: int = 1
    prev_path: str | None = None
    next_path: str | None = None


def summary_of(doc: Document, limit: int = 120) -> str:
    """The document's summary, or its first sentences up to about ``limit`` characters."""
    if doc.meta.summary:
        return doc.meta.summary
    text = next((b.text for b in doc.blocks if b.type == "paragraph"), "")
    out = ""
    for sentence in sentences(text):
        if out and len(out) + len(sentence) > limit:
            break
        out += sentence
    return out or text[:limit]


def sentences(text: str) -> Iterator[str]:
    """Each sentence of a line: at least one character, then 。！？ (a mark alone is not one).

    One pass over the text: the pattern ``.+?[。！？]`` this replaces began again at every
    character of a text without a mark, and 80,000 such characters took 31 s.
    """
    start = 0
    for mark in _SENTENCE_END.finditer(text):
        end = mark.start()
        newline = text.rfind("\n", start, end)
        if newline >= 0:  # a sentence does not run across lines
            start = newline + 1
        if end > start:
            yield text[start:end + 1]
            start = end + 1


def newest_first(pages: list[DocumentPage]) -> list[DocumentPage]:
    """Newest first: by date (undated last), then title, then URL for a stable order.

    Two stable sorts, not one key of an inverted date: this runs over every page at every build.
    """
    ordered = sorted(pages, key=lambda p: (p.title, p.path))
    # Descending (reverse keeps ties in order); a date that another begins with ("2019" and
    # "2019-05") comes first, undated ("") last.
    ordered.sort(key=lambda p: p.meta.date + "\U0010ffff" if p.meta.date else "", reverse=True)
    return ordered


def _invert(date: str) -> str:
    # Sorting ascending on an inverted date puts the newest first and undated ("") last.
    return "".join(chr(0x10FFFF - ord(c)) for c in date) if date else "\U0010ffff"


def _tag_keys(entry: Entry) -> tuple[str, ...]:
    keywords = entry.card.meta.keywords
    return entry.tag_keys if len(entry.tag_keys) == len(keywords) else keywords


def tag_slugs(keys: Iterable[str]) -> dict[str, str]:
    """Each keyword's slug, distinct for distinct keywords (C++ and C#; 教育 and 教育。).

    Given out in the keywords' sorted order, so a keyword's slug depends on the other
    keywords only, not on which document names it first.
    """
    distinct = sorted(set(keys))
    slugs = unique_slugs([slugify(k, fallback="tag") for k in distinct], reserved=frozenset())
    return dict(zip(distinct, slugs, strict=True))


def document_pages(entries: list[Entry]) -> list[DocumentPage]:
    slugs = tag_slugs(key for entry in entries for key in _tag_keys(entry))
    pages = []
    for entry in entries:
        tags = [(k, f"tags/{slugs[key]}/") for k, key in zip(entry.card.meta.keywords, _tag_keys(entry), strict=True)]
        pages.append(DocumentPage(entry, f"{entry.slug}/", tags))
    pages = newest_first(pages)
    for older, newer in zip(pages[1:], pages, strict=False):
        newer.next, older.prev = older, newer
    return pages


def paginate(pages: list[DocumentPage], base: str, title: str, per_page: int) -> list[ListPage]:
    """``base`` ("" for the site root, "tags/x/") gets page 1; then ``base + "page/2/"``, …"""
    chunks = [tuple(pages[i:i + per_page]) for i in range(0, len(pages), per_page)] or [()]
    paths = [base if n == 0 else f"{base}page/{n + 1}/" for n in range(len(chunks))]
    return [
        ListPage(paths[n], title, chunk, n + 1, len(chunks),
                 paths[n - 1] if n else None, paths[n + 1] if n + 1 < len(chunks) else None)
        for n, chunk in enumerate(chunks)
    ]


def tag_index(pages: list[DocumentPage]) -> dict[str, tuple[str, list[DocumentPage]]]:
    """keyword → (path of its page, documents), keywords sorted."""
    tags: dict[str, list[DocumentPage]] = defaultdict(list)
    paths: dict[str, str] = {}
    for page in pages:
        for keyword, path in page.tags:
            tags[keyword].append(page)
            paths[keyword] = path
    return {k: (paths[k], tags[k]) for k in sorted(tags)}


def archive(pages: list[DocumentPage]) -> list[tuple[str, list[DocumentPage]]]:
    """Documents by year, newest year first; undated ones last under 未注明日期."""
    years: dict[str, list[DocumentPage]] = defaultdict(list)
    for page in pages:
        years[page.year or "未注明日期"].append(page)
    return sorted(years.items(), key=lambda kv: (kv[0] == "未注明日期", _invert(kv[0])))
