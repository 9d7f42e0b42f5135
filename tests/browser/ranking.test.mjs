// Ranking of real queries, through the very code of themes/default/static/search.js
// (its ranking part runs without a page), on indexes built by congxa: the Hòa Phú site
// (content/ at the repository's root) and the 1,000-article generated corpus
// (examples/gen_corpus.rs). No browser: node loads the index files into a sandbox the
// way the page's <script> elements would. Run by tests/browser/run.sh; also on its own:
//
//   node --test tests/browser/ranking.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The congxa binary: $CONGXA, else the newest of target/{release,debug}, else a debug build. */
function congxaBin() {
  if (process.env.CONGXA) return process.env.CONGXA;
  const found = ['release', 'debug']
    .map((p) => join(repo, 'target', p, 'congxa'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (found.length) return found[0];
  execFileSync('cargo', ['build', '--quiet'], { cwd: repo, stdio: 'inherit' });
  return join(repo, 'target', 'debug', 'congxa');
}

/** The index in `out` loaded into a sandbox running search.js; `titles(q)` = ranked titles. */
function loadIndex(out) {
  const sandbox = { document: { querySelector: () => null }, performance, console };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(join(repo, 'themes/default/static/search.js'), 'utf8'), sandbox);
  const dir = join(out, 'tim-kiem', 'chi-muc');
  const run = (file) => vm.runInContext(readFileSync(file, 'utf8'), sandbox, { filename: file });
  run(join(dir, 'meta.js'));
  for (const sub of ['t', 'p']) {
    if (!existsSync(join(dir, sub))) continue;
    for (const f of readdirSync(join(dir, sub))) run(join(dir, sub, f));
  }
  const docs = [];
  const docBox = vm.createContext({ congxaSearch: { doc: (n, d) => { docs[n] = d; } } });
  assert.equal(typeof sandbox.congxaSearch?.rankLoaded, 'function', 'search.js ranks without a page');
  for (const f of readdirSync(join(dir, 'd'))) vm.runInContext(readFileSync(join(dir, 'd', f), 'utf8'), docBox);
  const api = sandbox.congxaSearch;
  return {
    api,
    titles: (q) => Array.from(api.rankLoaded(q), (d) => docs[d].t),
    results: (q) => Array.from(api.rankLoaded(q), (d) => docs[d]),
  };
}

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
const words = (s) => fold(s).match(/[\p{Alphabetic}\p{N}]+/gu) || [];
const show = (list) => list.slice(0, 8).map((t, i) => `${i + 1}. ${t}`).join(' | ');

let tmp;
let hoaPhu;
let corpus;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'congxa-ranking-'));
  const bin = congxaBin();
  execFileSync(bin, ['build', '--quiet', '--root', repo, '--output', join(tmp, 'hoa-phu')], { stdio: 'inherit' });
  hoaPhu = loadIndex(join(tmp, 'hoa-phu'));
  // The generator: already built by `cargo test` (CI runs it first), else built now.
  const gen = ['debug', 'release'].map((p) => join(repo, 'target', p, 'examples', 'gen_corpus')).find((p) => existsSync(p));
  const genArgs = ['--pages', '1000', join(tmp, 'c1k')];
  if (gen) execFileSync(gen, genArgs, { stdio: 'inherit' });
  else execFileSync('cargo', ['run', '--quiet', '--example', 'gen_corpus', '--', ...genArgs], { cwd: repo, stdio: 'inherit' });
  execFileSync(bin, ['build', '--quiet', '--root', join(tmp, 'c1k'), '--output', join(tmp, 'c1k-out')], { stdio: 'inherit' });
  corpus = loadIndex(join(tmp, 'c1k-out'));
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('Hòa Phú: a page titled with the query comes first', () => {
  let got = hoaPhu.titles('thủ tục hành chính');
  assert.equal(got[0], 'Thủ tục hành chính', show(got));
  got = hoaPhu.titles('thu tuc hanh chinh');
  assert.equal(got[0], 'Thủ tục hành chính', 'without marks too: ' + show(got));
  // One word: the pages named "PAPI: …" (short titles) first, then the index page, then
  // the news that list PAPI among other indices in long titles.
  got = hoaPhu.titles('PAPI');
  assert.match(got[0], /^PAPI: /, show(got));
  const index = got.indexOf('Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)');
  assert.ok(index >= 0 && index < 10, show(got));
  assert.ok(got.slice(0, index).every((t) => t.startsWith('PAPI: ')), show(got));
  got = hoaPhu.titles('hướng dẫn');
  assert.equal(got[0], 'Hướng dẫn', show(got));
});

test('Hòa Phú: hài lòng finds the SIPAS index page and the guide on top', () => {
  const got = hoaPhu.titles('hài lòng');
  const top = got.slice(0, 3);
  assert.ok(top.includes('Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)'), show(got));
  assert.ok(top.includes('Hướng dẫn đánh giá mức độ hài lòng và góp ý, phản ánh, kiến nghị'), show(got));
  assert.deepEqual(hoaPhu.titles('hai long').slice(0, 3).sort(), top.slice().sort(), 'same top without marks');
});

