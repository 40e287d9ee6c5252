"""Reading manuscripts: encodings, line ends, and bad input."""

from __future__ import annotations

import codecs
import json

import opencc
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.cli import main
from publisher.errors import InputError
from publisher.pipeline import convert_file
from publisher.read import decode, read_file
from publisher.write.json import source_to_dict

from .conftest import seed, seed_paths

ENCODINGS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16": lambda t: t.encode("utf-16"),  # with BOM
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
    "utf-8-sig": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
}


def _documents(path) -> list:
    return source_to_dict(convert_file(path))["documents"]


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("seed", seed_paths(), ids=lambda p: p.name[:3])
def test_seed_reencoded_gives_the_same_documents(tmp_path, seed, encoding):
    text = seed.read_text(encoding="utf-8")
    other = tmp_path / seed.name
    other.write_bytes(ENCODINGS[encoding](text))
    assert _documents(other) == _documents(seed)


def test_short_gbk_text_is_read_as_gb18030_not_big5():
    # Detectors misread short GBK text; every 8-character window of a seed must come back right.
    text = "".join(seed("003").read_text(encoding="utf-8").split())
    for start in range(0, 2000, 37):
        window = text[start:start + 8]
        got, used = decode(window.encode("gbk"))
        assert (got, used) == (window, "gb18030")


def test_gb18030_only_characters_are_read():
    text = "王䶮同志在会上讲话"
    assert decode(text.encode("gb18030")) == (text, "gb18030")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")


def test_big5_is_told_from_gb18030():
    simplified = seed("003").read_text(encoding="utf-8").split("\n")[3]
    traditional = opencc.OpenCC("s2tw").convert(simplified)
    data = traditional.encode("big5", errors="ignore")
    expected = data.decode("big5")
    assert decode(data) == (expected, "big5")
    short = "臺灣的國語課本".encode("big5")
    assert decode(short) == ("臺灣的國語課本", "big5")


def test_encoding_option_overrides_detection():
    assert decode("中文".encode("gbk"), "gbk") == ("中文", "gbk")
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"abc", "no-such-codec")
    with pytest.raises(InputError, match="cannot be read as utf-8"):
        decode("中文".encode("gbk"), "utf-8")


def test_text_with_tabs_form_feeds_and_an_escape_is_not_binary(tmp_path):
    path = tmp_path / "tabs.txt"
    path.write_bytes("标题\n\t第一段内容。\x1b\f\t第二段内容。\r\n".encode() * 20)
    assert "第一段内容" in read_file(path).text


def test_line_ends_form_feeds_and_invisible_characters(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("标题\r\n\r\n第一段\u200b内容。\r第二段\u00ad内容。\f第三段。".encode())
    blocks = _documents(path)[0]["blocks"]
    assert [b["text"] for b in blocks] == ["第一段内容。", "第二段内容。", "第三段。"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \r\n\n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (bytes(range(1, 256)) * 4, "binary"),  # control bytes but no NUL
        (b"\xff\xfe\x1a\x4e\x00", "byte-order mark"),  # UTF-16 cut off in the middle of a character
        (b"\xef\xbb\xbf\xe4\xb8\xad\xc3\x28", "byte-order mark"),  # UTF-8 BOM, then not UTF-8
    ],
    ids=["empty", "blank", "png", "random-bytes", "controls-without-nul", "cut-utf16", "bom-not-utf8"],
)
def test_bad_input_gives_one_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["convert", str(path), "--to", "json"])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(InputError):
        read_file(path)


def test_missing_path_and_folder_without_manuscripts(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["convert", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    (tmp_path / "empty-folder").mkdir()
    result = runner.invoke(main, ["convert", str(tmp_path / "empty-folder")])
    assert result.exit_code == 2 and "holds no manuscripts" in result.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.txt").write_text("标题\n\n正文第一段。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)])
    assert result.exit_code == 2
    assert "b.txt: is empty" in result.stderr
    assert (out / "a.md").read_text(encoding="utf-8").startswith("---\ntitle: 标题\n")
    assert sorted(p.name for p in out.iterdir()) == ["a.md"]  # nothing half-written


def test_json_output_is_the_contract(tmp_path):
    path = seed("003")
    result = CliRunner().invoke(main, ["convert", str(path), "--to", "json"])
    data = json.loads(result.stdout)
    assert set(data) == {"source", "encoding", "documents"}
    assert data["encoding"] == "utf-8"
    doc = data["documents"][0]
    assert doc["title"] == "在2020年党风廉政建设工作会议上的讲话"
    assert doc["blocks"][0] == {"type": "salutation", "text": "同志们："}
    assert {"type", "text"} <= set(doc["blocks"][1])


@settings(max_examples=500)
@given(st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]), st.binary(max_size=64)).map(b"".join),
       st.sampled_from([None, "utf-8", "gb18030", "utf-16", "idna", "big5"]))
def test_any_bytes_are_read_or_refused_with_an_input_error(data: bytes, encoding: str | None) -> None:
    """Whatever the bytes and the encoding asked for: text, or InputError (one line, exit 2), never another exception."""
    try:
        text, _ = decode(data, encoding)
    except InputError:
        return
    assert isinstance(text, str)


def test_utf16_with_one_stray_trailing_byte_is_read_not_refused(tmp_path):
    """Issue 17: a tool appended a newline in ASCII to a UTF-16 file; it was refused as binary."""
    from publisher.read import decode

    text = "标题\r\n\r\n正文内容，第一段。\r\n"
    for encoding, bom in (("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-le", b"\xff\xfe")):
        data = bom + text.encode(encoding)
        assert decode(data + b"\n")[0] == text + "\n"
        assert decode(data + b"x")[0] == text + "x"


def test_a_lone_surrogate_from_an_escape_codec_is_named_not_a_traceback(tmp_path):
    from click.testing import CliRunner

    from publisher.cli import main

    path = tmp_path / "x.txt"
    path.write_bytes(b"\xe6\xa0\x87\xe9\xa2\x98\n\n\\ud800x\n")
    result = CliRunner().invoke(main, ["convert", str(path), "--encoding", "unicode_escape"])
    assert result.exit_code == 2 and "lone surrogate (U+D800" in result.output
    assert "Traceback" not in result.output
