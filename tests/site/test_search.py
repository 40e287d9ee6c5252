"""Full-text search: the bigram index (publisher/site/search.py), its reference query logic,
and search.js held to that reference (under Node, where Node is installed).

The browser test (tests/browser/test_search.py) types queries into the real search page.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.config import load_config
from publisher.site import search
from publisher.site.build import build_site
from publisher.site.search import (
    MANIFEST,
    PartCache,
    SearchDoc,
    build_index,
    candidates,
    decode_postings,
    encode_postings,
    fold,
    index_files,
    keys,
    make_doc,
)

from ..conftest import ROOT, seed_paths, write_project

SEARCH_JS = ROOT / "themes" / "default" / "static" / "search.js"
NODE = shutil.which("node")


def _urls(hits) -> list[str]:
    return [h.url for h in hits]


def _truth(docs: list[SearchDoc], query: str) -> set[str]:
    """Documents whose title or text holds every run of the query, as written."""
    wanted = search.parse_query(query)
    if not wanted:
        return set()
    return {d.url for d in docs if all(r in fold(d.title + "\n" + d.text()) for r in wanted)}


# ---------------------------------------------------------------- keys


def test_keys_are_the_bigrams_of_each_run_and_its_last_letter():
    assert keys("党风廉政建设") == {"党风": 1, "风廉": 1, "廉政": 1, "政建": 1, "建设": 1, "设 ": 1}
    # punctuation and spaces end a run: no bigram across them
    assert set(keys("两个，确立")) == {"两个", "个 ", "确立", "立 "}
    assert keys("廉政廉政")["廉政"] == 2


def test_folding_keeps_length_and_finds_full_width_and_capitals():
    assert fold("ＧＤＰ增长２０２３") == "gdp增长2023"
    for text in ["ﬁ①㈠İẞ𠀀", "ＡＢＣ，。“”"]:
        assert len(fold(text)) == len(text)
        assert len(fold(text).encode("utf-16-le")) == len(text.encode("utf-16-le"))
    assert set(keys("ＧＤＰ")) == set(keys("gdp")) == {"gd", "dp", "p "}


def test_what_the_fast_path_leaves_unfolded_folds_to_itself():
    """Indexing folds only the characters outside _FOLDS_TO_ITSELF: none of those it skips may
    fold into a letter or out of one (every code point checked)."""
    skipped = [chr(c) for c in range(0x110000) if not search._MAY_FOLD.match(chr(c))]
    assert "党" in skipped and "，" in skipped and "a" in skipped and "A" not in skipped and "Ａ" not in skipped
    assert [c for c in skipped if (f := search._fold_char(c)) != c and (c.isalnum() or f.isalnum())] == []
    odd = "ＡＢＣ〸党风ﬁ①㈠İẞ𠀀Ⅻ郞２０２３年，。"
    assert search.runs(odd) == search._RUN.findall(fold(odd))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="党风廉政ab1Ａ𠀀ﬁ \"\\，\n\t\u2028", max_size=30), min_size=1, max_size=5))
def test_a_group_part_is_the_json_of_its_letters(texts):
    """index_group writes its parts by hand: they must be what json.dumps (sorted keys) writes."""
    parts = search.index_group([make_doc(f"{i}/", "题", None, t) for i, t in enumerate(texts)], 4)
    for part in parts:
        assert search._json(json.loads(part)) == part


@given(st.lists(st.tuples(st.integers(0, 3000), st.integers(1, 5000)), max_size=40))
def test_postings_encode_and_decode(pairs):
    ids: dict[int, int] = {}
    for ident, count in pairs:
        ids[ident] = count
    ordered = sorted(ids.items())
    assert decode_postings(encode_postings(ordered)) == dict(ordered)


# ---------------------------------------------------------------- the index of small documents

DOCS = [
    make_doc("a/", "党风廉政建设工作会议讲话", "2020-03-01", "今天召开党风廉政建设工作会议。"),
    make_doc("b/", "年终总结", "2021-12-30", "深刻领悟“两个确立”的决定性意义。党风廉政建设还有差距。"),
    make_doc("c/", "安全生产", "2017-05-01", "确保公路安全畅通，立足本职。两个方面。"),
    make_doc("d/", "无日期的讲话", None, "党风建设和廉政教育，要两手抓。"),
]


def test_a_two_character_query_finds_it_inside_longer_words():
    assert _urls(candidates(build_index(DOCS), "廉政")) == ["a/", "b/", "d/"]  # title first, then newest
    assert _urls(candidates(build_index(DOCS), "个确")) == ["b/"]  # across the words 两个|确立
    assert _urls(candidates(build_index(DOCS), "风廉")) == ["a/", "b/"]  # 党风|廉政, not d/'s 党风建设和廉政


def test_a_phrase_matches_its_bigrams_and_the_exact_phrase_ranks_first():
    files = build_index(DOCS)
    # d/ holds 党风, 风建 … but not 风廉: not a candidate of 党风廉政
    assert _urls(candidates(files, "党风廉政")) == ["a/", "b/"]
    assert _urls(candidates(files, "两个确立")) == ["b/"]
    # 建设工作 is in a/ only; "设工" and "建设" are in a/, "工作" in a/ … b/ holds 建设 but not 设工
    assert _urls(search.search(files, "建设工作")) == ["a/"]


def test_one_character_and_several_words():
    files = build_index(DOCS)
    assert set(_urls(candidates(files, "廉"))) == {"a/", "b/", "d/"}
    assert set(_urls(candidates(files, "确"))) == {"b/", "c/"}
    assert _urls(candidates(files, "两个 安全")) == ["c/"]  # every run must be there
    assert candidates(files, "，。！") == [] and candidates(files, "") == []
    assert candidates(files, "不存在的词") == []


def test_the_index_is_the_same_bytes_whatever_the_order_or_the_cache(tmp_path):
    files = build_index(DOCS)
    assert build_index(list(reversed(DOCS))) == files
    cache = PartCache(tmp_path / "cache")
    assert build_index(DOCS, cache) == files
    assert list((tmp_path / "cache").glob("*.bin"))
    assert build_index(DOCS, cache) == files  # from the cache
    json.loads(files[MANIFEST])
    for path, data in files.items():
        assert path.startswith(("search-index.json", "search/index/")), path
        if path.endswith(".json"):
            json.loads(data)


def test_manuscript_text_is_stored_as_text_never_as_markup():
    evil = make_doc("x/", "<b>标题</b>", None, "<script>alert('廉政')</script><img src=x onerror=alert(1)>")
    files = build_index([evil])
    texts = [v for k, v in files.items() if k.endswith(".txt")]
    assert texts == ["<script>alert('廉政')</script><img src=x onerror=alert(1)>".encode()]
    assert _urls(candidates(files, "廉政")) == ["x/"]
    # search.js puts text in the page as text nodes only
    source = SEARCH_JS.read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|eval\(", source)


def _many(count: int, calls: list[str]) -> list[SearchDoc]:
    def doc(i: int, extra: str = "") -> SearchDoc:
        text = f"第{i}篇文稿，讨论党风廉政建设和安全生产。编号{i}。{extra}"

        def read() -> str:
            calls.append(f"d{i:03d}/")
            return text

        return SearchDoc(f"d{i:03d}/", f"文稿{i}", None, search._hash(text), read)

    docs = [doc(i) for i in range(count)]
    docs.append(doc(count, "新增"))  # this one will change
    return docs


def test_a_changed_document_indexes_only_its_group_again(tmp_path):
    calls: list[str] = []
    cache = PartCache(tmp_path / "cache")
    docs = _many(100, calls)
    first = {f.path: f for f in index_files(docs, cache)}
    rendered = {p: f.render() for p, f in first.items()}
    assert len(calls) == 2 * len(docs)  # each text read to index its group, and for its text file

    calls.clear()
    again = index_files(docs, cache)
    assert {f.path: f.key for f in again} == {p: f.key for p, f in first.items()}  # nothing to write
    changed = list(docs)
    text = "改过的正文，党风廉政。"
    changed[-1] = SearchDoc(docs[-1].url, docs[-1].title, None, search._hash(text), lambda: text)
    after = {f.path: f for f in index_files(changed, cache)}
    assert after[MANIFEST].key != first[MANIFEST].key
    new_texts = [p for p in after if p.endswith(".txt") and p not in first]
    assert len(new_texts) == 1 and all(after[p].key == first[p].key for p in after if p.endswith(".txt")
                                       and p in first)
    for f in after.values():
        if f.path not in first or f.key != first[f.path].key:
            f.render()
    group = len(docs) / search.group_count(len(docs))
    assert 0 < len(calls) <= 3 * group, calls  # the changed document's group, not the 101 documents
    assert {p: f.render() for p, f in after.items()} == build_index(changed)
    assert rendered != build_index(changed)


@contextlib.contextmanager
def small_blocks() -> Iterator[None]:
    """Groups of ~2 documents, blocks of ~4 and shards of ~1 document's worth: several blocks
    (and several groups in each) out of a handful of documents."""
    with mock.patch.object(search, "GROUP_SIZE", 2), mock.patch.object(search, "BLOCK_SIZE", 4), \
            mock.patch.object(search, "DOCS_PER_SHARD", 1):
        yield


def _changed_files(before: dict[str, search.IndexFile], after: dict[str, search.IndexFile]) -> set[str]:
    return {p for p, f in after.items() if p not in before or before[p].key != f.key}


def test_a_changed_document_rewrites_only_its_block(tmp_path):
    with small_blocks():
        cache = PartCache(tmp_path / "cache")
        docs = _many(40, [])
        first = {f.path: f for f in index_files(docs, cache)}
        blocks, shards = search.block_count(len(docs)), search.shard_count(len(docs))
        assert blocks == search.MAX_BLOCKS and search.group_count(len(docs)) > blocks
        old = json.loads(first[MANIFEST].render())
        assert 1 < len(old["blocks"]) <= blocks and old["shards"] == shards  # a block without documents is left out
        assert {f.render() for p, f in first.items() if p.endswith("/docs.json")}  # every block has documents
        files = build_index(docs, cache)

        changed = list(docs)
        text = "改过的正文，两个确立。"
        changed[7] = SearchDoc(docs[7].url, docs[7].title, None, search._hash(text), lambda: text)
        after = {f.path: f for f in index_files(changed, cache)}
        new = json.loads(after[MANIFEST].render())
        rewritten = _changed_files(first, after)
        # the manifest, the document's text, and one block: its document list and its shards
        (block,) = set(new["blocks"]) - set(old["blocks"])
        assert rewritten == {MANIFEST, f"{search.TEXTS}{search.text_name(changed[7])}.txt", f"{block}docs.json",
                             *(f"{block}{n}.json" for n in range(shards))}
        assert len(set(new["blocks"]) & set(old["blocks"])) == len(old["blocks"]) - 1
        rendered = {p: f.render() for p, f in after.items()}
        assert rendered == build_index(changed)  # the cache changes nothing
        assert all(rendered[p] == files[p] for p in rendered if p not in rewritten)
        assert [h.url for h in search.search(rendered, "两个确立")] == [docs[7].url]
        assert not search.search(files, "两个确立")


# ---------------------------------------------------------------- randomised: the index against the truth

LETTERS = "党风廉政建设两个确立安全ab1"


@pytest.mark.parametrize("layout", [contextlib.nullcontext, small_blocks])
@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=LETTERS + "，。 \n", min_size=0, max_size=40), min_size=1, max_size=12),
       st.text(alphabet=LETTERS + " ", min_size=1, max_size=5))
def test_candidates_hold_every_match_and_are_exact_for_short_runs(layout, texts, query):
    docs = [make_doc(f"p{i:02d}/", f"题{i}", None, t) for i, t in enumerate(texts)]
    with layout():
        files = build_index(docs)
    found = set(_urls(candidates(files, query)))
    right = _truth(docs, query)
    assert right <= found
    if all(len(r) <= 2 for r in search.parse_query(query)):
        assert found == right
    listed = search.search(files, query, pages=99)
    assert set(_urls(listed)) == found
    exact = [h.url in right for h in listed]
    # within a page, what holds the query as written comes first
    for start in range(0, len(exact), search.PAGE_SIZE):
        page = exact[start:start + search.PAGE_SIZE]
        assert page == sorted(page, reverse=True)


# ---------------------------------------------------------------- the seeds, built into a site


@pytest.fixture(scope="module")
def seed_project(tmp_path_factory) -> Path:
    paths = seed_paths()
    if not paths:
        pytest.skip("../shared/seeds is not there")
    root = write_project(tmp_path_factory.mktemp("search-seeds"), paths)
    report = build_site(load_config(root))
    assert not report.failures
    return root


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and (p.name == MANIFEST or p.relative_to(site).as_posix().startswith("search/index/"))}


def _site_docs(site: Path) -> list[SearchDoc]:
    manifest = json.loads((site / MANIFEST).read_bytes())
    return [make_doc(url, title, date, (site / f"{manifest['texts']}{name}.txt").read_text(encoding="utf-8"))
            for folder in manifest["blocks"] for group in json.loads((site / folder / "docs.json").read_bytes())
            for url, title, date, name in group]


def _slug(url: str) -> str:
    return url[:3] if url[3] == "_" else url


def test_seeds_party_conduct_finds_003_first_then_000(seed_project):
    files = _site_files(seed_project / "site")
    hits = search.search(files, "党风廉政")
    assert hits[0].url.startswith("003_") and hits[0].title_hit  # in 003's title
    assert {h.url[:3] for h in hits} == {"003", "000", "002"}  # 000 and 002 hold it in their text


def test_seeds_two_establishments_finds_002(seed_project):
    files = _site_files(seed_project / "site")
    assert [h.url[:3] for h in search.search(files, "两个确立")] == ["002"]


@pytest.mark.parametrize("query", ["廉政", "确立", "党风", "风廉", "个确", "政建", "两个", "住建", "联考", "基层", "廉"])
def test_seeds_short_queries_find_exactly_the_documents_that_hold_them(seed_project, query):
    site = seed_project / "site"
    docs = _site_docs(site)
    assert set(_urls(candidates(_site_files(site), query))) == _truth(docs, query) != set()


def test_the_site_links_search_page_script_and_index(seed_project):
    site = seed_project / "site"
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'src="../static/search.js"' in page and 'data-index="../search-index.json"' in page
    assert (site / "static" / "search.js").read_bytes() == SEARCH_JS.read_bytes()
    manifest = json.loads((site / MANIFEST).read_bytes())
    assert manifest["blocks"]
    for folder in manifest["blocks"]:
        assert (site / folder / "docs.json").is_file()
        assert len(list((site / folder).glob("*.json"))) == manifest["shards"] + 1


def test_search_index_build_is_deterministic_and_incremental(seed_project, tmp_path):
    other = tmp_path / "copy"
    shutil.copytree(seed_project / "content", other / "content")
    shutil.copy(seed_project / "publisher.toml", other / "publisher.toml")
    build_site(load_config(other))
    assert _site_files(other / "site") == _site_files(seed_project / "site")

    # one manuscript changed: its group, the manifest and its text; the other texts carried over
    manuscript = next((other / "content").glob("003_*.txt"))
    manuscript.write_text(manuscript.read_text(encoding="utf-8") + "\n补充：青山绿水试验句。\n", encoding="utf-8")
    report = build_site(load_config(other))
    written = [p for p in report.written if p == MANIFEST or p.startswith("search/")]
    reused = [p for p in report.reused if p.startswith("search/index/text/")]
    assert MANIFEST in written and len([p for p in written if p.endswith(".txt")]) == 1
    assert len(reused) == 7
    files = _site_files(other / "site")
    assert [h.url[:3] for h in search.search(files, "绿水试验")] == ["003"]
    # nothing changed: nothing of the index is written
    report = build_site(load_config(other))
    assert not [p for p in report.written if p == MANIFEST or p.startswith("search/")]


# ---------------------------------------------------------------- search.js against the reference


def _node(script: str, *args: str) -> str:
    if NODE is None:
        pytest.skip("node is not installed: search.js is checked in Chromium by tests/browser")
    done = subprocess.run([NODE, "-e", script, str(SEARCH_JS), *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


NODE_SEARCH = """
const fs = require("fs"), path = require("path");
const [js, site, ...queries] = process.argv.slice(1);
const S = require(js);
const index = new S.Index(p => fs.promises.readFile(path.join(site, p), "utf8"));
(async () => {
  const out = {};
  for (const q of queries) out[q] = await index.search(q, 99);
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
"""


@pytest.mark.parametrize("layout", ["as built", "in blocks"])
def test_search_js_lists_what_the_reference_lists(seed_project, tmp_path, layout):
    site = seed_project / "site"
    files = _site_files(site)
    docs = _site_docs(site)
    if layout == "in blocks":  # the same documents in several blocks (eight documents: a site of one block)
        with mock.patch.object(search, "GROUP_SIZE", 1), mock.patch.object(search, "BLOCK_SIZE", 2):
            files = build_index(docs)
        assert len(json.loads(files[MANIFEST])["blocks"]) > 1
        site = tmp_path / "blocks"
        for path, data in files.items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_bytes(data)
    queries = ["党风廉政", "两个确立", "廉政", "个确", "廉", "建设", "工作 安全", "党的建设", "2020", "ＧＤＰ", "不存在",
               "。", "加强党风廉政建设"]
    rnd = __import__("random").Random(7)
    for d in docs:  # and pieces of the texts themselves
        text = d.text()
        for _ in range(4):
            at = rnd.randrange(max(1, len(text) - 6))
            queries.append(text[at:at + rnd.randint(1, 5)].replace("\n", " "))
    js = json.loads(_node(NODE_SEARCH, str(site), *queries))
    for q in queries:
        assert js[q] == _urls(search.search(files, q, pages=99)), q


def test_search_js_folds_and_splits_like_python():
    sample = "ＡＢＣ党风，廉政ﬁ①㈠İẞ𠀀Ⅻ郞 x_y 2023年"
    out = json.loads(_node("""const S = require(process.argv[1]); const s = process.argv[2];
        process.stdout.write(JSON.stringify({fold: S.fold(s), runs: S.runs(s), query: S.parseQuery(s + " 党风")}));""",
                           sample))
    assert out == {"fold": fold(sample), "runs": search.runs(sample), "query": search.parse_query(sample + " 党风")}


def test_search_js_snippets_mark_the_query_and_keep_markup_as_text():
    text = "第一段。\n开头的话<b>不是标签</b>，今天研究党风廉政建设工作，党风廉政是重点。\n最后一段。"
    out = json.loads(_node("""const S = require(process.argv[1]);
        process.stdout.write(JSON.stringify(S.snippet(process.argv[2], S.parseQuery("党风廉政"), 5, 12)));""", text))
    marked = [p for p, m in out["pieces"] if m]
    assert marked == ["党风廉政"] * len(marked) and marked
    joined = "".join(p for p, _ in out["pieces"])
    assert "党风廉政" in joined and "\n" not in joined and joined in text
    assert out["before"] and out["after"]


def _forty_notices(root: Path, settings: str) -> Path:
    """A project of 40 short notices, all about 党风廉政建设."""
    (root / "content").mkdir(parents=True)
    (root / "publisher.toml").write_text(settings, encoding="utf-8")
    for n in range(40):
        (root / "content" / f"{n:02d}.txt").write_text(f"关于第{n}项工作的通知\n\n各单位：\n\n请加强党风廉政建设，第{n}项工作要抓好落实。\n",
                                                       encoding="utf-8")
    return root


def test_each_edition_keeps_its_own_groups(tmp_path, monkeypatch):
    """zh-Hans and zh-Hant each have an index; a changed document re-indexes one group of each."""
    root = _forty_notices(tmp_path / "editions", 'pdf = false\nvariants = ["zh-Hans", "zh-Hant"]\n')
    indexed: list[int] = []
    real = search.index_group
    monkeypatch.setattr(search, "index_group", lambda group, shards: indexed.append(len(group)) or real(group, shards))
    build_site(load_config(root))
    assert search.group_count(40) >= 2 and len(indexed) == 2 * search.group_count(40)
    (root / "content" / "07.txt").write_text("关于第7项工作的通知\n\n各单位：\n\n改过的正文，两个确立。\n", encoding="utf-8")
    indexed.clear()
    build_site(load_config(root))
    assert len(indexed) == 2  # one group in each edition, not every group of the other
    hant = _site_files(root / "site" / "zh-hant")
    assert json.loads(hant[MANIFEST])["blocks"] != json.loads(_site_files(root / "site")[MANIFEST])["blocks"]
    assert [h.url for h in search.search(hant, "兩個確立")] == ["07/"]
    assert [h.url for h in search.search(_site_files(root / "site"), "两个确立")] == ["07/"]


def test_a_one_document_rebuild_writes_one_block_of_the_index(tmp_path, monkeypatch):
    root = _forty_notices(tmp_path / "blocks", "pdf = false\n")
    monkeypatch.setattr(search, "BLOCK_SIZE", 8)
    build_site(load_config(root))
    manifest = json.loads((root / "site" / MANIFEST).read_bytes())
    assert len(manifest["blocks"]) == search.block_count(40) > 1
    (root / "content" / "07.txt").write_text("关于第7项工作的通知\n\n各单位：\n\n改过的正文，两个确立。\n", encoding="utf-8")
    report = build_site(load_config(root))
    index = [p for p in report.written if p.startswith(search.FOLDER + "/") and not p.startswith(search.TEXTS)]
    assert len({p.rsplit("/", 1)[0] for p in index}) == 1 and len(index) == manifest["shards"] + 1
    assert [h.url for h in search.search(_site_files(root / "site"), "两个确立")] == ["07/"]
