"""Machine-readable outputs: sitemap.xml and an Atom feed. Deterministic: no clock is read."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as _escape

from ..config import SiteConfig
from .html import render_body

if TYPE_CHECKING:
    from .pages import DocumentPage


#: Characters XML 1.0 does not allow (controls, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Only this spelling is a date in XML; Python 3.11's fromisoformat also takes 20200101 and 2020-W01.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def escape(text: str) -> str:
    """Text for an XML element or a double-quoted attribute, without characters XML forbids."""
    return _escape(_NOT_XML.sub("", str(text)), {'"': "&quot;"})


def _valid_date(value: object) -> str | None:
    """``value`` as YYYY-MM-DD if it is a real date, else None (never written into XML raw)."""
    text = str(value or "").strip()
    try:
        return datetime.date.fromisoformat(text).isoformat() if _ISO_DATE.fullmatch(text) else None
    except ValueError:
        return None


def _absolute(config: SiteConfig, path: str) -> str:
    return config.base_url + path if config.base_url else path


def sitemap(config: SiteConfig, pages: list[DocumentPage], tags: dict[str, tuple[str, list[DocumentPage]]],
            prefix: str = "") -> str:
    """The pages of one edition; ``prefix`` is the edition's folder."""
    urls = [prefix + u for u in ["", "archive/", "tags/", *(p.path for p in pages),
                                 *(path for path, _ in tags.values())]]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    dated = {prefix + p.path: _valid_date(p.meta.date) for p in pages}
    for url in urls:
        lastmod = f"<lastmod>{dated[url]}</lastmod>" if dated.get(url) else ""
        lines.append(f"  <url><loc>{escape(_absolute(config, url))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(config: SiteConfig, prefixes: list[str]) -> str:
    """robots.txt: everything may be crawled; with a base URL, where each edition's sitemap is
    (the protocol wants absolute URLs, so without one there is nothing to point to)."""
    lines = ["User-agent: *", "Allow: /"]
    if config.base_url:
        lines.append("")
        lines.extend(f"Sitemap: {config.base_url}{prefix}sitemap.xml" for prefix in prefixes)
    return "\n".join(lines) + "\n"


def atom_feed(config: SiteConfig, pages: list[DocumentPage], prefix: str = "", title: str | None = None,
              lang: str | None = None) -> str:
    """The newest documents as an Atom feed; ``updated`` is the newest document's date."""
    title = title or config.title
    newest = next((d for p in pages if (d := _valid_date(p.meta.date))), "1970-01-01")
    site_id = (config.base_url + prefix) if config.base_url else f"urn:publisher:{escape(config.title)}:{prefix}"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{escape(lang or config.language)}">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(site_id)}</id>",
        f"  <updated>{newest}T00:00:00Z</updated>",
    ]
    if config.base_url:
        out.append(f'  <link rel="self" href="{escape(config.base_url + prefix)}feed.xml"/>')
        out.append(f'  <link href="{escape(config.base_url + prefix)}"/>')
    if config.author:
        out.append(f"  <author><name>{escape(config.author)}</name></author>")
    for page in pages:
        meta = page.meta
        date = _valid_date(meta.date) or newest
        link = _absolute(config, prefix + page.path)
        out += [
            "  <entry>",
            f"    <title>{escape(page.title)}</title>",
            f"    <id>{escape(link if config.base_url else f'{site_id}:{page.path}')}</id>",
            f'    <link href="{escape(link)}"/>',
            f"    <updated>{date}T00:00:00Z</updated>",
            f"    <author><name>{escape(meta.author or meta.issuer or config.author or title)}</name></author>",
            f"    <summary>{escape(page.summary)}</summary>",
            f'    <content type="html">{escape(render_body(page.document))}</content>',
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"
