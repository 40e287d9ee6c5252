"""Project configuration: ``publisher.toml``, all of it optional.

Configuration flows one way: defaults → ``publisher.toml`` → command-line flags,
into one frozen :class:`SiteConfig` handed to the stages. Every problem in the
file is reported at once (unknown keys, wrong types), then the command aborts.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clean import RULE_NAMES, CleanOptions
from .errors import PublisherError

CONFIG_NAME = "publisher.toml"


class ConfigurationError(PublisherError):
    """``publisher.toml`` has unknown keys or values of the wrong type."""


@dataclass(frozen=True)
class SiteConfig:
    """Everything a build needs to know. Field docs are the documentation of ``publisher.toml``."""

    #: The site's name, shown in the header, the feed and the collection PDF's cover.
    title: str = "文稿汇编"
    #: Absolute URL the site is published at (https://example.org/docs/); enables canonical URLs,
    #: the sitemap's absolute locations and Open Graph URLs. Empty: relative links only.
    base_url: str = ""
    #: Default author for the feed and documents that name none.
    author: str = ""
    #: One-sentence description for the index page and the feed.
    description: str = ""
    #: Language of the source texts (BCP 47).
    language: str = "zh-Hans"
    #: Theme name: ``themes/NAME`` of the project, else the built-in theme of that name.
    theme: str = "default"
    #: Folder of manuscripts and edited Markdown, relative to the project.
    content: str = "content"
    #: Output folder, relative to the project.
    output: str = "site"
    #: Documents per index page.
    per_page: int = 50
    #: Render PDFs during ``publisher build``.
    pdf: bool = True
    #: Print style of the PDFs: "gongwen" (GB/T 9704, A4) or "book" (A5); front matter ``style:`` overrides.
    print_style: str = "gongwen"
    #: Processes rendering PDFs in parallel; 0: one per core.
    workers: int = 0
    #: Editions to build: "zh-Hans" (the texts as written) and "zh-Hant" (converted with OpenCC).
    variants: tuple[str, ...] = ("zh-Hans",)
    #: OpenCC configuration of the zh-Hant edition: s2tw (default), s2t, s2twp (Taiwan phrasing), s2hk.
    opencc: str = "s2tw"
    #: Where the zh-Hant edition lives in the site.
    hant_path: str = "zh-hant"
    #: Project dictionary overriding OpenCC (Simplified → Traditional), with opencc-phrases.txt.
    phrases: tuple[tuple[str, str], ...] = ()
    #: Spacing policy of the cleaning stage: "official" or "pangu".
    spacing: str = "official"
    #: Cleaning rules switched off by name.
    disable: tuple[str, ...] = ()
    #: The folder the configuration was read from; paths above are relative to it.
    root: Path = field(default=Path("."), compare=False)
    #: Settings files that could not be used, named with why: the build goes on without them
    #: and names them, exiting non-zero.
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    @property
    def clean_options(self) -> CleanOptions:
        return CleanOptions(spacing=self.spacing, disabled=frozenset(self.disable))  # type: ignore[arg-type]


_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,), "base_url": (str,), "author": (str,), "description": (str,), "language": (str,),
    "theme": (str,), "content": (str,), "output": (str,), "per_page": (int,), "pdf": (bool,),
    "print_style": (str,), "workers": (int,), "variants": (list, tuple), "opencc": (str,), "hant_path": (str,),
    "phrases": (dict,),
    "spacing": (str,), "disable": (list, tuple),
}


def _check(data: dict[str, Any]) -> list[str]:
    problems = []
    for key, value in data.items():
        if key not in _TYPES:
            problems.append(f"unknown key {key!r} (known: {', '.join(sorted(_TYPES))})")
            continue
        expected = _TYPES[key]
        if (isinstance(value, bool) and bool not in expected) or not isinstance(value, expected):
            problems.append(f"{key} must be {' or '.join(t.__name__ for t in expected)}, not {type(value).__name__}")
    if isinstance(data.get("per_page"), int) and not isinstance(data["per_page"], bool) and data["per_page"] < 1:
        problems.append("per_page must be at least 1")
    variants = data.get("variants", ["zh-Hans"])
    if isinstance(variants, list | tuple) and (not variants or set(variants) - {"zh-Hans", "zh-Hant"}):
        problems.append("variants must list zh-Hans and/or zh-Hant")
    if data.get("opencc", "s2tw") not in ("s2tw", "s2t", "s2twp", "s2hk"):
        problems.append("opencc must be s2tw, s2t, s2twp or s2hk")
    hant = data.get("hant_path", "zh-hant")
    if isinstance(hant, str) and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", hant):
        problems.append("hant_path must be one folder name of lowercase letters, digits and dashes")
    if data.get("print_style", "gongwen") not in ("gongwen", "book"):
        problems.append("print_style must be 'gongwen' or 'book'")
    if isinstance(data.get("workers"), int) and data["workers"] < 0:
        problems.append("workers must be 0 (one per core) or more")
    if data.get("spacing", "official") not in ("official", "pangu"):
        problems.append("spacing must be 'official' or 'pangu'")
    unknown_rules = set(data.get("disable") or ()) - set(RULE_NAMES)
    if unknown_rules:
        problems.append(f"disable names unknown rule(s): {', '.join(sorted(map(str, unknown_rules)))}")
    base = data.get("base_url", "")
    if isinstance(base, str) and base and not base.startswith(("http://", "https://")):
        problems.append("base_url must start with http:// or https://")
    return problems


def load_config(root: str | Path = ".", overrides: dict[str, Any] | None = None) -> SiteConfig:
    """Defaults, then ``root/publisher.toml`` if present, then ``overrides`` (from the command line)."""
    root = Path(root)
    data: dict[str, Any] = {}
    path = root / CONFIG_NAME
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigurationError(f"{path}: {exc}") from None
    data.update({k: v for k, v in (overrides or {}).items() if v is not None})
    problems = _check(data)
    if problems:
        raise ConfigurationError(f"{path}: " + "; ".join(problems))
    if "disable" in data:
        data["disable"] = tuple(data["disable"])
    if "variants" in data:
        data["variants"] = tuple(dict.fromkeys(data["variants"]))
    phrases = dict(data.pop("phrases", {}) or {})
    phrases_file = root / "opencc-phrases.txt"
    problems: list[str] = []
    if phrases_file.is_file():
        from .variants import read_phrases

        try:
            phrases = {**read_phrases(phrases_file), **phrases}
        except PublisherError as exc:  # one settings file: named, and the rest goes on without it
            problems.append(f"{exc.format_message()} (the zh-Hant edition is built without its overrides)")
    data["problems"] = tuple(problems)
    data["phrases"] = tuple(sorted((str(k), str(v)) for k, v in phrases.items()))
    if data.get("base_url") and not data["base_url"].endswith("/"):
        data["base_url"] += "/"
    return SiteConfig(root=root, **data)


SAMPLE_CONFIG = '''\
# publisher.toml: every key is optional; the values shown are the defaults.

# The site's name, shown in the header, the feed and the collection PDF's cover.
title = "文稿汇编"
# Absolute URL the site is published at; enables canonical URLs and absolute sitemap entries.
# base_url = "https://example.org/"
# Default author for the feed.
author = ""
description = ""
# Language of the source texts.
language = "zh-Hans"
# themes/NAME of this project, else the built-in theme of that name.
theme = "default"
# Manuscripts (.txt) and edited Markdown (.md); x.md wins over x.txt.
content = "content"
output = "site"
# Documents per index page.
per_page = 50
# Render PDFs during `publisher build`: one per document and one for the collection.
pdf = true
# Print style: "gongwen" (GB/T 9704-2012, A4) or "book" (A5); a document's front matter
# `style: book` overrides it.
print_style = "gongwen"
# Processes rendering PDFs in parallel; 0 is one per core.
workers = 0
# Editions: add "zh-Hant" for a Traditional Chinese site (and PDFs) under hant_path, made with
# OpenCC: s2tw (Taiwan characters, script only; default), s2t, s2twp (Taiwan phrasing), s2hk.
variants = ["zh-Hans"]
opencc = "s2tw"
hant_path = "zh-hant"
# Names and terms OpenCC gets wrong (also read from opencc-phrases.txt, one pair a line):
# [phrases]
# "余先生" = "余先生"

# Cleaning: "official" (no space between Chinese and Latin/digits) or "pangu" (one space).
spacing = "official"
# Cleaning rules to switch off, by name (see `publisher convert --help`).
disable = []
'''
