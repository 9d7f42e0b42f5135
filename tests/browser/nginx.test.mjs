// The built site served by real nginx (tests/browser/nginx.conf.in): under a
// sub-path (SITE_URL) and at a domain root (ROOT_SITE_URL). Every file of the
// output answers 200, every link and asset named in any page that points
// inside the site answers 200 (and its #fragment exists), and nothing links
// outside the sub-path on the same host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ROOT_SITE_DIR, ROOT_SITE_URL, SITE_DIR, SITE_URL,
  htmlFiles, linksIn, pool, readSite, siteFiles, urlOf,
} from './support.mjs';

const PARALLEL = 8;

async function get(url) {
  const res = await fetch(url, { redirect: 'manual' });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') || '', body, location: res.headers.get('location') };
}

function sites() {
  const out = [{ name: 'sub-path', url: SITE_URL, dir: SITE_DIR }];
  if (ROOT_SITE_URL && ROOT_SITE_DIR) out.push({ name: 'domain root', url: ROOT_SITE_URL, dir: ROOT_SITE_DIR });
  return out;
}

function idsIn(html) {
  const ids = new Set();
  for (const m of html.matchAll(/\sid\s*=\s*"([^"]*)"/g)) ids.add(m[1]);
  for (const m of html.matchAll(/<a\s[^>]*name\s*=\s*"([^"]*)"/g)) ids.add(m[1]);
  return ids;
}

for (const site of sites()) {
  test(`${site.name}: every output file is served with 200 (${site.url})`, async () => {
    const files = siteFiles(site.dir);
    assert.ok(files.length >= 20, `expected a whole site in ${site.dir}`);
    const bad = [];
    await pool(files, PARALLEL, async (f) => {
      // A page is fetched at its pretty URL (`a/`), any other file at its own path.
      for (const url of new Set([urlOf(f, site.url), site.url + f])) {
        const r = await get(url);
        if (r.status !== 200) bad.push(`${r.status} ${url}`);
        else if (f.endsWith('.html') && !/^text\/html;\s*charset=utf-8/i.test(r.type)) bad.push(`${url}: Content-Type ${r.type}`);
        else if (f.endsWith('.css') && !/^text\/css/.test(r.type)) bad.push(`${url}: Content-Type ${r.type}`);
        else if (f.endsWith('.svg') && !/^image\/svg\+xml/.test(r.type)) bad.push(`${url}: Content-Type ${r.type}`);
      }
    });
    assert.deepEqual(bad.sort(), [], `not served as expected:\n${bad.join('\n')}`);
  });

  test(`${site.name}: every link and asset inside the site answers 200`, async () => {
    const origin = new URL(site.url).origin;
    const targets = new Map(); // URL without fragment → Set of "page → fragment"
    const outside = [];
    for (const f of htmlFiles(site.dir)) {
      const pageUrl = urlOf(f, site.url);
      for (const link of linksIn(readSite(f, site.dir))) {
        if (/^(mailto|tel|data|javascript):/i.test(link)) continue;
        let u;
        try {
          u = new URL(link, pageUrl);
        } catch {
          outside.push(`${f}: unparsable link ${link}`);
          continue;
        }
        if (u.origin !== origin) continue;
        if (!u.href.startsWith(site.url)) {
          outside.push(`${f}: ${link} leaves the site's base path ${site.url}`);
          continue;
        }
        const frag = decodeURIComponent(u.hash.slice(1));
        u.hash = '';
        u.search = '';
        if (!targets.has(u.href)) targets.set(u.href, []);
        if (frag) targets.get(u.href).push({ from: f, frag });
      }
    }
    assert.deepEqual(outside, [], outside.join('\n'));
    assert.ok(targets.size >= 20, `only ${targets.size} internal link targets found`);
    const bad = [];
    await pool([...targets], PARALLEL, async ([url, frags]) => {
      const r = await get(url);
      if (r.status !== 200) {
        bad.push(`${r.status} ${url}${r.location ? ` → ${r.location}` : ''}`);
        return;
      }
      if (frags.length && /^text\/html/.test(r.type)) {
        const ids = idsIn(r.body.toString('utf8'));
        for (const { from, frag } of frags) {
          if (!ids.has(frag)) bad.push(`${from}: ${url}#${frag}: no element with that id`);
        }
      }
    });
    assert.deepEqual(bad.sort(), [], `broken links:\n${bad.join('\n')}`);
  });

  test(`${site.name}: a missing page gets the site's 404 page`, async () => {
    const r = await get(site.url + 'khong-co-trang-nay/');
    assert.equal(r.status, 404);
    const expected = readSite('404.html', site.dir);
    assert.equal(r.body.toString('utf8'), expected, 'nginx should answer with 404.html');
  });
}

test('sub-path without its trailing slash redirects to it', async () => {
  const r = await get(SITE_URL.replace(/\/$/, ''));
  assert.equal(r.status, 301);
  assert.ok(r.location?.endsWith(new URL(SITE_URL).pathname), `Location: ${r.location}`);
});

test('a section URL without its trailing slash redirects to it', async () => {
  const section = htmlFiles().find((f) => /^[^/]+\/index\.html$/.test(f));
  const url = urlOf(section).replace(/\/$/, '');
  const r = await get(url);
  assert.equal(r.status, 301, url);
  assert.ok(r.location?.endsWith(new URL(url).pathname + '/'), `Location: ${r.location}`);
});

test('the home page weighs under 100 KB without images (HTML, CSS, scripts)', async () => {
  const home = await get(SITE_URL);
  assert.equal(home.status, 200);
  const html = home.body.toString('utf8');
  let total = home.body.length;
  const parts = [`index.html ${home.body.length} B`];
  const assets = new Set();
  for (const m of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)) {
    const href = /href="([^"]*)"/.exec(m[0]);
    if (href) assets.add(new URL(href[1], SITE_URL).href);
  }
  for (const m of html.matchAll(/<script\b[^>]*src="([^"]*)"/g)) assets.add(new URL(m[1], SITE_URL).href);
  for (const a of assets) {
    const r = await get(a);
    assert.equal(r.status, 200, a);
    total += r.body.length;
    parts.push(`${a} ${r.body.length} B`);
  }
  // Uncompressed bytes: what is transferred is smaller still with gzip.
  assert.ok(total < 100 * 1024, `home page is ${total} B:\n${parts.join('\n')}`);
});
