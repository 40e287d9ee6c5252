"""Slugs and relative URLs. A slug can never name a path outside the output folder."""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata

_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)
_DASHES = re.compile(r"-{2,}")
#: Names the site itself uses at its top level.
RESERVED = frozenset({"tags", "archive", "search", "static", "page", "pdf", "404", "index", "zh-hant"})


@functools.lru_cache(maxsize=65536)  # every document and keyword, at every build
def slugify(text: str, fallback: str = "doc") -> str:
    """A readable, safe path segment: letters (Chinese too), digits, ``-`` and ``_``.

    Dots, slashes and every other character become dashes, so ``../../x`` is ``x``.
    """
    text = unicodedata.normalize("NFC", text).strip().lower()
    text = _UNSAFE.sub("-", text)
    text = _DASHES.sub("-", text).strip("-_")
    return text[:80].strip("-_") or fallback


def unique_slugs(wanted: list[str]) -> list[str]:
    """Resolve collisions deterministically: the second ``x`` becomes ``x-2``, and so on."""
    taken: set[str] = set()
    out = []
    for slug in wanted:
        base = slug if slug not in RESERVED else f"{slug}-doc"
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
