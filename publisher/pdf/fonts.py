"""Fonts for print: which installed font serves each role, and which characters none covers.

Official documents are set in 仿宋 (body), 黑体 (level-1 headings), 楷体 (level-2
headings) and 小标宋 (the title). Only free fonts are used, as stand-ins: Noto Serif
CJK SC, Noto Sans CJK SC, and AR PL UKai or LXGW WenKai. A character that no
installed font covers would print as a box (and makes WeasyPrint very slow, its
issue #2811), so it is named before rendering instead.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass

from fontTools.ttLib import TTCollection, TTFont

#: role → candidate families, best first.
ROLES: dict[str, tuple[str, ...]] = {
    "body": ("Noto Serif CJK SC", "Source Han Serif SC", "FandolFang", "AR PL UMing CN"),
    "title": ("Noto Serif CJK SC", "Source Han Serif SC"),
    "heading": ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"),
    "kai": ("LXGW WenKai", "AR PL UKai CN", "AR PL KaitiM GB"),
    "latin": ("DejaVu Serif", "Noto Serif", "Liberation Serif"),
}
ROLE_NAMES = {"body": "正文（仿宋）", "title": "标题（小标宋）", "heading": "一级标题（黑体）",
              "kai": "二级标题（楷体）", "latin": "西文"}


@dataclass(frozen=True)
class FontFace:
    family: str
    file: str
    index: int


def _fc_list() -> list[FontFace]:
    if shutil.which("fc-list") is None:
        return []
    out = subprocess.run(["fc-list", "-f", "%{family[0]}|%{file}|%{index}|%{style[0]}\n"],
                         capture_output=True, text=True, check=False).stdout
    faces = []
    for line in sorted(set(out.splitlines())):
        parts = line.split("|")
        if len(parts) == 4 and parts[3] in ("Regular", "Book", "Medium", "R", ""):
            faces.append(FontFace(parts[0], parts[1], int(parts[2] or 0)))
    return faces


@functools.cache
def installed_faces() -> tuple[FontFace, ...]:
    return tuple(_fc_list())


def font_for(role: str) -> FontFace | None:
    """The installed font that serves ``role``, or None."""
    faces = {f.family: f for f in installed_faces()}
    for family in ROLES[role]:
        if family in faces:
            return faces[family]
    return None


def font_stack(role: str) -> str:
    """A CSS font-family list for ``role``: the installed candidates, then the body font."""
    families = [f for f in ROLES[role] if f in {x.family for x in installed_faces()}]
    families += [f for f in ROLES["body"] if f not in families]
    return ", ".join(f'"{f}"' for f in families) + ", serif"


@functools.cache
def _cmap(face: FontFace) -> frozenset[int]:
    if face.file.lower().endswith((".ttc", ".otc")):
        font = TTCollection(face.file, lazy=True).fonts[face.index]
    else:
        font = TTFont(face.file, lazy=True)
    cmap = font.getBestCmap() or {}
    return frozenset(cmap)


@functools.cache
def _covered(roles: tuple[str, ...]) -> frozenset[int]:
    covered: set[int] = set()
    for role in roles:
        face = font_for(role)
        if face is not None:
            covered |= _cmap(face)
    return frozenset(covered)


def uncovered(text: str, roles: tuple[str, ...] = ("body", "heading", "latin")) -> list[str]:
    """Characters of ``text`` that none of the fonts serving ``roles`` has a glyph for."""
    covered = _covered(roles)
    missing = {c for c in set(text) if not c.isspace() and ord(c) not in covered and ord(c) >= 0x20}
    return sorted(missing)


def doctor_report() -> list[tuple[str, str, str]]:
    """(role, description, the font serving it or what to install) for ``publisher doctor``."""
    rows = []
    for role, description in ROLE_NAMES.items():
        face = font_for(role)
        if face:
            rows.append((role, description, f"{face.family} ({face.file})"))
        else:
            wanted = " or ".join(ROLES[role][:2])
            hint = {"kai": "apt-get install fonts-arphic-ukai (or fonts-lxgw-wenkai)"}.get(
                role, "apt-get install fonts-noto-cjk")
            rows.append((role, description, f"missing: {wanted}; {hint}"))
    return rows
