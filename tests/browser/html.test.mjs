// Every HTML page of the built site passes the Nu Html Checker (vnu.jar from
// the npm lockfile, run with Java): any error fails. SVG files are checked too,
// and every XML file (feeds, sitemap, SVG) must be well-formed (xmllint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SITE_DIR, htmlFiles, siteFiles } from './support.mjs';

const require = createRequire(import.meta.url);
const vnuJar = join(dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

function vnu(files, extra = []) {
  const r = spawnSync(
    'java',
    ['-Xss8m', '-jar', vnuJar, '--errors-only', '--format', 'json', ...extra, ...files],
    { cwd: SITE_DIR, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.error) throw r.error;
  // vnu prints its JSON report on stderr; exit 1 means "errors found".
  let report;
  try {
    report = JSON.parse(r.stderr);
  } catch {
    throw new Error(`vnu did not run (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  }
  return report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
}

function describe(messages) {
  return messages
    .map((m) => {
      const file = decodeURIComponent((m.url || '').replace(/^file:/, '')).replace(SITE_DIR + '/', '');
      return `${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}` +
        (m.extract ? `\n    ${m.extract.replace(/\n/g, ' ')}` : '');
    })
    .join('\n');
}

test('every HTML page passes the Nu Html Checker with no error', () => {
  const files = htmlFiles();
  assert.ok(files.length >= 20, `expected a whole site, found ${files.length} HTML files in ${SITE_DIR}`);
  const errors = vnu(files);
  assert.equal(errors.length, 0, `Nu Html Checker errors in ${files.length} pages:\n${describe(errors)}`);
});

test('every SVG file passes the Nu Html Checker', () => {
  const files = siteFiles().filter((f) => f.endsWith('.svg'));
  assert.ok(files.length >= 1, 'the theme ships favicon.svg');
  const errors = vnu(files, ['--also-check-svg']);
  assert.equal(errors.length, 0, describe(errors));
});

test('every XML file (SVG, feeds, sitemap) is well-formed', () => {
  const files = siteFiles().filter((f) => /\.(svg|xml)$/.test(f));
  const r = spawnSync('xmllint', ['--noout', ...files], { cwd: SITE_DIR, encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `xmllint:\n${r.stderr}`);
});
