"""Markdown with YAML front matter: the editable middle of the pipeline.

Text is escaped so that it renders back exactly as written: ``**`` placeholders
stay asterisks, ``1.`` at a line start stays text. A run-in lead is set as
``**一要聚焦忠诚使命**。``: the sentence mark stays outside the bold, because
CommonMark does not close emphasis between a Chinese full stop and a letter
(``**…。**认`` is not bold in any CommonMark renderer).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import yaml

from ..model import Block, Document

_INLINE_SPECIAL_CHARS = "\\`*_[]<>&~|"  # the backslash first: escape_inline relies on it
_INLINE_SPECIAL_BYTES = re.compile(f"[{re.escape(_INLINE_SPECIAL_CHARS)}]".encode("ascii"))
_INLINE_SPECIAL_CODES = tuple((char, char.encode("ascii")) for char in _INLINE_SPECIAL_CHARS)
# A heading, a quote, a bullet, a thematic break (``---``; ``***`` and ``___`` are escaped
# inline), a setext underline, an ordered-list number.
_LINE_START = re.compile(r"^(#|>|[-+=](?=\s|$)|-{2,}|\d{1,9}(?=[.)]))")
_LINE_START_CHARS = "#>-+=0123456789"  # what _LINE_START can begin with: most lines are asked nothing more
#: The marks after a run-in lead that the reader takes into it (the mark that ends it, a
#: closing quote): kept outside the bold, which CommonMark cannot close after punctuation
#: followed by a letter (``**…。”**我`` is not bold).
LEAD_MARKS = "。！？!?：:；;，,、”’」』）》】)]"


def _is_mark(char: str) -> bool:
    """Punctuation or a symbol, as CommonMark counts them in deciding where emphasis closes."""
    return (char.isascii() and not char.isalnum() and not char.isspace()) or unicodedata.category(char)[0] in "PS"


def escape_inline(text: str) -> str:
    """Escape what CommonMark would read as inline markup (``**`` stays two asterisks)."""
    # Only the characters the text holds, each by str.replace, backslashes first (so that none
    # added is doubled): a pattern over the text took a call per character and was slower.
    held = set(_INLINE_SPECIAL_BYTES.findall(text.encode("ascii", "ignore")))
    for char, code in _INLINE_SPECIAL_CODES:
        if code in held:
            text = text.replace(char, "\\" + char)
    return text


def holds_inline_markup(text: str) -> bool:
    """Does the text hold a character CommonMark could read as inline markup?

    Asked once of a whole document, which most often holds none. The characters are ASCII,
    and Chinese text holds few ASCII characters: the pattern looks through those alone
    (encoding drops the rest), a sixth of the time of running it over each paragraph.
    """
    return _INLINE_SPECIAL_BYTES.search(text.encode("ascii", "ignore")) is not None


def escape(text: str, inline: bool = True) -> str:
    """Escape what CommonMark would read as markup, so the text renders unchanged.

    ``inline=False``: the text holds no inline markup characters (:func:`holds_inline_markup`).
    """
    if inline:
        text = escape_inline(text)
    m = _LINE_START.match(text) if text[:1] and text[0] in _LINE_START_CHARS else None
    if m:
        if m.group(1)[0].isdigit():
            end = m.end()
            text = text[:end] + "\\" + text[end:]
        else:
            text = "\\" + text
    return text


def _lead_paragraph(block: Block, inline: bool) -> str:
    """``**core**`` and the rest: the core is the lead without its closing marks, so the bold
    always closes; read back, the lead is the core and the lead marks that follow it.

    Where nothing but such marks would follow the bold, the reader would see the whole
    paragraph in bold and no lead: it is written plain, as it would be read.
    """
    lead = block.lead or ""
    core = lead
    while core and (_is_mark(core[-1]) or core[-1].isspace()):
        core = core[:-1]
    tail = block.text[len(core):]
    if not core or not tail.lstrip(LEAD_MARKS) or core[0].isspace():
        return escape(block.text, inline)
    # After the lead nothing stands at a line start: only inline escapes apply.
    return f"**{escape(core, inline)}**{escape_inline(tail) if inline else tail}"


def _heading_text(text: str, inline: bool) -> str:
    """A heading's text: a ``#`` at its end would be read as the closing sequence and dropped."""
    text = escape(text, inline)
    return text[:-1] + "\\#" if text.endswith("#") and not text.endswith("\\#") else text


