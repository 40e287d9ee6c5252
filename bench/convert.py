"""Conversion speed: MB/s of publisher's convert on the seeds, against autocorrect-py on the same text.

    python bench/convert.py [--mb 10] [--repeat 3] [--corpus files|one|both] [--profile]

Two inputs of at least --mb megabytes of UTF-8, both made of the five seed manuscripts
(../shared/seeds/*.txt):

* ``files`` (the headline figure, how convert is used): the seeds as separate texts,
  repeated until they add up to --mb; each is converted on its own.
* ``one``: the same texts joined with blank lines into one string, converted as a single
  text. Unrealistic (no manuscript is 10 MB, and the structure stage sees one huge file),
  but it shows what per-call overhead costs and whether any stage grows worse than linearly.

Rows, best of --repeat (time.perf_counter; the rows take turns within each round): clean only;
clean + structure; full convert to Markdown (convert_text and render_markdown of every
document); full convert to JSON (convert_text and render_json); and autocorrect-py's
``format`` (a Rust CJK text fixer that does far less: spacing and punctuation, no line
joining, no structure) on the same texts in the same run. Reading (bytes → text) is not
timed: every row starts from str. The ratios against autocorrect-py are given best against
best and, steadier where the machine's speed drifts, as the median of each round's ratio.
``--profile`` prints the top functions of a cProfile run of convert → Markdown instead.

``--command`` also times the command users run, ``publisher convert DIR -o OUT``, on the
``files`` corpus written out as files: start-up, reading and encoding detection, writing, and
with ``-j 1`` (one process) and ``-j 0`` (one per core: the files are shared among processes).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
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


def seed_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seeds in {SEEDS}")
    return texts


def corpus_files(megabytes: float) -> list[str]:
    """The seeds as separate texts, repeated until they add up to ``megabytes``."""
    seeds = seed_texts()
    size = sum(len(t.encode()) for t in seeds)
    return seeds * max(1, math.ceil(megabytes * 1e6 / size))


def timed_rounds(fns: list[Callable[[], object]], repeat: int) -> list[list[float]]:
    """Each function's time in each round; the functions take turns within a round, so that load
    from other processes on the machine falls on every row alike."""
    rounds = []
    for _ in range(repeat):
        times = []
        for fn in fns:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        rounds.append(times)
    return rounds


def to_markdown(texts: list[str]) -> None:
    for t in texts:
        for doc in convert_text(t, "x.txt", "utf-8").documents:
            render_markdown(doc)


def to_json(texts: list[str]) -> None:
    for t in texts:
        render_json(convert_text(t, "x.txt", "utf-8"))


def rows(texts: list[str]) -> list[tuple[str, Callable[[], object]]]:
    out: list[tuple[str, Callable[[], object]]] = [
        ("clean", lambda: [clean(t) for t in texts]),
        ("clean + structure", lambda: [structure(clean(t)) for t in texts]),
        ("convert → Markdown", lambda: to_markdown(texts)),
        ("convert → JSON", lambda: to_json(texts)),
    ]
    try:
        import autocorrect_py
    except ImportError:
        return out
    out.append(("autocorrect-py format", lambda: [autocorrect_py.format(t) for t in texts]))
    return out


def measure(label: str, texts: list[str], repeat: int) -> dict[str, float]:
    """MB/s of each row, best of the rounds; and, under "<row> / autocorrect-py", the median of
    the rounds' ratios."""
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"\n{label}: {len(texts)} text{'s' if len(texts) > 1 else ''}, {mb:.2f} MB; best of {repeat}")
    print(f"{'':24} {'MB':>7} {'seconds':>8} {'MB/s':>7}")
    speeds = {}
    table = rows(texts)
    rounds = timed_rounds([fn for _name, fn in table], repeat)
    for i, (name, _fn) in enumerate(table):
        seconds = min(r[i] for r in rounds)
        speeds[name] = mb / seconds
        print(f"{name:24} {mb:7.2f} {seconds:8.2f} {mb / seconds:7.2f}")
    names = [name for name, _fn in table]
    if "autocorrect-py format" not in names:
        print("autocorrect-py is not installed (pip install autocorrect-py): no ratio")
        return speeds
    ac = names.index("autocorrect-py format")
    for name in ("convert → Markdown", "convert → JSON"):
        # Best against best, and the ratio within each round: on a machine whose speed drifts
        # (a shared virtual machine), the rounds' median is the steadier figure.
        i = names.index(name)
        per_round = sorted(r[ac] / r[i] for r in rounds)
        speeds[f"{name} / autocorrect-py"] = statistics.median(per_round)
        print(f"{name} / autocorrect-py: {speeds[name] / speeds['autocorrect-py format']:.2f} (best against best);"
              f" by round: median {statistics.median(per_round):.2f}, {per_round[0]:.2f} to {per_round[-1]:.2f}")
    return speeds


def measure_command(texts: list[str], repeat: int, autocorrect_speed: float | None) -> None:
    """``publisher convert DIR -o OUT`` as users run it, with one process and with one per core."""
    publisher = Path(sys.executable).with_name("publisher")
    command = [str(publisher)] if publisher.exists() else [sys.executable, "-m", "publisher"]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"\ncommand: publisher convert DIR -o OUT, {len(texts)} files, {mb:.2f} MB; best of {repeat};"
          f" {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp, "in")
        source.mkdir()
        for i, text in enumerate(texts):
            Path(source, f"{i:05}.txt").write_text(text, encoding="utf-8")
        for workers in ("1", "0"):
            best = math.inf
            for n in range(repeat):
                out = Path(tmp, f"out-{workers}-{n}")
                start = time.perf_counter()
                subprocess.run([*command, "convert", str(source), "-o", str(out), "-j", workers], check=True)
                best = min(best, time.perf_counter() - start)
            ratio = f", {mb / best / autocorrect_speed:.2f} of autocorrect-py" if autocorrect_speed else ""
            print(f"-j {workers}: {best:6.2f} s {mb / best:7.2f} MB/s{ratio}")


def profile(texts: list[str], top: int = 30) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(to_markdown, texts)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0, help="megabytes of input, at least (default 10)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per row; the best counts (default 3)")
    ap.add_argument("--corpus", choices=("files", "one", "both"), default="both")
    ap.add_argument("--profile", action="store_true", help="cProfile convert → Markdown of the files corpus")
    ap.add_argument("--command", action="store_true", help="also time `publisher convert DIR -o OUT` (-j 1, -j 0)")
    args = ap.parse_args()
    files = corpus_files(args.mb)
    if args.profile:
        profile(files)
        return
    headline = None
    if args.corpus in ("files", "both"):
        headline = measure("files (headline): the seeds as separate texts", files, args.repeat)
    if args.corpus in ("one", "both"):
        measure("one: the same texts joined into one string", ["\n\n".join(files)], args.repeat)
    if headline and "autocorrect-py format" in headline:
        speed, ac = headline["convert → Markdown"], headline["autocorrect-py format"]
        by_round = headline["convert → Markdown / autocorrect-py"]
        print(f"\nheadline: convert → Markdown {speed:.2f} MB/s, autocorrect-py {ac:.2f} MB/s, ratio {speed / ac:.2f}"
              f" (median by round {by_round:.2f})")
    if args.command:
        measure_command(files, args.repeat, headline.get("autocorrect-py format") if headline else None)


if __name__ == "__main__":
    main()
