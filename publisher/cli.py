"""The command line: thin commands that parse options and call one library function each."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .batch import for_each_file
from .clean import RULE_NAMES, CleanOptions, clean, explain
from .errors import PublisherError, printable
from .markdown_reader import read_markdown
from .outputs import OutputFolder, output_stems
from .pipeline import convert_file, is_markdown
from .read import RawText, Skipped, find_manuscripts, read_file
from .write.json import dump_json, source_to_dict
from .write.markdown import render_markdown, split_markdown_names

if TYPE_CHECKING:
    from .config import SiteConfig
    from .site.build import BuildReport
    from .variants import Converter


def _clean_options(spacing: str, disable: tuple[str, ...]) -> CleanOptions:
    try:
        return CleanOptions(spacing=spacing, disabled=frozenset(disable))  # type: ignore[arg-type]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--disable/--spacing") from None


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _write_atomic(path: Path, content: str | bytes) -> None:
    """Write via a temporary file in the same folder, so a failure leaves nothing half-written.

    The temporary name is the target's with this process's id (not tempfile's random names,
    which cost more than the write itself for a folder of small files); one left by a
    process that died is taken over.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd = os.open(tmp, _NEW_FILE, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, _NEW_FILE, 0o644)
    except FileExistsError:
        tmp.unlink()
        fd = os.open(tmp, _NEW_FILE, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_spacing_option = click.option(
    "--spacing", type=click.Choice(["official", "pangu"]), default="official", show_default=True,
    help="Space between Chinese and Latin/digits: none (official documents) or one (pangu).")
_disable_option = click.option(
    "--disable", multiple=True, metavar="RULE",
    help=f"Switch a cleaning rule off (repeatable). Rules: {', '.join(RULE_NAMES)}.")
_variant_option = click.option(
    "--variant", type=click.Choice(["zh-Hans", "zh-Hant"]), default="zh-Hans", show_default=True,
    help="zh-Hant: convert to Traditional Chinese with OpenCC.")
_opencc_option = click.option(
    "--opencc", "opencc_config", type=click.Choice(["s2tw", "s2t", "s2twp", "s2hk"]), default="s2tw",
    show_default=True, help="OpenCC configuration for zh-Hant (s2tw: Taiwan characters, no phrasing).")
_phrases_option = click.option(
    "--phrases", type=click.Path(dir_okay=False), default=None,
    help="Project dictionary overriding OpenCC (default: ./opencc-phrases.txt if there is one).")


def _converter(opencc_config: str, phrases: str | None) -> Converter:
    from .variants import PHRASES_FILE, Converter, read_phrases

    path = Path(phrases) if phrases else Path(PHRASES_FILE)
    if phrases and not path.is_file():
        raise PublisherError(f"{path}: no such file")
    return Converter.create(opencc_config, read_phrases(path) if path.is_file() else {})


_force_option = click.option("--force", is_flag=True,
                             help="Replace files already in the output folder (by default they are kept).")
_encoding_option = click.option("--encoding", default=None,
                                help="Read inputs in this encoding instead of detecting it.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="publisher")
def main() -> None:
    """Turn raw Chinese manuscripts into a clean, published collection."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(file_okay=False), default=None,
              help="Write one file per document into this folder instead of standard output.")
@click.option("--to", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@_encoding_option
@_spacing_option
@_disable_option
@_variant_option
@_opencc_option
@_phrases_option
@click.option("-j", "--workers", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes to convert with: 0 is one per core (a few small files use one).")
@_force_option
@click.option("--explain", is_flag=True,
              help="Print why each line was classed as it was, and what cleaning removed, instead of the output.")
def convert(paths: tuple[str, ...], output: str | None, fmt: str, encoding: str | None,
            spacing: str, disable: tuple[str, ...], variant: str, opencc_config: str, phrases: str | None,
            workers: int, force: bool, explain: bool) -> None:
    """Clean and structure manuscripts (files or folders) into Markdown or JSON."""
    options = _clean_options(spacing, disable)
    if explain:
        _explain(list(paths), options, encoding)
        return
    converter = _converter(opencc_config, phrases) if variant == "zh-Hant" else None
    files, skipped = find_manuscripts(list(paths))
    options = _with_shared_boilerplate(options, files, encoding)
    failed = len(_report_skipped(skipped))
    work = partial(_convert_and_render, options=options, encoding=encoding, converter=converter, fmt=fmt)
    results: list[_Rendered] = []
    folder = OutputFolder(Path(output), force) if output is not None else None
    stems = dict(zip(files, output_stems(paths, files), strict=True))
    for path, outcome in for_each_file(files, work, workers):
        if isinstance(outcome, PublisherError):
            _report(outcome)
            failed += 1
        elif folder is not None:
            # As each arrives: writing overlaps the workers' converting.
            failed += _write(outcome, folder, stems[path])
        else:
            results.append(outcome)
    if output is None:
        _print(results, fmt, several=len(files) > 1)
    if failed:
        sys.exit(2)


@dataclass(frozen=True)
class _Rendered:
    """One converted source as the command writes it: a JSON object, or one Markdown text per document."""

    source: str
    data: dict[str, Any] | None = None
    markdown: tuple[str, ...] = ()

    def files(self, stem: str | None = None) -> list[tuple[str, str]]:
        """(file name, text) of each output file."""
        stem = stem or Path(self.source).stem
        if self.data is not None:
            return [(f"{stem}.json", dump_json(self.data))]
        return list(zip(split_markdown_names(stem, len(self.markdown)), self.markdown, strict=True))


def _convert_and_render(path: Path, options: CleanOptions, encoding: str | None, converter: Converter | None,
                        fmt: str) -> _Rendered:
    """The work on one file, in a worker process when there are many (see :mod:`publisher.batch`)."""
    result = convert_file(path, options, encoding)
    if converter is not None:
        from .variants import convert_document

        result = replace(result, documents=tuple(convert_document(d, converter) for d in result.documents))
    if fmt == "json":
        return _Rendered(result.path, data=source_to_dict(result))
    return _Rendered(result.path, markdown=tuple(render_markdown(doc, source=result.path) for doc in result.documents))


def _print(results: list[_Rendered], fmt: str, several: bool) -> None:
    if fmt == "json":
        if several:
            click.echo(dump_json([r.data for r in results if r.data is not None]), nl=False)
        elif results:
            click.echo(results[0].files()[0][1], nl=False)
        return
    click.echo("\n".join(text for r in results for text in r.markdown), nl=False)


def _write(rendered: _Rendered, folder: OutputFolder, stem: str) -> int:
    """Write each output file of one source under a name of its own; how many were refused."""
    refused = 0
    for name, text in rendered.files(stem):
        base, suffix = os.path.splitext(name)
        try:
            target = folder.target(folder.name(base, suffix), rendered.source)
        except PublisherError as exc:
            _report(exc)
            refused += 1
            continue
        _write_atomic(target, text)
    return refused


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_encoding_option
@_spacing_option
@_disable_option
@_variant_option
@_opencc_option
@_phrases_option
def check(paths: tuple[str, ...], encoding: str | None, spacing: str, disable: tuple[str, ...],
          variant: str, opencc_config: str, phrases: str | None) -> None:
    """List each fix cleaning would make (rule, line, before → after); exit 1 if any.

    With --variant zh-Hant, list instead every character that has several Traditional
    forms, with the form OpenCC chose and its context, for an editor to review.
    """
    options = _clean_options(spacing, disable)
    if variant == "zh-Hant":
        _check_variant(paths, encoding, options, _converter(opencc_config, phrases))
        return
    changes = 0
    files, skipped = find_manuscripts(list(paths))
    options = _with_shared_boilerplate(options, files, encoding)
    failed = _report_skipped(skipped)
    for raw in _read_each(files, encoding, failed):
        if is_markdown(raw.path):  # the edited copy is not cleaned, but it must read
            try:
                read_markdown(raw.text, raw.path)
            except PublisherError as exc:
                _report(exc)
                failed.append(Path(raw.path))
            continue
        for fix in explain(raw.text, options):
            changes += 1
            click.echo(f"{raw.path}:{fix.line}: {fix.rule}: {_quoted(fix.before)} → {_quoted(fix.after)}")
    if failed:
        sys.exit(2)
    if changes:
        click.echo(f"{changes} fix(es) would be made", err=True)
        sys.exit(1)


@main.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option("-o", "--output", default=None, help="Output folder (default: site/ of the project).")
@click.option("-v", "--verbose", is_flag=True, help="List every file written.")
@click.option("--variant", "variants", multiple=True, type=click.Choice(["zh-Hans", "zh-Hant"]),
              help="Editions to build (repeatable), instead of publisher.toml's variants.")
def build(project: str, output: str | None, verbose: bool, variants: tuple[str, ...]) -> None:
    """Build the static site of PROJECT (its content/ folder and publisher.toml)."""
    from .config import load_config

    config = load_config(project, {"output": output, "variants": list(variants) or None})
    report = _run_build(config, verbose)
    _report_failures(config, report)
    click.echo(f"built {report.documents} document(s) into {config.output_dir}: "
               f"{len(report.written)} file(s) written, {len(report.reused)} unchanged", err=True)
    if report.failures:
        click.echo(f"{len(report.failures)} source(s) failed", err=True)
        sys.exit(1)


def _report_failures(config: SiteConfig, report: BuildReport) -> None:
    """Each source or setting that failed, named from the current folder."""
    for failure in report.failures:
        where = f"{config.content_dir / failure.source}: " if failure.in_content else ""
        click.echo(printable(f"error: {where}{failure.reason}"), err=True)


def _run_build(config: SiteConfig, verbose: bool, render_pdfs: bool = True, preview: bool = False) -> BuildReport:
    from .site.build import build_site

    if not sys.stderr.isatty():
        report = build_site(config, render_pdfs=render_pdfs, preview=preview)
    else:
        with click.progressbar(length=1, label="building", file=sys.stderr) as bar:
            def progress(path: str, n: int, total: int) -> None:
                bar.length = total
                bar.update(n - bar.pos)

            report = build_site(config, progress, render_pdfs=render_pdfs, preview=preview)
    if verbose:
        for path in report.written:
            click.echo(printable(f"wrote {path}"), err=True)
    return report


@main.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
@click.option("-o", "--output", default=None, help="Output folder (default: site/ of the project).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (localhost only by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a web browser.")
@click.option("--poll", is_flag=True, help="Poll for changes (file systems without change events).")
@click.option("--pdf/--no-pdf", "render_pdfs", default=False, show_default=True,
              help="Render outdated PDFs on every rebuild (slow); by default the preview keeps the PDFs "
                   "it has and `publisher build` renders the rest.")
@click.option("-v", "--verbose", is_flag=True, help="List every file written.")
def serve(project: str, output: str | None, host: str, port: int, open_browser: bool, poll: bool,
          render_pdfs: bool, verbose: bool) -> None:
    """Build PROJECT, serve its site locally, rebuild on change and reload the open page."""
    from .config import CONFIG_NAME, load_config
    from .serve import serve as serve_site
    from .site.theme import builtin_themes

    config = load_config(project, {"output": output})
    root = Path(project)

    def rebuild() -> None:
        current = load_config(project, {"output": output})  # publisher.toml may have changed
        report = _run_build(current, verbose, render_pdfs, preview=True)
        _report_failures(current, report)
        click.echo(f"rebuilt {report.documents} document(s): {len(report.written)} file(s) written", err=True)

    folders = [config.content_dir, root / "themes", root / "templates", builtin_themes()]
    serve_site(config.output_dir, rebuild, watch_folders=folders, watch_files=[root / CONFIG_NAME],
               host=host, port=port, open_browser=open_browser, poll=poll,
               echo=lambda message: click.echo(message, err=True), build_first=True)


@main.command()
@click.argument("project", default=".", type=click.Path(file_okay=False))
def init(project: str) -> None:
    """Write a commented publisher.toml and a sample content/ folder into PROJECT."""
    from .config import CONFIG_NAME, SAMPLE_CONFIG
    from .samples import write_samples

    root = Path(project)
    root.mkdir(parents=True, exist_ok=True)
    config = root / CONFIG_NAME
    if config.exists():
        raise PublisherError(f"{config} exists already; nothing was changed")
    _write_atomic(config, SAMPLE_CONFIG)
    written = write_samples(root / "content")
    click.echo(f"wrote {config} and {len(written)} sample manuscript(s) in {root / 'content'}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(file_okay=False), default="pdf", show_default=True,
              help="Folder for the PDFs.")
@click.option("--style", type=click.Choice(["gongwen", "book"]), default=None,
              help="Print style (default: the document's front matter, else gongwen).")
@click.option("--collection", "collection_title", default=None, metavar="TITLE",
              help="Also write all documents as one book, collection.pdf, with this title.")
@_encoding_option
@_spacing_option
@_disable_option
@_force_option
def pdf(paths: tuple[str, ...], output: str, style: str | None, collection_title: str | None,
        encoding: str | None, spacing: str, disable: tuple[str, ...], force: bool) -> None:
    """Typeset manuscripts (files or folders) as PDFs, one per document."""
    from .pdf import PrintOptions, collection_pdf, document_pdf

    options = _clean_options(spacing, disable)
    folder = OutputFolder(Path(output), force)
    if collection_title:
        folder.reserve("collection.pdf")
    files, skipped = find_manuscripts(list(paths))
    failed = len(_report_skipped(skipped))
    stems = output_stems(paths, files)
    everything = []
    for path, stem in zip(files, stems, strict=True):
        try:
            source = convert_file(path, options, encoding)
        except PublisherError as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
            failed += 1
            continue
        names = split_markdown_names(stem, len(source.documents))
        for name, doc in zip(names, source.documents, strict=True):
            print_options = PrintOptions(style=(style or doc.meta.style or "gongwen"))  # type: ignore[arg-type]
            try:
                data = document_pdf(doc, print_options, str(path))
            except PublisherError as exc:
                click.echo(f"error: {exc.format_message()}", err=True)
                failed += 1
                continue
            try:
                target = folder.target(folder.name(name[: -len(".md")], ".pdf"))
            except PublisherError as exc:
                _report(exc)
                failed += 1
                continue
            _write_atomic(target, data)
            everything.append(doc)
            click.echo(printable(f"wrote {target}"), err=True)
    if collection_title and everything:
        try:
            target = folder.target("collection.pdf")
        except PublisherError as exc:
            _report(exc)
            sys.exit(2)
        _write_atomic(target, collection_pdf(everything, PrintOptions(style=style or "gongwen"),  # type: ignore[arg-type]
                                                   collection_title))
        click.echo(f"wrote {target}", err=True)
    if failed:
        sys.exit(2)


@main.command()
def doctor() -> None:
    """Tell which installed font serves each print role, and what is missing."""
    from .pdf.fonts import doctor_report

    missing = 0
    for _role, description, found in doctor_report():
        click.echo(f"{description}: {found}")
        missing += found.startswith("missing")
    if missing:
        sys.exit(1)


def _check_variant(paths: tuple[str, ...], encoding: str | None, options: CleanOptions,
                   converter: Converter) -> None:
    from .variants import Ambiguity, ambiguities

    files, skipped = find_manuscripts(list(paths))
    failed = _report_skipped(skipped)
    count = 0
    for raw in _read_each(files, encoding, failed):
        path = raw.path
        text = raw.text if is_markdown(path) else clean(raw.text, options)
        groups: dict[tuple[str, str], list[Ambiguity]] = {}
        for a in ambiguities(text, converter):
            groups.setdefault((a.char, a.chosen), []).append(a)
        for (char, chosen), found in groups.items():  # each choice once, with a few distinct examples
            count += len(found)
            samples: dict[str, Ambiguity] = {}
            for a in found:
                samples.setdefault(a.word, a)
            shown = "; ".join(f"{a.context} → {a.converted} (line {a.line})" for a in list(samples.values())[:3])
            click.echo(f"{path}: {char} → {chosen} ×{len(found)}: {shown}")
    click.echo(f"{count} place(s) to review; add overrides to opencc-phrases.txt where OpenCC chose wrongly",
               err=True)
    if failed:
        sys.exit(2)


#: Rules whose changes take text out (a junk line, a span): --explain lists each; the others' fixes
#: (spaces, punctuation) it counts, and ``check`` lists.
_NOTHING = "(nothing)"  # what a Fix shows where a rule left no text
_REMOVING_RULES = frozenset(name for name in RULE_NAMES if name.startswith("remove_"))


def _explain(paths: list[str], options: CleanOptions, encoding: str | None) -> None:
    """convert --explain: for each manuscript, what cleaning removed and why each line became what it is."""
    from .structure import Decision, structure

    files, skipped = find_manuscripts(paths)
    options = _with_shared_boilerplate(options, files, encoding)
    failed = _report_skipped(skipped)
    for raw in _read_each(files, encoding, failed):
        click.echo(f"== {raw.path}")
        if is_markdown(raw.path):
            click.echo("a Markdown source is read as it is written: nothing is cleaned or guessed")
            continue
        fixes = explain(raw.text, options)
        removed = [f for f in fixes if f.rule in _REMOVING_RULES]
        click.echo("cleaning (line numbers as each rule met the text):")
        for fix in removed:
            kept = "" if fix.after == _NOTHING else f" → {_quoted(fix.after)}"
            click.echo(printable(f"{fix.line}: removed by {fix.rule}: {_quoted(fix.before)}{kept}"))
        others = len(fixes) - len(removed)
        if others:
            click.echo(f"and {others} fix(es) of spaces, punctuation and line breaks: publisher check lists them")
        decisions: list[Decision] = []
        structure(clean(raw.text, options), decisions)
        click.echo("structure (line numbers of the cleaned text):")
        for decision in sorted(decisions, key=lambda d: d.line):
            click.echo(printable(decision.render()))
    if failed:
        sys.exit(2)


def _with_shared_boilerplate(options: CleanOptions, files: list[Path], encoding: str | None) -> CleanOptions:
    """The options, with the lines a template repeats across these manuscripts (three or more)."""
    from .clean.shared import MIN_FILES, shared_boilerplate

    texts = [p for p in files if not is_markdown(p)]
    if len(texts) < MIN_FILES or "remove_shared_boilerplate" in options.disabled:
        return options
    read = []
    for path in texts:
        try:
            read.append(read_file(path, encoding).text)
        except PublisherError:
            continue  # reported when the file's turn comes
    return replace(options, boilerplate=shared_boilerplate(read))


def _read_each(paths: list[Path], encoding: str | None, failed: list[Path]) -> Iterator[RawText]:
    """Each manuscript read, in order; one that cannot be read is reported and added to ``failed``."""
    for path, raw in for_each_file(paths, partial(read_file, encoding=encoding), workers=1):
        if isinstance(raw, PublisherError):
            _report(raw)
            failed.append(path)
        else:
            yield raw


def _report_skipped(skipped: list[Skipped]) -> list[Path]:
    """Name each path that was not read; the paths, to count among the failures."""
    for s in skipped:
        click.echo(printable(f"error: {s.path}: {s.reason}"), err=True)
    return [Path(s.path) for s in skipped]


def _report(error: PublisherError) -> None:
    click.echo(f"error: {error.format_message()}", err=True)


def _quoted(text: str, limit: int = 80) -> str:
    flat = text.replace("\n", "⏎").replace("\f", "␌")
    if len(flat) > limit:
        flat = flat[: limit // 2] + "…" + flat[-limit // 2:]
    return repr(flat)


if __name__ == "__main__":  # pragma: no cover
    main()
