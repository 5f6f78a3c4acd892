#!/usr/bin/env bash
# Build Rampart against the libz3 shipped in a PyPI `z3-solver` wheel instead of
# Debian's libz3-dev, in its own scratch path (.build-z3wheel) so the default build is
# untouched. See docs/Z3-BRIDGE.md, "Linking against another libz3".
#
#   scripts/build-with-z3-wheel.sh 4.15.4.0             # build, then print rampart --version
#   scripts/build-with-z3-wheel.sh 4.15.4.0 test --filter Z3Tests   # run tests instead
#
# The wheel is unpacked under .build-z3wheel/wheels/<version> (gitignored, never committed).
# Environment overrides: Z3_WHEEL_DIR (where to unpack), Z3_WHEEL_SCRATCH (scratch path,
# default .build-z3wheel; use one per version to keep two builds side by side),
# CONFIGURATION (debug or release, default debug).
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 Z3_VERSION [build|test] [extra swift arguments...]" >&2
    echo "  e.g. $0 4.15.4.0" >&2
    exit 64
fi
version="$1"; shift
action="${1:-build}"; [[ $# -gt 0 ]] && shift

repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${Z3_WHEEL_SCRATCH:-$repo/.build-z3wheel}"
configuration="${CONFIGURATION:-debug}"

# 1-2. The wheel, unpacked, with a z3.pc (scripts/z3-wheel.sh).
prefix="$("$repo/scripts/z3-wheel.sh" "$version")"

# 3. Build (or test); the rpath lets the binary find libz3.so.X.Y at run time.
cd "$repo"
export PKG_CONFIG_PATH="$prefix/pkgconfig"
swift "$action" --scratch-path "$scratch" -c "$configuration" \
    -Xlinker -rpath -Xlinker "$prefix/lib" "$@"

if [[ "$action" == "build" ]]; then
    "$scratch/$configuration/rampart" --version
fi
