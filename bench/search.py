"""Search for Chinese: publisher's bigram index against Pagefind's extended build, measured.

    python bench/search.py [--docs 1000] [--skip-browser]

What it measures (the figures and the decision are in bench/SEARCH.md):

* correctness on the seeds: for queries of two characters inside longer words (and the
  phrases 党风廉政, 两个确立, one character), which documents each finds against the truth
  (the documents whose title or text holds the query); precision and recall;
* index size on the seeds and on ``--docs`` synthetic documents of ~7,500 characters
  (sentences of the seeds, reshuffled; and the same with 15 % of the characters replaced at
  random, for a vocabulary as large as a real collection's), raw and gzipped;
* build time: Pagefind over the built HTML; publisher's index from scratch and after a
  one-document change (groups taken from the cache).

Pagefind (``pip install 'pagefind[extended]'``, which ships its binary) is skipped with a
note where it is not installed; it is queried in headless Chromium (Debian's, through
Playwright) with its own ``pagefind.js``, over a server on 127.0.0.1. Nothing here is fetched
from the network.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher.config import load_config  # noqa: E402
from publisher.pipeline import convert_file  # noqa: E402
from publisher.site import search  # noqa: E402
from publisher.site.build import build_site  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Two characters inside longer words (风廉, 个确, 政建 cross the words 党风|廉政, 两个|确立,
#: 廉政|建设), the two phrases of the issue, one character.
QUERIES = ["廉政", "确立", "党风", "风廉", "个确", "政建", "两个", "住建", "联考", "考核", "安全", "基层",
           "党风廉政", "两个确立", "廉"]


def seed_site(work: Path) -> Path:
    (work / "content").mkdir(parents=True)
    (work / "publisher.toml").write_text("pdf = false\n", encoding="utf-8")
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, work / "content" / p.name)
    config = load_config(work)
    report = build_site(config)
    assert not report.failures, report.failures
    return config.output_dir


def site_docs(site: Path) -> list[search.SearchDoc]:
    """The documents as the site's index holds them (its docs.json and text files)."""
    manifest = json.loads((site / search.MANIFEST).read_text(encoding="utf-8"))
    return [search.make_doc(url, title, date, (site / f"{manifest['texts']}{name}.txt").read_text(encoding="utf-8"))
            for folder in manifest["blocks"]
            for group in json.loads((site / folder / "docs.json").read_text(encoding="utf-8"))
            for url, title, date, name in group]


def truth(docs: list[search.SearchDoc], query: str) -> set[str]:
    return {d.url for d in docs if query in search.fold(d.title + "\n" + d.text())}


def read_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def sizes(files: dict[str, bytes]) -> tuple[int, int]:
    return sum(map(len, files.values())), sum(len(gzip.compress(v, 9, mtime=0)) for v in files.values())


def synthetic(count: int, replace: float) -> list[search.SearchDoc]:
    """``count`` documents of ~7,500 characters: the seeds' sentences, reshuffled; with
    ``replace`` of the Chinese characters swapped for random ones of the seeds."""
    docs = [d for p in sorted(SEEDS.glob("*.txt")) for d in convert_file(p).documents]
    sentences = [s for d in docs for b in d.blocks for s in re.findall(r".+?[。！？；]|.+$", b.text)]
    chars = [c for s in sentences for c in s if "\u4e00" <= c <= "\u9fff"]
    out = []
    for i in range(count):
        rnd = random.Random(i)
        parts, size = [], 0
        while size < 7500:
            s = rnd.choice(sentences)
            if replace:
                s = "".join(rnd.choice(chars) if "\u4e00" <= c <= "\u9fff" and rnd.random() < replace else c
                            for c in s)
            parts.append(s)
            size += len(s)
        date = f"{2010 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(search.make_doc(f"doc-{i:04d}/", f"文稿第{i + 1}篇", date, "\n".join(parts)))
    return out


