"""PDF speed: pages per second, publisher against WeasyPrint rendering the same HTML directly.

    python bench/pdf.py [--docs 200] [--repeat 2]

Measured:

* the seeds, one PDF per document: publisher's ``document_pdf`` (glyph check, templates,
  WeasyPrint) against WeasyPrint alone on the HTML and CSS publisher produced — the
  difference is publisher's overhead;
* a site of ``--docs`` documents (the seeds' documents repeated) built with ``pdf = true``,
  with 1 and with 2 worker processes: pages per second of the whole PDF stage;
* the collection of those documents as one book.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402

from publisher.config import load_config  # noqa: E402
from publisher.pdf import PrintOptions, _css, _doc_context, collection_pdf, document_pdf  # noqa: E402
from publisher.pipeline import convert_file  # noqa: E402
from publisher.site.build import build_site  # noqa: E402
from publisher.site.theme import environment  # noqa: E402
from publisher.write.markdown import render_markdown  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def seed_documents() -> list:
    return [d for p in sorted(SEEDS.glob("*.txt")) for d in convert_file(p).documents]


def bench_seeds(repeat: int) -> None:
    options = PrintOptions()
    env = environment(ROOT, "default")
    docs = seed_documents()
    ours = direct = 0.0
    pages = 0
    for doc in docs:
        html = env.get_template("print/document.html").render(lang="zh-Hans", style="gongwen",
                                                               **_doc_context(doc, "gongwen"))
        css = _css(options)
        best_ours = best_direct = float("inf")
        for n in range(repeat):
            # Alternate which goes first, so neither gains from caches the other warmed.
            for which in ((0, 1) if n % 2 == 0 else (1, 0)):
                start = time.perf_counter()
                if which == 0:
                    pdf = document_pdf(doc, options)
                    best_ours = min(best_ours, time.perf_counter() - start)
                else:
                    HTML(string=html, base_url=".").write_pdf(stylesheets=[CSS(string=css)])
                    best_direct = min(best_direct, time.perf_counter() - start)
        ours += best_ours
        direct += best_direct
        pages += pages_of(pdf)
    print(f"seeds: {len(docs)} documents, {pages} pages")
    print(f"  publisher document_pdf    {ours:7.2f} s  {pages / ours:6.2f} pages/s")
    print(f"  WeasyPrint on same HTML   {direct:7.2f} s  {pages / direct:6.2f} pages/s")
    print(f"  publisher overhead        {100 * (ours - direct) / direct:6.1f} %")


def bench_site(count: int) -> None:
    docs = seed_documents()
    work = Path(tempfile.mkdtemp(prefix="publisher-pdf-bench-"))
    try:
        content = work / "content"
        content.mkdir()
        for i in range(count):
            doc = docs[i % len(docs)]
            varied = replace(doc, title=f"{doc.title or '文稿'}（第{i + 1}篇）",
                             meta=replace(doc.meta, date=f"{2015 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"))
            (content / f"doc-{i:04d}.md").write_text(render_markdown(varied), encoding="utf-8")
        for workers in (1, 2):
            shutil.rmtree(work / "site", ignore_errors=True)
            shutil.rmtree(work / ".site.spare", ignore_errors=True)
            shutil.rmtree(work / ".publisher-cache", ignore_errors=True)
            (work / "publisher.toml").write_text(f"pdf = true\nworkers = {workers}\n", encoding="utf-8")
            config = load_config(work)
            start = time.perf_counter()
            report = build_site(config)
            seconds = time.perf_counter() - start
            pdfs = sorted((work / "site" / "pdf").glob("doc-*.pdf"))
            pages = sum(pages_of(p.read_bytes()) for p in pdfs)
            collection = pages_of((work / "site" / "pdf" / "collection.pdf").read_bytes())
            assert not report.failures, report.failures
            print(f"site of {count} documents, {workers} worker(s): {seconds:7.1f} s for {pages} document pages "
                  f"+ a {collection}-page collection: {(pages + collection) / seconds:6.2f} pages/s")
        start = time.perf_counter()
        book = collection_pdf([docs[i % len(docs)] for i in range(min(count, 50))], PrintOptions(), "文稿汇编")
        seconds = time.perf_counter() - start
        print(f"collection of {min(count, 50)} documents alone: {pages_of(book)} pages in {seconds:.1f} s "
              f"({pages_of(book) / seconds:.2f} pages/s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    bench_seeds(args.repeat)
    bench_site(args.docs)


if __name__ == "__main__":
    main()