test('Hòa Phú: một cửa, and SIPAS, each brings its own pages first', () => {
  let got = hoaPhu.titles('một cửa');
  assert.ok(got.slice(0, 3).some((t) => /một cửa/i.test(t)), show(got));
  got = hoaPhu.titles('SIPAS');
  const index = got.indexOf('Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)');
  assert.ok(got.slice(0, index).every((t) => t.startsWith('SIPAS: ')), show(got));
  // Two titles of 7–9 words hold all three words: the body decides between them.
  got = hoaPhu.titles('cải cách hành chính');
  assert.ok(got.slice(0, 2).includes('Chỉ số Cải cách hành chính (PAR INDEX)'), show(got));
  assert.ok(got.slice(0, 5).every((t) => /cải cách.*hành chính/i.test(t)), show(got));
});

test('Hòa Phú: exact marks first, and a word being typed completes', () => {
  const found = hoaPhu.results('hanh ch');
  assert.ok(found.length > 10, found.length);
  const hasBoth = (d) => {
    const w = words(`${d.t} ${d.x}`);
    return w.includes('hanh') && w.some((x) => x.startsWith('ch'));
  };
  assert.ok(found.slice(0, 10).every(hasBoth), show(found.map((d) => d.t)));
  let got = hoaPhu.titles('chính');
  // Typed with marks, pages with those exact marks come before the others.
  const loose = got.findIndex((t) => !/chính/i.test(t) && /chinh/.test(fold(t)));
  if (loose >= 0) assert.ok(got.slice(0, loose).every((t) => !/chỉnh|chình/i.test(t)), show(got));
});

test('1k corpus: all the words first, then titles holding more of them; index pages by name', () => {
  const inTitle = (d, want) => want.filter((w) => words(d.t).includes(w)).length;
  for (const q of ['thủ tục hành chính', 'hài lòng', 'dịch vụ công trực tuyến', 'một cửa']) {
    const got = corpus.results(q);
    const want = words(q);
    assert.ok(got.length >= 50, q);
    const shown = `${q}: ${show(got.map((d) => d.t))}`;
    for (const d of got.slice(0, 10)) {
      const all = words(`${d.t} ${d.x}`);
      assert.ok(want.every((w) => all.includes(w)), `${d.t} has every word of ${shown}`);
    }
    assert.ok(inTitle(got[0], want) >= want.length / 2, shown);
    const mean = (list) => list.reduce((s, d) => s + inTitle(d, want), 0) / list.length;
    assert.ok(mean(got.slice(0, 10)) > mean(got.slice(10, 50)), shown);
  }
  assert.equal(corpus.titles('chỉ số SIPAS')[0], 'Chỉ số SIPAS');
  assert.equal(corpus.titles('PAPI')[0], 'Chỉ số PAPI');
});

test('a prefix spread over many shards is searched in full through its prefix table', () => {
  // One page with thousands of words starting with "ch" (their shards split down to
  // 3- and 4-letter keys), and two pages about "hành chính".
  const root = join(tmp, 'prefix');
  const put = (rel, text) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  put('site.yaml', 'title: Xã Thử Nghiệm\nbase_url: https://xa.example.vn/\n');
  put('content/_index.md', '---\ntitle: Trang chủ\n---\n');
  const soup = Array.from({ length: 3000 }, (_, i) => `cha${i} chi${i} cho${i} chu${i}`).join(' ');
  put('content/tin-tuc/tu-dien.md', `---\ntitle: Từ điển\ndate: 2024-01-01\n---\n\n${soup}\n`);
  put('content/tin-tuc/cai-cach.md', '---\ntitle: Cải cách hành chính\ndate: 2024-02-01\n---\n\nCải cách hành chính ở xã.\n');
  put('content/tin-tuc/mot-cua.md', '---\ntitle: Bộ phận một cửa\ndate: 2024-03-01\n---\n\nGiải quyết thủ tục hành chính cho người dân.\n');
  execFileSync(congxaBin(), ['build', '--quiet', '--root', root, '--output', join(root, 'out')], { stdio: 'inherit' });
  const idx = loadIndex(join(root, 'out'));
  const plan = JSON.parse(JSON.stringify(idx.api.plan('hanh ch')));
  assert.deepEqual(plan.filter((s) => s.kind === 'p'), [{ kind: 'p', key: 'ch' }], JSON.stringify(plan));
  assert.ok(plan.length <= 3, 'a shard for "hanh", maybe one for "ch" itself, and the table');
  assert.deepEqual(idx.titles('hanh ch').slice(0, 2).sort(), ['Bộ phận một cửa', 'Cải cách hành chính']);
  assert.deepEqual(idx.titles('hanh ch').slice(0, 2), idx.titles('hanh chinh'));
  // Every page with a word starting with "ch" is found, as loading all its shards would.
  assert.deepEqual(idx.titles('ch').sort(), ['Bộ phận một cửa', 'Cải cách hành chính', 'Từ điển']);
  // A finished word needs no table.
  assert.ok(idx.api.plan('hanh ch ').every((s) => s.kind === 't'));
});