def time_ours(docs: list[search.SearchDoc]) -> dict[str, float]:
    """Full index (empty cache) and after a one-document change (the other groups cached)."""
    cache_dir = Path(tempfile.mkdtemp(prefix="search-cache-"))
    try:
        cache = search.PartCache(cache_dir)
        t = time.perf_counter()
        files = search.build_index(docs, cache)
        full = time.perf_counter() - t
        keys = {f.path: f.key for f in search.index_files(docs, cache)}
        one = []
        for r in range(3):
            changed = list(docs)
            d = docs[len(docs) // 3]
            changed[len(docs) // 3] = search.make_doc(d.url, d.title, d.date, d.text() + "补充一句。" * (r + 1))
            t = time.perf_counter()
            for f in search.index_files(changed, cache):
                if keys.get(f.path) != f.key:  # the build carries the others over (the other blocks, the texts)
                    f.render()
            one.append(time.perf_counter() - t)
        raw, gz = sizes({k: v for k, v in files.items() if not k.endswith(".txt")})
        text_raw, text_gz = sizes({k: v for k, v in files.items() if k.endswith(".txt")})
        manifest = json.loads(files[search.MANIFEST])
        shard_sizes = [len(v) for k, v in files.items() if re.search(r"/\d+\.json$", k)]
        return {"full": full, "one": min(one), "index": raw, "index_gz": gz, "text": text_raw, "text_gz": text_gz,
                "files": len(files), "blocks": len(manifest["blocks"]), "shards": manifest["shards"],
                "shard_avg": sum(shard_sizes) / len(shard_sizes),
                "shard_max": max(shard_sizes)}
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)


def have_pagefind() -> bool:
    try:
        import pagefind  # noqa: F401
    except ImportError:
        return False
    return True


def run_pagefind(site: Path, glob: str, root: str) -> dict[str, float]:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", glob, "--root-selector", root,
                    "--quiet"], check=True, capture_output=True)
    elapsed = time.perf_counter() - t
    bundle = site / "pagefind"
    index = {k: v for k, v in read_files(bundle).items() if ".pf_" in k or k.endswith("pagefind-entry.json")}
    raw = sum(map(len, index.values()))  # Pagefind gzips its index files itself
    every = sum(map(len, read_files(bundle).values()))
    return {"time": elapsed, "index": raw, "bundle": every, "files": len(index)}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def _browser_on(site: Path, handler: type[_Quiet] = _Quiet) -> Iterator[tuple[Any, str]]:
    """Headless Chromium and a local HTTP server of ``site``: yields (browser, base URL)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                yield browser, f"http://127.0.0.1:{server.server_port}/"
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def query_pagefind(site: Path, queries: list[str]) -> dict[str, list[str]]:
    """Each query through Pagefind's own pagefind.js in headless Chromium: result URLs, best first."""
    with _browser_on(site) as (browser, base):
        page = browser.new_page()
        page.goto(f"{base}404.html")
        out = {}
        for q in queries:
            out[q] = page.evaluate(
                """async (q) => { const pf = await import('/pagefind/pagefind.js');
                   const s = await pf.search(q); const data = await Promise.all(s.results.map(r => r.data()));
                   return data.map(d => d.url); }""", q)
    return {q: [u.strip("/").split("/")[-1] + "/" for u in urls] for q, urls in out.items()}


def query_ours_in_browser(site: Path, queries: list[str]) -> dict[str, list[str]] | None:
    """The same queries through the theme's search.js in headless Chromium (URLs listed, best first)."""
    with _browser_on(site) as (browser, base):
        page = browser.new_page()
        out = {}
        for q in queries:
            page.goto(f"{base}search/?q={q}")
            page.wait_for_function("document.getElementById('search-status').textContent.startsWith('找到')"
                                   " || document.getElementById('search-status').textContent.startsWith('没有')")
            out[q] = page.eval_on_selector_all("#search-results .doc-list-title a",
                                               "els => els.map(a => a.getAttribute('href'))")
    return {q: [h.strip("/").split("/")[-1] + "/" for h in hrefs] for q, hrefs in out.items()}


