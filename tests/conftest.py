from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    paths = seed_paths()
    if not paths:
        pytest.skip("../shared/seeds is not there")
    return paths


def seed(prefix: str) -> Path:
    """The seed whose name starts with ``prefix`` ("003"); skips the test where ../shared is absent."""
    for path in seed_paths():
        if path.name.startswith(prefix):
            return path
    pytest.skip("../shared/seeds is not there")


def write_project(root: Path, manuscripts: list[Path], settings: str = "pdf = false\n") -> Path:
    """A project folder: these manuscripts in ``content/`` and ``publisher.toml`` (PDFs off: they take seconds)."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "publisher.toml").write_text(settings, encoding="utf-8")
    for p in manuscripts:
        (root / "content" / p.name).write_bytes(p.read_bytes())
    return root
