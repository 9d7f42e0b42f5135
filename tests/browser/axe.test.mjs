// axe-core (WCAG 2.0/2.1 A and AA rules) in Debian's Chromium on one page of
// every kind, at phone and desktop widths: any violation fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ALL_KINDS, launchChromium, samplePages } from './support.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 768 },
];

const samples = samplePages();
let browser;

before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test('the site has a page of every kind to check', () => {
  const kinds = samples.map((s) => s.kind);
  const missing = ALL_KINDS.filter((k) => !kinds.includes(k));
  assert.deepEqual(missing, [], `no sample page of kind ${missing.join(', ')} (found ${kinds.join(', ')})`);
});

function report(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n'))
    .join('\n');
}

for (const { name, width, height } of VIEWPORTS) {
  test(`no axe violation on any page kind (${name} ${width}×${height})`, async (t) => {
    const context = await browser.newContext({ viewport: { width, height } });
    try {
      for (const s of samples) {
        await t.test(`${s.kind}: ${s.url}`, async () => {
          const page = await context.newPage();
          try {
            const res = await page.goto(s.url, { waitUntil: 'load' });
            // 404.html is served as itself here, so 200 is expected for every sample.
            assert.equal(res?.status(), 200, `GET ${s.url}`);
            await page.addScriptTag({ content: axeSource });
            const result = await page.evaluate(async (tags) => {
              // eslint-disable-next-line no-undef
              return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
            }, TAGS);
            assert.equal(result.violations.length, 0, `${s.url}\n${report(result.violations)}`);
          } finally {
            await page.close();
          }
        });
      }
    } finally {
      await context.close();
    }
  });
}
