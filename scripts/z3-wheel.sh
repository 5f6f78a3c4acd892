#!/usr/bin/env bash
# Fetches the libz3 of a PyPI `z3-solver` wheel and writes a z3.pc for it, for builds that
# link against it instead of Debian's libz3-dev (docs/Z3-BRIDGE.md, "Linking against another
# libz3"). Used by scripts/build-with-z3-wheel.sh and scripts/bench-z3-compare.sh.
#
#   scripts/z3-wheel.sh VERSION   # prints the unpacked prefix (with lib/ include/ pkgconfig/)
#
# The wheel is unpacked under .build-z3wheel/wheels/<version> (gitignored), or Z3_WHEEL_DIR.
# CZ3 is a systemLibrary with pkgConfig "z3", and SwiftPM puts pkg-config's -I/-L first, so
# PKG_CONFIG_PATH=<prefix>/pkgconfig replaces Debian's headers and library (plain
# -Xcc -I / -Xlinker -L is not enough: SwiftPM still adds -L/usr/lib/... first). Builds also
# need `-Xlinker -rpath -Xlinker <prefix>/lib` so the binary finds libz3.so.X.Y at run time.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 Z3_VERSION" >&2; exit 64; }
version="$1"
repo="$(cd "$(dirname "$0")/.." && pwd)"
wheels="${Z3_WHEEL_DIR:-$repo/.build-z3wheel/wheels/$version}"

# Download the wheel for this platform (binary only, no dependencies) and unpack it.
if [[ ! -f "$wheels/z3/lib/libz3.so" ]]; then
    mkdir -p "$wheels"
    python3 -m pip download "z3-solver==$version" --no-deps --only-binary=:all: -d "$wheels" >&2
    python3 -m zipfile -e "$(ls "$wheels"/z3_solver-*.whl | head -n 1)" "$wheels"
fi
prefix="$wheels/z3"
[[ -f "$prefix/lib/libz3.so" && -f "$prefix/include/z3.h" ]] || {
    echo "error: $prefix has no lib/libz3.so or include/z3.h" >&2; exit 1; }

mkdir -p "$prefix/pkgconfig"
cat > "$prefix/pkgconfig/z3.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: z3
Description: The Z3 Theorem Prover (PyPI wheel z3-solver $version)
Version: $version
Libs: -L\${libdir} -lz3
Cflags: -I\${includedir}
PC
echo "$prefix"
