// What a reader of the default theme relies on, checked in Debian's Chromium:
// usable at 360 px (no sideways scrolling), no request leaves the site, the
// menu works without JavaScript, a visible skip link and focus, large type,
// Open Graph tags, and a print stylesheet that drops the portal around the text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SITE_URL, htmlFiles, launchChromium, readSite, samplePages, urlOf } from './support.mjs';

const samples = samplePages();
let browser;

before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test('every sample page fits a 360 px screen and requests nothing outside the site', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const problems = [];
  try {
    for (const s of samples) {
      const page = await context.newPage();
      page.on('request', (req) => {
        const u = req.url();
        if (!u.startsWith(SITE_URL) && !u.startsWith('data:')) problems.push(`${s.kind}: request to ${u}`);
      });
      await page.goto(s.url, { waitUntil: 'load' });
      const { scroll, client, font } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        font: parseFloat(getComputedStyle(document.body).fontSize),
      }));
      if (scroll > client) problems.push(`${s.kind} ${s.url}: ${scroll}px wide on a ${client}px screen`);
      if (font < 18) problems.push(`${s.kind}: body text is ${font}px, want ≥ 18px`);
      await page.close();
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('the menu works without JavaScript: a button on phones, always shown on desktops', async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  try {
    const page = await phone.newPage();
    await page.goto(SITE_URL);
    const firstIndex = page.locator('.main-nav .menu ul a').nth(2);
    assert.equal(await firstIndex.isVisible(), false, 'menu starts closed on a phone');
    await page.locator('.main-nav summary').click();
    assert.equal(await firstIndex.isVisible(), true, 'menu opens on tap, with JavaScript off');
  } finally {
    await phone.close();
  }
  const desktop = await browser.newContext({ viewport: { width: 1366, height: 768 }, javaScriptEnabled: false });
  try {
    const page = await desktop.newPage();
    await page.goto(SITE_URL);
    const links = page.locator('.main-nav .menu ul a');
    const n = await links.count();
    assert.ok(n >= 4, `menu has ${n} links`);
    for (let i = 0; i < n; i++) {
      assert.equal(await links.nth(i).isVisible(), true, `menu link ${i} visible on desktop`);
    }
    // The three governance indices are in the main menu.
    const texts = await links.allTextContents();
    for (const code of ['PAR INDEX', 'PAPI', 'SIPAS']) {
      assert.ok(texts.some((x) => x.includes(code)), `${code} in the menu: ${texts.join(' | ')}`);
    }
  } finally {
    await desktop.close();
  }
});

test('the first Tab shows a skip link to the main content, and focus is visible', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const article = samples.find((s) => s.kind === 'page');
    await page.goto(article.url);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      return { cls: a.className, href: a.getAttribute('href'), top: r.top, h: r.height };
    });
    assert.equal(skip.cls, 'skip-link');
    assert.ok(skip.top >= 0 && skip.h > 0, `skip link on screen when focused: ${JSON.stringify(skip)}`);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'noi-dung');
    // Tab to the next link and check its focus style differs from the resting style.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const cs = getComputedStyle(el);
      return { tag: el.tagName, bg: cs.backgroundColor, shadow: cs.boxShadow, outline: cs.outlineStyle };
    });
    assert.ok(
      focused.shadow !== 'none' || focused.outline !== 'none',
      `focused ${focused.tag} has a visible focus style: ${JSON.stringify(focused)}`,
    );
  } finally {
    await context.close();
  }
});

test('every page declares its language and has Open Graph tags with absolute URLs', () => {
  const problems = [];
  for (const f of htmlFiles()) {
    const html = readSite(f);
    if (/http-equiv="refresh"/.test(html)) continue; // alias redirect pages
    const lang = /<html lang="([a-z]{2})"/.exec(html)?.[1];
    if (!lang) problems.push(`${f}: no lang on <html>`);
    const og = (p) => new RegExp(`<meta property="og:${p}" content="([^"]*)"`).exec(html)?.[1];
    for (const p of ['title', 'description', 'url', 'type', 'locale', 'site_name']) {
      if (!og(p)) problems.push(`${f}: no og:${p}`);
    }
    if (f !== '404.html' && og('url') !== urlOf(f)) problems.push(`${f}: og:url ${og('url')} ≠ ${urlOf(f)}`);
    if (og('locale') !== (lang === 'en' ? 'en_US' : 'vi_VN')) problems.push(`${f}: og:locale ${og('locale')} for lang ${lang}`);
    if (!/<link rel="icon" href="[^"]+favicon\.svg" type="image\/svg\+xml">/.test(html)) problems.push(`${f}: no favicon link`);
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('printing an article keeps the text and drops menu, search and footer links', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    const article = samples.find((s) => s.kind === 'page');
    await page.goto(article.url);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const vis = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
      return { nav: vis('.main-nav'), search: vis('.header-search'), crumbs: vis('.breadcrumb'), text: vis('main .prose'), title: vis('main h1') };
    });
    assert.deepEqual(shown, { nav: false, search: false, crumbs: false, text: true, title: true });
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000, 'the article prints to PDF');
  } finally {
    await context.close();
  }
});
