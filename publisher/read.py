"""Reading: bytes on disk → text, with the encoding it was read in.

Chinese manuscripts arrive as UTF-8 (with or without BOM), UTF-16, GB18030 and
its subsets, or Big5. Statistical detectors misread short GBK text as Big5 or
cp949, so the order is fixed: a BOM, strict UTF-8, UTF-16 without BOM (told by
its NUL bytes), GB18030, and only then a detector. Plain gb2312/gbk are never
used: GB18030 is their superset and they fail on characters such as 䶮.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

#: File suffixes read as manuscripts when a folder is given.
MANUSCRIPT_SUFFIXES = (".txt", ".text", ".md", ".markdown")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class RawText:
    path: str
    text: str
    encoding: str


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _is_common(ch: str) -> bool:
    """ASCII, full-width punctuation, or a Hanzi among the most frequent (GB2312 level 1 or Big5 frequent)."""
    if ch.isascii() or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·":
        return True
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= ch.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def plausibility(text: str) -> float:
    """Share of characters that ordinary Chinese text is made of; a wrong decoding scores low."""
    sample = [c for c in text[:4000] if not c.isspace()]
    if not sample:
        return 1.0
    return sum(1 for c in sample if _is_common(c)) / len(sample)


def _most_plausible(data: bytes, encodings: tuple[str, ...]) -> tuple[str, str] | None:
    readings = []
    for rank, candidate in enumerate(encodings):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        readings.append((plausibility(text), -rank, text, candidate))
    if not readings:
        return None
    score, _, text, used = max(readings)
    return (text, used) if score >= 0.5 else None


#: Every byte but the control characters that binary files are full of and text never holds.
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL))  # what is left when the rest is deleted
    return controls > len(sample) * 0.05


_SURROGATE = re.compile("[\ud800-\udfff]")


def _checked(text: str, encoding: str, name: str) -> str:
    """Text that can be written out again: a lone surrogate (what ``unicode_escape`` makes of
    ``\\ud800``) is no character, and would stop every writer."""
    m = _SURROGATE.search(text)
    if m:
        raise InputError(f"{name}: read as {encoding}, it holds a lone surrogate (U+{ord(m.group()):04X}, "
                         f"character {m.start()}), which is no character; name another --encoding")
    return text


def _stray_ascii(data: bytes) -> bool:
    """UTF-16 of an odd length whose last byte is an ASCII character: a tool appended it
    (a newline, most often). Any other odd byte is half a character: the file was cut off."""
    last = data[-1]
    return len(data) % 2 == 1 and (0x20 <= last < 0x7F or last in (9, 10, 13))


def _utf16_with_stray_byte(data: bytes, encoding: str) -> str:
    """The UTF-16 text and the ASCII character appended to it (see :func:`_stray_ascii`)."""
    return data[:-1].decode(encoding) + chr(data[-1])


def decode(data: bytes, encoding: str | None = None, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode manuscript bytes; returns ``(text, encoding)`` or raises :class:`InputError`."""
    text, used = _decode(data, encoding, name)
    return _checked(text, used, name), used


