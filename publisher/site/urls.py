"""Slugs and relative URLs. A slug can never name a path outside the output folder."""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata

_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)
_DASHES = re.compile(r"-{2,}")
#: Names the site itself uses at its top level ("collection": pdf/collection.pdf is the book of all).
RESERVED = frozenset({"tags", "archive", "search", "static", "page", "pdf", "404", "index", "zh-hant",
                      "collection"})
#: A slug is a file name (``pdf/SLUG.pdf``): most file systems take 255 bytes, and a
#: collision suffix and the extension need a few.
_SLUG_BYTES = 200


@functools.lru_cache(maxsize=65536)  # every document and keyword, at every build
def slugify(text: str, fallback: str = "doc") -> str:
    """A readable, safe path segment: letters (Chinese too), digits, ``-`` and ``_``.

    Dots, slashes and every other character become dashes, so ``../../x`` is ``x``.
    """
    text = unicodedata.normalize("NFC", text).strip().lower()
    text = _UNSAFE.sub("-", text)
    text = _DASHES.sub("-", text).strip("-_")
    text = text[:80]
    if len(text.encode("utf-8")) > _SLUG_BYTES:  # 80 characters of Extension B are 320 bytes
        text = text.encode("utf-8")[:_SLUG_BYTES].decode("utf-8", "ignore")
    return text.strip("-_") or fallback


def unique_slugs(wanted: list[str], reserved: frozenset[str] = RESERVED) -> list[str]:
    """Resolve collisions deterministically: the second ``x`` becomes ``x-2``, and so on."""
    taken: set[str] = set()
    out = []
    for slug in wanted:
        base = slug if slug not in reserved else f"{slug}-doc"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        out.append(candidate)
    return out


def relative_url(from_path: str, to_path: str) -> str:
    """A link from the page written at ``from_path`` to ``to_path`` (both relative to the site root).

    Paths ending in ``/`` are folders served by their ``index.html``. Relative links keep
    the site working under any base path and from the file system.
    """
    from_dir = posixpath.dirname(from_path) if not from_path.endswith("/") else from_path.rstrip("/")
    target = to_path
    rel = posixpath.relpath(target.rstrip("/") or ".", from_dir or ".")
    if (to_path == "" or to_path.endswith("/")) and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel
