// Search timings in headless Chromium with the CPU slowed 4× (a phone-class CPU),
// for the numbers in docs/dev/feeds.md. Not a test: timings depend on the machine.
//
//   node tests/browser/search-bench.mjs URL_OF_SEARCH_PAGE [RATE]
//
// e.g. a bench corpus built with congxa and served by any static server:
//   cargo run --release --example gen_corpus -- --pages 1000 /dev/shm/c1k
//   target/release/congxa build --root /dev/shm/c1k --output /dev/shm/c1k-out
//   (cd /dev/shm/c1k-out && python3 -m http.server 8766 --bind 127.0.0.1) &
//   node tests/browser/search-bench.mjs http://127.0.0.1:8766/tim-kiem/
//
// For each query, typed into the page: `rank` = ranking in search.js (shards already
// loaded), `total` = from the query to the results shown (loading shards and the
// shown documents' files included), `render` = building the 10 results with their
// highlighted snippets; first time (cold) and again (warm).
import { chromium } from 'playwright-core';

const [url, rate = '4'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node tests/browser/search-bench.mjs URL_OF_SEARCH_PAGE [CPU_SLOWDOWN]');
  process.exit(2);
}
const queries = ['hai long', 'hài lòng', 'thu tuc hanh chinh', 'đường', 'dương', 'nguoi dan',
  'dich vu cong truc tuyen', 'cải cách hành chính xã', 'ubnd', 'chi so par index', 'hanh ch'];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(rate) });
const bytes = { index: 0 };
page.on('response', async (r) => {
  if (r.url().includes('/chi-muc/')) bytes.index += Number(r.headers()['content-length'] || 0);
});
await page.goto(url);
await page.waitForFunction(() => document.querySelector('form[data-search-index]')?.dataset.state === 'idle');

async function timed(q) {
  await page.fill('#q', q);
  await page.evaluate(() => document.querySelector('form[data-search-index]').requestSubmit());
  await page.waitForFunction((q) => {
    const f = document.querySelector('form[data-search-index]');
    return f.dataset.state === 'done' && f.dataset.query === q;
  }, q);
  return page.evaluate(() => window.congxaSearch.lastTiming);
}

const fmt = (x) => x.toFixed(1).padStart(6);
console.log(`CPU slowdown ${rate}×, ${url}`);
console.log('query                          results   rank cold  total cold   rank warm  render warm  total warm  (ms)');
const warmRanks = [];
for (const q of queries) {
  const cold = await timed(q);
  await timed('');
  const warm = await timed(q);
  warmRanks.push(warm.rank);
  console.log(`${q.padEnd(30)} ${String(cold.results).padStart(7)} ${fmt(cold.rank)}     ${fmt(cold.total)}      ${fmt(warm.rank)}    ${fmt(warm.render)}       ${fmt(warm.total)}`);
}
warmRanks.sort((a, b) => a - b);
console.log(`max rank ${fmt(warmRanks.at(-1))} ms; index bytes fetched (uncompressed, whole session): ${bytes.index}`);
await browser.close();