def _decode(data: bytes, encoding: str | None, name: str) -> tuple[str, str]:
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        except UnicodeError as exc:  # UnicodeDecodeError, and what codecs such as idna raise
            where = f" (byte {exc.start})" if isinstance(exc, UnicodeDecodeError) else ""
            raise InputError(f"{name}: cannot be read as {encoding}{where}") from None
    bom = _bom_encoding(data)
    if bom:
        try:
            if bom == "utf-16" and _stray_ascii(data):
                return _utf16_with_stray_byte(data, bom), bom
            return data.decode(bom, errors="strict"), bom
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: begins with a {bom} byte-order mark but is not {bom} (byte {exc.start}); "
                             "name its encoding with --encoding") from None
    utf16 = ("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ()
    if b"\x00" in data and utf16:
        # UTF-16 without BOM: its ASCII characters carry NUL bytes.
        best = _most_plausible(data, utf16)
        if best:
            return best[0], "utf-16"
    if b"\x00" in data and len(data) > 2 and _stray_ascii(data):
        best = _most_plausible(data[:-1], ("utf-16-le", "utf-16-be"))
        if best:  # UTF-16 and one stray byte at the end
            return _utf16_with_stray_byte(data, best[1]), "utf-16"
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not a text manuscript")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 decodes almost any byte string, Big5 and UTF-16 included: choose by
    # which reading gives ordinary Chinese, GB18030 first among equals.
    best = _most_plausible(data, ("gb18030", "big5hkscs", *utf16))
    if best:
        text, used = best
        return text, {"big5hkscs": "big5", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(used, used)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: unknown encoding; name it with --encoding")
    return str(best), best.encoding


def read_file(path: str | os.PathLike[str], encoding: str | None = None) -> RawText:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{p}: is empty")
    text, used = decode(data, encoding, name=str(p))
    if not text.strip("\ufeff \t\r\n\f\u3000\u00a0"):
        raise InputError(f"{p}: is empty")
    return RawText(path=str(path), text=text, encoding=used)


@dataclass(frozen=True)
class Skipped:
    """A path that was not read, with why: named to the user, never silently dropped."""

    path: str
    reason: str


def shown_name(name: str) -> str:
    """A file name as it can be printed: one not in UTF-8 (GBK bytes from an old archive) as
    its GB18030 reading where it has one, else with its bytes escaped."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def _is_manuscript_name(name: str) -> bool:
    return (os.path.splitext(name)[1].lower() in MANUSCRIPT_SUFFIXES and not name.startswith(".")
            and name.lower() != "readme.md")  # a folder's README describes it; it is not content


def _file_problem(path: str, boundary: str | None, regular_only: bool = True) -> str | None:
    """Why the manuscript at ``path`` cannot be read, or None. ``regular_only=False``: a named
    pipe or a device given by name is read."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not UTF-8 (perhaps GBK from an old archive); rename the file"
    if os.path.islink(path):
        target = os.path.realpath(path)
        if not os.path.exists(path):
            return f"a link to nothing ({os.readlink(path)})"
        if boundary is not None and os.path.commonpath([boundary, target]) != boundary:
            return f"a link to outside the project ({target}); not followed"
    try:
        st = os.stat(path)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if regular_only and not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    return None


def walk_manuscripts(folder: Path, boundary: Path | None = None) -> tuple[list[str], list[Skipped]]:
    """Manuscripts below ``folder`` as sorted relative paths (``a/b.txt``), and what was skipped.

    Hidden files and folders and READMEs are not content. Linked folders are followed once
    (never round a loop); with a ``boundary``, no link that leaves it is followed. A folder
    that cannot be listed, a dangling link or a name that is not UTF-8 is skipped, and named.
    """
    root = os.fspath(folder)
    limit = os.path.realpath(boundary) if boundary is not None else None
    found: list[str] = []
    skipped: list[Skipped] = []
    visited = {os.path.realpath(root)}

    def unreadable(exc: OSError) -> None:
        where = os.path.relpath(exc.filename, root) if exc.filename else root
        skipped.append(Skipped(shown_name(where), f"folder cannot be read ({exc.strerror})"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=True):
        rel_dir = dirpath[len(root) + 1:]
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            path = os.path.join(dirpath, d)
            rel = f"{rel_dir}/{d}" if rel_dir else d
            if os.path.islink(path):
                real = os.path.realpath(path)
                if limit is not None and os.path.commonpath([limit, real]) != limit:
                    skipped.append(Skipped(shown_name(rel), f"a link to outside the project ({real}); not followed"))
                    continue
                if real in visited:
                    continue  # a loop, or a folder reached another way: its files are listed once
                visited.add(real)
            kept.append(d)
        dirnames[:] = kept
        for name in filenames:
            if not _is_manuscript_name(name):
                continue
            rel = f"{rel_dir}/{name}" if rel_dir else name
            problem = _file_problem(os.path.join(dirpath, name), limit)
            if problem:
                skipped.append(Skipped(shown_name(rel), problem))
            else:
                found.append(rel)
    found.sort()
    skipped.sort(key=lambda s: s.path)
    return found, skipped


def find_manuscripts(paths: list[str]) -> tuple[list[Path], list[Skipped]]:
    """Expand files and folders into a sorted list of manuscript files, and what was skipped.

    A missing path, an empty folder or an unreadable one is named in the second list; the
    others are still found.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            inside, problems = walk_manuscripts(p)
            skipped.extend(Skipped(shown_name(os.fspath(p / s.path)), s.reason) for s in problems)
            if not inside and not problems:
                skipped.append(Skipped(shown_name(raw), f"holds no manuscripts ({', '.join(MANUSCRIPT_SUFFIXES)})"))
            found.extend(p / rel for rel in inside)
        elif not p.exists() and not p.is_symlink():
            skipped.append(Skipped(shown_name(raw), "no such file or folder"))
        else:
            problem = _file_problem(raw, None, regular_only=False)
            if problem:
                skipped.append(Skipped(shown_name(raw), problem))
            else:
                found.append(p)
    return found, skipped