def render_block(block: Block, inline: bool = True) -> str:
    """One block as Markdown; ``inline=False`` where its text holds no inline markup characters."""
    if block.type == "heading":
        return "#" * (min(block.level or 1, 5) + 1) + " " + _heading_text(block.text, inline)
    if block.type in ("note", "quote"):
        return "> " + escape(block.text, inline)
    if block.lead:
        return _lead_paragraph(block, inline)
    return escape(block.text, inline)


def render_blocks(blocks: Sequence[Block]) -> list[str]:
    """Each block as Markdown, with one look at the whole text for inline markup characters."""
    inline = holds_inline_markup("\n".join(b.text for b in blocks))
    return [render_block(b, inline) for b in blocks]


# libyaml's emitter (PyYAML's C binding, in its wheels) writes what PyYAML's own emitter writes,
# ten times faster, except that it escapes characters outside the BMP (𠀀 → "\U00020000") and
# control characters: values holding those, which an editor must see as written, take the slow way.
_FAST_DUMPER = getattr(yaml, "CSafeDumper", None)


_OUTSIDE_BMP = re.compile("[\U00010000-\U0010ffff]")


def _plain_bmp(value: object) -> bool:
    if isinstance(value, str):
        return value.isprintable() and _OUTSIDE_BMP.search(value) is None
    if isinstance(value, list | tuple):
        return all(_plain_bmp(v) for v in value)
    return False


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _node(value: object) -> yaml.Node:
    if isinstance(value, str):
        return yaml.ScalarNode(_STR, value)
    if isinstance(value, list | tuple):
        return yaml.SequenceNode(_SEQ, [_node(v) for v in value], flow_style=False)
    raise TypeError(f"front matter holds text and lists of text, not {type(value).__name__}")


def dump_front_matter(data: dict[str, object]) -> str:
    """The YAML between the ``---`` lines: block style, keys in their order, text as written.

    What ``yaml.safe_dump(data, sort_keys=False, default_flow_style=False)`` writes (a property
    test holds it to that), from the nodes made here: front matter is text and lists of text,
    and PyYAML's representer, which finds that out value by value, took a third of the time.
    """
    fast = _FAST_DUMPER is not None and all(_plain_bmp(v) for v in data.values())
    node = yaml.MappingNode(_MAP, [(yaml.ScalarNode(_STR, k), _node(v)) for k, v in data.items()], flow_style=False)
    return yaml.serialize(node, Dumper=_FAST_DUMPER if fast else yaml.SafeDumper,  # type: ignore[arg-type]
                          allow_unicode=True, width=10_000)


def front_matter(doc: Document, source: str | None = None) -> dict[str, object]:
    data: dict[str, object] = {}
    if doc.title:
        data["title"] = doc.title
    data.update(doc.meta.as_dict())
    if source and "source" not in data:
        data["source"] = source
    return data


def render_markdown(doc: Document, source: str | None = None) -> str:
    """One document as Markdown: front matter, ``#`` title, blocks separated by blank lines."""
    parts = []
    fm = front_matter(doc, source)
    if fm:
        dumped = dump_front_matter(fm)
        parts.append(f"---\n{dumped}---")
    if doc.title:
        parts.append("# " + _heading_text(doc.title, True))
    parts.extend(render_blocks(doc.blocks))
    return "\n\n".join(parts) + "\n"


def split_markdown_names(stem: str, count: int) -> list[str]:
    """File names for the documents of one source: ``x.md``, then ``x-2.md``, ``x-3.md``."""
    return [f"{stem}.md" if i == 0 else f"{stem}-{i + 1}.md" for i in range(count)]
