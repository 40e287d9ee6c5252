"""Editions of a site: zh-Hans at the root, zh-Hant (OpenCC) under its own folder.

An edition is the same site in another script: the documents pass through
:mod:`publisher.variants`, and so does every word of the theme (navigation,
headings, the search interface) — but never a URL, a slug or a file name, so
every page has its counterpart at the same path in the other edition.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from jinja2.ext import Extension

from ..config import SiteConfig
from ..model import Document
from ..variants import Converter, convert_document, is_traditional, to_simplified
from .sources import Card, Entry

_JINJA_CODE = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})", re.DOTALL)


@dataclass(frozen=True)
class Edition:
    code: str  # "zh-Hans" or "zh-Hant"
    lang: str  # the <html lang> of its pages
    prefix: str  # "" or "zh-hant/"
    label: str  # the switcher shows the other edition's label
    config: str  # OpenCC configuration ("" for zh-Hans)
    phrases: tuple[tuple[str, str], ...] = ()

    @cached_property
    def converter(self) -> Converter | None:
        return Converter.create(self.config, dict(self.phrases)) if self.config else None

    def text(self, value: str) -> str:
        """A string of the theme or the configuration, as this edition shows it."""
        return self.converter.convert(value) if self.converter and value else value

    @property
    def key(self) -> str:
        return f"{self.code}:{self.config}:{self.phrases}"


def editions(config: SiteConfig) -> list[Edition]:
    out = []
    for code in config.variants:
        if code == "zh-Hant":
            converter = Converter.create(config.opencc)
            out.append(Edition("zh-Hant", converter.lang, f"{config.hant_path}/", "繁體", config.opencc,
                               config.phrases))
        else:
            out.append(Edition("zh-Hans", config.language, "", "简体", ""))
    return out


def edition_entries(entries: list[Entry], edition: Edition) -> list[Entry]:
    """The entries as the edition shows them: cards converted now, documents when they are read."""
    out = []
    for entry in entries:
        card = entry.card
        sample = (card.title or "") + card.summary
        if edition.converter is None:
            if not is_traditional(sample):
                out.append(entry)
                continue
            convert = _to_simplified_text
            load = _simplified_loader(entry)
        else:
            if is_traditional(sample):
                out.append(replace(entry, digest=f"{entry.digest}:{edition.key}"))
                continue
            convert = edition.converter.convert
            load = _traditional_loader(entry, edition.converter)
        meta = card.meta
        converted = Card(
            convert(card.title) if card.title else None,
            replace(meta, issuer=convert(meta.issuer) if meta.issuer else None,
                    author=convert(meta.author) if meta.author else None,
                    summary=convert(meta.summary) if meta.summary else None,
                    keywords=tuple(convert(k) for k in meta.keywords)),
            convert(card.summary),
            f"{card.key}:{edition.key}",  # the conversion is a function of the card and the edition
        )
        out.append(Entry(entry.source, entry.index, entry.slug, f"{entry.digest}:{edition.key}", converted, load,
                         tag_keys=entry.tag_keys or meta.keywords))
    return out


def _to_simplified_text(text: str) -> str:
    from ..variants import _opencc

    return _opencc("t2s").convert(text)


def _simplified_loader(entry: Entry) -> Callable[[], Document]:
    return lambda: to_simplified(entry.document)


def _traditional_loader(entry: Entry, converter: Converter) -> Callable[[], Document]:
    return lambda: convert_document(entry.document, converter)


class ThemeText(Extension):
    """Converts the words of the templates (never their code) for an edition in another script."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        edition: Edition | None = getattr(self.environment, "publisher_edition", None)
        if edition is None or edition.converter is None:
            return source
        parts = _JINJA_CODE.split(source)
        return "".join(part if i % 2 else edition.text(part) for i, part in enumerate(parts))
