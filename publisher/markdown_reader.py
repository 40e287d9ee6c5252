"""Reader for edited Markdown (front matter + CommonMark) → the document model.

The inverse of :mod:`publisher.write.markdown`: converting its output again gives
the same Markdown. Salutations and closing lines are recognised by the same
rules as in raw text, so they need no markup of their own.
"""

from __future__ import annotations

import datetime
import functools
import logging
import re
from collections.abc import Iterable
from html.parser import HTMLParser

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .clean import join_pair
from .errors import FrontMatterError
from .model import Block, Document, Meta
from .structure.lines import Line, iso_date
from .structure.outline import closing
from .write.markdown import LEAD_MARKS

log = logging.getLogger("publisher")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LEAD_MARKS = re.compile(f"^[{re.escape(LEAD_MARKS)}]+")
# Without link reference definitions: ``[a]: b`` makes no block in CommonMark, and its words
# would vanish. Edited manuscripts hold no links by reference; such a line stays text.
_md = MarkdownIt("commonmark").use(front_matter_plugin).disable("reference")

_META_KEYS = {"title", "date", "issuer", "author", "office", "number", "keywords", "summary", "source", "slug", "style"}


def join_lines(lines: Iterable[str]) -> str:
    """Lines of one paragraph as one line, as cleaning joins a manuscript's: nothing between
    Chinese, one space between Latin words and numbers (``English⏎words``, ``7⏎1986``)."""
    return functools.reduce(join_pair, lines, "").strip()


def _inline_text(token: Token) -> str:
    """The text of an inline run: its words, code and image descriptions, lines joined.

    Emphasis, links and inline HTML tags are markup; the text inside them is kept.
    """
    lines, parts = [], []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "image"):  # an image's content is its description
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("".join(parts))
            parts = []
    lines.append("".join(parts))
    return join_lines(lines) if len(lines) > 1 else lines[0].strip()


class _HTMLText(HTMLParser):
    """The text of an HTML block (its tags are markup; scripts, styles and comments are not text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag in _HTML_LINE_BREAKS:
            self.lines.append("")
        alt = dict(attrs).get("alt") if tag == "img" else None
        if alt:
            self.lines[-1] += alt

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in _HTML_LINE_BREAKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            first, *rest = data.split("\n")
            self.lines[-1] += first
            self.lines.extend(rest)


_HTML_LINE_BREAKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                               "section", "article", "table", "ul", "ol", "pre"})


def html_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    return join_lines(line for line in parser.lines if line.strip())


def _paragraphs_of(code: str) -> list[str]:
    """An indented or fenced block's text, as paragraphs: in an edited manuscript that is most
    often prose indented by accident, and its words must not vanish."""
    return [join_lines(chunk.splitlines()) for chunk in re.split(r"\n[ \t]*\n", code) if chunk.strip()]


def _lead(token: Token) -> str | None:
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content)]
    if len(children) < 3 or children[0].type != "strong_open":
        return None
    depth, strong = 0, []
    rest_index = None
    for i, child in enumerate(children):
        if child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
            if depth == 0:
                rest_index = i + 1
                break
        elif child.type == "text":
            strong.append(child.content)
    if rest_index is None or rest_index >= len(children):
        return None
    following = children[rest_index].content if children[rest_index].type == "text" else ""
    marks = _LEAD_MARKS.match(following)
    return "".join(strong) + (marks.group() if marks else "")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without aliases and without its own dates.

    Aliases are refused: a few lines of nested ``*a`` references expand to billions of
    nodes (the "billion laughs"), and front matter has no use for them. Dates stay the
    text the user wrote, so that an impossible one (2020-02-30) is named by us rather than
    raised as a ValueError from inside the loader.
    """

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                              event.start_mark)
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def parse_front_matter(raw: str, name: str) -> dict[str, object]:
    try:
        data = yaml.load(raw, Loader=_FrontMatterLoader) if raw.strip() else {}  # a safe loader, without aliases
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        why = f": {problem}" if problem and "alias" in problem else ""
        raise FrontMatterError(f"{name}: malformed front matter{where}{why}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"{name}: front matter must be a mapping of keys to values")
    return data


_SCALAR = (str, int, float)


def _text(data: dict[str, object], key: str, name: str) -> str | None:
    """A front-matter value that must be text (a number is taken as written)."""
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, _SCALAR):
        raise FrontMatterError(f"{name}: front matter: {key} must be text, not {_kind(value)}")
    return str(value)


