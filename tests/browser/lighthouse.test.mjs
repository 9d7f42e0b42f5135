// Lighthouse's image audits on an article with photos, at phone width.
//
// A fixture site (one article: a front-matter photo, three Markdown photos
// and one raw-HTML <img>, most of them below the fold) is built with congxa
// from real 2000x1500 JPEGs made here (jpeg-js), served by nginx with the
// hosting configuration of nginx.conf.in, and audited by Lighthouse (pinned
// in package.json, run through its node API on Debian's Chromium):
//
//   uses-responsive-images  properly size images (no image much wider than shown)
//   modern-image-formats    serve images in modern formats (WebP/AVIF)
//   offscreen-images        defer offscreen images
//   unsized-images          every <img> has explicit width and height
//
// offscreen-images only counts images requested before the page's last long
// task (>= 50 ms of script), which a congxa page does not have; so the test
// also reads Lighthouse's network-requests: the photos beyond three viewports
// must not be requested while the page loads (lazy loading works).
//
// These are the audit ids of Lighthouse 12.8 (the last line that runs on
// Debian's Node 18/20; Lighthouse 13 needs Node 22 and folds the first two
// into the `image-delivery-insight` insight, which is audited too).
// Mobile form factor, 390x844 CSS px at device pixel ratio 2, Lighthouse's
// simulated slow 4G.
//
// The same audits run on a control page written by hand the way photos were
// published before issue #21 (the 2000 px original JPEG, no width/height,
// loaded eagerly below the fold) and must fail there: the check can fail.
//
// Binary: $CONGXA (as for run.sh) or $CONGXA_BIN, else `cargo run --release --`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import lighthouse from 'lighthouse';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

const AUDITS = [
  'uses-responsive-images',
  'modern-image-formats',
  'offscreen-images',
  'unsized-images',
  'image-delivery-insight',
];

let tmp;
let nginx;
let chrome;
let port;
let base;
let control;

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

/** A phone-like photo: sky and field, a wave, sensor noise (so it compresses like one). */
function photo(w, h, seed) {
  const data = Buffer.alloc(w * h * 4);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      const noise = (state % 13) - 6;
      const wave = Math.abs(Math.trunc(Math.sin(x / 97 + seed) * 40));
      const sky = y < (h * 2) / 5;
      const rgb = sky
        ? [120 + (y * 60) / h, 170 + wave / 4, 230]
        : [60 + wave, 120 + (x * 50) / w, 40 + (y * 30) / h];
      const i = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, Math.round(rgb[c] + noise)));
      data[i + 3] = 255;
    }
  }
  return jpeg.encode({ width: w, height: h, data }, 90).data;
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function congxa(args) {
  const bin = process.env.CONGXA || process.env.CONGXA_BIN;
  const run = bin
    ? spawnSync(bin, args, { encoding: 'utf8' })
    : spawnSync('cargo', ['run', '--release', '--quiet', '--', ...args], { cwd: repo, encoding: 'utf8' });
  assert.equal(run.status, 0, `congxa ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
}

/** Wait until `proc` prints a line matching `re` on stderr; its match. */
function waitFor(proc, re, what) {
  return new Promise((res, rej) => {
    let seen = '';
    const timer = setTimeout(() => rej(new Error(`${what} did not start:\n${seen}`)), 20000);
    proc.stderr.on('data', (d) => {
      seen += d;
      const m = re.exec(seen);
      if (m) {
        clearTimeout(timer);
        res(m);
      }
    });
    proc.on('exit', (code) => rej(new Error(`${what} exited (${code}):\n${seen}`)));
  });
}

async function listening(p) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((res) => {
      const s = createServer();
      s.once('error', () => res(true)); // taken: nginx listens
      s.listen(p, '127.0.0.1', () => s.close(() => res(false)));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${p}`);
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'congxa-lighthouse-'));
  port = await freePort();
  let controlPort = await freePort();
  while (controlPort === port) controlPort = await freePort();
  base = `http://127.0.0.1:${port}/xa-hoa-phu/`;
  control = `http://127.0.0.1:${controlPort}/`;

  // The fixture site: photos 2000x1500 (a phone's, a little smaller to keep the test quick).
  const src = join(tmp, 'src');
  write(join(src, 'site.yaml'), `title: Xã Thử Nghiệm\ndescription: Trang thử\nbase_url: ${base}\n`);
  write(join(src, 'content/_index.md'), '---\ntitle: Trang chủ\n---\nXin chào.\n');
  write(join(src, 'content/tin-tuc/_index.md'), '---\ntitle: Tin tức\n---\n');
  const photos = [1, 2, 3, 4, 5].map((seed) => photo(2000, 1500, seed));
  photos.forEach((bytes, i) => write(join(src, `content/tin-tuc/hop/anh-${i + 1}.jpg`), bytes));
  const para = 'Bà con thôn 3 dự họp bàn việc làm đường bê tông, góp ý về cách chia công và thời gian làm. '.repeat(18);
  write(
    join(src, 'content/tin-tuc/hop/index.md'),
    [
      '---',
      'title: Họp dân thôn 3',
      'date: 2025-06-01',
      'image: anh-1.jpg',
      'image_alt: Hội trường thôn 3',
      '---',
      para,
      '',
      '![Bà con dự họp](anh-2.jpg "Bà con dự họp tại hội trường")',
      '',
      para,
      '',
      para,
      '',
      '![Đoạn đường trước khi làm](anh-3.jpg)',
      '',
      para,
      '',
      '<figure><img src="anh-4.jpg" alt="Đoạn đường đã đổ bê tông"><figcaption>Ảnh chèn bằng HTML</figcaption></figure>',
      '',
      para,
      '',
      '![Bà con nghiệm thu](anh-5.jpg)',
      '',
    ].join('\n'),
  );
  const site = join(tmp, 'site');
  congxa(['build', '--quiet', '--root', src, '--output', site, '--base-url', base]);

  // The control page: photos published as they used to be.
  const bad = join(tmp, 'control');
  photos.forEach((bytes, i) => write(join(bad, `anh-${i + 1}.jpg`), bytes));
  const imgs = photos.map((_, i) => `<p>${para}</p>\n<img src="anh-${i + 1}.jpg" alt="Ảnh ${i + 1}">`).join('\n');
  // Lighthouse counts an offscreen image only when it is requested before
  // the page's last long task: the control page ends with one (300 ms of
  // script, as a page with a heavy script would have).
  const busy =
    "<script>addEventListener('load', () => { const t0 = Date.now(); while (Date.now() - t0 < 300) {} });</script>";
  write(
    join(bad, 'index.html'),
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Trang đối chứng</title><style>img{max-width:100%;height:auto}</style></head><body><h1>Họp dân thôn 3</h1>\n${imgs}\n${busy}\n</body></html>\n`,
  );
  spawnSync('chmod', ['-R', 'a+rX', tmp]);

  // nginx with the hosting configuration of the browser check.
  const conf = readFileSync(join(here, 'nginx.conf.in'), 'utf8')
    .replaceAll('@TMP@', tmp)
    .replaceAll('@PORT@', String(port))
    .replaceAll('@ROOT_PORT@', String(controlPort))
    .replaceAll('@SITE_DIR@', site)
    .replaceAll('@ROOT_SITE_DIR@', bad);
  writeFileSync(join(tmp, 'nginx.conf'), conf);
  const nginxBin = process.env.NGINX || (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
  nginx = spawn(nginxBin, ['-p', tmp, '-e', join(tmp, 'error.log'), '-c', join(tmp, 'nginx.conf')], {
    stdio: 'ignore',
  });
  await listening(port);
  await listening(controlPort);

  // Debian's Chromium with a DevTools port for Lighthouse.
  chrome = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--remote-debugging-port=0',
      `--user-data-dir=${join(tmp, 'chrome')}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const m = await waitFor(chrome, /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//, 'chromium');
  chrome.devtoolsPort = Number(m[1]);
});

