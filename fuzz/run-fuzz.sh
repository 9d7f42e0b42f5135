#!/usr/bin/env bash
# Run one fuzz target for a while, niced, on the stable toolchain.
# Usage: fuzz/run-fuzz.sh TARGET [SECONDS]   (default 600)
# New inputs go to target/fuzz-work/TARGET (not committed); crashes to fuzz/artifacts/TARGET.
set -euo pipefail
cd "$(dirname "$0")"
t=$1
secs=${2:-600}
work=target/fuzz-work/$t
mkdir -p "$work"
export RUSTC_BOOTSTRAP=1 RAYON_NUM_THREADS=1
exec nice -n 10 cargo fuzz run --sanitizer none -a "$t" "$work" "corpus/$t" -- \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1