class _Counting(_Quiet):
    served: list[str]

    def send_head(self):  # type: ignore[no-untyped-def]
        f = super().send_head()
        if f is not None:
            self.served.append(self.translate_path(self.path))
        return f


def fetched(site: Path, queries: list[str], pagefind: bool) -> dict[str, tuple[int, int, int]]:
    """What the server sends for each query (fresh browser context): bytes as stored, bytes
    gzipped (what a server that compresses sends; Pagefind's files are gzipped already) and
    requests, not counting the page, its styles and scripts, and Pagefind's code and WASM.
    search.js shows its first page of results (their texts read); Pagefind's API loads the
    data of the first five results (what its UI shows first)."""
    served: list[str] = []
    handler = type("Handler", (_Counting,), {"served": served})
    out = {}
    with _browser_on(site, handler) as (browser, base):
        for q in queries:
            context = browser.new_context()
            page = context.new_page()
            if pagefind:
                page.goto(base + "search/")
                page.evaluate("async () => { const pf = await import('/pagefind/pagefind.js'); await pf.init(); }")
                served.clear()
                page.evaluate("""async (q) => { const pf = await import('/pagefind/pagefind.js');
                                 const s = await pf.search(q);
                                 await Promise.all(s.results.slice(0, 5).map(r => r.data())); }""", q)
            else:
                served.clear()
                page.goto(base + "search/?q=" + q)
                page.wait_for_function("/^(找到|没有)/.test(document.getElementById('search-status').textContent)")
            files = [Path(p) for p in served if Path(p).is_file()
                     and not p.endswith((".html", ".css", ".js", ".svg", ".pagefind"))
                     and "pagefind-entry" not in p and ".pf_meta" not in p]
            data = [f.read_bytes() for f in files]
            out[q] = (sum(map(len, data)), sum(len(gzip.compress(d, 9, mtime=0)) for d in data), len(files))
            context.close()
    return out


def pages_of(docs: list[search.SearchDoc], folder: Path) -> None:
    """Plain HTML pages of the documents, for Pagefind (lang zh-Hans, the text in <main>)."""
    from html import escape

    for d in docs:
        body = "".join(f"<p>{escape(line)}</p>" for line in d.text().split("\n"))
        page = folder / d.url / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{escape(d.title)}'
                        f"</title></head><body><main><h1>{escape(d.title)}</h1>{body}</main></body></html>",
                        encoding="utf-8")


