// Search at /tim-kiem/ in real headless Chromium: queries are typed into the page
// and the order of the results is read back.
//
// Run by tests/browser/run.sh, which serves the Hòa Phú site under a sub-path
// (SITE_URL, e.g. http://127.0.0.1:8080/xa-hoa-phu/) from SITE_DIR. The ranking
// cases use a small fixture site built here with congxa in kiosk mode
// (`--relative`) and opened from file://, as at the one-stop office.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SITE_URL = process.env.SITE_URL;

/** The congxa binary: $CONGXA (as run.sh takes it), else the newest of target/{release,debug}
 * (run.sh's `cargo run --release` leaves one), else a debug build. */
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

const article = (title, date, body, extra = '') =>
  `---\ntitle: ${title}\ndate: ${date}\n${extra}---\n\n${body}\n`;

/** A small site whose pages differ only where the ranking rules should decide. */
function buildFixture() {
  const root = mkdtempSync(join(tmpdir(), 'congxa-search-'));
  const put = (rel, text) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  put('site.yaml', 'title: Xã Thử Nghiệm\nbase_url: https://xa.example.vn/\n');
  put('content/_index.md', '---\ntitle: Trang chủ\n---\nXin chào.\n');
  put('content/tin-tuc/_index.md', '---\ntitle: Tin tức\n---\n');
  // đường (road) and dương (poplar): same folded word, different meaning.
  put('content/tin-tuc/sua-duong.md', article('Sửa đường liên thôn', '2024-05-01',
    'Con đường liên thôn được sửa xong trước mùa mưa. Người dân góp công làm đường.'));
  put('content/tin-tuc/trong-duong.md', article('Trồng hàng dương ven đê', '2024-05-02',
    'Hàng dương được trồng mới dọc đê. Cây dương giữ đất, chắn gió cho thôn.'));
  put('content/tin-tuc/duong-day-nong.md', article('Đường dây nóng tiếp nhận phản ánh', '2024-04-01',
    'Người dân gọi đường dây nóng để phản ánh về thủ tục hành chính.'));
  // Title beats body: "cầu" in one title, many times in another body.
  put('content/tin-tuc/cau-moi.md', article('Khánh thành cầu mới', '2024-03-01', 'Nhân dân vui mừng.'));
  put('content/tin-tuc/hop.md', article('Họp dân đầu năm', '2024-03-02',
    'Bàn về cầu cống, cầu tre, cầu treo và nhu cầu của thôn; cầu thủ bóng đá cũng dự.'));
  // All words before some words: "cầu" and "đường" together only here.
  put('content/tin-tuc/cau-duong.md', article('Kế hoạch giao thông', '2023-01-01',
    'Xây cầu và làm đường cho thôn Đông.'));
  put('content/tin-tuc/nhap.md', article('Đường bản nháp', '2024-05-03', 'Đường chưa công bố.', 'draft: true\n'));
  put('content/tin-tuc/tuong-lai.md', article('Đường tương lai', '2099-01-01', 'Đường chưa tới ngày.'));
  const out = join(root, 'output');
  execFileSync(congxaBin(), ['build', '--root', root, '--output', out, '--relative', '--quiet'], { stdio: 'inherit' });
  return { root, out };
}

let browser;
let fixture;

before(async () => {
  fixture = buildFixture();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  if (fixture) rmSync(fixture.root, { recursive: true, force: true });
});

/** A new page that records every request it makes and fails on script errors. */
async function openPage(url) {
  const page = await browser.newPage();
  page.requests = [];
  page.errors = [];
  page.on('request', (r) => page.requests.push(r.url()));
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url);
  // `idle` without a query, `done` once the ?q= query is answered.
  await page.waitForFunction(() => {
    const f = document.querySelector('form[data-search-index]');
    return f && (f.dataset.state === 'idle' || f.dataset.state === 'done');
  }, null, { timeout: 15000 });
  return page;
}

async function waitDone(page, query) {
  await page.waitForFunction((q) => {
    const f = document.querySelector('form[data-search-index]');
    return f && f.dataset.state === 'done' && (q === undefined || f.dataset.query === q);
  }, query, { timeout: 15000 });
}

/** Type `query` into the search box like a person, wait for the answer, return the result titles. */
async function search(page, query) {
  await page.fill('#q', '');
  await page.type('#q', query);
  await waitDone(page, query.trim());
  return titles(page);
}

const titles = (page) => page.$$eval('#ket-qua > li h2 a', (as) => as.map((a) => a.textContent));
const fixtureSearchUrl = (q = '') =>
  pathToFileURL(join(fixture.out, 'tim-kiem', 'index.html')).href + (q ? `?q=${encodeURIComponent(q)}` : '');

