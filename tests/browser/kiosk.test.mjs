// Kiosk build in a real browser: `congxa build --relative` of the Hòa Phú site
// into a temp dir, opened from file:// in headless Chromium, and clicked
// through the navigation to an index, one of its areas, an article and the
// article's printable leaflet. Every page must load from disk, with no failed
// request (stylesheets included) and no root-relative link.
//
// Binary: $CONGXA (as for run.sh) or $CONGXA_BIN, else `cargo run --release --`.
// Chromium: $CHROMIUM or /usr/bin/chromium. Needs no server: it reads files only.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let out;
let browser;

before(() => {
  out = join(mkdtempSync(join(tmpdir(), 'congxa-kiosk-')), 'site');
  const args = ['build', '--relative', '--quiet', '--root', repo, '--output', out];
  const bin = process.env.CONGXA || process.env.CONGXA_BIN;
  const run = bin
    ? spawnSync(bin, args, { encoding: 'utf8' })
    : spawnSync('cargo', ['run', '--release', '--quiet', '--', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
  assert.equal(run.status, 0, `congxa build --relative failed:\n${run.stdout}${run.stderr}`);
  assert.ok(existsSync(join(out, 'index.html')), 'the kiosk build has index.html');
});

after(async () => {
  if (browser) await browser.close();
  if (out) rmSync(dirname(out), { recursive: true, force: true });
});

/** Open a page and record every request that failed (missing file, bad path). */
async function openPage() {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--allow-file-access-from-files',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const failed = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  return { page, failed };
}

/** The page now shown must be a file of the build, ending in index.html. */
async function assertOnFile(page, failed, what) {
  const url = page.url();
  assert.ok(url.startsWith('file://'), `${what}: ${url} is not a file:// page`);
  assert.ok(url.split('#')[0].endsWith('/index.html'), `${what}: ${url} does not end in index.html`);
  assert.ok(existsSync(fileURLToPath(url.split('#')[0])), `${what}: ${url} does not exist`);
  assert.deepEqual(failed, [], `${what}: failed requests`);
  const rootRelative = await page.$$eval('[href], [src]', (els) =>
    els
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src'))
      .filter((v) => v.startsWith('/')),
  );
  assert.deepEqual(rootRelative, [], `${what}: root-relative links`);
}

/** Click the first visible link matching `selector` and wait for the next page. */
async function follow(page, selector, what) {
  const link = page.locator(`${selector} >> visible=true`).first();
  assert.ok((await link.count()) > 0, `${what}: no visible link ${selector} on ${page.url()}`);
  const before = page.url();
  await Promise.all([page.waitForURL((u) => u.href !== before), link.click()]);
  await page.waitForLoadState('load');
}

test('kiosk build: home → index → area → article → leaflet, all from file://', async () => {
  const { page, failed } = await openPage();
  await page.goto(pathToFileURL(join(out, 'index.html')).href);
  await assertOnFile(page, failed, 'home');

  // An index, from the main navigation.
  await follow(page, 'header a[href="sipas/index.html"], nav a[href="sipas/index.html"]', 'index link');
  await assertOnFile(page, failed, 'index page');
  assert.match(page.url(), /\/sipas\/index\.html$/);
  assert.match(await page.locator('h1').first().innerText(), /SIPAS/);

  // One of its areas.
  await follow(page, 'a[href="tiep-can-dich-vu-hanh-chinh-cong/index.html"]', 'area link');
  await assertOnFile(page, failed, 'area page');
  assert.match(page.url(), /\/sipas\/tiep-can-dich-vu-hanh-chinh-cong\/index\.html$/);

  // An article about that area.
  // An article card: `../../<section>/<slug>/index.html`, outside the navigation.
  const article = await page.$$eval('main a[href]', (as) =>
    as
      .map((a) => a.getAttribute('href'))
      .find((h) => /^\.\.\/\.\.\/[^/]+\/[^/]+\/index\.html$/.test(h) && !h.includes('sipas/')),
  );
  assert.ok(article, `no article link on ${page.url()}`);
  await follow(page, `main a[href="${article}"]`, 'article link');
  await assertOnFile(page, failed, 'article');
  const title = await page.locator('h1').first().innerText();
  assert.ok(title.length > 0, 'the article has a title');

  // Its printable leaflet, with the QR code.
  await follow(page, 'a[href="in/index.html"]', 'leaflet link');
  await assertOnFile(page, failed, 'leaflet');
  assert.equal(await page.locator('h1').first().innerText(), title);
  assert.equal(await page.locator('svg.qr-code').count(), 1);

  // Back to the article, then home through the navigation.
  await follow(page, 'a[href="../index.html"]', 'back to the article');
  await assertOnFile(page, failed, 'article again');
  const home = relative(dirname(fileURLToPath(page.url())), join(out, 'index.html'));
  await follow(page, `header a[href="${home}"], nav a[href="${home}"]`, 'home link');
  await assertOnFile(page, failed, 'home again');
  assert.equal(fileURLToPath(page.url()), join(out, 'index.html'));
  await page.close();
});
