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
wheels="${Z3_WHEEL_DIR:-$repo/.build-z3wheel/wheels/$version}"
configuration="${CONFIGURATION:-debug}"

# 1. Download the wheel for this platform (binary only, no dependencies) and unpack it.
if [[ ! -f "$wheels/z3/lib/libz3.so" ]]; then
    mkdir -p "$wheels"
    python3 -m pip download "z3-solver==$version" --no-deps --only-binary=:all: -d "$wheels" >&2
    wheel="$(ls "$wheels"/z3_solver-*.whl | head -n 1)"
    python3 -m zipfile -e "$wheel" "$wheels"
fi
prefix="$wheels/z3"
[[ -f "$prefix/lib/libz3.so" && -f "$prefix/include/z3.h" ]] || {
    echo "error: $prefix has no lib/libz3.so or include/z3.h" >&2; exit 1; }

# 2. A z3.pc pointing at the wheel. CZ3 is a systemLibrary with pkgConfig "z3", and
#    SwiftPM puts pkg-config's -I/-L first, so this replaces Debian's headers and library
#    (plain -Xcc -I / -Xlinker -L is not enough: SwiftPM still adds -L/usr/lib/... first).
mkdir -p "$wheels/pkgconfig"
cat > "$wheels/pkgconfig/z3.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: z3
Description: The Z3 Theorem Prover (PyPI wheel z3-solver $version)
Version: $version
Libs: -L\${libdir} -lz3
Cflags: -I\${includedir}
PC

# 3. Build (or test); the rpath lets the binary find libz3.so.X.Y at run time.
cd "$repo"
export PKG_CONFIG_PATH="$wheels/pkgconfig"
swift "$action" --scratch-path "$scratch" -c "$configuration" \
    -Xlinker -rpath -Xlinker "$prefix/lib" "$@"

if [[ "$action" == "build" ]]; then
    "$scratch/$configuration/rampart" --version
fi
