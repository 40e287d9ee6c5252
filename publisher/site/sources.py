"""The documents of a project: manuscripts and edited Markdown in the content folder.

Where ``x.txt`` and ``x.md`` both exist, the Markdown wins: it is the user's corrected copy.

Converting is the slow part of a build, so converted documents are cached on disk
by the digest of their source bytes and the cleaning options. Lists, feeds and
neighbour links need only a small :class:`Card` per document; the full document
is read back from the cache only when its page is rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import PublisherError
from ..model import Document, Meta
from ..read import Skipped, walk_manuscripts
from ..write.json import document_from_dict, document_to_dict
from .urls import slugify, unique_slugs

_MARKDOWN = (".md", ".markdown")
_INDEX = "sources.json"


@dataclass(frozen=True)
class Card:
    """What lists and links show of a document, without its text."""

    title: str | None
    meta: Meta
    summary: str
    #: Stands for all of the above in build keys: a digest, made when the source is converted
    #: and kept in the store's index (given, it is not checked).
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", _card_key(self.title, self.meta, self.summary))


@dataclass(frozen=True)
class Failure:
    source: Path  # relative to the content folder, unless not in_content
    reason: str
    #: False for a settings file, whose reason names it.
    in_content: bool = True


@dataclass(frozen=True)
class Entry:
    """One document of the site: where it came from, the slug of its page, its card."""

    source: Path  # relative to the content folder
    index: int  # which document of its source file
    slug: str
    digest: str  # of the source bytes and cleaning options: the document's identity for caches
    card: Card
    loader: Callable[[], Document]
    #: Keywords as written in the source, for tag-page paths that are the same in every edition.
    tag_keys: tuple[str, ...] = ()
    #: Why the source could not be read this time, when this is its last good version (preview).
    error: str | None = None

    @cached_property
    def document(self) -> Document:
        return self.loader()


def find_sources(content: Path, project: Path | None = None) -> tuple[list[str], list[Skipped]]:
    """Manuscripts and Markdown below ``content`` as sorted relative paths (``a/b.txt``), and
    what was skipped (see :func:`publisher.read.walk_manuscripts`; no link leaves ``project``).

    Markdown replaces a manuscript of the same name.
    """
    if not content.is_dir():
        raise PublisherError(f"{content}: no such folder (the content folder holds the manuscripts)")
    found, skipped = walk_manuscripts(content, project)
    files = [(f, *os.path.splitext(f)) for f in found]  # path, stem, suffix: split once, at every build
    edited = {stem for _, stem, suffix in files if suffix.lower() in _MARKDOWN}
    return [f for f, stem, suffix in files if suffix.lower() in _MARKDOWN or stem not in edited], skipped


class DocumentStore:
    """Converted documents on disk, by source digest, with a stat index to skip re-hashing sources."""

    def __init__(self, folder: Path, salt: str, convert: Callable[[Path], tuple[Document, ...]],
                 summarize: Callable[[Document], str]) -> None:
        self.folder = folder
        self.salt = salt
        self.convert = convert
        self.summarize = summarize
        try:
            self.index: dict[str, Any] = json.loads((folder / _INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.index = {}
        if self.index.get("salt") != salt:
            self.index = {"salt": salt, "sources": {}}
        self.seen: dict[str, Any] = {}
        self.documents = os.path.join(os.fspath(folder), "documents")

    @cached_property
    def _stored(self) -> set[str]:
        """The names in the documents folder, listed once (not a stat per source at every build)."""
        try:
            return set(os.listdir(self.documents))
        except OSError:
            return set()

    def _doc_file(self, digest: str) -> Path:
        return Path(self.documents, f"{digest}.json")

    def cards(self, path: str, key: str) -> tuple[str, list[Card]]:
        """The source's digest and the cards of its documents, converting it only if it changed.

        A source is taken as unchanged, without reading it, only when its size, modification
        and change times and inode are what they were, and were already in the past when they
        were recorded. The change time cannot be set back (``touch -d`` and ``cp -p`` keep the
        modification time, not that), a copied-in file is a new inode, and a file changed
        within the clock's granularity of the last look (coarse timestamps: 2 s on FAT) is
        read again, as git does with its "racily clean" entries. Anything else is hashed.
        """
        stat = os.stat(path)
        signature = _signature(stat)
        known = self.index["sources"].get(key)
        if known and known.get("stat") == signature and known.get("settled") \
                and known["digest"] + ".json" in self._stored:
            cards = [_card_from(c) for c in known["cards"]]
            if any("key" not in c for c in known["cards"]):  # an index from before cards had keys
                known = {**known, "cards": [_card_to(c) for c in cards]}
            self.seen[key] = known
            return known["digest"], cards
        with open(path, "rb") as fh:
            digest = hashlib.sha256(self.salt.encode() + b"\0" + fh.read()).hexdigest()
        target = self._doc_file(digest)
        if target.exists():
            docs = [document_from_dict(d) for d in json.loads(target.read_text(encoding="utf-8"))]
        else:
            docs = list(self.convert(Path(path)))
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps([document_to_dict(d) for d in docs], ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, target)
        cards = [Card(d.title, d.meta, self.summarize(d)) for d in docs]
        settled = max(stat.st_mtime_ns, stat.st_ctime_ns) < time.time_ns() - _TIMESTAMP_SLACK_NS
        self.seen[key] = {"stat": signature, "settled": settled, "digest": digest,
                          "cards": [_card_to(c) for c in cards]}
        return digest, cards

    def last_good(self, key: str) -> tuple[str, list[Card]] | None:
        """The digest and cards of the source as it last converted, if its documents are kept;
        remembered again, so that it stays the last good version until the source converts."""
        known = self.index["sources"].get(key)
        if not known or known["digest"] + ".json" not in self._stored:
            return None
        self.seen[key] = {**known, "settled": False}  # read it again next time
        return known["digest"], [_card_from(c) for c in known["cards"]]

    def loader(self, digest: str, index: int) -> Callable[[], Document]:
        def load() -> Document:
            data = json.loads(self._doc_file(digest).read_text(encoding="utf-8"))
            return document_from_dict(data[index])

        return load

    def save(self) -> None:
        """Keep the stat index of the sources seen in this build (unless it is what was read)."""
        if self.seen == self.index["sources"]:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{_INDEX}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"salt": self.salt, "sources": self.seen}, ensure_ascii=False, sort_keys=True),
                       encoding="utf-8")
        os.replace(tmp, self.folder / _INDEX)


#: How far behind the clock a file's timestamps must be before they are trusted to show the
#: next change: 2 s, the granularity of the coarsest file systems (FAT) users keep manuscripts on.
_TIMESTAMP_SLACK_NS = 2_000_000_000


def _signature(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def _card_key(title: str | None, meta: Meta, summary: str) -> str:
    data = json.dumps([title, meta.as_dict(), summary], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


def _card_to(card: Card) -> dict[str, Any]:
    return {"title": card.title, "meta": card.meta.as_dict(), "summary": card.summary, "key": card.key}


def _card_from(data: dict[str, Any]) -> Card:
    meta = dict(data["meta"])
    meta["keywords"] = tuple(meta.get("keywords") or ())
    return Card(data["title"], Meta(**meta), data["summary"], data.get("key", ""))


def load_entries(content: Path, store: DocumentStore, project: Path | None = None,
                 keep_last_good: bool = False) -> tuple[list[Entry], list[Failure]]:
    """Every document of the content folder; a file that fails is reported and the others go on.

    ``keep_last_good`` (the preview): a source that fails and converted before keeps its last
    good version, carrying the error, instead of vanishing from the site while it is edited.
    """
    loaded: list[tuple[Path, int, str, str, Card, str | None]] = []
    sources, skipped = find_sources(content, project)
    failures = [Failure(Path(s.path), s.reason) for s in skipped]
    root = os.fspath(content)
    for key in sources:
        rel = Path(key)
        path = os.path.join(root, key)
        error = None
        try:
            digest, cards = store.cards(path, key)
        except (PublisherError, OSError) as exc:
            if isinstance(exc, PublisherError):
                # The failure names its source; the reader's message often begins with the path too.
                error = exc.format_message().removeprefix(f"{path}: ")
            else:  # unreadable, or gone since the folder was listed
                error = f"cannot be read ({exc.strerror or exc})"
            failures.append(Failure(rel, error))
            last = store.last_good(key) if keep_last_good else None
            if last is None:
                continue
            digest, cards = last
        for i, card in enumerate(cards):
            base = card.meta.slug or slugify(os.path.splitext(key)[0].replace("/", "-"))
            slug = slugify(base) + (f"-{i + 1}" if i and not card.meta.slug else "")
            loaded.append((rel, i, slug, digest, card, error))
    slugs = unique_slugs([slug for _, _, slug, _, _, _ in loaded])
    return [Entry(rel, i, slug, digest, card, store.loader(digest, i), error=error)
            for (rel, i, _, digest, card, error), slug in zip(loaded, slugs, strict=True)], failures
