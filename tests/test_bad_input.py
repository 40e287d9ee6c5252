"""Bad input is named with its reason, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.config import load_config
from publisher.errors import PublisherError


def test_phrases_file_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "opencc-phrases.txt").write_bytes("余先生 余先生\n".encode("gbk"))
    with pytest.raises(PublisherError, match=r"opencc-phrases\.txt: not UTF-8"):
        load_config(tmp_path)
