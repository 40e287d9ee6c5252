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


def decode(data: bytes, encoding: str | None = None, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode manuscript bytes; returns ``(text, encoding)`` or raises :class:`InputError`."""
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


def find_manuscripts(paths: list[str]) -> list[Path]:
    """Expand files and folders into a sorted list of manuscript files."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            inside = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in MANUSCRIPT_SUFFIXES and not f.name.startswith(".")
                and f.name.lower() != "readme.md"  # a folder's README describes it; it is not content
            )
            if not inside:
                raise InputError(f"{p}: holds no manuscripts ({', '.join(MANUSCRIPT_SUFFIXES)})")
            found.extend(inside)
        else:
            found.append(p)
    return found
