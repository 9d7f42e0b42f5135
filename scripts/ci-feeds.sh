#!/usr/bin/env bash
# CI part for feeds and sitemaps (called by .ci/run before `cargo test`):
# installs xmllint when missing (the testsuite validates sitemaps with it), then
# builds the Hòa Phú site and checks its sitemap against the sitemaps.org schema
# (tests/schemas, copied from the sitemaps.org 0.9 schemas) and its Atom feeds for well-formedness.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v xmllint >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi
schemas=${CONGXA_SCHEMAS:-tests/schemas}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --quiet -- build --quiet --output "$out/site"
xmllint --noout --nonet --schema "$schemas/sitemap.xsd" "$out/site/sitemap.xml"
xmllint --noout --nonet "$out/site/atom.xml" "$out"/site/*/atom.xml
grep -q '^Sitemap: https\?://.*/sitemap.xml$' "$out/site/robots.txt"
echo "feeds and sitemap: valid"
