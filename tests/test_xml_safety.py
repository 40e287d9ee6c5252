"""Values written into feed.xml and sitemap.xml are escaped and valid XML 1.0."""

from types import SimpleNamespace
from xml.dom import minidom

from publisher.site import feeds


def _page(date, title):
    meta = SimpleNamespace(date=date, author=None, issuer=None)
    return SimpleNamespace(meta=meta, path="a\ufffe\x01<b>/", title=title, summary="s\x07", document=None)


def test_hostile_date_and_names_give_well_formed_feed_and_sitemap(monkeypatch):
    monkeypatch.setattr(feeds, "render_body", lambda doc: "<p>x</p>")
    config = SimpleNamespace(base_url="https://e.x/", title="T", language="zh", author="")
    page = _page('2024-01-01</lastmod><link href="evil"/>', "t\ufffe\x02")
    for xml in (feeds.atom_feed(config, [page]), feeds.sitemap(config, [page], {})):
        dom = minidom.parseString(xml.encode())
        assert not dom.getElementsByTagName("link") or all(
            "evil" not in n.getAttribute("href") for n in dom.getElementsByTagName("link"))
        assert "evil" not in xml or "&lt;link" in xml
    assert "<lastmod>" not in feeds.sitemap(config, [page], {})


def test_a_built_site_with_hostile_files_has_well_formed_feed_and_sitemap(tmp_path):
    """The whole build, from files on disk: names with control characters and U+FFFE, a date that
    is markup, a title and summary with XML's own characters."""
    from click.testing import CliRunner

    from publisher.cli import main

    (tmp_path / "publisher.toml").write_text('pdf = false\nbase_url = "https://example.org/"\n', encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    para = "这是一段足够长的正文内容，用来说明问题，并且以句号结束。"
    (content / "a\x07b\x1b.txt").write_text(f"控制字符\n\n{para}\n", encoding="utf-8")
    (content / "c\ufffe\uffff.txt").write_text(f"非字符\n\n{para}\n", encoding="utf-8")
    (content / "d.md").write_text(
        '---\ntitle: "A & B <i>]]></i> \\x02"\n'  # YAML escapes: a control character, U+FFFE
        "date: '下周</updated><link href=\"https://evil.example/\"/><updated>'\n"
        'summary: "<script>alert(1)</script> & \\uFFFE"\n---\n\n' + para + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("feed.xml", "sitemap.xml"):
        xml = (tmp_path / "site" / name).read_bytes()
        dom = minidom.parseString(xml)  # raises on anything ill-formed
        hrefs = [n.getAttribute("href") for n in dom.getElementsByTagName("link")]
        assert not any("evil" in h for h in hrefs)
        assert not dom.getElementsByTagName("script")
    feed = minidom.parse(str(tmp_path / "site" / "feed.xml"))
    titles = [n.firstChild.data for n in feed.getElementsByTagName("title") if n.firstChild]
    assert any("A & B <i>]]></i>" in t for t in titles)  # the text itself, escaped, not dropped
