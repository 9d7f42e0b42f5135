// Shared helpers for the browser check (tests/browser/*.test.mjs).
// run.sh builds the site, serves it with nginx and sets the environment:
//   SITE_URL (ends with /), SITE_DIR, ROOT_SITE_URL, ROOT_SITE_DIR, CHROMIUM.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the browser check with tests/browser/run.sh`);
  return v;
}

export const SITE_URL = env('SITE_URL');
export const SITE_DIR = env('SITE_DIR');
export const ROOT_SITE_URL = process.env.ROOT_SITE_URL || '';
export const ROOT_SITE_DIR = process.env.ROOT_SITE_DIR || '';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Every file under `dir`, as sorted `/`-separated relative paths (the build marker left out). */
export function siteFiles(dir = SITE_DIR) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== '.congxa-output') out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every HTML file under `dir`. */
export function htmlFiles(dir = SITE_DIR) {
  return siteFiles(dir).filter((f) => f.endsWith('.html'));
}

/** The URL a file is served at: `a/index.html` → `<base>a/` (pretty URLs). */
export function urlOf(file, base = SITE_URL) {
  if (file === 'index.html') return base;
  if (file.endsWith('/index.html')) return base + file.slice(0, -'index.html'.length);
  return base + file;
}

export function readSite(file, dir = SITE_DIR) {
  return readFileSync(join(dir, file), 'utf8');
}

/** The page kind the default theme writes on <body class="kind-…">. */
export function kindOf(html) {
  const m = /<body[^>]*class="[^"]*\bkind-([a-z0-9-]+)/.exec(html);
  return m ? m[1] : null;
}

/**
 * One sample page of every kind: home, section, paginated section page,
 * index, area, page, tags, tag, documents, search, 404.
 * Returns [{ kind, file, url }].
 */
export function samplePages(dir = SITE_DIR, base = SITE_URL) {
  const found = new Map();
  // Pages in the site's own language first: `en/…` pages are sampled only
  // for kinds that have no other page.
  const files = htmlFiles(dir);
  const ordered = [...files.filter((f) => !f.startsWith('en/')), ...files.filter((f) => f.startsWith('en/'))];
  for (const file of ordered) {
    const kind = kindOf(readSite(file, dir));
    if (!kind) continue;
    const paged = /(^|\/)trang\/\d+\/index\.html$/.test(file);
    const key = kind === 'section' && paged ? 'section-page' : kind;
    if (paged && kind !== 'section') continue;
    if (!found.has(key)) found.set(key, file);
    // An article with a document block shows more of the theme: sample it too.
    if (kind === 'page' && !found.has('page-document') && /class="document-box"/.test(readSite(file, dir))) {
      found.set('page-document', file);
    }
  }
  return [...found].map(([kind, file]) => ({ kind, file, url: urlOf(file, base) }));
}

export const ALL_KINDS = [
  'home', 'section', 'section-page', 'index', 'area', 'page',
  'tags', 'tag', 'documents', 'search', '404',
];

/** Launch Debian's Chromium through playwright-core (no browser download). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** href/src/srcset/action values in an HTML string (entities decoded for &amp;). */
export function linksIn(html) {
  const out = [];
  const re = /\s(href|src|action|srcset|content)\s*=\s*"([^"]*)"/g;
  for (let m; (m = re.exec(html));) {
    const [, attr, raw] = m;
    const v = raw.replace(/&amp;/g, '&').replace(/&#x2F;/gi, '/').replace(/&#47;/g, '/');
    if (attr === 'srcset') {
      for (const part of v.split(',')) {
        const u = part.trim().split(/\s+/)[0];
        if (u) out.push(u);
      }
    } else if (attr === 'content') {
      // Only URLs in <meta http-equiv="refresh" content="0; url=…">.
      const r = /^\s*\d+\s*;\s*url=(.+)$/i.exec(v);
      if (r) out.push(r[1].trim());
    } else {
      out.push(v);
    }
  }
  return out;
}

/** Run `fn` over `items` with at most `n` running at once. */
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}
