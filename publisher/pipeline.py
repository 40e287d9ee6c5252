"""The pipeline, stage by stage: read → clean → structure; Markdown sources are read as they are."""

from __future__ import annotations

import os
from pathlib import Path

from .clean import CleanOptions, clean
from .model import SourceFile
from .read import read_file
from .structure import structure


def is_markdown(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in (".md", ".markdown")


def convert_text(text: str, path: str, encoding: str, options: CleanOptions | None = None) -> SourceFile:
    if is_markdown(path):
        from .markdown_reader import read_markdown

        return SourceFile(path=path, encoding=encoding, documents=(read_markdown(text, path),))
    return SourceFile(path=path, encoding=encoding, documents=structure(clean(text, options)))


def convert_file(path: str | os.PathLike[str], options: CleanOptions | None = None,
                 encoding: str | None = None) -> SourceFile:
    raw = read_file(path, encoding)
    return convert_text(raw.text, raw.path, raw.encoding, options)
