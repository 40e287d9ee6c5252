"""Each seed typeset into a PDF and read back with pdftotext comes back as its paragraphs and headings.

The PDFs are made here from the seeds with the real WeasyPrint: A4, a running header
and page numbers on every page, paragraphs with a two-character indent. poppler's
pdftotext reads them back, as users copy out of PDFs: with and without -layout.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from publisher.pipeline import convert_file, convert_text

from .conftest import seed_paths

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

HEADER = "某某市机关工作文件汇编"
CSS = """
@page { size: A4; margin: 25mm 22mm;
  @top-center { content: "HEADER"; font-family: "Noto Sans CJK SC"; font-size: 9pt; }
  @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC"; font-size: 10pt; } }
body { font-family: "Noto Serif CJK SC"; font-size: 12pt; line-height: 1.7; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 1em; }
h2, h3 { font-size: 12pt; font-family: "Noto Sans CJK SC"; margin: 0.5em 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
""".replace("HEADER", HEADER)


def _html(docs) -> str:
    parts = [f"<style>{CSS}</style>"]
    for doc in docs:
        if doc.title:
            parts.append(f"<h1>{html.escape(doc.title)}</h1>")
        for block in doc.blocks:
            tag = f"h{min(6, (block.level or 1) + 1)}" if block.type == "heading" else "p"
            parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
    return '<html lang="zh-Hans"><body>' + "\n".join(parts) + "</body></html>"


@pytest.fixture(scope="module")
def typeset(tmp_path_factory) -> dict[str, tuple[list, dict[str, str]]]:
    """seed name → (its documents, {"raw": text, "layout": text}) read back from its PDF."""
    from weasyprint import HTML

    if not seed_paths():
        pytest.skip("../shared/seeds is not there")
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for path in seed_paths():
        docs = list(convert_file(path).documents)
        pdf = folder / f"{path.stem}.pdf"
        HTML(string=_html(docs)).write_pdf(pdf)
        texts = {}
        for mode, args in (("raw", []), ("layout", ["-layout"])):
            texts[mode] = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"],
                                         capture_output=True, check=True).stdout.decode("utf-8")
        out[path.name[:3]] = (docs, texts)
    return out


def _blocks(docs) -> list[tuple[str, str]]:
    out = []
    for doc in docs:
        if doc.title:
            out.append(("title", doc.title))
        out.extend((b.type if b.type == "heading" else "text", b.text) for b in doc.blocks)
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("mode", ["raw", "layout"])
@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_pdf_text_comes_back_as_paragraphs_and_headings(typeset, name, mode):
    docs, texts = typeset[name]
    text = texts[mode]
    assert HEADER in text and re.search(r"—\s*2\s*—", text)  # the furniture is there to be removed
    back = convert_text(text, f"{name}.txt", "utf-8").documents
    got = _blocks(back)
    want = _blocks(docs)
    flat = "\n".join(t for _, t in got)
    assert HEADER not in flat and not re.search(r"—\s*\d+\s*—", flat)
    # Every heading comes back as a heading, every paragraph as one block, in order.
    want_headings = [t for k, t in want if k == "heading"]
    got_headings = [t for k, t in got if k == "heading"]
    assert got_headings == want_headings
    want_texts = [_squash(t) for k, t in want if k != "heading"]
    got_texts = [_squash(t) for k, t in got if k != "heading"]
    assert got_texts == want_texts
