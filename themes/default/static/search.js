/*
 * congxa search for /tim-kiem/. No third-party code, no requests outside the site.
 *
 * The index (made by src/search.rs, format described in notes/feeds.md) is a set of
 * small JavaScript files that call the functions of `window.congxaSearch`. They are
 * loaded with <script> elements, not fetch(), so search also works from file://
 * (the kiosk build). Only the shards holding the query's words and the documents
 * shown are loaded.
 *
 * Matching: a word's *form* is NFC lower case ("đường"), its *term* the form without
 * marks, "đ" → "d" ("duong"). A query word finds every form of its term; when it is
 * typed with marks, forms closer to it rank first (mapbox/carmen#611). The last word
 * also matches as a prefix while it is being typed.
 * Ranking, in order: words of the query found (all words first), closeness of the
 * marks, matches in the title, then how often and how rare the words are, then newer.
 */
(function () {
  'use strict';

  var form = document.querySelector('form[data-search-index]');
  if (!form || !window.Promise || !('normalize' in String.prototype)) return;
  var input = document.getElementById('q');
  var list = document.getElementById('ket-qua');
  var status = document.getElementById('so-ket-qua');
  var more = document.getElementById('xem-them');
  var strings = form.dataset;
  var metaUrl = form.dataset.searchIndex;
  var base = metaUrl.slice(0, metaUrl.lastIndexOf('/') + 1);
  var PAGE = 10;
  var FORMAT = 1;
  var SNIPPET = 220;

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

  // ---- Loading the index ---------------------------------------------------
  var store = { meta: null, shards: Object.create(null), docs: Object.create(null) };
  var api = (window.congxaSearch = {
    meta: function (m) { store.meta = m; },
    shard: function (key, data) { store.shards[key] = data; },
    doc: function (n, d) { store.docs[n] = d; },
    /** Ranked document numbers for `q` (for tests and measurements). */
    query: function (q) { return ready().then(function () { return prepare(parse(q)); }).then(rank); },
    lastTiming: null,
  });
  var loading = Object.create(null);
  var keys = null;
  var maxKey = 0;

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
        var m = store.meta;
        if (!m || m.format !== FORMAT) throw new Error('format');
        keys = new Set(m.keys);
        m.keys.forEach(function (k) { maxKey = Math.max(maxKey, Array.from(k).length); });
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

  /** The shard key of a term: the longest key that is a prefix of it. */
  function keyOf(term) {
    var cps = Array.from(term);
    for (var n = Math.min(cps.length, maxKey); n >= 1; n--) {
      var k = cps.slice(0, n).join('');
      if (keys.has(k)) return k;
    }
    return null;
  }

  // ---- Queries --------------------------------------------------------------
  /** Query words: form, term, typed with marks?, match as prefix? */
  function parse(q) {
    var words = (q.match(WORD) || []).map(formOf);
    var seen = Object.create(null);
    var toks = [];
    words.forEach(function (f) {
      if (seen[f] || toks.length >= 12) return;
      seen[f] = true;
      var t = termOf(f);
      if (t) toks.push({ form: f, term: t, marked: f !== t, prefix: false, shards: [] });
    });
    if (toks.length && WORD_END.test(q)) {
      var last = toks[toks.length - 1];
      last.prefix = Array.from(last.term).length >= 2;
    }
    return toks;
  }

  /** Load the shards the query needs. A prefix needing more than 4 shards is dropped. */
  function prepare(toks) {
    var wanted = [];
    toks.forEach(function (tok) {
      var own = keyOf(tok.term);
      var list = own ? [own] : [];
      if (tok.prefix) {
        var extra = store.meta.keys.filter(function (k) { return k !== own && k.indexOf(tok.term) === 0; });
        if (extra.length + list.length <= 4) list = list.concat(extra);
        else tok.prefix = false;
      }
      tok.shards = list;
      wanted = wanted.concat(list);
    });
    return Promise.all(wanted.map(function (k) {
      return load(base + 't/' + shardFile(k) + version());
    })).then(function () { return toks; });
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

  // 1 + ln(1 + count), for the counts the index stores (0–63).
  var LOG_TF = new Float64Array(64).map(function (_, i) { return 1 + Math.log(1 + i); });

  /** Document numbers, best first. */
  function rank(toks) {
    var t0 = performance.now();
    var N = store.meta.n;
    var found = new Uint8Array(N);
    var close = new Float64Array(N);
    var inTitle = new Float64Array(N);
    var weight = new Float64Array(N);
    toks.forEach(function (tok) {
      var best = new Float64Array(N);
      var title = new Float64Array(N);
      var tf = new Float64Array(N);
      tok.shards.forEach(function (k) {
        var shard = store.shards[k] || {};
        var terms = tok.prefix ? Object.keys(shard) : [tok.term];
        terms.forEach(function (term) {
          var whole = term === tok.term;
          if (!whole && (!tok.prefix || term.indexOf(tok.term) !== 0)) return;
          var forms = shard[term];
          if (!forms) return;
          var df = 0;
          forms.forEach(function (f) { df += f[1].length / 2; });
          var idf = Math.log(1 + N / df);
          forms.forEach(function (f) {
            var q = closeness(tok, f[0] || term, whole) * (whole ? 1 : 0.5);
            var p = f[1];
            var d = 0;
            for (var i = 0; i < p.length; i += 2) {
              d += p[i];
              var w = p[i + 1];
              if (q > best[d]) best[d] = q;
              if (w & 1 && q > title[d]) title[d] = q;
              var s = idf * LOG_TF[w >> 1];
              if (s > tf[d]) tf[d] = s;
            }
          });
        });
      });
      for (var d = 0; d < N; d++) {
        if (best[d] > 0) {
          found[d]++;
          close[d] += best[d];
          inTitle[d] += title[d];
          weight[d] += tf[d];
        }
      }
    });
    // One sort key per document: words found, then closeness, then title, then weight.
    var key = new Float64Array(N);
    var hits = [];
    for (var d = 0; d < N; d++) {
      if (!found[d]) continue;
      hits.push(d);
      key[d] = ((found[d] * 16384 + Math.round(close[d] * 1000)) * 16384 +
        Math.round(inTitle[d] * 1000)) * 1048576 + Math.min(1048575, Math.round(weight[d] * 1000));
    }
    hits.sort(function (a, b) { return key[b] - key[a] || a - b; });
    rank.ms = performance.now() - t0;
    return hits;
  }

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
    return (template || '').replace('{n}', num).replace('{q}', q);
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
      .then(function () { return prepare(c.toks); })
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