def score(found: list[str], right: set[str]) -> str:
    hits = len(set(found) & right)
    wrong = len(set(found) - right)
    return f"{hits}/{len(right)}" + (f" +{wrong} wrong" if wrong else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--skip-browser", action="store_true", help="no Chromium: Pagefind is not queried")
    args = parser.parse_args()
    pagefind = have_pagefind()
    browser = not args.skip_browser and Path(CHROMIUM).exists()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        work = Path(tmp)
        site = seed_site(work / "seeds")
        docs = site_docs(site)
        print(f"seeds: {len(docs)} documents, {sum(len(d.text()) for d in docs):,} characters of text")

        ours = {q: [h.url for h in search.search(read_files(site), q, pages=10)] for q in QUERIES}
        in_browser = query_ours_in_browser(site, QUERIES) if browser else None
        if in_browser is not None:
            assert in_browser == ours, (in_browser, ours)
        theirs = None
        if pagefind:
            pf_site = work / "pagefind-seeds"
            shutil.copytree(site, pf_site)
            pf = run_pagefind(pf_site, "0*/index.html", "article.document")  # the documents, not lists or nav
            if browser:
                theirs = query_pagefind(pf_site, QUERIES)
        print("\nquery      truth  bigram index (publisher)   Pagefind extended")
        for q in QUERIES:
            right = truth(docs, q)
            line = f"{q}{'　' * (5 - len(q))} {len(right):>4}   {score(ours[q], right):<24}"
            if theirs is not None:
                line += f"  {score(theirs[q], right)}"
                if theirs[q] and theirs[q][0] not in right:
                    line += " (first result wrong)"
            print(line)
        if in_browser is not None:
            print("(search.js in Chromium listed exactly what search.py's reference lists, in the same order)")

        seed_index = {k: v for k, v in read_files(site).items()
                      if k == search.MANIFEST or k.startswith(search.FOLDER + "/")}
        raw, gz = sizes({k: v for k, v in seed_index.items() if not k.endswith(".txt")})
        text_raw, text_gz = sizes({k: v for k, v in seed_index.items() if k.endswith(".txt")})
        t = time.perf_counter()
        search.build_index(docs)
        ours_time = time.perf_counter() - t
        print(f"\nseeds, bigram index: {raw / 1e3:.0f} KB ({gz / 1e3:.0f} KB gzipped) + texts {text_raw / 1e3:.0f} KB "
              f"({text_gz / 1e3:.0f} KB gzipped); built in {ours_time:.3f} s")
        if pagefind:
            print(f"seeds, Pagefind: index and fragments {pf['index'] / 1e3:.0f} KB (gzipped by Pagefind), "
                  f"whole bundle with its JS/WASM {pf['bundle'] / 1e3:.0f} KB; built in {pf['time']:.2f} s")

        for replace in (0.0, 0.15):
            many = synthetic(args.docs, replace)
            chars = sum(len(d.text()) for d in many)
            m = time_ours(many)
            print(f"\n{args.docs} documents ({chars / 1e6:.1f} M characters, {int(replace * 100)} % replaced): "
                  f"bigram index {m['index'] / 1e6:.1f} MB ({m['index_gz'] / 1e6:.1f} MB gzipped) in {m['blocks']} "
                  f"blocks of {m['shards']} shards (avg {m['shard_avg'] / 1e3:.0f} KB, "
                  f"max {m['shard_max'] / 1e3:.0f} KB) + texts "
                  f"{m['text'] / 1e6:.1f} MB ({m['text_gz'] / 1e6:.1f} MB gzipped), {m['files']} files; "
                  f"full build {m['full']:.1f} s, one-document change {m['one']:.3f} s")
            if pagefind:
                pf_dir = work / f"pagefind-{replace}"
                pages_of(many, pf_dir)
                pf = run_pagefind(pf_dir, "**/*.html", "main")
                print(f"{'':>{len(str(args.docs))}} Pagefind: index and fragments {pf['index'] / 1e6:.1f} MB "
                      f"(gzipped) in {pf['files']} files; full build {pf['time']:.1f} s (every build)")
                if browser:
                    # the same folder gets publisher's index and search page beside Pagefind's bundle
                    for path, data in search.build_index(many).items():
                        (pf_dir / path).parent.mkdir(parents=True, exist_ok=True)
                        (pf_dir / path).write_bytes(data)
                    shutil.copytree(site / "static", pf_dir / "static")
                    (pf_dir / "search" / "index.html").write_bytes((site / "search" / "index.html").read_bytes())
                    probe = ["党风廉政", "建设", "廉"]
                    mine, theirs_ = fetched(pf_dir, probe, False), fetched(pf_dir, probe, True)
                    for q in probe:
                        print(f"  query {q}: search.js reads {mine[q][0] / 1e3:.0f} KB ({mine[q][1] / 1e3:.0f} KB "
                              f"gzipped) in {mine[q][2]} requests; Pagefind {theirs_[q][0] / 1e3:.0f} KB in "
                              f"{theirs_[q][2]} requests")
        if not pagefind:
            print("\n(Pagefind is not installed: pip install 'pagefind[extended]')")


if __name__ == "__main__":
    main()
