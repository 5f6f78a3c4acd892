#!/usr/bin/env bash
# Side by side: the same rampart-bench run (same corpora, same seed, same options) with
# Debian's libz3 and with the libz3 of a PyPI `z3-solver` wheel, printed as ratios wheel/Debian.
# docs/BENCHMARKS.md, "Debian's Z3 against a wheel's".
#
#   scripts/bench-z3-compare.sh                       # wheel 4.15.4.0, --quick
#   scripts/bench-z3-compare.sh 5.4.1.0 --per-corpus 40 --scan-sizes 1000
#
# Builds rampart-bench twice (release): Benchmarks/.build (Debian) and
# Benchmarks/.build-z3wheel-VERSION (the wheel, through a z3.pc on PKG_CONFIG_PATH and an rpath,
# as scripts/build-with-z3-wheel.sh does for the main package). The JSON reports land in
# Benchmarks/results/ (gitignored). A second encoding slots in the same way: one more report,
# then `rampart-bench compare A.json B.json`.
set -euo pipefail
version="${1:-4.15.4.0}"; [[ $# -gt 0 ]] && shift
args=("$@"); [[ ${#args[@]} -eq 0 ]] && args=(--quick)

repo="$(cd "$(dirname "$0")/.." && pwd)"
results="$repo/Benchmarks/results"
mkdir -p "$results"
prefix="$("$repo/scripts/z3-wheel.sh" "$version")"

cd "$repo"
echo "== building rampart-bench against Debian's libz3" >&2
# As in bench-check.sh: forget the build plans so no stale object of the root package is linked.
wheelBuild="Benchmarks/.build-z3wheel-$version"
rm -f Benchmarks/.build/build.db Benchmarks/.build/release.yaml Benchmarks/.build/release/description.json \
    "$wheelBuild/build.db" "$wheelBuild/release.yaml" "$wheelBuild/release/description.json"
nice -n 10 swift build --package-path Benchmarks -c release --product rampart-bench >&2
echo "== building rampart-bench against the z3-solver $version wheel" >&2
PKG_CONFIG_PATH="$prefix/pkgconfig" nice -n 10 swift build --package-path Benchmarks -c release --product rampart-bench \
    --scratch-path "Benchmarks/.build-z3wheel-$version" -Xlinker -rpath -Xlinker "$prefix/lib" >&2

debian="$results/debian.json"; wheel="$results/wheel-$version.json"
echo "== run 1: Debian's libz3" >&2
nice -n 10 Benchmarks/.build/release/rampart-bench "${args[@]}" --json "$debian"
echo "== run 2: wheel $version" >&2
nice -n 10 "Benchmarks/.build-z3wheel-$version/release/rampart-bench" "${args[@]}" --json "$wheel"
echo
Benchmarks/.build/release/rampart-bench compare "$debian" "$wheel"
