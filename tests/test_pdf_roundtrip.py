"""Each seed typeset into a PDF and read back with pdftotext comes back as its titles, headings and paragraphs.

The PDFs are made from the seeds' documents with the real WeasyPrint (tests/pdf_typeset.py):
A4, a running header and page numbers on every page, paragraphs justified with a
two-character indent. poppler's pdftotext reads them back as users copy out of PDFs,
with and without -layout. Converting that text must give the documents converting the
seed gave: the same titles, the same headings at the same levels, the same run-in leads,
the same blocks with the same texts; and no header or page number anywhere.

Exact equality holds for the seeds in both modes. It rests on what each mode keeps:
-layout keeps the indent of a paragraph's first line; plain pdftotext loses it, and a
paragraph start is then told by its first line being about two characters short of full
after a sentence ended. That leaves real ambiguities in plain mode, none of which the
seeds as typeset here run into: a line inside a paragraph pulled two characters short
(marks that may not start a line drag a character down) right after a full line that
ends a sentence reads as a new paragraph, and a one-line paragraph after a full line
that ends a sentence reads as that paragraph's last line.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from publisher.clean import clean
from publisher.clean.chars import HAN_RE as HAN
from publisher.model import Document
from publisher.pipeline import convert_file, convert_text

from .conftest import seed_paths
from .pdf_typeset import MODES, pdftotext, running_header, typeset

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

SEEDS = ("000", "001", "002", "003", "004")
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


class Typeset:
    """The seeds typeset once per session, each when a test first asks for it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.get = cache(self._typeset)

    def _typeset(self, prefix: str) -> tuple[tuple[Document, ...], dict[str, str]]:
        path = next((p for p in seed_paths() if p.name.startswith(prefix)), None)
        if path is None:
            pytest.skip("../shared/seeds is not there")
        documents = convert_file(path).documents
        pdf = typeset(documents, self.folder / f"{path.stem}.pdf")
        return documents, {mode: pdftotext(pdf, mode) for mode in MODES}


@pytest.fixture(scope="session")
def typeset_seeds(tmp_path_factory: pytest.TempPathFactory) -> Typeset:
    return Typeset(tmp_path_factory.mktemp("typeset"))


def outline(documents: tuple[Document, ...]) -> list[tuple[object, ...]]:
    """Everything the round trip must keep, block by block: kind, heading level, lead, text."""
    out: list[tuple[object, ...]] = []
    for doc in documents:
        out.append(("title", None, None, doc.title))
        out.extend((b.type, b.level, b.lead, b.text) for b in doc.blocks)
    return out


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("prefix", SEEDS)
def test_pdf_text_comes_back_as_the_seeds_documents(typeset_seeds, prefix, mode):
    documents, read_back = typeset_seeds.get(prefix)
    text = read_back[mode]
    header = running_header(documents)
    # The furniture is there to be removed: the header on every page, a number under it.
    assert text.count(header) >= 3 and PAGE_NUMBER.search(text) and "\f" in text
    if mode == "layout":
        assert re.search(r"(?m)^ {1,8}\S", text)  # paragraph starts indented

    back = convert_text(text, f"{prefix}.txt", "utf-8").documents

    assert outline(back) == outline(documents)
    assert not any(PAGE_NUMBER.search(t) for t in texts(back))
    # No header left over: it occurs exactly as often as in the documents (as the title where it is one).
    assert sum(t.count(header) for t in texts(back)) == sum(t.count(header) for t in texts(documents))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("prefix", SEEDS)
def test_cleaning_pdf_text_keeps_every_han_character_and_settles(typeset_seeds, prefix, mode):
    documents, read_back = typeset_seeds.get(prefix)
    text = read_back[mode]
    once = clean(text)
    assert clean(once) == once
    # What goes is the header above each page: its Han characters, as often as it is not the title.
    header = running_header(documents)
    headers = text.count(header) - sum(t.count(header) for t in texts(documents))
    assert len(HAN.findall(once)) == len(HAN.findall(text)) - headers * len(HAN.findall(header))


def texts(documents: tuple[Document, ...]) -> list[str]:
    return [d.title or "" for d in documents] + [b.text for d in documents for b in d.blocks]