test('a query with marks ranks the exact marks first: đường vs dương (file://, kiosk build)', async () => {
  const page = await openPage(fixtureSearchUrl());
  let got = await search(page, 'đường');
  assert.ok(got.indexOf('Sửa đường liên thôn') >= 0, got.join(' | '));
  assert.ok(got.indexOf('Sửa đường liên thôn') < got.indexOf('Trồng hàng dương ven đê'), got.join(' | '));
  assert.ok(got.indexOf('Đường dây nóng tiếp nhận phản ánh') < got.indexOf('Trồng hàng dương ven đê'), got.join(' | '));
  assert.equal(got.at(-1), 'Trồng hàng dương ven đê', 'dương only matches loosely: ' + got.join(' | '));

  got = await search(page, 'dương');
  assert.equal(got[0], 'Trồng hàng dương ven đê', got.join(' | '));
  assert.ok(got.includes('Sửa đường liên thôn'), 'still found without the exact marks');

  // Without marks every form matches.
  got = await search(page, 'duong');
  for (const t of ['Sửa đường liên thôn', 'Trồng hàng dương ven đê', 'Đường dây nóng tiếp nhận phản ánh', 'Kế hoạch giao thông']) {
    assert.ok(got.includes(t), `${t} in ${got.join(' | ')}`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('folding: case, NFD input and đ → d', async () => {
  const page = await openPage(fixtureSearchUrl());
  const nfc = await search(page, 'đường');
  assert.deepEqual(await search(page, 'ĐƯỜNG'), nfc);
  assert.deepEqual(await search(page, 'đường'.normalize('NFD')), nfc);
  const got = await search(page, 'duong day nong');
  assert.equal(got[0], 'Đường dây nóng tiếp nhận phản ánh', got.join(' | '));
  await page.close();
});

test('titles weigh more than body text; all words before some words', async () => {
  const page = await openPage(fixtureSearchUrl());
  let got = await search(page, 'cầu');
  assert.ok(got.indexOf('Khánh thành cầu mới') < got.indexOf('Họp dân đầu năm'), got.join(' | '));
  got = await search(page, 'cau duong');
  assert.equal(got[0], 'Kế hoạch giao thông', 'the only page with both words: ' + got.join(' | '));
  assert.ok(got.length > 3, 'pages with one of the words follow');
  await page.close();
});

test('shards start loading while the reader types, before the pause ends', async () => {
  const page = await openPage(fixtureSearchUrl());
  await search(page, 'nháp'); // meta.js is loaded
  const started = await page.evaluate(async () => {
    const input = document.getElementById('q');
    input.value = 'khánh';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Microtasks only: the 200 ms debounce (a timer) cannot have run yet.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    const form = document.querySelector('form[data-search-index]');
    return {
      scripts: Array.from(document.head.querySelectorAll('script[src*="/t/"]'), (s) => s.src),
      answered: form.dataset.query,
    };
  });
  assert.equal(started.answered, 'nháp', 'the query itself has not run yet');
  assert.ok(started.scripts.some((u) => /\/t\/kh[a-z]*\.js\?v=/.test(u)), started.scripts.join(' '));
  await waitDone(page, 'khánh');
  assert.deepEqual(await titles(page), ['Khánh thành cầu mới']);
  await page.close();
});

test('drafts and future pages are never found', async () => {
  const page = await openPage(fixtureSearchUrl());
  const got = await search(page, 'đường');
  assert.ok(!got.some((t) => /nháp|tương lai/.test(t)), got.join(' | '));
  assert.deepEqual(await search(page, 'nháp'), []);
  assert.match(await page.textContent('#so-ket-qua'), /Không tìm thấy/);
  await page.close();
});

test('a plain link with ?q= shows results, highlighted, with date and count (kiosk build)', async () => {
  const page = await openPage(fixtureSearchUrl('duong day nong'));
  assert.equal(await page.inputValue('#q'), 'duong day nong');
  const first = page.locator('#ket-qua > li').first();
  assert.equal(await first.locator('h2 a').textContent(), 'Đường dây nóng tiếp nhận phản ánh');
  assert.deepEqual(await first.locator('h2 mark').allTextContents(), ['Đường', 'dây', 'nóng']);
  assert.equal(await first.locator('time').getAttribute('datetime'), '2024-04-01');
  assert.equal(await first.locator('time').textContent(), '01/04/2024');
  const snippetMarks = await first.locator('p mark').allTextContents();
  assert.ok(snippetMarks.includes('đường') && snippetMarks.includes('nóng'), snippetMarks.join(','));
  const status = page.locator('#so-ket-qua');
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  assert.match(await status.textContent(), /^Tìm thấy \d+ kết quả cho “duong day nong”\.$/);
  // The result link works from disk.
  await first.locator('h2 a').click();
  await page.waitForLoadState();
  assert.match(page.url(), /^file:\/\/.*\/tin-tuc\/duong-day-nong\/index\.html$/);
  assert.match(await page.textContent('h1'), /Đường dây nóng/);
  assert.ok(page.requests.every((u) => u.startsWith('file://')), page.requests.join('\n'));
  await page.close();
});

test('the real site under a sub-path: hai long finds hài lòng, no third-party requests', async () => {
  assert.ok(SITE_URL, 'SITE_URL must be set (tests/browser/run.sh sets it)');
  const base = new URL(SITE_URL);
  const page = await openPage(new URL('tim-kiem/', base).href);
  const got = await search(page, 'hai long');
  assert.ok(got.length > 0, 'results for hai long');
  const first = page.locator('#ket-qua > li').first();
  const marks = (await first.locator('mark').allTextContents()).map((m) => m.toLowerCase());
  assert.ok(marks.includes('hài') && marks.includes('lòng'), `highlighted: ${marks}`);
  assert.match(got[0].toLowerCase(), /hài lòng/, 'a page about hài lòng comes first: ' + got.join(' | '));
  assert.match(await page.textContent('#so-ket-qua'), /^Tìm thấy \d+ kết quả cho “hai long”\.$/);
  // ?q= on load, and the result link stays under the sub-path.
  const linked = await openPage(new URL('tim-kiem/?q=hai+long', base).href);
  assert.deepEqual(await titles(linked), got);
  const href = await linked.locator('#ket-qua > li h2 a').first().getAttribute('href');
  assert.ok(href.startsWith(base.pathname), `${href} under ${base.pathname}`);
  const resp = await linked.goto(new URL(href, base).href);
  assert.equal(resp.status(), 200);
  for (const p of [page, linked]) {
    const foreign = p.requests.filter((u) => new URL(u).origin !== base.origin);
    assert.deepEqual(foreign, [], 'no third-party requests');
    assert.deepEqual(p.errors, []);
    await p.close();
  }
});
