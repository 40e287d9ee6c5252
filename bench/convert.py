"""Conversion speed: MB/s of publisher's convert on the seeds, against autocorrect-py on the same text.

    python bench/convert.py [--mb 10] [--repeat 3]

The seeds are converted as separate manuscripts, repeated until they add up to at
least --mb megabytes of UTF-8 (that is how users convert: many files). Reported,
best of --repeat: clean only; clean + structure; full convert to Markdown; full
convert to JSON; and autocorrect-py's ``format`` (a Rust CJK text fixer that does
far less: spacing and punctuation, no structure) on the same texts.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher.clean import clean  # noqa: E402
from publisher.pipeline import convert_text  # noqa: E402
from publisher.structure import structure  # noqa: E402
from publisher.write.json import render_json  # noqa: E402
from publisher.write.markdown import render_markdown  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def texts(megabytes: float) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    out: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for text in seeds:
            out.append(text)
            size += len(text.encode())
    return out


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    corpus = texts(args.mb)
    mb = sum(len(t.encode()) for t in corpus) / 1e6

    def to_markdown() -> None:
        for t in corpus:
            for doc in convert_text(t, "x.txt", "utf-8").documents:
                render_markdown(doc)

    def to_json() -> None:
        for t in corpus:
            render_json(convert_text(t, "x.txt", "utf-8"))

    rows = [
        ("clean", lambda: [clean(t) for t in corpus]),
        ("clean + structure", lambda: [structure(clean(t)) for t in corpus]),
        ("convert → Markdown", to_markdown),
        ("convert → JSON", to_json),
    ]
    try:
        import autocorrect_py

        rows.append(("autocorrect-py format", lambda: [autocorrect_py.format(t) for t in corpus]))
    except ImportError:
        autocorrect_py = None
    print(f"{len(corpus)} manuscripts, {mb:.1f} MB; best of {args.repeat}")
    speeds = {}
    for name, fn in rows:
        seconds = best(fn, args.repeat)
        speeds[name] = mb / seconds
        print(f"{name:24} {seconds:7.2f} s  {mb / seconds:7.1f} MB/s")
    if autocorrect_py is None:
        print("autocorrect-py is not installed: pip install autocorrect-py")
        return
    ratio = speeds["convert → Markdown"] / speeds["autocorrect-py format"]
    print(f"convert → Markdown / autocorrect-py: {ratio:.2f}")


if __name__ == "__main__":
    main()
