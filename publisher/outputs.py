"""Where ``convert -o`` and ``pdf -o`` write: one file per document, never over another.

Every output name is given out once per run (``a/r.txt`` and ``b/r.txt`` give ``r.md`` and
``r-2.md``; a second document of ``x.txt`` never takes the name of ``x-2.txt``'s output), a
folder given as input keeps its sub-folders in the output, and a file that is already there
(most often the user's edited copy) is replaced only with ``--force``.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PublisherError


def output_stems(inputs: Sequence[str], files: Sequence[Path]) -> list[str]:
    """Each file's output name without its suffix, relative to the output folder.

    A file found in a folder given as input keeps its place below that folder
    (``content/a/b.txt`` from ``content`` → ``a/b``); a file named itself gives its stem.
    """
    folders = [Path(p) for p in inputs if Path(p).is_dir()]
    stems = []
    for file in files:
        for folder in folders:
            try:
                rel = file.relative_to(folder)
            except ValueError:
                continue
            stems.append(posixpath.splitext(rel.as_posix())[0])
            break
        else:
            stems.append(file.stem)
    return stems


@dataclass
class OutputFolder:
    root: Path
    force: bool = False
    taken: set[str] = field(default_factory=set)  # names given out in this run (case folded)

    def name(self, stem: str, suffix: str) -> str:
        """``stem + suffix``, or ``stem-2 + suffix``, ``stem-3``…: the first not given out yet."""
        candidate, n = stem + suffix, 1
        while candidate.casefold() in self.taken:  # case-insensitive file systems (macOS, Windows)
            n += 1
            candidate = f"{stem}-{n}{suffix}"
        self.taken.add(candidate.casefold())
        return candidate

    def reserve(self, name: str) -> None:
        self.taken.add(name.casefold())

    def target(self, name: str, source: str | None = None) -> Path:
        """Where ``name`` is written; a :class:`PublisherError` when that would replace a file it must not."""
        path = self.root / name
        if source is not None and os.path.exists(source) and path.exists() and os.path.samefile(source, path):
            raise PublisherError(f"{source}: would overwrite its own source; choose another --output")
        if path.is_dir():
            raise PublisherError(f"{path}: a folder is there; not replaced")
        if path.exists() and not self.force:
            raise PublisherError(f"{path}: already exists, not overwritten (use --force to replace it)")
        return path