/** Stop `proc` and wait for it to exit. */
function stop(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    proc.once('exit', res);
    proc.kill();
  });
}

after(async () => {
  await stop(chrome);
  await stop(nginx);
  if (tmp) rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
});

/** Lighthouse's image audits on `url` at phone width: { id: audit }. */
async function audit(url) {
  const result = await lighthouse(
    url,
    { port: chrome.devtoolsPort, logLevel: 'error', output: 'json' },
    {
      extends: 'lighthouse:default',
      settings: {
        onlyAudits: [...AUDITS, 'network-requests'],
        formFactor: 'mobile',
        screenEmulation: { mobile: true, width: 390, height: 844, deviceScaleFactor: 2, disabled: false },
        throttlingMethod: 'simulate',
        disableFullPageScreenshot: true,
      },
    },
  );
  assert.ok(result?.lhr, `Lighthouse gave no result for ${url}`);
  assert.equal(result.lhr.runtimeError, undefined, JSON.stringify(result.lhr.runtimeError));
  return result.lhr.audits;
}

/** Does `a` pass: score 1 with nothing listed, or not applicable? */
function passes(a) {
  if (a.scoreDisplayMode === 'notApplicable') return true;
  const items = a.details?.items ?? [];
  return a.score === 1 && items.length === 0;
}

function describe(a) {
  const items = (a.details?.items ?? []).map((i) => i.url ?? i.node?.snippet ?? JSON.stringify(i)).join(', ');
  return `${a.id}: score ${a.score} (${a.scoreDisplayMode}) ${a.displayValue ?? ''} ${items}`;
}

test('an article with photos passes the image audits at phone width', async () => {
  const url = `${base}tin-tuc/hop/`;
  const audits = await audit(url);
  for (const id of AUDITS) {
    assert.ok(audits[id], `Lighthouse has no audit ${id}`);
    assert.ok(passes(audits[id]), `${url}: ${describe(audits[id])}`);
  }
  // offscreen-images only counts images requested before the page's last long
  // task, and a congxa page has none: so check lazy loading itself. The photos
  // beyond three viewports (anh-3, anh-4, anh-5) are not requested at load; the
  // first two are.
  const requested = (audits['network-requests'].details?.items ?? []).map((i) => i.url);
  const photosLoaded = (n) => requested.filter((u) => u.includes(`/tin-tuc/hop/anh-${n}-`));
  for (const n of [1, 2]) assert.ok(photosLoaded(n).length > 0, `anh-${n} was not loaded: ${requested.join(' ')}`);
  for (const n of [3, 4, 5]) assert.deepEqual(photosLoaded(n), [], `anh-${n} is below the fold but was loaded`);
  // The page really showed photos (the audits are not passing on an empty page).
  const html = readFileSync(join(tmp, 'site/tin-tuc/hop/index.html'), 'utf8');
  assert.equal((html.match(/<picture>/g) ?? []).length, 5, 'five photos as <picture>');
});

test('the same audits fail on photos published as they used to be', async () => {
  const audits = await audit(control);
  for (const id of AUDITS) {
    assert.ok(!passes(audits[id]), `the control page passes ${describe(audits[id])}`);
  }
});
