/* Full-text search over the static index that publisher/site/search.py writes.
 *
 * The index knows no words: its keys are character bigrams, so a query finds any run of
 * characters, 廉政 inside 党风廉政建设 too. A query of n letters matches the documents that
 * hold all its n−1 bigrams (a one-letter query: any key that begins with the letter); the
 * results shown have their text read, and those that hold the query as written come first.
 * search.py's search() is the reference of this logic: the tests hold the two together.
 *
 * Plain JavaScript, no build step, nothing fetched but the site's own files. Manuscript
 * text is only ever put in the page as text (textContent, text nodes), never as HTML.
 * The page's <script> gives data-index (the manifest, search-index.json) and data-root
 * (the site root, for the links). Under Node the logic is exported for the tests.
 */
(function (factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (typeof document !== "undefined" && document.currentScript) {
    api.start(document.currentScript);
  }
})(function () {
  "use strict";

  var PAGE_SIZE = 10; // search.py's PAGE_SIZE
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) VALUE[DIGITS[d]] = d;
  var LETTERS = /[\p{L}\p{N}]+/gu; // str.isalnum() in search.py
  var own = Object.prototype.hasOwnProperty;

  // ------------------------------------------------------------ folding, runs, keys

  var foldCache = new Map();
  function foldChar(c) {
    var f = foldCache.get(c);
    if (f === undefined) {
      var n = c.normalize("NFKC").toLowerCase();
      // One character of the same length (in UTF-16 as in code points), or the character kept.
      f = n.length === c.length && Array.from(n).length === 1 ? n : c;
      foldCache.set(c, f);
    }
    return f;
  }

  /** NFKC and lower case, one character at a time, keeping the length: positions stay valid. */
  function fold(text) {
    var out = "";
    for (var c of text) out += foldChar(c);
    return out;
  }

  function runs(text) {
    return fold(text).match(LETTERS) || [];
  }

  /** The runs a query asks for, each once, in order. */
  function parseQuery(query) {
    return Array.from(new Set(runs(query)));
  }

  /** A run's distinct bigrams as [first letter, second letter] pairs. */
  function runKeys(run) {
    var cs = Array.from(run), seen = new Set(), out = [];
    for (var i = 0; i + 1 < cs.length; i++) {
      var key = cs[i] + cs[i + 1];
      if (!seen.has(key)) {
        seen.add(key);
        out.push([cs[i], cs[i + 1]]);
      }
    }
    return out;
  }

  /** Encoded postings → Map(id → count). See search.py's encode_postings. */
  function decodePostings(text) {
    var numbers = [], acc = 0, shift = 0, i;
    for (i = 0; i < text.length; i++) {
      var v = VALUE[text[i]];
      if (v >= 32) {
        acc += (v - 32) * Math.pow(2, shift);
        shift += 5;
      } else {
        numbers.push(acc + v * Math.pow(2, shift));
        acc = 0;
        shift = 0;
      }
    }
    var out = new Map();
    for (i = 0; i < numbers.length; i++) {
      var n = numbers[i], id = Math.floor(n / 2);
      if (n % 2) out.set(id, numbers[++i] + 2);
      else out.set(id, 1);
    }
    return out;
  }

  function compareHits(a, b) {
    if (a.titleHit !== b.titleHit) return a.titleHit ? -1 : 1;
    if (a.score !== b.score) return b.score - a.score;
    if ((a.date || "") !== (b.date || "")) {
      if (!a.date) return 1;
      if (!b.date) return -1;
      return a.date < b.date ? 1 : -1; // newest first
    }
    return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
  }

  // ------------------------------------------------------------ the index

  /** An index read through load(path relative to the manifest's folder) → Promise of its text. */
  function Index(load) {
    this.load = load;
    this.files = new Map();
    this.letters = new Map();
  }

  Index.prototype.json = function (path) {
    var self = this;
    if (!this.files.has(path)) {
      var p = this.load(path).then(JSON.parse);
      p.catch(function () { self.files.delete(path); }); // try again next time
      this.files.set(path, p);
    }
    return this.files.get(path);
  };

  /** The manifest, read again for every query (it is small, and the server answers "not
   *  modified" while the site is unchanged). A rebuilt site has a new one, naming new block
   *  folders: all that was read of the old index is forgotten. */
  Index.prototype.manifest = async function () {
    var text = await this.load("search-index.json");
    if (text !== this.version) {
      this.files.clear();
      this.letters.clear();
      this.version = text;
    }
    return JSON.parse(text);
  };

  /** Documents matching every run of the query, best first: {url, title, date, text, score, titleHit}. */
  Index.prototype.candidates = async function (query) {
    var wanted = parseQuery(query);
    if (!wanted.length) return [];
    var manifest = await this.manifest();
    var blocks = manifest.blocks, shards = manifest.shards, self = this;
    var needed = new Set();
    wanted.forEach(function (run) {
      var cs = Array.from(run);
      if (cs.length === 1) needed.add(cs[0].codePointAt(0) % shards);
      else runKeys(run).forEach(function (k) { needed.add(k[0].codePointAt(0) % shards); });
    });
    // Every block's document list and the shards of the query's letters, all at once.
    var paths = [];
    blocks.forEach(function (folder) {
      paths.push(folder + "docs.json");
      needed.forEach(function (n) { paths.push(folder + n + ".json"); });
    });
    var loaded = await Promise.all(paths.map(function (p) { return self.json(p); }));
    var parts = new Map();
    paths.forEach(function (p, i) { parts.set(p, loaded[i]); });

    // second letter → encoded postings, in one group of a block, for the keys that begin with `first`
    function letter(folder, first, group) {
      var path = folder + first.codePointAt(0) % shards + ".json", cacheKey = path + ":" + group + ":" + first;
      var found = self.letters.get(cacheKey);
      if (!found) {
        found = new Map();
        var part = parts.get(path)[group];
        if (own.call(part, first)) {
          var value = part[first], bar = value.indexOf("|");
          var seconds = Array.from(value.slice(0, bar)), lists = value.slice(bar + 1).split(",");
          seconds.forEach(function (s, i) { found.set(s, lists[i]); });
        }
        self.letters.set(cacheKey, found);
      }
      return found;
    }

    var hits = [];
    blocks.forEach(function (folder) {
      parts.get(folder + "docs.json").forEach(function (docs, group) {
        var scores = null;
        for (var r = 0; r < wanted.length; r++) {
          var run = wanted[r], counts = new Map(), cs = Array.from(run);
          if (cs.length === 1) {
            letter(folder, cs[0], group).forEach(function (value) {
              decodePostings(value).forEach(function (n, id) { counts.set(id, (counts.get(id) || 0) + n); });
            });
          } else {
            var keys = runKeys(run);
            for (var i = 0; i < keys.length; i++) {
              var value = letter(folder, keys[i][0], group).get(keys[i][1]);
              if (value === undefined) { counts = new Map(); break; }
              var found = decodePostings(value);
              if (i === 0) { counts = found; continue; }
              var next = new Map();
              counts.forEach(function (c, id) { if (found.has(id)) next.set(id, Math.min(c, found.get(id))); });
              counts = next;
            }
          }
          if (scores === null) scores = counts;
          else {
            var both = new Map();
            scores.forEach(function (s, id) { if (counts.has(id)) both.set(id, s + counts.get(id)); });
            scores = both;
          }
          if (!scores.size) break;
        }
        if (scores) scores.forEach(function (score, id) {
          var doc = docs[id], title = fold(doc[1]);
          hits.push({url: doc[0], title: doc[1], date: doc[2], text: manifest.texts + doc[3] + ".txt", score: score,
                     titleHit: wanted.every(function (w) { return title.includes(w); })});
        });
      });
    });
    hits.sort(compareHits);
    return hits;
  };

  Index.prototype.text = function (hit) { return this.load(hit.text); };

  /** Does the document hold every run as written (not only its bigrams)? */
  function exact(hit, text, wanted) {
    var all = fold(hit.title + "\n" + text);
    return wanted.every(function (w) { return all.includes(w); });
  }

  /** One page of hits with their texts, those that hold the query as written first. */
  Index.prototype.page = async function (hits, start, query) {
    var wanted = parseQuery(query), self = this;
    var batch = hits.slice(start, start + PAGE_SIZE);
    var texts = await Promise.all(batch.map(function (h) { return self.text(h); }));
    var rows = batch.map(function (hit, i) {
      return {hit: hit, text: texts[i], exact: exact(hit, texts[i], wanted)};
    });
    return rows.filter(function (r) { return r.exact; }).concat(rows.filter(function (r) { return !r.exact; }));
  };

  /** What the page lists after showing `pages` pages: the URLs (search.py's search()). */
  Index.prototype.search = async function (query, pages) {
    var hits = await this.candidates(query), out = [];
    for (var start = 0; start < Math.min(hits.length, (pages || 1) * PAGE_SIZE); start += PAGE_SIZE) {
      (await this.page(hits, start, query)).forEach(function (r) { out.push(r.hit.url); });
    }
    return out;
  };

  // ------------------------------------------------------------ snippets

  /** Where to mark in `text`: merged [start, end) ranges of the runs (or, for a run the text
   *  does not hold as written, of its bigrams), from `from` to `to`. */
  function marks(folded, wanted, from, to) {
    var ranges = [];
    wanted.forEach(function (w) {
      var terms = folded.includes(w) ? [w] : runKeys(w).map(function (k) { return k[0] + k[1]; });
      if (Array.from(w).length === 1) terms = [w];
      terms.forEach(function (t) {
        var at = folded.indexOf(t, Math.max(0, from - t.length + 1));
        while (at !== -1 && at < to) {
          ranges.push([Math.max(at, from), Math.min(at + t.length, to)]);
          at = folded.indexOf(t, at + t.length);
        }
      });
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  /** Text and marked pieces, [[piece, marked?], …]. */
  function pieces(text, from, to, ranges) {
    var out = [], at = from;
    ranges.forEach(function (r) {
      if (r[0] > at) out.push([text.slice(at, r[0]), false]);
      out.push([text.slice(r[0], r[1]), true]);
      at = r[1];
    });
    if (at < to) out.push([text.slice(at, to), false]);
    return out;
  }

  function isLow(code) { return code >= 0xDC00 && code <= 0xDFFF; }

  /** A snippet of the paragraph where the query first occurs: {pieces, before, after}. */
  function snippet(text, wanted, before, after) {
    before = before || 40;
    after = after || 90;
    var folded = fold(text), anchor = -1, length = 0;
    var longest = wanted.slice().sort(function (a, b) { return b.length - a.length; });
    longest.forEach(function (w) {
      if (anchor === -1 && folded.includes(w)) { anchor = folded.indexOf(w); length = w.length; }
    });
    longest.forEach(function (w) {
      runKeys(w).forEach(function (k) {
        var at = folded.indexOf(k[0] + k[1]);
        if (anchor === -1 && at !== -1) { anchor = at; length = (k[0] + k[1]).length; }
      });
    });
    if (anchor === -1) anchor = 0;
    var lineStart = folded.lastIndexOf("\n", anchor - 1) + 1;
    var lineEnd = folded.indexOf("\n", anchor);
    if (lineEnd === -1) lineEnd = folded.length;
    var from = Math.max(lineStart, anchor - before), to = Math.min(lineEnd, anchor + length + after);
    if (from > lineStart && isLow(text.charCodeAt(from))) from++;
    if (to < lineEnd && isLow(text.charCodeAt(to))) to++;
    return {pieces: pieces(text, from, to, marks(folded, wanted, from, to)),
            before: from > lineStart, after: to < lineEnd};
  }

  function titlePieces(title, wanted) {
    return pieces(title, 0, title.length, marks(fold(title), wanted, 0, title.length));
  }

  // ------------------------------------------------------------ the page

  function chineseDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? +m[1] + "年" + +m[2] + "月" + +m[3] + "日" : iso || "";
  }

  function appendPieces(parent, list) {
    list.forEach(function (p) {
      if (p[1]) {
        var mark = document.createElement("mark");
        mark.textContent = p[0];
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(p[0]));
      }
    });
  }

  function start(script) {
    var input = document.getElementById("search-input");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!input || !status || !list) return;
    var base = new URL(script.getAttribute("data-index") || "search-index.json", location.href);
    var root = script.getAttribute("data-root") || "";
    var index = new Index(function (path) {
      var url = new URL(path, base);
      return fetch(url, path === "search-index.json" ? {cache: "no-cache"} : {}).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + url);
        return r.text();
      });
    });
    var more = document.createElement("button");
    more.type = "button";
    more.className = "search-more";
    more.textContent = "显示更多结果";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);

    var current = 0, hits = [], shown = 0, query = "", retried = null;

    function say(text) { status.textContent = text; }

    function render(rows, wanted) {
      var first = null;
      rows.forEach(function (row) {
        var hit = row.hit, li = document.createElement("li");
        var h2 = document.createElement("h2"), a = document.createElement("a");
        h2.className = "doc-list-title";
        a.href = root + hit.url;
        appendPieces(a, titlePieces(hit.title, wanted));
        h2.appendChild(a);
        li.appendChild(h2);
        if (hit.date) {
          var meta = document.createElement("p"), time = document.createElement("time");
          meta.className = "meta";
          time.dateTime = hit.date;
          time.textContent = chineseDate(hit.date);
          meta.appendChild(time);
          li.appendChild(meta);
        }
        var cut = snippet(row.text, wanted);
        var p = document.createElement("p");
        p.className = "summary search-snippet";
        if (cut.before) p.appendChild(document.createTextNode("……"));
        appendPieces(p, cut.pieces);
        if (cut.after) p.appendChild(document.createTextNode("……"));
        li.appendChild(p);
        list.appendChild(li);
        first = first || a;
      });
      return first;
    }

    function summary() {
      say(shown < hits.length
        ? "找到 " + hits.length + " 篇文稿，显示前 " + shown + " 篇。"
        : "找到 " + hits.length + " 篇文稿。");
      more.hidden = shown >= hits.length;
    }

    async function showMore(token, focus) {
      more.disabled = true;
      var rows;
      try {
        rows = await index.page(hits, shown, query);
      } catch (err) {
        // The site was rebuilt since these hits were found (a changed document's text has a
        // new name): search again, in the new index.
        if (token !== current || retried === query) throw err;
        retried = query;
        return run(query);
      }
      if (token !== current) return;
      retried = null;
      var first = render(rows, parseQuery(query));
      shown += rows.length;
      more.disabled = false;
      summary();
      if (focus && first) first.focus();
    }

    async function run(text) {
      var token = ++current;
      query = text;
      hits = [];
      shown = 0;
      list.textContent = "";
      more.hidden = true;
      var url = new URL(location.href);
      if (text.trim()) url.searchParams.set("q", text.trim());
      else url.searchParams.delete("q");
      try { history.replaceState(null, "", url); } catch (e) { /* a file: page may refuse: no matter */ }
      if (!text.trim()) { say("请输入要查找的字词。"); return; }
      if (!parseQuery(text).length) { say("请输入汉字、字母或数字。"); return; }
      say("正在搜索……");
      try {
        var found;
        try {
          found = await index.candidates(text);
        } catch (err) {
          // A file of the index gone between reading the manifest and the file: a rebuild
          // was being put in place. Once more, from a fresh manifest.
          if (token !== current) return;
          found = await index.candidates(text);
        }
        if (token !== current) return;
        hits = found;
        if (!hits.length) { say("没有找到包含“" + text.trim() + "”的文稿。"); return; }
        await showMore(token, false);
      } catch (err) {
        if (token !== current) return;
        say(location.protocol === "file:"
          ? "直接打开文件时浏览器不允许读取搜索索引，请通过网站地址（如 publisher serve）打开本页。"
          : "搜索索引加载失败，请稍后重试。");
        if (typeof console !== "undefined") console.error(err);
      }
    }

    var timer = 0;
    function later() {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 150);
    }
    // Pinyin and other input methods: search what is committed, not the letters being composed.
    input.addEventListener("input", function (e) { if (!e.isComposing) later(); });
    input.addEventListener("compositionend", later);
    input.addEventListener("keydown", function (e) {
      if (e.isComposing || e.keyCode === 229) return;
      if (e.key === "Enter") {
        e.preventDefault();
        clearTimeout(timer);
        run(input.value);
      } else if (e.key === "ArrowDown") {
        var link = list.querySelector("a");
        if (link) { e.preventDefault(); link.focus(); }
      } else if (e.key === "Escape" && input.value) {
        e.preventDefault();
        input.value = "";
        clearTimeout(timer);
        run("");
      }
    });
    list.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var links = Array.from(list.querySelectorAll(".doc-list-title a"));
      var at = links.indexOf(document.activeElement);
      if (at === -1) return;
      e.preventDefault();
      if (e.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
      else if (e.key === "ArrowUp") (at ? links[at - 1] : input).focus();
    });
    more.addEventListener("click", function () {
      showMore(current, true).catch(function (err) {
        more.disabled = false;
        say("搜索索引加载失败，请稍后重试。");
        if (typeof console !== "undefined") console.error(err);
      });
    });

    var initial = new URL(location.href).searchParams.get("q");
    if (initial) {
      input.value = initial;
      run(initial);
    }
  }

  return {
    PAGE_SIZE: PAGE_SIZE, fold: fold, runs: runs, parseQuery: parseQuery, runKeys: runKeys,
    decodePostings: decodePostings, compareHits: compareHits, Index: Index, snippet: snippet,
    start: start
  };
});
