#!/usr/bin/env bash
# Type-checks congxa for the release workflow's targets (Windows x86_64, macOS arm64
# and x86_64, static Linux) on a Linux machine that cannot download their standard libraries:
# Debian's rustc-web (1.96) and its std sources (rust-web-src) build std for the target
# with -Zbuild-std (RUSTC_BOOTSTRAP=1: a check only, nothing is shipped from here).
# Windows' C parts (libwebp, mimalloc) are really compiled with MinGW for the GNU target;
# for MSVC, macOS and musl (no SDK here) a stand-in C compiler makes empty objects
# (`cargo check` links nothing). The release workflow builds Windows with MSVC and Linux
# with musl, so both are checked too. About 11 minutes for the first target and 2-3 for
# each further one on 2 cores; not in CI.
# The binaries themselves are built by .github/workflows/release.yml on tags.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for p in rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
  $sudo_cmd apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${need[@]}"
fi
work=${CROSS_TARGET_DIR:-target/cross}
mkdir -p "$work"
fake_cc="$(cd "$work" && pwd)/stand-in-cc"
cat >"$fake_cc" <<'CC'
#!/bin/sh
# Stand-in C compiler for `cargo check` only: says it is GCC (or, with STAND_IN_MSVC=1,
# nothing, which cc-rs takes for MSVC), writes empty objects.
case "$1" in -E) [ -n "${STAND_IN_MSVC:-}" ] || echo '#pragma message "gcc"'; exit 0;; esac
out=""
while [ $# -gt 0 ]; do
  case "$1" in -o) out="$2"; shift;; -Fo*) out="${1#-Fo}";; esac
  shift
done
[ -n "$out" ] && exec gcc -c -x c /dev/null -o "$out"
exit 0
CC
chmod +x "$fake_cc"
fake_lib="$(dirname "$fake_cc")/stand-in-lib"
cat >"$fake_lib" <<'LIB'
#!/bin/sh
# Stand-in for MSVC's lib.exe: `-out:X.lib objects...` becomes `ar cq X.lib objects...`.
out=""; objs=""
for a in "$@"; do case "$a" in -out:*) out="${a#-out:}";; -*) ;; *) objs="$objs $a";; esac; done
[ -n "$out" ] && exec ar cq "$out" $objs
exit 0
LIB
chmod +x "$fake_lib"
targets="x86_64-pc-windows-gnu x86_64-pc-windows-msvc aarch64-apple-darwin x86_64-apple-darwin x86_64-unknown-linux-musl"
for target in ${CROSS_TARGETS:-$targets}; do
  echo "== $target"
  extra=()
  case "$target" in
    *windows-gnu) ;;
    *windows-msvc) t=${target//-/_}; extra=("CC_$t=$fake_cc" "AR_$t=$fake_lib" STAND_IN_MSVC=1) ;;
    *) t=${target//-/_}; extra=("CC_$t=$fake_cc" "AR_$t=ar") ;;
  esac
  env "${extra[@]}" PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_DIR="$work" /usr/bin/cargo check -Zbuild-std --target "$target" \
    --bin congxa
done
