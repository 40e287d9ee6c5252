"""``publisher build``: content folder → static site, atomically and incrementally.

Every output file is described by a key of everything it depends on (its data,
the configuration, the theme, the tool version). A page whose key is unchanged
since the last build is carried over from the previous site instead of being
rendered again. The new site is written to a temporary folder next to the
output and swapped in at the end, so an interrupted build never leaves half a site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import __version__
from ..config import SiteConfig
from ..errors import PublisherError
from ..pipeline import convert_file
from ..write.json import document_from_dict, document_to_dict
from .feeds import atom_feed, sitemap
from .html import render_body
from .pages import DocumentPage, ListPage, archive, document_pages, paginate, tag_index
from .sources import Entry, Failure, find_sources
from .theme import environment, static_files, theme_dirs
from .urls import relative_url, slugify, unique_slugs

CACHE_DIR = ".publisher-cache"
MANIFEST = "manifest.json"

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


def _digest(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode())
        h.update(b"\0")
    return h.hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class DocumentCache:
    """Converted documents by the hash of their source bytes and the cleaning options."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder / "documents"
        self.salt = salt

    def load(self, path: Path, convert: Callable[[Path], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        key = _digest(self.salt, _file_digest(path))
        cached = self.folder / f"{key}.json"
        if cached.exists():
            return json.loads(cached.read_text(encoding="utf-8"))
        data = convert(path)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cached)
        return data


def load_site_entries(config: SiteConfig, cache: DocumentCache) -> tuple[list[Entry], list[Failure]]:
    """Every document of the content folder; a file that fails is reported and the others go on."""

    def convert(path: Path) -> list[dict[str, Any]]:
        return [document_to_dict(d) for d in convert_file(path, config.clean_options).documents]

    loaded = []
    failures: list[Failure] = []
    for path in find_sources(config.content_dir):
        rel = path.relative_to(config.content_dir)
        try:
            docs = [document_from_dict(d) for d in cache.load(path, convert)]
        except PublisherError as exc:
            failures.append(Failure(rel, exc.format_message()))
            continue
        for i, doc in enumerate(docs):
            base = doc.meta.slug or slugify(rel.with_suffix("").as_posix().replace("/", "-"))
            loaded.append((rel, i, slugify(base) + (f"-{i + 1}" if i and not doc.meta.slug else ""), doc))
    slugs = unique_slugs([s for _, _, s, _ in loaded])
    return [Entry(rel, i, slug, doc) for (rel, i, _, doc), slug in zip(loaded, slugs, strict=True)], failures


def _theme_digest(config: SiteConfig) -> str:
    parts = []
    for folder in [config.root / "templates", *theme_dirs(config.root, config.theme)]:
        if folder.is_dir():
            parts.extend((f.relative_to(folder).as_posix(), _file_digest(f))
                         for f in sorted(folder.rglob("*")) if f.is_file())
    return _digest(parts)


def _page_ref(page: DocumentPage | None) -> dict[str, Any] | None:
    if page is None:
        return None
    meta = page.document.meta
    return {"path": page.path, "title": page.title, "date": meta.date, "issuer": meta.issuer,
            "author": meta.author, "summary": page.summary, "tags": page.tags}


def _link_ref(page: DocumentPage | None) -> list[str | None] | None:
    """What a link to a page shows: where it goes, its title and date."""
    return None if page is None else [page.path, page.title, page.document.meta.date]


def plan(config: SiteConfig, entries: list[Entry]) -> Iterator[Output]:
    """Every file of the site with its key and how to render it."""
    env = environment(config.root, config.theme)
    base_key = _digest(__version__, {k: v for k, v in asdict(config).items() if k != "root"}, _theme_digest(config))
    pages = document_pages(entries)
    tags = tag_index(pages)
    years = archive(pages)
    site = {"config": config, "tags": tags, "years": years, "count": len(pages)}

    def render(template: str, path: str, **context: Any) -> Callable[[], bytes]:
        def run() -> bytes:
            if "page" in context and template == "document.html":
                context["body"] = Markup(render_body(context["page"].document))
            def url(target: str) -> str:
                if path == "404.html":  # served at any depth: link from the site root
                    return (config.base_url or "/") + target
                return relative_url(path, target)

            html = env.get_template(template).render(site=site, page_path=path, url=url, **context)
            return html.encode("utf-8")

        return run

    for page in pages:
        doc_key = _digest(base_key, document_to_dict(page.document), _page_ref(page),
                          _link_ref(page.prev), _link_ref(page.next))
        yield Output(page.path + "index.html", doc_key,
                     render("document.html", page.path, page=page, doc=page.document))

    listing = [_page_ref(p) for p in pages]
    for lp in paginate(pages, "", config.title, config.per_page):
        yield _list_output(lp, "index.html", base_key, render)
    yield Output("tags/index.html", _digest(base_key, "tags", {k: [p.path for p in v[1]] for k, v in tags.items()}),
                 render("tags.html", "tags/"))
    for keyword, (path, tagged) in tags.items():
        for lp in paginate(tagged, path, keyword, config.per_page):
            yield _list_output(lp, "tag.html", base_key, render)
    links = [_link_ref(p) for p in pages]
    yield Output("archive/index.html", _digest(base_key, "archive", links), render("archive.html", "archive/"))
    yield Output("search/index.html", _digest(base_key, "search"), render("search.html", "search/"))
    yield Output("404.html", _digest(base_key, "404"), render("404.html", "404.html"))
    yield Output("sitemap.xml", _digest(base_key, "sitemap", links, [v[0] for v in tags.values()]),
                 lambda: sitemap(config, pages, tags).encode("utf-8"))
    yield Output("feed.xml", _digest(base_key, "feed", listing, [document_to_dict(p.document) for p in pages[:20]]),
                 lambda: atom_feed(config, pages[:20]).encode("utf-8"))
    for rel, src in static_files(config.root, config.theme).items():
        yield Output(f"static/{rel}", _digest(base_key, rel, _file_digest(src)), src.read_bytes)


def _list_output(lp: ListPage, template: str, base_key: str,
                 render: Callable[..., Callable[[], bytes]]) -> Output:
    key = _digest(base_key, template, lp.path, lp.number, lp.count, [_page_ref(p) for p in lp.pages])
    return Output(lp.path + "index.html", key, render(template, lp.path, listing=lp))


def _read_manifest(output: Path) -> dict[str, str]:
    try:
        return json.loads((output / ".publisher" / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _safe_target(root: Path, rel: str) -> Path:
    target = (root / rel).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"refusing to write outside the site: {rel}")
    return target


def build_site(config: SiteConfig, progress: Progress | None = None) -> BuildReport:
    """Build the whole site; only pages whose inputs changed are rendered."""
    report = BuildReport()
    cache = DocumentCache(config.root / CACHE_DIR, _digest(__version__, config.spacing, sorted(config.disable)))
    entries, report.failures = load_site_entries(config, cache)
    report.documents = len(entries)
    output = config.output_dir
    previous = _read_manifest(output) if output.is_dir() else {}
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.build-", dir=output.parent))
    try:
        outputs = list(plan(config, entries))
        manifest: dict[str, str] = {}
        for n, out in enumerate(outputs, start=1):
            target = _safe_target(staging, out.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            old = output / out.path
            if previous.get(out.path) == out.key and old.is_file():
                _carry_over(old, target)
                report.reused.append(out.path)
            else:
                target.write_bytes(out.render())
                report.written.append(out.path)
            manifest[out.path] = out.key
            if progress:
                progress(out.path, n, len(outputs))
        (staging / ".publisher").mkdir(exist_ok=True)
        (staging / ".publisher" / MANIFEST).write_text(json.dumps(manifest, sort_keys=True, indent=0),
                                                      encoding="utf-8")
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def _carry_over(old: Path, new: Path) -> None:
    """Reuse an unchanged file of the previous build: a hard link where possible."""
    try:
        os.link(old, new)
    except OSError:
        shutil.copy2(old, new)


def _swap(staging: Path, output: Path) -> None:
    """Put the new site in place of the old one with two renames."""
    os.chmod(staging, 0o755)
    if output.exists():
        retired = output.parent / f".{output.name}.old-{os.getpid()}"
        os.replace(output, retired)
        os.replace(staging, output)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, output)
