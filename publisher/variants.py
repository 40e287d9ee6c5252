"""Script variants: a transform of the document model from Simplified to Traditional Chinese (and back).

OpenCC does the conversion. Its configurations, by what a reader gets:

* ``s2tw`` (default): Taiwan standard characters, script only — 干部 → 幹部, 里面 → 裡面;
* ``s2t``: OpenCC's own standard forms (裏, 麪, 喫), which look archaic to most readers;
* ``s2twp``: Taiwan characters and phrasing (软件 → 軟體), opt-in;
* ``s2hk``: Hong Kong standard characters.

A project dictionary overrides OpenCC for names and terms it gets wrong. Text
already in Traditional Chinese is kept as it is (and converted with ``t2s`` for
the Simplified edition). Only what a reader sees is converted: never slugs,
URLs, file names or front-matter keys.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import opencc

from .errors import PublisherError
from .model import Block, Document, Meta

CONFIGS = ("s2tw", "s2t", "s2twp", "s2hk")
#: The BCP 47 tag of each configuration's output.
LANG = {"s2tw": "zh-Hant", "s2t": "zh-Hant", "s2twp": "zh-Hant-TW", "s2hk": "zh-Hant-HK", "t2s": "zh-Hans"}
PHRASES_FILE = "opencc-phrases.txt"

#: Simplified characters that stand for several Traditional ones (干 → 干/幹/乾, 发 → 發/髮 …),
#: where a conversion deserves an editor's look.
AMBIGUOUS = frozenset("干发后面里台系历只准复余钟松斗制划范获当尽汇冲丑卜谷刮胡伙几姜借卷困腊蜡帘"
                      "炼么蒙弥蔑苹朴凄签秋曲舍沈适术苏坛叹涂托咸须旋症致周朱筑郁云征御")
_HAN = re.compile(r"[\u3400-\u9fff]")


@functools.cache
def _opencc(config: str) -> opencc.OpenCC:
    if config not in (*CONFIGS, "t2s"):
        raise PublisherError(f"unknown OpenCC configuration {config!r}: use one of {', '.join(CONFIGS)}")
    return opencc.OpenCC(config)


def read_phrases(path: Path) -> dict[str, str]:
    """A project dictionary: one ``简体<TAB or spaces>繁體`` pair a line; ``#`` starts a comment."""
    phrases: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PublisherError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise PublisherError(f"{path}: cannot be read ({exc.strerror})") from None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise PublisherError(f"{path}:{number}: expected two words, the Simplified form and its Traditional one")
        phrases[parts[0]] = parts[1]
    return phrases


@dataclass(frozen=True)
class Converter:
    """Simplified → Traditional with ``config`` and the project's ``phrases`` winning over OpenCC."""

    config: str = "s2tw"
    phrases: tuple[tuple[str, str], ...] = ()

    @classmethod
    def create(cls, config: str = "s2tw", phrases: dict[str, str] | None = None) -> Converter:
        _opencc(config)  # fail early on an unknown configuration
        ordered = tuple(sorted((phrases or {}).items(), key=lambda kv: (-len(kv[0]), kv[0])))
        return cls(config, ordered)

    @property
    def lang(self) -> str:
        return LANG[self.config]

    def convert(self, text: str) -> str:
        if not text:
            return text
        if not self.phrases:
            return _opencc(self.config).convert(text)
        # Convert the stretches between project phrases, and put each phrase's own form in.
        pattern = re.compile("|".join(re.escape(src) for src, _ in self.phrases))
        table = dict(self.phrases)
        out, last = [], 0
        for m in pattern.finditer(text):
            out.append(_opencc(self.config).convert(text[last:m.start()]))
            out.append(table[m.group()])
            last = m.end()
        out.append(_opencc(self.config).convert(text[last:]))
        return "".join(out)


