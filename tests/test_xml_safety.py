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
