// Search bytes and timings in headless Chromium with the CPU slowed 4× (a phone-class CPU),
// congxa side by side with Pagefind on the same built site. Not a test: timings depend on
// the machine; numbers go in commit messages and reports, never in the docs.
//
//   node tests/browser/search-bench.mjs URL_OF_SEARCH_PAGE [--pagefind] [--rate 4]
//
// e.g. the 1k bench corpus, built with congxa, indexed by Pagefind too, served by any
// static server:
//   cargo run --release --example gen_corpus -- --pages 1000 /dev/shm/c1k
//   target/release/congxa build --root /dev/shm/c1k --output /dev/shm/c1k-out
//   npx pagefind@1.6 --site /dev/shm/c1k-out        # only for --pagefind
//   (cd /dev/shm/c1k-out && python3 -m http.server 8766 --bind 127.0.0.1) &
//   node tests/browser/search-bench.mjs http://127.0.0.1:8766/tim-kiem/ --pagefind
//
// Each query runs first in a new page (cold: nothing cached) and then again (warm).
// congxa: the query is typed into the search page; `total` = from the query to the 10
// results shown (meta.js, shards, prefix table and the 10 document files fetched). Pagefind
// (its JS API, /pagefind/pagefind.js, from the site's root page): `total` = search() and
// the 10 results' data(). `bytes` = what the cold query fetched from the search index
// (congxa: /chi-muc/; Pagefind: /pagefind/, its engine and WebAssembly included), each
// response counted gzipped (Pagefind's index files are gzipped already) as a server with
// gzip would send it; congxa's search.js (5.5 KB gz) comes with the page and is not counted.
// The first three titles of each are printed to compare the ranking.
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const url = args.find((a) => !a.startsWith('--') && !/^\d+(\.\d+)?$/.test(a));
const withPagefind = args.includes('--pagefind');
const rate = Number(args[args.indexOf('--rate') + 1]) || 4;
if (!url) {
  console.error('usage: node tests/browser/search-bench.mjs URL_OF_SEARCH_PAGE [--pagefind] [--rate N]');
  process.exit(2);
}
const root = new URL('..', url).href;
const queries = ['hai long', 'hài lòng', 'thủ tục hành chính', 'thu tuc hanh chinh', 'đường', 'dương',
  'nguoi dan', 'dich vu cong truc tuyen', 'cải cách hành chính xã', 'PAPI', 'một cửa', 'hanh ch'];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

/** A new page with a fresh cache, the CPU slowed, counting index bytes under `part`. */
async function newPage(part) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  page.bytes = 0;
  page.files = 0;
  page.on('response', async (r) => {
    if (!r.url().includes(part)) return;
    try {
      const body = await r.body();
      page.bytes += Math.min(body.length, gzipSync(body).length);
      page.files += 1;
    } catch { /* redirects have no body */ }
  });
  return page;
}

async function congxa(q) {
  const page = await newPage('/chi-muc/');
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('form[data-search-index]')?.dataset.state === 'idle');
  const run = async () => {
    await page.fill('#q', q);
    await page.evaluate(() => document.querySelector('form[data-search-index]').requestSubmit());
    await page.waitForFunction((q) => {
      const f = document.querySelector('form[data-search-index]');
      return f.dataset.state === 'done' && f.dataset.query === q;
    }, q);
    return page.evaluate(() => ({
      ...window.congxaSearch.lastTiming,
      top: Array.from(document.querySelectorAll('#ket-qua h2 a'), (a) => a.textContent).slice(0, 3),
    }));
  };
  const cold = await run();
  await page.waitForTimeout(200); // the last responses' bodies
  const bytes = page.bytes;
  const files = page.files;
  await page.fill('#q', '');
  const warm = await run();
  await page.context().close();
  return { results: cold.results, cold: cold.total, warm: warm.total, bytes, files, top: cold.top };
}

async function pagefind(q) {
  const page = await newPage('/pagefind/');
  await page.goto(root);
  const run = () => page.evaluate(async ([root, q]) => {
    const t0 = performance.now();
    const pf = await import(root + 'pagefind/pagefind.js');
    const r = await pf.search(q);
    const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    return { results: r.results.length, total: performance.now() - t0, top: data.slice(0, 3).map((d) => d.meta.title) };
  }, [root, q]);
  const cold = await run();
  await page.waitForTimeout(200);
  const bytes = page.bytes;
  const files = page.files;
  const warm = await run();
  await page.context().close();
  return { results: cold.results, cold: cold.total, warm: warm.total, bytes, files, top: cold.top };
}

const fmt = (x, w = 7) => (typeof x === 'number' ? x.toFixed(Number.isInteger(x) || x >= 100 ? 0 : 1) : String(x)).padStart(w);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`.padStart(9);
console.log(`CPU slowdown ${rate}×, ${url}`);
console.log('query                        engine    results  bytes(gz) files  cold ms  warm ms  top 3');
const sums = { congxa: 0, pagefind: 0 };
for (const q of queries) {
  const rows = [['congxa', await congxa(q)]];
  if (withPagefind) rows.push(['pagefind', await pagefind(q)]);
  for (const [name, r] of rows) {
    sums[name] += r.bytes;
    console.log(`${(name === 'congxa' ? q : '').padEnd(28)} ${name.padEnd(9)} ${fmt(r.results)} ${kb(r.bytes)} ${fmt(r.files, 5)} ${fmt(r.cold, 8)} ${fmt(r.warm, 8)}  ${r.top.join(' | ')}`);
  }
}
console.log(`all cold queries: congxa ${kb(sums.congxa)}${withPagefind ? `, pagefind ${kb(sums.pagefind)}` : ''}`);
await browser.close();
