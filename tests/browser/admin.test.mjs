// /admin/ (Decap CMS) on `congxa serve`, in real headless Chromium: log in
// through congxa's local backend, write an article through the form (title,
// index and area from the select widgets, a photo uploaded into the
// article's folder, its description, the body), publish it; the file lands
// in content/, `congxa check` passes, and the preview serves the page.
// An article the build would refuse is refused in the admin with congxa's
// Vietnamese message, and nothing is written.
//
// Decap CMS comes from npm (devDependencies, pinned in the lockfile) and is
// served by congxa itself from the fixture's content/ (`admin.script`): no CDN.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

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

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A 1×1 PNG (a real one: congxa decodes photos, and refuses a damaged one). */
const PNG = Buffer.from(
  '89504E470D0A1A0A0000000D4948445200000001000000010806000000' +
    '1F15C4890000000B49444154789C6360000200000500017A5EAB3F0000000049454E44AE426082',
  'hex',
);

let root;
let serve;
let base;
let browser;

function put(rel, content) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'congxa-admin-'));
  put(
    'site.yaml',
    'title: Xã Thử Nghiệm\nbase_url: https://xa.example.vn/\nadmin:\n  backend: github\n' +
      '  repo: ubnd-thu-nghiem/trang\n  script: /decap/decap-cms.js\n',
  );
  put('content/_index.md', '---\ntitle: Trang chủ\n---\nXin chào.\n');
  put('content/tin-tuc/_index.md', '---\ntitle: Tin tức\n---\n');
  put(
    'content/sipas/_index.md',
    '---\ntitle: Chỉ số SIPAS\nindex:\n  code: SIPAS\n  name: Chỉ số hài lòng\n  areas:\n' +
      '    - {key: tiep-can-dich-vu, title: Tiếp cận dịch vụ hành chính công}\n---\n',
  );
  // Decap's bundle and the chunks it loads from beside itself.
  const dist = join(here, 'node_modules', 'decap-cms', 'dist');
  mkdirSync(join(root, 'content', 'decap'), { recursive: true });
  for (const f of readdirSync(dist)) {
    if (f.endsWith('decap-cms.js') || f.endsWith('.wasm')) {
      copyFileSync(join(dist, f), join(root, 'content', 'decap', f));
    }
  }
  writeFileSync(join(root, 'anh-tiep-dan.png'), PNG);

  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  serve = spawn(congxaBin(), ['serve', '--root', root, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  serve.stdout.on('data', (d) => { log += d; });
  serve.stderr.on('data', (d) => { log += d; });
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${base}admin/config.yml`);
      if (r.ok && (await r.text()).includes('local_backend')) break;
    } catch { /* not up yet */ }
    if (i > 300) throw new Error(`congxa serve did not come up:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

after(async () => {
  await browser?.close();
  serve?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

const SLUG = 'hoi-nghi-tiep-cong-dan-thang-tam';

test('an article written and published in /admin/ lands in content/ and passes congxa check', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}admin/`);
  // The local backend needs no account: one button.
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Tin tức').first().waitFor();
  await page.goto(`${base}admin/#/collections/tin-tuc/new`);

  await page.getByLabel('Tiêu đề', { exact: true }).fill('Hội nghị tiếp công dân tháng Tám');
  await page.locator('[id^="indices-field"]').fill('SIPAS');
  await page.keyboard.press('Enter');
  await page.locator('[id^="areas-field"]').fill('Tiếp cận');
  await page.keyboard.press('Enter');
  // The photo: uploaded from the media library, kept with the article.
  await page.getByText('Chọn một hình').first().click();
  await page.locator('input[type=file]').setInputFiles(join(root, 'anh-tiep-dan.png'));
  await page.getByRole('button', { name: 'Lấy những cái đã chọn' }).click();
  await page.locator('[contenteditable=true]').first().click();
  await page.keyboard.type('Sáng 8/8, UBND xã tổ chức hội nghị tiếp công dân.');

  // Without the photo's description the build would fail: congxa refuses,
  // Decap shows congxa's message, nothing is written.
  await page.getByRole('button', { name: 'Công bố' }).first().click();
  await page.getByText('Công bố ngay').click();
  const refusal = page.getByText(/Chưa lưu: nội dung có 1 lỗi/);
  await refusal.first().waitFor({ timeout: 20000 });
  assert.match(await refusal.first().textContent(), /image_alt/);
  assert.equal(existsSync(join(root, 'content', 'tin-tuc', SLUG)), false);
  // (Decap leaves the refused save's rejection unhandled: that one is expected.)
  errors.length = 0;

  // With it, the article is published.
  await page.locator('[id^="image_alt-field"]').fill('Cán bộ tiếp công dân tại bộ phận một cửa');
  await page.getByRole('button', { name: 'Công bố' }).first().click();
  await page.getByText('Công bố ngay').click();
  const file = join(root, 'content', 'tin-tuc', SLUG, 'index.md');
  for (let i = 0; !existsSync(file); i++) {
    if (i > 200) assert.fail(`${file} was never written`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^---\ntitle: Hội nghị tiếp công dân tháng Tám\n/);
  assert.match(text, /indices:\n {2}- sipas\n/);
  assert.match(text, /areas:\n {2}- tiep-can-dich-vu\n/);
  assert.match(text, /\nimage: anh-tiep-dan\.png\n/);
  assert.match(text, /Sáng 8\/8, UBND xã tổ chức hội nghị tiếp công dân\./);
  assert.deepEqual(readFileSync(join(root, 'content', 'tin-tuc', SLUG, 'anh-tiep-dan.png')), PNG);

  // The site still passes `congxa check`, and the preview serves the article.
  execFileSync(congxaBin(), ['check', '--root', root], { stdio: 'pipe' });
  for (const [path, needle] of [
    [`tin-tuc/${SLUG}/`, 'Hội nghị tiếp công dân tháng Tám'],
    ['sipas/tiep-can-dich-vu/', 'Hội nghị tiếp công dân tháng Tám'],
  ]) {
    for (let i = 0; ; i++) {
      const r = await fetch(base + path);
      if (r.ok && (await r.text()).includes(needle)) break;
      if (i > 200) assert.fail(`${path} never showed the article`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});
