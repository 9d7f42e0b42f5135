#!/usr/bin/env bash
# Browser check of the built site.
#
# 1. Installs what it needs if missing: Debian's chromium, a Java runtime,
#    nginx, libxml2-utils; and vnu-jar, axe-core, playwright-core, lighthouse
#    (12.8: the last line that runs on Debian's Node) and jpeg-js from the
#    lockfile in this directory (npm ci --ignore-scripts: nothing downloads a
#    browser of its own).
# 2. Builds the site twice: for a sub-path (http://127.0.0.1:PORT/xa-hoa-phu/)
#    and for a domain root (http://127.0.0.1:ROOT_PORT/).
# 3. Serves both with real nginx (nginx.conf.in, written to a temp dir, no root
#    needed) and runs every tests/browser/*.test.mjs with node's test runner.
#
# Environment given to the tests:
#   SITE_URL       http://127.0.0.1:PORT/xa-hoa-phu/  (ends with /)
#   SITE_DIR       the directory built for SITE_URL
#   ROOT_SITE_URL  http://127.0.0.1:ROOT_PORT/         (the same site at a domain root)
#   ROOT_SITE_DIR  the directory built for ROOT_SITE_URL
#   CHROMIUM       /usr/bin/chromium
#   NGINX          the nginx binary (lighthouse.test.mjs serves its own fixture)
# Set CONGXA=/path/to/congxa to test an already built binary instead of
# `cargo run --release`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

# ---- 1. tools ---------------------------------------------------------------
nginx_bin="$(command -v nginx || true)"
[ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
[ -n "$nginx_bin" ] || missing+=(nginx)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "browser check: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt_opts=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
    apt-get "${apt_opts[@]}" update -qq
    apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
fi

lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$here/node_modules/.congxa-lock" 2>/dev/null || true)" != "$lock_sum" ]; then
    echo "browser check: npm ci"
    (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" >"$here/node_modules/.congxa-lock"
fi

# ---- 2. build -----------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/congxa-browser.XXXXXX")"
# nginx workers may run as another user: let them read the built sites.
chmod 755 "$tmp"
nginx_pid=""
cleanup() {
    if [ -n "$nginx_pid" ]; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
port="$(free_port)"
root_port="$(free_port)"
while [ "$root_port" = "$port" ]; do root_port="$(free_port)"; done

export SITE_URL="http://127.0.0.1:$port/xa-hoa-phu/"
export SITE_DIR="$tmp/site"
export ROOT_SITE_URL="http://127.0.0.1:$root_port/"
export ROOT_SITE_DIR="$tmp/root-site"
export CHROMIUM=/usr/bin/chromium
export NGINX="$nginx_bin"

congxa() {
    if [ -n "${CONGXA:-}" ]; then
        "$CONGXA" "$@"
    else
        cargo run --quiet --release -- "$@"
    fi
}
congxa build --quiet --output "$SITE_DIR" --base-url "$SITE_URL"
congxa build --quiet --output "$ROOT_SITE_DIR" --base-url "$ROOT_SITE_URL"
chmod -R a+rX "$SITE_DIR" "$ROOT_SITE_DIR"

# ---- 3. serve and test ----------------------------------------------------------
sed -e "s|@TMP@|$tmp|g" -e "s|@PORT@|$port|g" -e "s|@ROOT_PORT@|$root_port|g" \
    -e "s|@SITE_DIR@|$SITE_DIR|g" -e "s|@ROOT_SITE_DIR@|$ROOT_SITE_DIR|g" \
    "$here/nginx.conf.in" >"$tmp/nginx.conf"
"$nginx_bin" -t -q -p "$tmp" -e "$tmp/error.log" -c "$tmp/nginx.conf"
"$nginx_bin" -p "$tmp" -e "$tmp/error.log" -c "$tmp/nginx.conf" &
nginx_pid=$!

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 100); do
    if up "$port" && up "$root_port"; then break; fi
    if ! kill -0 "$nginx_pid" 2>/dev/null; then
        cat "$tmp/error.log" >&2
        echo "browser check: nginx did not start" >&2
        exit 1
    fi
    sleep 0.1
done

# node's own summary is the last thing printed.
node --test --test-concurrency=1 --test-reporter=spec "$here"/*.test.mjs
