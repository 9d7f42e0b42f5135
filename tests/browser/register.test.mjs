// The documents register's instant search (static/register.js) in a real
// browser, from file:// (the kiosk build): a small site with three documents
// is built with `congxa build --relative` into a temp dir and its register
// opened from disk. Typing filters the rows over number, excerpt and issuer,
// with or without Vietnamese marks, and announces the count; without
// JavaScript the field stays hidden.
//
// Binary: $CONGXA (as for run.sh) or $CONGXA_BIN, else `cargo run --release --`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir;
let browser;

const files = {
  'site.yaml': 'title: Xã Thử Nghiệm\nbase_url: https://xa.example.vn/\n',
  'content/_index.md': '---\ntitle: Trang chủ\n---\nXin chào.\n',
  'content/tin-tuc/_index.md': '---\ntitle: Tin tức\n---\n',
  'content/tin-tuc/2024-07-16-kh-93.md':
    '---\ntitle: Kế hoạch tuyên truyền năm 2024\ndate: 2024-07-16\ndocument: {number: 93/KH-UBND, issued: 2024-07-16, issuer: UBND xã Thử Nghiệm, type: Kế hoạch, excerpt: Về thông tin tuyên truyền nâng cao chỉ số}\n---\nx\n',
  'content/tin-tuc/2024-03-02-qd-12.md':
    '---\ntitle: Quyết định kiện toàn Bộ phận một cửa\ndate: 2024-03-02\ndocument: {number: 12/QĐ-UBND, issued: 2024-03-02, issuer: UBND xã Thử Nghiệm, type: Quyết định}\n---\nx\n',
  'content/tin-tuc/2024-01-05-nq-3.md':
    '---\ntitle: Nghị quyết về kế hoạch đầu tư công\ndate: 2024-01-05\ndocument: {number: 3/NQ-HĐND, issued: 2024-01-05, issuer: HĐND xã Thử Nghiệm, type: Nghị quyết}\n---\nx\n',
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'congxa-register-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const args = ['build', '--relative', '--quiet', '--root', dir];
  const bin = process.env.CONGXA || process.env.CONGXA_BIN;
  const run = bin
    ? spawnSync(bin, args, { encoding: 'utf8' })
    : spawnSync('cargo', ['run', '--release', '--quiet', '--', ...args], { cwd: repo, encoding: 'utf8' });
  assert.equal(run.status, 0, `congxa build --relative failed:\n${run.stdout}${run.stderr}`);
});

after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(javaScriptEnabled = true) {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
  });
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto(pathToFileURL(join(dir, 'output', 'van-ban', 'index.html')).href);
  return { page, failed };
}

/** The numbers of the rows shown. */
async function shown(page) {
  return page.$$eval('#register-rows > tr', (rows) =>
    rows.filter((r) => !r.hidden).map((r) => r.querySelector('.register-number').textContent),
  );
}

test('typing filters the register rows, from file://', async () => {
  const { page, failed } = await open();
  const input = page.locator('#tim-van-ban');
  assert.ok(await input.isVisible(), 'the search field is shown once the script runs');
  assert.deepEqual(await shown(page), ['93/KH-UBND', '12/QĐ-UBND', '3/NQ-HĐND']);
  const status = page.locator('.register-search-status');

  await input.fill('tuyen truyen'); // excerpt, typed without marks
  assert.deepEqual(await shown(page), ['93/KH-UBND']);
  assert.equal(await status.textContent(), '1 văn bản khớp với “tuyen truyen”.');

  await input.fill('QĐ'); // number, with marks
  assert.deepEqual(await shown(page), ['12/QĐ-UBND']);

  await input.fill('hđnd'); // issuer
  assert.deepEqual(await shown(page), ['3/NQ-HĐND']);

  await input.fill('ubnd thông tin'); // every word must occur, in any order
  assert.deepEqual(await shown(page), ['93/KH-UBND']);

  await input.fill('không có gì');
  assert.deepEqual(await shown(page), []);
  assert.equal(await status.textContent(), 'Không có văn bản nào khớp với “không có gì”.');

  await input.fill('');
  assert.equal((await shown(page)).length, 3);
  assert.deepEqual(failed, [], 'no request failed');
});

test('without JavaScript the field stays hidden and every row is shown', async () => {
  const { page } = await open(false);
  assert.equal(await page.locator('#tim-van-ban').isVisible(), false);
  assert.equal((await shown(page)).length, 3);
  // The filter pages are links.
  assert.ok(await page.locator('a[href$="loai/quyet-dinh/index.html"]').count() > 0);
});
