"""Themes: Jinja templates and static files, looked up in an ordered list of folders.

A project's ``templates/`` overrides single templates first, then its own
``themes/NAME/``, then the built-in theme of that name, then the built-in default.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from ..errors import PublisherError
from .urls import relative_url

if TYPE_CHECKING:
    from .editions import Edition

_MONTH_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def builtin_themes() -> Path:
    """``themes/`` of the checkout, or the copy installed inside the package."""
    checkout = Path(__file__).resolve().parents[2] / "themes"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("publisher") / "themes"))


def theme_dirs(root: Path, name: str) -> list[Path]:
    """Theme folders from the most specific to the most general."""
    candidates = [root / "themes" / name, builtin_themes() / name, builtin_themes() / "default"]
    dirs = []
    for d in candidates:
        if d.is_dir() and d not in dirs:
            dirs.append(d)
    if not (root / "themes" / name).is_dir() and not (builtin_themes() / name).is_dir():
        raise PublisherError(f"theme {name!r} not found in {root / 'themes'} or the built-in themes")
    return dirs


def chinese_date(iso: str | None) -> str:
    """2020-03-01 → 2020年3月1日."""
    m = _MONTH_DAY.match(iso or "")
    return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日" if m else (iso or "")


def environment(root: Path, name: str, cache: Path | None = None, edition: Edition | None = None
                ) -> jinja2.Environment:
    """The Jinja environment of a theme; compiled templates are kept in ``cache`` between builds.

    For an edition in another script the words of the templates are converted as they load.
    """
    from .editions import ThemeText

    dirs = theme_dirs(root, name)
    if cache is not None and edition is not None and edition.converter is not None:
        cache = cache / edition.code
    bytecode = None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        bytecode = jinja2.FileSystemBytecodeCache(str(cache))
    search = [str(root / "templates")] if (root / "templates").is_dir() else []
    search += [str(d / "templates") for d in dirs]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode,
        extensions=[ThemeText],
    )
    env.publisher_edition = edition  # type: ignore[attr-defined]
    env.filters["t"] = edition.text if edition is not None else (lambda text: text)
    env.filters["chinese_date"] = chinese_date
    env.globals["relative_url"] = relative_url
    return env


def static_files(root: Path, name: str) -> dict[str, Path]:
    """Static files by their path under ``static/``; the more specific theme wins."""
    files: dict[str, Path] = {}
    for d in reversed(theme_dirs(root, name)):
        static = d / "static"
        if static.is_dir():
            for f in sorted(static.rglob("*")):
                if f.is_file():
                    files[f.relative_to(static).as_posix()] = f
    return dict(sorted(files.items()))