def _meta(data: dict[str, object], name: str) -> Meta:
    def text(key: str) -> str | None:
        return _text(data, key, name)

    date = text("date")
    if date:
        date = _checked_date(date, name)
    keywords = data.get("keywords") or ()
    if isinstance(keywords, str):
        keywords = tuple(k for k in re.split(r"[,，、;；\s]+", keywords) if k)
    if not isinstance(keywords, list | tuple) or not all(isinstance(k, _SCALAR) for k in keywords):
        raise FrontMatterError(f"{name}: front matter: keywords must be a list of words")

    return Meta(date=date or None, issuer=text("issuer"), author=text("author"), office=text("office"),
                number=text("number"),
                keywords=tuple(str(k) for k in keywords), summary=text("summary"),
                source=text("source"), slug=text("slug"), style=_style(data, name))


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


def _checked_date(date: str, name: str) -> str:
    """The date as YYYY-MM-DD; an impossible one (2020-02-30) is an error, other text is kept."""
    if _ISO_DATE.fullmatch(date):
        try:
            datetime.date.fromisoformat(date)
        except ValueError:
            raise FrontMatterError(f"{name}: front matter: date {date} is not a real date") from None
        return date
    return iso_date(date) or date


def _style(data: dict[str, object], name: str) -> str | None:
    style = data.get("style")
    if style is None:
        return None
    if style not in ("gongwen", "book"):
        raise FrontMatterError(f"{name}: front matter: style must be gongwen or book, not {style!r}")
    return str(style)


def read_markdown(text: str, name: str = "<markdown>") -> Document:
    """Every CommonMark block reaches the model as text: paragraphs, headings, list items (an
    ordered item keeps its number), quotes (as notes), indented and fenced code and HTML blocks
    (as paragraphs of their text), thematic breaks (as the line written)."""
    tokens = _md.parse(text)
    data: dict[str, object] = {}
    title: str | None = None
    blocks: list[Block] = []
    quote_depth = 0
    marker = ""  # the number of the ordered-list item whose first paragraph comes next
    source_lines: list[str] | None = None

    def add(content: str, tok: Token | None = None) -> None:
        nonlocal marker
        if marker:
            content, marker = f"{marker} {content}".rstrip(), ""
        content = content.strip()
        if not content:
            return
        if quote_depth:
            blocks.append(Block("note", content))
            return
        lead = _lead(tok) if tok is not None and content is not None else None
        line = Line.alone(content, number=tok.map[0] + 1 if tok is not None and tok.map else 0)
        if line.is_addressee:
            blocks.append(Block("addressee", content))
        elif line.is_salutation:
            blocks.append(Block("salutation", content))
        else:
            blocks.append(Block("paragraph", content,
                                lead=lead if lead and content.startswith(lead) and lead != content else None))

    for i, tok in enumerate(tokens):
        if tok.type == "front_matter":
            data = parse_front_matter(tok.content, name)
        elif tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        elif tok.type == "list_item_open":
            # "3." or "3)"; a bullet is markup. An item that opens with another list keeps both numbers.
            marker = f"{marker} {tok.info}{tok.markup}".strip() if tok.info else marker
        elif tok.type == "list_item_close" and marker:  # an item with no text: its number alone
            add("")
        elif tok.type == "heading_open":
            level = int(tok.tag[1])
            content = _inline_text(tokens[i + 1])
            if marker:  # a heading in an ordered-list item carries its number
                content, marker = f"{marker} {content}".rstrip(), ""
            if level == 1 and title is None and not blocks:
                title = content
            else:
                blocks.append(Block("heading", content, level=max(1, level - 1)))
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            add(_inline_text(tok), tok if not marker else None)
        elif tok.type in ("code_block", "fence"):
            if tok.type == "fence" and tok.info.strip():
                add(tok.info.strip())  # ```x: what follows the fence is written text too
            for paragraph in _paragraphs_of(tok.content):
                add(paragraph)
        elif tok.type == "html_block":
            add(html_text(tok.content))
        elif tok.type == "hr" and tok.map:
            if source_lines is None:
                source_lines = text.splitlines()
            add(source_lines[tok.map[0]].strip())
    blocks = _closing(blocks)
    fm_title = _text(data, "title", name)
    unknown = set(data) - _META_KEYS
    if unknown:
        log.warning("%s: unknown front matter key(s) ignored: %s", name, ", ".join(sorted(map(str, unknown))))
    return Document(title=title or fm_title, meta=_meta(data, name), blocks=tuple(blocks))


def _closing(blocks: list[Block]) -> list[Block]:
    """Re-derive the closing signature and date of plain trailing paragraphs."""
    n = 0
    while n < 2 and n < len(blocks) and blocks[-1 - n].type == "paragraph" and not blocks[-1 - n].lead:
        n += 1
    if not n:
        return blocks
    lines = [Line.alone(b.text) for b in blocks[len(blocks) - n:]]
    _body, tail = closing([Line.alone(""), *lines])
    if not tail:
        return blocks
    return blocks[: len(blocks) - len(tail)] + tail
