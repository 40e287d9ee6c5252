"""Traditional Chinese: OpenCC conversion throughput, and what the zh-Hant edition adds to a build.

    python bench/variants.py [--docs 1000] [--repeat 3]

* conversion: the seeds' documents repeated 20 times through publisher.variants.convert_document
  (s2tw), MB/s of their text, best of --repeat;
* build: a site of --docs documents (the seeds' documents with varied titles and dates, as in
  bench/site.py), HTML only, full build with variants = ["zh-Hans"] and with ["zh-Hans", "zh-Hant"].
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher.config import load_config  # noqa: E402
from publisher.pipeline import convert_file  # noqa: E402
from publisher.site.build import CACHE_DIR, build_site  # noqa: E402
from publisher.variants import Converter, convert_document  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def make_markdown(count: int) -> list[tuple[str, str]]:
    """The same documents as bench/site.py builds (a module named site cannot be imported as one)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "bench" / "site.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.make_markdown(count)


def bench_conversion(repeat: int) -> None:
    docs = [d for p in sorted(SEEDS.glob("*.txt")) for d in convert_file(p).documents] * 20
    size = sum(len(((d.title or "") + "".join(b.text for b in d.blocks)).encode()) for d in docs) / 1e6
    converter = Converter.create("s2tw")
    convert_document(docs[0], converter)  # load OpenCC's dictionaries first
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for doc in docs:
            convert_document(doc, converter)
        best = min(best, time.perf_counter() - start)
    print(f"conversion: {len(docs)} documents, {size:.1f} MB in {best:.2f} s: {size / best:.1f} MB/s")


def bench_build(count: int, repeat: int) -> None:
    files = make_markdown(count)
    work = Path(tempfile.mkdtemp(prefix="publisher-variants-"))
    try:
        (work / "content").mkdir()
        for name, text in files:
            (work / "content" / name).write_text(text, encoding="utf-8")
        times = {}
        for label, variants in (("zh-Hans", '["zh-Hans"]'), ("zh-Hans + zh-Hant", '["zh-Hans", "zh-Hant"]')):
            (work / "publisher.toml").write_text(f"pdf = false\nvariants = {variants}\n", encoding="utf-8")
            best = float("inf")
            for _ in range(repeat):
                for folder in ("site", ".site.spare", CACHE_DIR):
                    shutil.rmtree(work / folder, ignore_errors=True)
                start = time.perf_counter()
                build_site(load_config(work))
                best = min(best, time.perf_counter() - start)
            times[label] = best
            print(f"full build, {count} documents, {label:18} {best:7.2f} s")
        extra = times["zh-Hans + zh-Hant"] - times["zh-Hans"]
        print(f"the zh-Hant edition adds {extra:.2f} s ({100 * extra / times['zh-Hans']:.0f} %)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    bench_conversion(args.repeat)
    bench_build(args.docs, args.repeat)


if __name__ == "__main__":
    main()
