"""``publisher build``: content folder → static site, atomically and incrementally.

Every output file is described by a key of everything it depends on (its data,
the configuration, the theme, the tool version). A file whose key is unchanged
since the last build is carried over (hard-linked) instead of being rendered again.

The new site is assembled in a spare folder beside the output — the previous
build's folder, so that only what changed has to be touched — and exchanged with
the output in one atomic rename, so an interrupted build never leaves half a site.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Callable, Iterator, Set
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import __version__
from ..config import SiteConfig
from ..errors import PublisherError
from ..pipeline import convert_file
from ..write.json import document_to_dict
from .editions import Edition, edition_entries, editions
from .feeds import atom_feed, robots, sitemap
from .html import render_body
from .pages import DocumentPage, ListPage, archive, document_pages, paginate, summary_of, tag_index
from .search import PartCache, SearchDoc, document_text, index_files
from .sources import DocumentStore, Entry, Failure, load_entries
from .theme import environment, static_files, theme_dirs
from .urls import relative_url

CACHE_DIR = ".publisher-cache"
MANIFEST = ".publisher-manifest.json"

Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    written: list[str] = field(default_factory=list)  # rendered this time
    reused: list[str] = field(default_factory=list)  # carried over from the previous build
    failures: list[Failure] = field(default_factory=list)
    documents: int = 0


@dataclass(frozen=True)
class Output:
    path: str  # file path under the site root
    key: str  # everything the content depends on
    render: Callable[[], bytes]
    #: Slow work that a worker process can do instead (a PDF): plain data for publisher.pdf.run_job.
    job: Callable[[], tuple[object, ...]] | None = None
    #: The source to name if rendering fails.
    source: str | None = None


def _digest(*parts: Any) -> str:
    """A key of everything given; strings (mostly other keys) are taken as they are, for speed.

    Hashed in one piece (the same bytes as one update per part, with fewer calls: thousands
    of keys at every build).
    """
    text = "".join(f"s{part}\0" if isinstance(part, str)
                   else json.dumps(part, ensure_ascii=False, sort_keys=True, default=str) + "\0" for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _theme_digest(config: SiteConfig) -> str:
    parts = []
    for folder in [config.root / "templates", *theme_dirs(config.root, config.theme)]:
        if folder.is_dir():
            parts.extend((f.relative_to(folder).as_posix(), _file_digest(f))
                         for f in sorted(folder.rglob("*")) if f.is_file())
    return _digest(parts)


def _page_ref(page: DocumentPage | None) -> str | None:
    """What a list shows of a page (title, summary, metadata, tags) and where it links, as a key.

    The card's key stands for what it shows (tags are made from its keywords); the edition,
    configuration and tool version are in every key that holds a page ref. Joined, not hashed:
    a key of every page, at every build.
    """
    if page is None:
        return None
    return f"{page.path}\0{page.entry.card.key}"


def _link_ref(page: DocumentPage | None) -> str:
    """What a link to a page shows: where it goes, its title and date.

    Joined, not JSON-encoded (a key of every page, and of the lists): the path and the date
    hold no NUL, so the title between them is unambiguous.
    """
    return "" if page is None else f"{page.path}\0{page.title}\0{page.meta.date or ''}"


def plan(config: SiteConfig, entries: list[Entry]) -> Iterator[Output]:
    """Every file of the site with its key and how to render it: each edition in its folder."""
    all_editions = editions(config)
    for edition in all_editions:
        for out in _plan_edition(config, edition_entries(entries, edition), edition, all_editions):
            yield replace(out, path=edition.prefix + out.path) if edition.prefix else out
    prefixes = [e.prefix for e in all_editions]
    yield Output("robots.txt", _digest(__version__, "robots", config.base_url, prefixes),
                 lambda: robots(config, prefixes).encode("utf-8"))


def _plan_edition(config: SiteConfig, entries: list[Entry], edition: Edition,
                  all_editions: list[Edition]) -> Iterator[Output]:
    env = environment(config.root, config.theme, config.root / CACHE_DIR / "templates", edition)
    # How many processes render PDFs changes nothing in the output.
    settings = {k: v for k, v in asdict(config).items() if k not in ("root", "workers", "problems")}
    base_key = _digest(__version__, settings, _theme_digest(config), edition.key)
    pages = document_pages(entries)
    tags = tag_index(pages)
    years = archive(pages)
    site = {"config": config, "tags": tags, "years": years, "count": len(pages),
            "title": edition.text(config.title), "description": edition.text(config.description)}

    def render(template: str, path: str, **context: Any) -> Callable[[], bytes]:
        def run() -> bytes:
            def url(target: str) -> str:
                if path == "404.html":  # served at any depth: link from the site root
                    return (config.base_url or "/") + edition.prefix + target
                return relative_url(path, target)

            here = edition.prefix + path
            alternates = [] if len(all_editions) < 2 else [
                (other, (config.base_url + other.prefix + path) if config.base_url
                 else relative_url(here, other.prefix + path))
                for other in all_editions]
            extra = {}
            if template == "document.html":
                page = context["page"]
                extra = {"doc": page.document, "body": Markup(render_body(page.document))}  # markdown-it escaped it
            html = env.get_template(template).render(site=site, page_path=here, url=url, edition=edition,
                                                     alternates=alternates, **context, **extra)
            return html.encode("utf-8")

        return run

    for page in pages:
        doc_key = _digest(base_key, page.entry.digest, str(page.entry.index), _page_ref(page) or "",
                          _link_ref(page.prev), _link_ref(page.next), page.entry.error or "")
        yield Output(page.path + "index.html", doc_key, render("document.html", page.path, page=page))

    # Only the index shows how many documents there are (on every page, any document added
    # or removed would render the whole site again).
    for lp in paginate(pages, "", site["title"], config.per_page):
        yield _list_output(lp, "index.html", _digest(base_key, str(len(pages))), render)
    yield Output("tags/index.html", _digest(base_key, "tags", {k: [p.path for p in v[1]] for k, v in tags.items()}),
                 render("tags.html", "tags/"))
    for keyword, (path, tagged) in tags.items():
        for lp in paginate(tagged, path, keyword, config.per_page):
            yield _list_output(lp, "tag.html", base_key, render)
    links = _digest(*(_link_ref(p) for p in pages))
    yield Output("archive/index.html", _digest(base_key, "archive", links), render("archive.html", "archive/"))
    yield Output("search/index.html", _digest(base_key, "search"), render("search.html", "search/"))
    yield from _search_outputs(config, pages, edition)
    yield Output("404.html", _digest(base_key, "404"), render("404.html", "404.html"))
    yield Output("sitemap.xml", _digest(base_key, "sitemap", links, [v[0] for v in tags.values()]),
                 lambda: sitemap(config, pages, tags, edition.prefix).encode("utf-8"))
    newest = pages[:20]
    yield Output("feed.xml", _digest(base_key, "feed", [(_page_ref(p), p.entry.digest) for p in newest]),
                 lambda: atom_feed(config, newest, edition.prefix, site["title"], edition.lang).encode("utf-8"))
    for rel, src in static_files(config.root, config.theme).items():
        yield Output(f"static/{rel}", _digest(base_key, rel, _file_digest(src)),
                     functools.partial(_static_file, src, edition))
    if config.pdf:
        yield from _pdf_outputs(config, pages, base_key, edition, site["title"])


_TEXT_ASSETS = (".js", ".css", ".svg", ".html", ".txt", ".json")


def _static_file(src: Path, edition: Edition) -> bytes:
    """A static file of the theme; the words in its text (search.js's messages) in the edition's script."""
    data = src.read_bytes()
    if edition.converter is None or src.suffix.lower() not in _TEXT_ASSETS:
        return data
    return edition.text(data.decode("utf-8")).encode("utf-8")


def _search_outputs(config: SiteConfig, pages: list[DocumentPage], edition: Edition) -> Iterator[Output]:
    """The full-text index of the edition's documents (publisher.site.search), read by search.js.

    Its files depend on the documents alone, not on the theme or the configuration; a document's
    text is read only when its group of the index has to be made again. Each edition keeps its
    groups in its own cache folder: a cache forgets the groups its index no longer has.
    """
    docs = [SearchDoc(p.path, p.title, p.meta.date, f"{p.entry.digest}:{p.entry.index}",
                      functools.partial(_search_text, p)) for p in pages]
    # f.key is a digest of all a file holds already: only the tool's version is added (not
    # hashed again: ~1,500 files for 1,000 documents, at every build).
    for f in index_files(docs, PartCache(config.root / CACHE_DIR / "search" / edition.code)):
        yield Output(f.path, f"search-index:{__version__}:{f.key}", f.render)


def _search_text(page: DocumentPage) -> str:
    return document_text(b.text for b in page.document.blocks)


def _document_job(page: DocumentPage, options: object) -> tuple[object, ...]:
    return ("document", document_to_dict(page.document), options, str(page.entry.source))


def _collection_job(pages: list[DocumentPage], options: object, title: str, author: str) -> tuple[object, ...]:
    return ("collection", [document_to_dict(p.document) for p in pages], options, title, author)


def _render_job(job: Callable[[], tuple[object, ...]]) -> bytes:
    from ..pdf import run_job

    return run_job(job())


def _pdf_outputs(config: SiteConfig, pages: list[DocumentPage], base_key: str, edition: Edition,
                 title: str) -> Iterator[Output]:
    """One PDF per document in ``pdf/`` and the collection, rendered by worker processes."""
    from ..pdf import PrintOptions
    from ..pdf.fonts import installed_faces

    fonts = _digest([f.file for f in installed_faces()])

    def options(style: str | None) -> PrintOptions:
        return PrintOptions(style=(style or config.print_style), language=edition.lang,  # type: ignore[arg-type]
                            root=config.root, theme=config.theme)

    for page in pages:
        opts = options(page.meta.style)
        job = functools.partial(_document_job, page, opts)
        yield Output(f"pdf/{page.entry.slug}.pdf",
                     _digest(base_key, fonts, "pdf", page.entry.digest, str(page.entry.index), opts.style),
                     functools.partial(_render_job, job), job=job, source=str(page.entry.source))
    if pages:
        ordered = sorted(pages, key=lambda p: (p.meta.date or "9999", p.title, p.path))  # oldest first, as a book
        job = functools.partial(_collection_job, ordered, options(None), title, edition.text(config.author))
        yield Output("pdf/collection.pdf",
                     _digest(base_key, fonts, "collection", [(p.entry.digest, p.entry.index) for p in ordered]),
                     functools.partial(_render_job, job), job=job, source="collection.pdf")


def _list_output(lp: ListPage, template: str, base_key: str,
                 render: Callable[..., Callable[[], bytes]]) -> Output:
    key = _digest(base_key, template, lp.path, str(lp.number), str(lp.count), *(_page_ref(p) or "" for p in lp.pages))
    return Output(lp.path + "index.html", key, render(template, lp.path, listing=lp))


#: The manifest's key of a file this build kept without rendering (an outdated PDF while
#: previewing): it is ours, so no later build refuses the folder, and no key equals it.
_UNVOUCHED = ""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(config: SiteConfig) -> None:
    """Refuse an output folder whose files a build would delete or read back as documents.

    The build replaces the output folder with the new site and prunes what the site no longer
    has; run into the content folder (or a folder holding it) it would delete the manuscripts.
    Only a folder that is missing, empty, or holds nothing but what a manifest of ours lists
    is built into.
    """
    output = config.output_dir.resolve()
    guarded = [("the project folder", config.root.resolve(), False),
               ("the content folder", config.content_dir.resolve(), True),
               ("the project's templates folder", (config.root / "templates").resolve(), True),
               ("the cache folder", (config.root / CACHE_DIR).resolve(), True)]
    guarded += [("a theme folder", folder.resolve(), True) for folder in theme_dirs(config.root, config.theme)]
    for what, folder, not_inside in guarded:
        if _inside(folder, output) or (not_inside and _inside(output, folder)):
            relation = "is" if folder == output else "holds" if _inside(folder, output) else "lies inside"
            raise PublisherError(f"refusing to build into {config.output_dir}: it {relation} {what} "
                                 f"({folder}); choose another output folder")
    if not output.is_dir():
        if output.exists():
            raise PublisherError(f"refusing to build into {config.output_dir}: it is a file, not a folder")
        return
    ours = _read_manifest(output)
    tree = _Tree.of(os.fspath(output))
    foreign = sorted(rel for rel in [*tree.files, *tree.others] if rel != MANIFEST and rel not in ours)
    if foreign:
        more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
        raise PublisherError(f"refusing to build into {config.output_dir}: it holds files publisher did not "
                             f"write ({foreign[0]}{more}); move them away or choose another output folder")


@contextlib.contextmanager
def _build_lock(output: Path) -> Iterator[None]:
    """One build at a time into one output (a preview rebuilding while the user runs ``build``).

    An advisory lock on a file beside the output; the second build waits for the first, and
    says so, naming the process that holds it. Released by the system if the holder dies.
    """
    try:
        import fcntl
    except ImportError:  # no flock on this system: builds are not serialised
        yield
        return
    lock_path = output.parent / f".{output.name}.lock"
    with open(lock_path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            import click

            click.echo(f"waiting for the build of {output} by process {holder} to finish", err=True)
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _check_path(rel: str) -> str:
    """Output paths come from slugs that cannot hold ``..``; refuse anything else all the same."""
    # An empty, "." or ".." part of the path, or a leading "/", as substring tests: once per file.
    framed = f"/{rel}/"
    if "//" in framed or "/./" in framed or "/../" in framed or "\\" in rel:
        raise ValueError(f"refusing to write outside the site: {rel!r}")
    return rel


def build_site(config: SiteConfig, progress: Progress | None = None, render_pdfs: bool = True,
               preview: bool = False) -> BuildReport:
    """Build the whole site; only files whose inputs changed are rendered.

    ``render_pdfs=False`` (the preview server) leaves outdated PDFs as they were, so that a
    page reloads in a moment; they are not vouched for, and the next full build renders them.
    ``preview``: a document that fails (saved mid-edit) keeps its last good page, which names
    the error, instead of vanishing; it is still reported as failed.
    """
    output = config.output_dir
    check_output(config)
    output.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(output):
        return _build_locked(config, progress, render_pdfs, preview)


def _build_locked(config: SiteConfig, progress: Progress | None, render_pdfs: bool, preview: bool) -> BuildReport:
    report = BuildReport()
    salt = _digest(__version__, config.spacing, sorted(config.disable))
    store = DocumentStore(config.root / CACHE_DIR, salt,
                          lambda p: convert_file(p, config.clean_options).documents, summary_of)
    # The preview keeps a document that fails mid-edit as it last built, with the error shown.
    entries, report.failures = load_entries(config.content_dir, store, config.root, keep_last_good=preview)
    report.failures[:0] = [Failure(config.root, problem, in_content=False) for problem in config.problems]
    report.documents = len(entries)
    output = config.output_dir
    current = _read_manifest(output) if output.is_dir() else {}
    spare = output.parent / f".{output.name}.spare"
    staging_manifest = _read_manifest(spare) if spare.is_dir() else {}
    spare.mkdir(exist_ok=True)
    # Until this build finishes, nothing in the spare folder is vouched for.
    (spare / MANIFEST).unlink(missing_ok=True)
    there = _Tree.of(os.fspath(spare))
    outputs = list(plan(config, entries))
    manifest: dict[str, str] = {}
    out_dir, spare_dir = os.fspath(output), os.fspath(spare)
    deferred: list[Output] = []
    unvouched: set[str] = set()
    for n, out in enumerate(outputs, start=1):
        rel = _check_path(out.path)
        target = f"{spare_dir}/{rel}"
        old = f"{out_dir}/{rel}"
        # The spare copy first: with builds taking turns between the two folders, an unchanged
        # file is there already (made or linked by the build before last), and the listing says so.
        if (staging_manifest.get(rel) == out.key and rel in there.files) or \
                (current.get(rel) == out.key and _link_same(old, target)):
            report.reused.append(rel)
        elif out.job is not None:
            if render_pdfs:
                deferred.append(out)
            elif os.path.isfile(old):
                _link_same(old, target)  # kept as it was, vouched for by no key
                unvouched.add(rel)
                manifest[rel] = _UNVOUCHED
            continue
        else:
            _write(target, out.render())
            report.written.append(rel)
        manifest[rel] = out.key
        if progress:
            progress(rel, n, len(outputs))
    for out, data, error in _run_jobs(deferred, config.workers):
        if error is not None:
            report.failures.append(Failure(Path(out.source or out.path), f"{out.path}: {error}"))
            continue
        _write(os.path.join(spare_dir, out.path), data)
        report.written.append(out.path)
        manifest[out.path] = out.key
    there.prune(manifest.keys() | unvouched)
    # The C encoder (no indent): it is read by the next build only, and is ~100 KB at 1,000 documents.
    _write(os.path.join(spare_dir, MANIFEST), json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode())
    _exchange(spare, output)
    store.save()
    return report


def _run_jobs(outputs: list[Output], workers: int) -> Iterator[tuple[Output, bytes, str | None]]:
    """Render slow outputs, in parallel processes where there are several; yields (output, data, error)."""
    from concurrent.futures import ProcessPoolExecutor

    from ..pdf import run_job

    if not outputs:
        return
    count = min(len(outputs), workers or os.cpu_count() or 1)
    if count <= 1:
        for out in outputs:
            try:
                yield out, out.render(), None
            except PublisherError as exc:
                yield out, b"", exc.format_message()
        return
    with ProcessPoolExecutor(max_workers=count) as pool:
        futures = [(out, pool.submit(run_job, out.job())) for out in outputs if out.job is not None]
        for out, future in futures:
            try:
                yield out, future.result(), None
            except PublisherError as exc:
                yield out, b"", exc.format_message()


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _write(target: str, data: bytes) -> None:
    """Never write into a file that may be hard-linked from the other folder.

    A file that is not there yet is created (O_EXCL: a new file, nobody else's) and written
    in place: the spare folder is vouched for by nothing until its manifest is written, last,
    so an interrupted write is never served nor reused. That is a third of the cost of the
    write-beside-and-rename that an existing file needs, and a changed document's block of
    the search index is a few hundred new files.
    """
    try:
        fd = os.open(target, _NEW_FILE, 0o644)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd = os.open(target, _NEW_FILE, 0o644)
    except FileExistsError:
        tmp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
        return
    with open(fd, "wb") as fh:
        fh.write(data)


def _link_same(source: str, target: str) -> bool:
    """Make ``target`` the very file ``source`` is (a hard link), unless it already is.

    False, and nothing done, when ``source`` is not a file.
    """
    try:
        st = os.stat(source)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    try:
        there = os.stat(target)
        if there.st_ino == st.st_ino and there.st_dev == st.st_dev:
            return True
    except OSError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    tmp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copy2(source, tmp)
    os.replace(tmp, target)
    return True


@dataclass
class _Tree:
    """What a folder held when the build began: listed once, used to reuse files and to prune.

    Every folder is listed with os.scandir directly (a site has a folder per document, and
    os.walk's generators cost twice as much per folder); a file put there by hand is seen, and
    pruned, too.
    """

    root: str
    files: set[str]  # regular files, relative paths
    others: list[str]  # anything else that is not a folder (a link put there by hand)
    folders: dict[str, int]  # relative path → how many entries it held, deepest folders first

    @classmethod
    def of(cls, root: str) -> _Tree:
        tree = cls(root, set(), [], {})
        tree._visit(root, "")
        return tree

    def _visit(self, path: str, rel_dir: str) -> None:
        with os.scandir(path) as listing:
            found = list(listing)
        for entry in found:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.is_dir(follow_symlinks=False):
                self._visit(entry.path, rel)
            elif entry.is_file(follow_symlinks=False):
                self.files.add(rel)
            else:
                self.others.append(rel)
        self.folders[rel_dir] = len(found)

    def prune(self, keep: Set[str]) -> None:
        """Remove what the new site no longer has, and the folders that leaves empty.

        A folder is removed only when all it held was removed: folders the build wrote into
        are never empty, and os.rmdir refuses the few it may have added to since the listing.
        """
        left = dict(self.folders)
        for rel in sorted(self.files - keep - {MANIFEST}) + [r for r in self.others if r not in keep]:
            os.unlink(f"{self.root}/{rel}")
            left[os.path.dirname(rel)] -= 1
        for folder in self.folders:  # deepest first
            if folder and left[folder] == 0:
                try:
                    os.rmdir(f"{self.root}/{folder}")
                except OSError:
                    continue
                left[os.path.dirname(folder)] -= 1


_RENAME_EXCHANGE = 2


def _exchange(new: Path, output: Path) -> None:
    """Swap the new site and the old one in one step; the old one becomes the spare."""
    new.chmod(0o755)
    if not output.exists():
        os.replace(new, output)
        return
    libc_name = ctypes.util.find_library("c")
    if libc_name:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is not None:
            at_fdcwd = -100
            if renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(output), _RENAME_EXCHANGE) == 0:
                return
    # No atomic exchange on this system: two renames, with the output missing for an instant.
    retired = output.with_name(f".{output.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    os.replace(output, retired)
    os.replace(new, output)
    os.replace(retired, new)
