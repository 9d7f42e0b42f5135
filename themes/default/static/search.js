/*
 * congxa search for /tim-kiem/. No third-party code, no requests outside the site.
 *
 * The index (made by src/search.rs, format in the guide's reference/search.md) is a set of
 * small JavaScript files that call the functions of `window.congxaSearch`. They are
 * loaded with <script> elements, not fetch(), so search also works from file://
 * (the kiosk build). Only the shards holding the query's words and the documents
 * shown are loaded.
 *
 * Matching: a word's *form* is NFC lower case ("đường"), its *term* the form without
 * marks, "đ" → "d" ("duong"). A query word finds every form of its term; when it is
 * typed with marks, forms closer to it rank first (mapbox/carmen#611). The last word
 * also matches as a prefix while it is being typed (through a prefix table, p/*.js, when
 * its words are spread over many shards). Shards start loading at each keystroke.
 * Ranking, in order: words of the query found (all words first), closeness of the
 * marks, a title that is the query (then one that holds all its words), then BM25
 * (weights computed at build time, idf here) with title words weighing more, then newer.
 * The ranking part runs without a page too (node tests: tests/browser/ranking.test.mjs).
 */
(function () {
  'use strict';

  if (!window.Promise || !('normalize' in String.prototype)) return;
  var FORMAT = 2;

  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var WORD_END = /[\p{Alphabetic}\p{N}\p{M}]$/u;
  var MARK = /\p{M}/gu;

  /** NFC, lower case: "Đường" → "đường". */
  function formOf(w) {
    return w.normalize('NFC').toLowerCase();
  }
  /** No marks, đ → d, lower case: "đường" → "duong". Same as `search::term` in Rust. */
  function termOf(f) {
    return f.normalize('NFD').replace(MARK, '').replace(/[đĐðÐ]/g, 'd').toLowerCase();
  }

  // ---- The index ------------------------------------------------------------
  // Filled by the index files (meta.js, t/*.js, p/*.js, d/*.js) as they load.
  var store = { meta: null, shards: Object.create(null), prefixes: Object.create(null), docs: Object.create(null) };
  var keys = null;
  var prefixKeys = null;
  var maxKey = 0;
  var api = (window.congxaSearch = {
    meta: function (m) {
      store.meta = m;
      keys = new Set(m.keys || []);
      prefixKeys = new Set(m.prefixes || []);
      maxKey = 0;
      (m.keys || []).forEach(function (k) { maxKey = Math.max(maxKey, Array.from(k).length); });
    },
    shard: function (key, data) { store.shards[key] = data; },
    prefix: function (key, data) { store.prefixes[key] = data; },
    doc: function (n, d) { store.docs[n] = d; },
    /** Ranked document numbers for `q` once the page's index is loaded (for tests and measurements). */
    query: null,
    /** Ranked document numbers for `q` from the index files already loaded (node tests load them all). */
    rankLoaded: function (q) {
      var toks = parse(q);
      plan(toks, false);
      return rank(toks);
    },
    /** The index files `q` needs: [{kind: 't' | 'p', key}]. */
    plan: function (q) { return plan(parse(q), false); },
    lastTiming: null,
  });

  /** The shard key of a term: the longest key that is a prefix of it. */
  function keyOf(term) {
    var cps = Array.from(term);
    for (var n = Math.min(cps.length, maxKey); n >= 1; n--) {
      var k = cps.slice(0, n).join('');
      if (keys.has(k)) return k;
    }
    return null;
  }

  /** Query words: form, term, typed with marks?, match as prefix? */
  function parse(q) {
    var words = (q.match(WORD) || []).map(formOf);
    var seen = Object.create(null);
    var toks = [];
    words.forEach(function (f) {
      if (seen[f] || toks.length >= 12) return;
      seen[f] = true;
      var t = termOf(f);
      if (t) toks.push({ form: f, term: t, marked: f !== t, prefix: false, sources: [] });
    });
    if (toks.length && WORD_END.test(q)) {
      var last = toks[toks.length - 1];
      last.prefix = Array.from(last.term).length >= 2;
    }
    return toks;
  }

  /**
   * Which index files each word needs (sets `tok.sources`, returns them all): the shard of
   * its term; for a prefix, also every shard whose key starts with it, or, when those are
   * more than 3, its prefix table (every document with a word starting with it, one list).
   * `light` (while the reader is still typing): shards of the terms only.
   */
  function plan(toks, light) {
    var wanted = [];
    toks.forEach(function (tok) {
      var own = keyOf(tok.term);
      var list = own ? [{ kind: 't', key: own }] : [];
      if (tok.prefix && !light) {
        var extra = store.meta.keys.filter(function (k) { return k !== own && k.indexOf(tok.term) === 0; });
        if (extra.length + list.length <= 3 || !prefixKeys.has(tok.term)) {
          extra.forEach(function (k) { list.push({ kind: 't', key: k }); });
        } else {
          list.push({ kind: 'p', key: tok.term });
        }
      }
      tok.sources = list;
      wanted = wanted.concat(list);
    });
    return wanted;
  }

  /** How close a form is to what was typed: 1 = same marks. */
  function closeness(tok, form, whole) {
    if (!tok.marked) return 1;
    var a = Array.from(tok.form);
    var b = Array.from(form);
    if (!whole) b = b.slice(0, a.length);
    if (a.length !== b.length) return 0.5;
    var same = 0;
    for (var i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
    return same / a.length;
  }

  // A stored weight w (src/search/rank.rs): 1–9 = BM25 term-frequency level in the body;
  // 10–63 = 10 + ⌈body/2⌉·9 + title − 1 for a word in the title, title = the title's
  // length in words up to 6, then 7 (7–9 words), 8 (10–13), 9 (14 and more).
  var BODY = new Float64Array(64);
  var TITLE_LEN = new Uint8Array(64);
  for (var w = 1; w < 64; w++) {
    if (w <= 9) { BODY[w] = w / 9; } else { BODY[w] = Math.min(1, Math.floor((w - 10) / 9) * 2 / 9); TITLE_LEN[w] = (w - 10) % 9 + 1; }
  }
  var K1 = 1.2;
  var B = 0.75;
  // A word in the title weighs this many times a word saturating the body.
  var TITLE_WEIGHT = 2;
  /** BM25's term-frequency part for a title word, over its limit (0–1), by title length. */
  function titleWeights(meta) {
    var m = meta.title || [];
    var avg = m[0] || 8;
    var out = new Float64Array(10);
    for (var c = 1; c <= 9; c++) {
      var len = c <= 6 ? c : m[c - 6] || [8, 11.5, 16][c - 7];
      out[c] = 1 / (1 + K1 * (1 - B + B * len / avg));
    }
    return out;
  }

  /**
   * Document numbers, best first. Sort key, in order: (1) words of the query found;
   * (2) closeness of the marks; (3) the title: 2 when it is the query's words and nothing
   * else, 1 when it holds them all; (4) the sum over the words of BM25: idf × (body level +
   * TITLE_WEIGHT × title weight), × closeness; then newer (lower number) first.
   */
  function rank(toks) {
    var t0 = performance.now();
    var N = store.meta.n;
    var TW = titleWeights(store.meta);
    var found = new Uint8Array(N);
    var inTitle = new Uint8Array(N);
    var titleLevel = new Uint8Array(N);
    var close = new Float64Array(N);
    var weight = new Float64Array(N);
    toks.forEach(function (tok) {
      var best = new Float64Array(N);
      var title = new Uint8Array(N);
      var titleClose = new Float64Array(N);
      var score = new Float64Array(N);
      /** One postings list `p` ([d, w, …], deltas) matching with closeness `q`. */
      function add(p, q, idf) {
        var d = 0;
        for (var i = 0; i < p.length; i += 2) {
          d += p[i];
          var w = p[i + 1];
          if (q > best[d]) best[d] = q;
          var tl = TITLE_LEN[w];
          if (tl && q > titleClose[d]) { titleClose[d] = q; title[d] = tl; }
          var s = q * idf * (BODY[w] + TITLE_WEIGHT * TW[tl]);
          if (s > score[d]) score[d] = s;
        }
      }
      function idfOf(df) { return Math.log(1 + (N - df + 0.5) / (df + 0.5)); }
      // The whole word, and the words it begins (for the word being typed), as
      // [term, forms, whole?]; a prefix table as one word.
      var matches = [];
      tok.sources.forEach(function (src) {
        if (src.kind === 'p') {
          var table = store.prefixes[src.key];
          if (table) matches.push(['', [['', table]], false]);
          return;
        }
        var shard = store.shards[src.key] || {};
        var terms = tok.prefix ? Object.keys(shard) : [tok.term];
        terms.forEach(function (term) {
          var whole = term === tok.term;
          if (!whole && (!tok.prefix || term.indexOf(tok.term) !== 0)) return;
          if (shard[term]) matches.push([term, shard[term], whole]);
        });
      });
      // The words a prefix begins count as one word for idf (else a rare completion
      // would outweigh the common one the reader is most likely typing).
      var prefixDf = 0;
      var dfs = matches.map(function (m) {
        var df = 0;
        m[1].forEach(function (f) { df += f[1].length / 2; });
        if (!m[2]) prefixDf += df;
        return df;
      });
      matches.forEach(function (m, i) {
        var term = m[0];
        var whole = m[2];
        var idf = idfOf(whole ? dfs[i] : Math.min(N, prefixDf));
        m[1].forEach(function (f) {
          // A prefix table has no forms: marks unknown.
          var q = term ? closeness(tok, f[0] || term, whole) : 1;
          add(f[1], q * (whole ? 1 : 0.5), idf);
        });
      });
      for (var d = 0; d < N; d++) {
        if (best[d] > 0) {
          found[d]++;
          close[d] += best[d];
          weight[d] += score[d];
          // In the title only when the title has the word as closely as the page does
          // (typed "dương", a title with "đường" does not count when the text has "dương").
          if (title[d] && titleClose[d] >= best[d]) { inTitle[d]++; titleLevel[d] = title[d]; }
        }
      }
    });
    // One sort key per document.
    var n = toks.length;
    var key = new Float64Array(N);
    var hits = [];
    for (var d = 0; d < N; d++) {
      if (!found[d]) continue;
      hits.push(d);
      // The title is exactly the query when it has all the words and as many words
      // (lengths are known up to 6 words).
      var t = inTitle[d] === n ? (titleLevel[d] <= 6 && titleLevel[d] === n ? 2 : 1) : 0;
      key[d] = ((found[d] * 16384 + Math.round(close[d] * 1000)) * 4 + t) * 16777216 +
        Math.min(16777215, Math.round(weight[d] * 1000));
    }
    hits.sort(function (a, b) { return key[b] - key[a] || a - b; });
    rank.ms = performance.now() - t0;
    return hits;
  }

  // ---- Loading the index in the page -----------------------------------------
  var form = document.querySelector('form[data-search-index]');
  if (!form) return;
  var input = document.getElementById('q');
  var list = document.getElementById('ket-qua');
  var status = document.getElementById('so-ket-qua');
  var more = document.getElementById('xem-them');
  var strings = form.dataset;
  var metaUrl = form.dataset.searchIndex;
  var base = metaUrl.slice(0, metaUrl.lastIndexOf('/') + 1);
  var PAGE = 10;
  var SNIPPET = 220;
  var loading = Object.create(null);

  function load(url) {
    if (!loading[url]) {
      loading[url] = new Promise(function (ok, fail) {
        var s = document.createElement('script');
        s.src = url;
        s.async = true;
        s.onload = function () { s.remove(); ok(); };
        s.onerror = function () { s.remove(); delete loading[url]; fail(new Error(url)); };
        document.head.appendChild(s);
      });
    }
    return loading[url];
  }

  var metaPromise = null;
  function ready() {
    if (!metaPromise) {
      metaPromise = load(metaUrl).then(function () {
        if (!store.meta || store.meta.format !== FORMAT) throw new Error('format');
      });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  function version() { return '?v=' + store.meta.v; }

  function shardFile(key) {
    if (/^[a-z0-9]+$/.test(key)) return key + '.js';
    var hex = '';
    new TextEncoder().encode(key).forEach(function (b) { hex += (b < 16 ? '0' : '') + b.toString(16); });
    return '_' + hex + '.js';
  }

  /** Load the index files the query's words need (see `plan`). */
  function prepare(toks, light) {
    return Promise.all(plan(toks, light).map(function (src) {
      return load(base + src.kind + '/' + shardFile(src.key) + version());
    })).then(function () { return toks; });
  }

  api.query = function (q) { return ready().then(function () { return prepare(parse(q), false); }).then(rank); };

  // ---- Showing results ------------------------------------------------------
  var foldCache = Object.create(null);
  /** Folded text with, for each folded unit, its index in the original text. */
  function foldWithMap(text) {
    var parts = [];
    var map = [];
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code < 128) {
        parts.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i]);
        map.push(i);
        continue;
      }
      var ch = code >= 0xd800 && code < 0xdc00 ? text.slice(i, i + 2) : text[i];
      var f = foldCache[ch];
      if (f === undefined) f = foldCache[ch] = termOf(formOf(ch));
      for (var j = 0; j < f.length; j++) map.push(i);
      parts.push(f);
      i += ch.length - 1;
    }
    map.push(text.length);
    return { text: parts.join(''), map: map };
  }

  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
  /** Where the query's words occur in `text`: [{start, end, tok, exact}] in order. */
  function occurrences(text, toks) {
    var folded = foldWithMap(text);
    var ft = folded.text;
    var out = [];
    toks.forEach(function (tok) {
      var from = 0;
      var n = tok.term.length;
      while (out.length < 400) {
        var at = ft.indexOf(tok.term, from);
        if (at < 0) break;
        from = at + n;
        if (at > 0 && WORD_CHAR.test(ft[at - 1])) continue;
        var end = at + n;
        if (tok.prefix) {
          while (end < ft.length && WORD_CHAR.test(ft[end])) end++;
        } else if (end < ft.length && WORD_CHAR.test(ft[end])) continue;
        var s = folded.map[at];
        var e = folded.map[end];
        var piece = formOf(text.slice(s, e));
        out.push({ start: s, end: e, tok: tok, exact: tok.prefix ? piece.indexOf(tok.form) === 0 : piece === tok.form });
      }
    });
    out.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var kept = [];
    out.forEach(function (o) { if (!kept.length || o.start >= kept[kept.length - 1].end) kept.push(o); });
    return kept;
  }

  /** The part of `text` around the best group of matches, and the matches in it. */
  function snippet(text, toks) {
    var occ = occurrences(text, toks);
    var start = 0;
    if (occ.length && text.length > SNIPPET) {
      var bestAt = 0;
      var bestScore = -1;
      for (var i = 0; i < occ.length; i++) {
        var seen = new Set();
        var score = 0;
        for (var j = i; j < occ.length && occ[j].start < occ[i].start + SNIPPET - 40; j++) {
          if (!seen.has(occ[j].tok)) { seen.add(occ[j].tok); score += 10; }
          if (occ[j].exact && occ[j].tok.marked) score += 1;
        }
        if (score > bestScore) { bestScore = score; bestAt = occ[i].start; }
      }
      start = Math.max(0, bestAt - 40);
      if (start > 0) {
        var sp = text.indexOf(' ', start);
        start = sp >= 0 && sp < bestAt ? sp + 1 : bestAt;
      }
    }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      var sp2 = text.lastIndexOf(' ', end);
      if (sp2 > start) end = sp2;
    }
    var lead = start > 0 ? '…' : '';
    // Whitespace becomes spaces one for one, so positions stay valid.
    var piece = lead + text.slice(start, end).replace(/\s/g, ' ') + (end < text.length ? '…' : '');
    var marks = [];
    occ.forEach(function (o) {
      if (o.start >= start && o.end <= end) {
        marks.push({ start: o.start - start + lead.length, end: o.end - start + lead.length });
      }
    });
    return { text: piece, marks: marks };
  }

  function highlighted(el, text, marks) {
    var at = 0;
    marks.forEach(function (m) {
      if (m.start > at) el.appendChild(document.createTextNode(text.slice(at, m.start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(m.start, m.end);
      el.appendChild(mark);
      at = m.end;
    });
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }

  function dateVi(iso) {
    var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return p ? p[3] + '/' + p[2] + '/' + p[1] : '';
  }

  function item(n, toks) {
    var d = store.docs[n];
    var li = document.createElement('li');
    li.className = 'search-result';
    if (!d) return li;
    var h = document.createElement('h2');
    var a = document.createElement('a');
    a.href = d.u;
    highlighted(a, d.t, occurrences(d.t, toks));
    h.appendChild(a);
    li.appendChild(h);
    if (d.d) {
      var meta = document.createElement('p');
      meta.className = 'search-result__date';
      var time = document.createElement('time');
      time.dateTime = d.d;
      time.textContent = dateVi(d.d);
      meta.appendChild(time);
      li.appendChild(meta);
    }
    var s = snippet(d.x || '', toks);
    if (s.text) {
      var p = document.createElement('p');
      p.className = 'search-result__snippet';
      highlighted(p, s.text, s.marks);
      li.appendChild(p);
    }
    return li;
  }

  function say(template, n, q) {
    var num = typeof n === 'number' ? n.toLocaleString('vi-VN') : '';
    return (template || '').replace('{n}', num).split('{q}').join(q);
  }

  var current = { seq: 0, hits: [], shown: 0, toks: [], q: '' };

  function showMore(focusFirst) {
    var c = current;
    var page = c.hits.slice(c.shown, c.shown + PAGE);
    return Promise.all(page.map(function (n) {
      return load(base + 'd/' + n + '.js' + version()).catch(function () {});
    })).then(function () {
      if (c !== current) return;
      var t0 = performance.now();
      var first = null;
      page.forEach(function (n) {
        var li = item(n, c.toks);
        list.appendChild(li);
        if (!first) first = li.querySelector('a');
      });
      showMore.ms = performance.now() - t0;
      c.shown += page.length;
      more.hidden = c.shown >= c.hits.length;
      if (focusFirst && first) first.focus();
    });
  }

  function run(q, fromUser) {
    var t0 = performance.now();
    var c = (current = { seq: current.seq + 1, hits: [], shown: 0, toks: parse(q), q: q.trim() });
    if (fromUser) remember(q);
    if (!c.toks.length) {
      list.textContent = '';
      more.hidden = true;
      status.textContent = '';
      form.dataset.query = c.q;
      form.dataset.state = 'done';
      return Promise.resolve();
    }
    // Say "searching" only when it takes a while (slow network), so a screen
    // reader hears one message per query: the count.
    form.dataset.state = 'busy';
    list.setAttribute('aria-busy', 'true');
    var slow = setTimeout(function () {
      if (c === current && form.dataset.state === 'busy') status.textContent = strings.tLoading || '';
    }, 500);
    var finish = function () {
      clearTimeout(slow);
      if (c === current) list.removeAttribute('aria-busy');
    };
    return ready()
      .then(function () { return prepare(c.toks, false); })
      .then(function (toks) {
        if (c !== current) return;
        c.hits = rank(toks);
        var searchMs = rank.ms;
        list.textContent = '';
        return showMore(false).then(function () {
          if (c !== current) return;
          status.textContent = c.hits.length
            ? say(strings.tFound, c.hits.length, c.q)
            : say(strings.tNone, 0, c.q);
          api.lastTiming = { rank: searchMs, render: showMore.ms, total: performance.now() - t0, results: c.hits.length };
          finish();
          form.dataset.query = c.q;
          form.dataset.state = 'done';
        });
      })
      .catch(function () {
        finish();
        if (c !== current) return;
        status.textContent = strings.tError || '';
        form.dataset.state = 'error';
      });
  }

  function remember(q) {
    try {
      var u = new URL(location.href);
      if (q.trim()) u.searchParams.set('q', q.trim());
      else u.searchParams.delete('q');
      history.replaceState(null, '', u.href);
    } catch (e) { /* file:// may refuse; the search still works */ }
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    form.dataset.state = 'busy';
    // The shards of the words typed so far start loading now, during the pause.
    var q = input.value;
    ready().then(function () { return prepare(parse(q), true); }).catch(function () {});
    timer = setTimeout(function () { run(input.value, true); }, 200);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    form.dataset.state = 'busy';
    run(input.value, true);
  });
  more.addEventListener('click', function () { showMore(true); });

  var initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    form.dataset.state = 'busy';
    run(initial, false);
  } else {
    form.dataset.state = 'idle';
    ready().catch(function () {});
  }
})();