@functools.cache
def _script_only_characters() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Characters that only Traditional text uses (t2s changes them) and only Simplified text uses.

    As character classes: a pattern finds them in C, where testing each character of a text
    against a set made a string object of every character (the build asks of every document).
    """
    every = "".join(chr(c) for c in range(0x4E00, 0xA000))
    to_simplified = _opencc("t2s").convert(every)
    to_traditional = _opencc("s2t").convert(every)
    traditional = sorted(a for a, b in zip(every, to_simplified, strict=False) if a != b)
    simplified = sorted(a for a, b in zip(every, to_traditional, strict=False) if a != b)
    return re.compile(f"[{''.join(traditional)}]"), re.compile(f"[{''.join(simplified)}]")


def is_traditional(text: str) -> bool:
    """Is the text written in Traditional characters (so OpenCC would change it back, not forth)?"""
    traditional, simplified = _script_only_characters()
    sample = text[:5000]
    if traditional.search(sample) is None:  # most Simplified text holds none at all
        return False
    return len(traditional.findall(sample)) > len(simplified.findall(sample))


def _convert_block(block: Block, fn: Callable[[str], str]) -> Block:
    # The lead and the rest are converted apart, so the lead stays a prefix of the text.
    if block.lead:
        lead = fn(block.lead)
        return replace(block, text=lead + fn(block.text[len(block.lead):]), lead=lead)
    return replace(block, text=fn(block.text))


def convert_document(doc: Document, converter: Converter) -> Document:
    """The document as a reader of the Traditional edition sees it.

    A document already in Traditional characters is returned unchanged.
    """
    if is_traditional(_text(doc)):
        return doc
    return _map_text(doc, converter.convert)


def to_simplified(doc: Document) -> Document:
    """For the Simplified edition: a Traditional document converted with ``t2s``; others as they are."""
    if not is_traditional(_text(doc)):
        return doc
    return _map_text(doc, _opencc("t2s").convert)


def _text(doc: Document) -> str:
    return (doc.title or "") + "".join(b.text for b in doc.blocks)


def _map_text(doc: Document, fn: Callable[[str], str]) -> Document:
    meta: Meta = doc.meta
    meta = replace(meta, issuer=fn(meta.issuer) if meta.issuer else None,
                   author=fn(meta.author) if meta.author else None,
                   summary=fn(meta.summary) if meta.summary else None,
                   keywords=tuple(fn(k) for k in meta.keywords))
    return Document(title=fn(doc.title) if doc.title else None, meta=meta,
                    blocks=tuple(_convert_block(b, fn) for b in doc.blocks))


@dataclass(frozen=True)
class Ambiguity:
    """A character with several Traditional forms, the form chosen, and where."""

    line: int
    char: str
    chosen: str
    context: str  # the Simplified text around it, the character in 【】
    converted: str  # the same stretch converted
    word: str  # the character with its neighbours, to group the same use together


def ambiguities(text: str, converter: Converter, width: int = 8) -> list[Ambiguity]:
    """Every occurrence of an :data:`AMBIGUOUS` character in ``text`` and what the conversion made of it."""
    out: list[Ambiguity] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not any(c in AMBIGUOUS for c in line):
            continue
        converted = converter.convert(line)
        mapping = _align(line, converted)
        for i, ch in enumerate(line):
            if ch not in AMBIGUOUS:
                continue
            j = mapping.get(i)
            chosen = converted[j] if j is not None else "?"
            lo, hi = max(0, i - width), min(len(line), i + width + 1)
            context = line[lo:i] + f"【{ch}】" + line[i + 1:hi]
            jlo = mapping.get(lo, lo)
            jhi = mapping.get(hi - 1, hi - 1) + 1
            out.append(Ambiguity(number, ch, chosen, context, converted[jlo:jhi], line[max(0, i - 1):i + 2]))
    return out


def _align(a: str, b: str) -> dict[int, int]:
    if len(a) == len(b):
        return {i: i for i in range(len(a))}
    mapping: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            mapping.update({i1 + k: j1 + k for k in range(i2 - i1)})
    return mapping
