"""The sample manuscripts that ``publisher init`` copies into a new project.

They are the repository's ``content/`` folder, shipped inside the package for installs.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path


def samples_dir() -> Path:
    checkout = Path(__file__).resolve().parents[1] / "content"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("publisher") / "content"))


def write_samples(target: Path) -> list[Path]:
    """Copy the samples into ``target``, never overwriting a file that is there."""
    written = []
    source = samples_dir()
    for f in sorted(source.rglob("*")):
        if not f.is_file():
            continue
        dest = target / f.relative_to(source)
        if dest.exists():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, dest)
        written.append(dest)
    return written
