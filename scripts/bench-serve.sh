#!/usr/bin/env bash
# Live-preview benchmark: time from saving a file to the updated page being
# served by `congxa serve`, on a generated corpus (default 10,000 articles).
#   scripts/bench-serve.sh [PAGES] [RUNS]
# The corpus lives on tmpfs; the server runs from the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${2:-15}
tmp=${BENCH_DIR:-/dev/shm/congxa-serve-bench}
mkdir -p "$tmp"
cargo build --release --quiet --example gen_corpus --example bench_serve
cargo build --release --quiet
corpus=$tmp/serve-corpus-$pages
rm -rf "$corpus"
./target/release/examples/gen_corpus --pages "$pages" "$corpus" >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
./target/release/examples/bench_serve "$corpus" --runs "$runs" --bin "$PWD/target/release/congxa"
rm -rf "$corpus"
