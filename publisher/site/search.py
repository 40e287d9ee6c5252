"""Full-text search for Chinese: a static index of character bigrams, read by ``static/search.js``.

Chinese is written without spaces, and a reader looks for any run of characters: 廉政 must be
found inside 党风廉政建设, whatever a word segmenter would make of it. So the index knows no
words. Its keys are the bigrams of the text (every two neighbouring letters or digits), and a
query of n characters matches the documents that hold all its n−1 bigrams. A letter that ends
a run is also kept with a space after it, so that every letter of the text begins exactly one
key, and a one-character query is the union of the keys that begin with it.
``bench/SEARCH.md`` measures this against Pagefind and gives the reasons.

Everything here is a function of the documents given (url, title, date, text): a variant of
the site (zh-Hant) gets its own index of its own text in its own folder.

The files, paths relative to the folder of the manifest:

* ``search-index.json``, the manifest: the shard count and the folders of the blocks of this
  version of the index (each named by a digest of its contents, so that a browser never mixes
  two versions).
* ``<block>/docs.json``: the block's documents, ``[url, title, date, text name]``, in groups:
  ``[[doc, doc, …], [doc, …], …]``; a document's id is its place in its group.
* ``<block>/<n>.json``: shard ``n`` of the block, the keys whose first letter's code point is
  ``n`` modulo the shard count, one part per group of the block:
  ``[{first letter: "second letters|postings,…"}, …]``. The postings of a key are its group's
  documents that hold it, with counts (see :func:`encode_postings`), in the order of the
  second letters.
* ``search/index/text/<name>.txt``: a document's text, named by a digest of its source; search.js
  reads it for the results it shows (to check phrases and cut a snippet), never for the others.

A query reads the manifest, then in each block its document list and one shard per distinct
first letter of the query's keys, then the texts of the results shown: at most
``1 + blocks × (1 + letters) + 10`` files, with :data:`MAX_BLOCKS` blocks at most (4 for
1,000 documents). A shard holds ~:data:`DOCS_PER_SHARD` documents' worth of its block's keys,
so a letter costs ~``2 × blocks`` documents' worth to read: ~8 for 1,000 documents, ~16 from
2,000 documents (8 blocks).

Incremental builds: documents fall into groups of about :data:`GROUP_SIZE` by a hash of their
URL, and groups into blocks of about :data:`BLOCK_SIZE` documents (contiguous runs of groups).
Each group is indexed on its own into one part per shard; a group is indexed again only when
one of its documents changed, the parts of the others come from a cache (given by the build:
:class:`PartCache`). A changed document costs indexing its group (~8 documents) and writing
its block's folder (one file per shard and its document list: about a block's share of the
index); the other blocks keep their folders, names and bytes, and so do the text files of
unchanged documents. (With one folder for the whole index, any change rewrote every shard.)
Output is the same, byte for byte, with or without the cache.

Letters are compared after a folding that keeps the length of the text (NFKC and lower case,
one character at a time, where that gives one character): ``ＡＢ`` finds ``ab``, and a match
in the folded text is at the same place in the text shown. search.js does exactly the same;
:func:`search` here is the reference the tests hold it to.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import struct
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Changes whenever the files written change shape; it is part of every key and name.
FORMAT = 2
MANIFEST = "search-index.json"
FOLDER = "search/index"
#: Documents per group, about: what a changed document costs to index again (~5 ms each with
#: the merge, the largest part of a one-document rebuild's extra cost; 16 made the index
#: 15–22 % smaller raw, 4–11 % gzipped, as each group repeats the letters it holds).
GROUP_SIZE = 8
#: Documents per block, about: what a changed document costs to write again (its block's
#: shards, a quarter of the index for 1,000 documents: half made one-document rebuilds 10–20 %
#: slower in bench/site.py, much of it the kernel's work for the bytes written and read). A
#: query reads one file per block for each letter, so there are at most MAX_BLOCKS (larger
#: blocks beyond).
BLOCK_SIZE = 256
MAX_BLOCKS = 8
#: About this many documents of a block per shard (a power of two of shards, at most MAX_SHARDS).
#: 2 (128 shards a block) writes half the files of 1 when a document changes: a one-document
#: rebuild of 1,000 documents 0.27–0.30 s → 0.25–0.27 s (median of 9, in turns), for ~10 KB
#: more per letter and block that a query reads (a shard is ~19 KB raw, ~6 KB gzipped).
DOCS_PER_SHARD = 2
MAX_SHARDS = 1024
#: What search.js shows at a time (and reads the texts of); the reference ranks the same way.
PAGE_SIZE = 10

_RUN = re.compile(r"[^\W_]+")  # letters and digits: what str.isalnum() accepts, [\p{L}\p{N}] in JS
_KEY = re.compile(r"(?=([^ ].))")  # every letter with the character after it (overlapping)


@dataclass(frozen=True)
class SearchDoc:
    """A document as search sees it."""

    url: str  # its page, relative to the site root ("slug/")
    title: str
    date: str | None
    key: str  # changes whenever the text does (a digest of the source): names its text file
    text: Callable[[], str]  # its plain text without the title; read only when its group is indexed


@dataclass(frozen=True)
class IndexFile:
    path: str  # relative to the folder of the manifest
    key: str  # a digest of everything it holds
    render: Callable[[], bytes]


def make_doc(url: str, title: str, date: str | None, text: str) -> SearchDoc:
    """A :class:`SearchDoc` of a text at hand (its key is the text's digest)."""
    return SearchDoc(url, title, date, _hash(text), lambda: text)


def document_text(blocks: Iterable[str]) -> str:
    """A document's searchable text: its blocks, one to a line."""
    return "\n".join(blocks)


# ---------------------------------------------------------------- text → keys


@functools.cache
def _fold_char(c: str) -> str:
    n = unicodedata.normalize("NFKC", c).lower()
    if len(n) == 1 and (ord(n) > 0xFFFF) == (ord(c) > 0xFFFF):  # same length in UTF-16 too
        return n
    return c


def fold(text: str) -> str:
    """NFKC and lower case, character by character where that keeps one character (so the length)."""
    table = {ord(c): f for c in set(text) if (f := _fold_char(c)) != c}
    return text.translate(table) if table else text


#: Characters that :func:`_fold_letters` leaves as they are (their folding is themselves, or
#: neither they nor it are letters): the Chinese text of a manuscript is almost all of them, so
#: only the few others are looked at, found by this pattern in C rather than by building the
#: set of the text's characters (a tenth of the indexing time). tests/site/test_search.py checks
#: every character of the class.
#: (ASCII without A-Z: one class, not an alternation, which the regex engine scans 4× faster.)
_FOLDS_TO_ITSELF = ("\t-\r -@\\[-~\u2010-\u2027\u2030-\u205e\u3000-\u3037\u303b-\u303f\u4e00-\u9fff"
                    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65")
_MAY_FOLD = re.compile(f"[^{_FOLDS_TO_ITSELF}]")


def _fold_letters(text: str) -> str:
    """:func:`fold` as far as runs can tell: what is not a letter before or after stays as it is."""
    table = {c: f for c in set(_MAY_FOLD.findall(text))
             if (f := _fold_char(c)) != c and (c.isalnum() or f.isalnum())}
    if any(f in table for f in table.values()):  # replacing in turn could fold twice
        return text.translate({ord(c): f for c, f in table.items()})
    # One str.replace per character (a text has a few: Latin capitals, full-width forms):
    # each is a fast scan, where str.translate costs ~150 ns a character of a Chinese text
    # (half the time of indexing it).
    for c, f in table.items():
        text = text.replace(c, f)
    return text


def runs(text: str) -> list[str]:
    """The runs of letters and digits of a text, folded: what is indexed and what a query asks."""
    return _RUN.findall(_fold_letters(text))


def keys(text: str) -> Counter[str]:
    """Every bigram of every run, and each run's last letter followed by a space, with counts."""
    found = runs(text)
    return Counter(_KEY.findall(" ".join(found) + " ")) if found else Counter()


# ---------------------------------------------------------------- postings

# For each document holding a key, in order of ids: ``id * 2 + several``, then the count less
# two when several (holding it more than once). Each number is a little-endian base-32 varint
# in the characters below: 0–31 end a number, 32–63 carry five bits and go on. A group has
# ~16 documents, so most postings take one character.
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def _varint(v: int) -> str:
    out = []
    while v >= 32:
        out.append(DIGITS[32 + (v & 31)])
        v >>= 5
    out.append(DIGITS[v])
    return "".join(out)


_SMALL = [_varint(v) for v in range(1024)]


def _number(v: int) -> str:
    return _SMALL[v] if v < 1024 else _varint(v)


def encode_postings(postings: Iterable[tuple[int, int]]) -> str:
    """``(id, count)`` pairs, ids ascending, as a string of :data:`DIGITS`."""
    return "".join(_number(i * 2) if n == 1 else _number(i * 2 + 1) + _number(n - 2) for i, n in postings)


_VALUE = {c: i for i, c in enumerate(DIGITS)}


def decode_postings(text: str) -> dict[int, int]:
    """id → count."""
    numbers = []
    acc = shift = 0
    for c in text:
        d = _VALUE[c]
        if d >= 32:
            acc |= (d - 32) << shift
            shift += 5
        else:
            numbers.append(acc | (d << shift))
            acc = shift = 0
    out = {}
    i = 0
    while i < len(numbers):
        v = numbers[i]
        if v & 1:
            out[v >> 1] = numbers[i + 1] + 2
            i += 2
        else:
            out[v >> 1] = 1
            i += 1
    return out


# ---------------------------------------------------------------- documents → files


def _hash(*parts: object) -> str:
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _pow2(n: float) -> int:
    return 1 << math.ceil(math.log2(n)) if n > 1 else 1


def group_count(documents: int) -> int:
    return _pow2(documents / GROUP_SIZE)


def block_count(documents: int) -> int:
    # Never more blocks than groups: BLOCK_SIZE >= GROUP_SIZE, and both are powers of two.
    return min(MAX_BLOCKS, _pow2(documents / BLOCK_SIZE), group_count(documents))


def shard_count(documents: int) -> int:
    """Shards of each block."""
    return min(MAX_SHARDS, _pow2(documents / block_count(documents) / DOCS_PER_SHARD))


@functools.lru_cache(maxsize=1 << 16)  # every document at every build, in a long-running preview server too
def _group_of(url: str, groups: int) -> int:
    return int.from_bytes(hashlib.sha256(url.encode()).digest()[:4], "big") % groups


TEXTS = f"{FOLDER}/text/"


def text_name(doc: SearchDoc) -> str:
    return _text_name(doc.key)


@functools.lru_cache(maxsize=1 << 16)
def _text_name(key: str) -> str:
    return hashlib.sha256(f"{FORMAT}\0{key}".encode()).hexdigest()[:16]


class PartCache:
    """Where the build keeps each group's parts between builds, by the group's key: a memo only.

    One folder per index (a variant of the site gets its own): assembling the shards forgets
    the groups that are gone.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str, shards: int) -> list[bytes] | None:
        try:
            data = (self.folder / f"{key}.bin").read_bytes()
            (count,) = struct.unpack_from("<I", data)
            if count != shards:
                return None
            sizes = struct.unpack_from(f"<{count}I", data, 4)
            parts, at = [], 4 + 4 * count
            for size in sizes:
                parts.append(data[at:at + size])
                at += size
            return parts if at == len(data) else None
        except (OSError, struct.error):
            return None

    def put(self, key: str, parts: list[bytes]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{key}.bin"
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(struct.pack(f"<I{len(parts)}I", len(parts), *map(len, parts)) + b"".join(parts))
        os.replace(tmp, target)

    def keep(self, keys: Set[str]) -> None:
        if self.folder.is_dir():
            for f in self.folder.glob("*.bin"):
                if f.stem not in keys:
                    f.unlink(missing_ok=True)


def index_files(docs: Sequence[SearchDoc], cache: PartCache | None = None) -> list[IndexFile]:
    """Every file of the index with its key; nothing is read or indexed until it is rendered."""
    count, blocks, shards = group_count(len(docs)), block_count(len(docs)), shard_count(len(docs))
    members: list[list[SearchDoc]] = [[] for _ in range(count)]
    for doc in docs:
        members[_group_of(doc.url, count)].append(doc)
    per_block = count // blocks
    block_groups = [groups for b in range(blocks)
                    if (groups := [tuple(sorted(m, key=lambda d: d.url))
                                   for m in members[b * per_block:(b + 1) * per_block] if m])]
    group_keys = [[_hash(FORMAT, shards, [[d.url, d.title, d.date, d.key] for d in g]) for g in groups]
                  for groups in block_groups]
    block_keys = [_hash(FORMAT, shards, keys) for keys in group_keys]
    folders = [f"{FOLDER}/{key[:16]}/" for key in block_keys]
    manifest = {"format": FORMAT, "blocks": folders, "shards": shards, "texts": TEXTS}
    names = {d.key: text_name(d) for d in docs}
    every_group = frozenset(k for keys in group_keys for k in keys)
    files = [IndexFile(MANIFEST, _hash(manifest), functools.partial(_json, manifest))]
    for groups, keys, key, folder in zip(block_groups, group_keys, block_keys, folders, strict=True):
        table = [[[d.url, d.title, d.date, names[d.key]] for d in g] for g in groups]
        assemble = functools.cache(functools.partial(_assemble, groups, keys, shards, cache, every_group))
        files.append(IndexFile(folder + "docs.json", key, functools.partial(_json, table)))
        files += [IndexFile(f"{folder}{n}.json", key, functools.partial(_shard, assemble, n))
                  for n in range(shards)]
    texts = {f"{TEXTS}{names[d.key]}.txt": d for d in docs}
    files += [IndexFile(p, names[texts[p].key], functools.partial(_text, texts[p])) for p in sorted(texts)]
    return files


def build_index(docs: Sequence[SearchDoc], cache: PartCache | None = None) -> dict[str, bytes]:
    """The whole index as ``{path: bytes}``: the same bytes for the same documents."""
    return {f.path: f.render() for f in index_files(docs, cache)}


def _text(doc: SearchDoc) -> bytes:
    return doc.text().encode("utf-8")


def _shard(assemble: Callable[[], list[bytes]], n: int) -> bytes:
    return assemble()[n]


def _assemble(groups: list[tuple[SearchDoc, ...]], group_keys: list[str], shards: int,
              cache: PartCache | None, every_group: frozenset[str]) -> list[bytes]:
    """Every shard of a block: its groups' parts, indexed or taken from the cache, joined."""
    columns: list[list[bytes]] = [[] for _ in range(shards)]
    for group, key in zip(groups, group_keys, strict=True):
        parts = cache.get(key, shards) if cache else None
        if parts is None:
            parts = index_group(group, shards)
            if cache:
                cache.put(key, parts)
        for column, part in zip(columns, parts, strict=True):
            column.append(part)
    if cache:
        cache.keep(every_group)  # of every block: the others' groups are still wanted
    return [b"[" + b",".join(column) + b"]" for column in columns]


def index_group(group: Sequence[SearchDoc], shards: int) -> list[bytes]:
    """A group's part of each shard: ``{first letter: "second letters|postings,postings,…"}``.

    Keys, and the second letters of a first letter, are sorted by code point.
    """
    postings: dict[str, str] = {}  # key → encoded postings (see encode_postings), built up in order of ids
    get = postings.get
    for ident, doc in enumerate(group):
        once, several = _number(ident * 2), _number(ident * 2 + 1)
        for key, n in keys(doc.title + "\n" + doc.text()).items():
            postings[key] = get(key, "") + (once if n == 1 else several + _number(n - 2))
    parts: list[list[str]] = [[] for _ in range(shards)]
    first, seconds, lists = "", [], []
    for key in [*sorted(postings), "  "]:  # a last key that begins with no letter closes the last letter
        if key[0] != first:
            if first:
                parts[ord(first) % shards].append(f'"{first}":"{"".join(seconds)}|{",".join(lists)}"')
            first, seconds, lists = key[0], [], []
        seconds.append(key[1])
        lists.append(postings.get(key, ""))
    # The bytes _json would write (first letters come in order; letters, digits, spaces and
    # DIGITS need no escaping), without its cost for each of the shards at every re-index.
    return [("{" + ",".join(p) + "}").encode() for p in parts]


def read_part(part: dict[str, str]) -> dict[str, dict[str, str]]:
    """A group's part of a shard as ``{first letter: {second letter: encoded postings}}``."""
    out = {}
    for first, value in part.items():
        seconds, _, lists = value.partition("|")
        out[first] = dict(zip(seconds, lists.split(","), strict=True))
    return out


# ---------------------------------------------------------------- the query (search.js does the same)


@dataclass(frozen=True)
class Hit:
    url: str
    title: str
    date: str | None
    score: int  # phrase occurrences, as far as the index can tell (an upper bound)
    title_hit: bool


def parse_query(query: str) -> list[str]:
    """The runs a query asks for, each once, in order."""
    return list(dict.fromkeys(runs(query)))


def _run_keys(run: str) -> list[str]:
    return list(dict.fromkeys(run[i:i + 2] for i in range(len(run) - 1)))


def candidates(files: dict[str, bytes], query: str) -> list[Hit]:
    """Documents holding every bigram of the query (every letter of a one-letter run), best first.

    A run of two letters or more scores the least count of its bigrams, a one-letter run the
    number of times its letter occurs; a document's score is the sum over the runs. Order:
    the query in the title first, then score, then newest, then URL.
    """
    wanted = parse_query(query)
    if not wanted:
        return []
    manifest = json.loads(files[MANIFEST])
    shards = manifest["shards"]
    loaded: dict[str, list[dict[str, dict[str, str]]]] = {}

    def letter(folder: str, first: str, group: int) -> dict[str, str]:
        """second letter → encoded postings in a group of a block, for the keys that begin with ``first``."""
        path = f"{folder}{ord(first) % shards}.json"
        if path not in loaded:
            loaded[path] = [read_part(p) for p in json.loads(files[path])]
        return loaded[path][group].get(first, {})

    hits = []
    for folder, group, docs in _groups(files, manifest):
        scores: dict[int, int] | None = None
        for run in wanted:
            counts: dict[int, int] = {}
            if len(run) == 1:
                for value in letter(folder, run, group).values():
                    for ident, n in decode_postings(value).items():
                        counts[ident] = counts.get(ident, 0) + n
            else:
                for i, key in enumerate(_run_keys(run)):
                    value = letter(folder, key[0], group).get(key[1])
                    if value is None:
                        counts = {}
                        break
                    found = decode_postings(value)
                    counts = found if i == 0 else {d: min(c, found[d]) for d, c in counts.items() if d in found}
            scores = counts if scores is None else {d: s + counts[d] for d, s in scores.items() if d in counts}
            if not scores:
                break
        for ident, score in (scores or {}).items():
            url, title, date, _ = docs[ident]
            folded = fold(title)
            hits.append(Hit(url, title, date, score, all(r in folded for r in wanted)))
    hits.sort(key=lambda h: (not h.title_hit, -h.score, _newest_first(h.date), h.url.encode("utf-16-be")))
    return hits


def _groups(files: dict[str, bytes], manifest: dict[str, Any]) -> Iterator[tuple[str, int, list[list[str]]]]:
    """(block folder, group number in the block, its documents), block by block."""
    for folder in manifest["blocks"]:
        for group, docs in enumerate(json.loads(files[folder + "docs.json"])):
            yield folder, group, docs


def _newest_first(date: str | None) -> tuple[int, ...]:
    return (*(-ord(c) for c in date), 0) if date else (1,)


def search(files: dict[str, bytes], query: str, pages: int = 1) -> list[Hit]:
    """What search.js lists after showing ``pages`` pages: each page of :data:`PAGE_SIZE`
    candidates is reordered once its texts are read, documents that hold every run of the
    query as written (not only its bigrams) first, the order otherwise kept."""
    found = candidates(files, query)
    wanted = parse_query(query)
    manifest = json.loads(files[MANIFEST])
    text_of = {url: f"{manifest['texts']}{name}.txt"
               for _folder, _group, docs in _groups(files, manifest) for url, _t, _d, name in docs}
    out: list[Hit] = []
    for start in range(0, min(len(found), pages * PAGE_SIZE), PAGE_SIZE):
        batch = found[start:start + PAGE_SIZE]

        def exact(hit: Hit) -> bool:
            text = fold(hit.title + "\n" + files[text_of[hit.url]].decode("utf-8"))
            return all(r in text for r in wanted)

        out.extend(sorted(batch, key=lambda h: not exact(h)))  # stable: the order otherwise kept
    return out
