#!/usr/bin/env bash
# The regression check (docs/BENCHMARKS.md, "Baselines and the regression check"): builds
# rampart-bench in release, runs the quick mode and compares it with the stored baseline for the
# linked libz3; exits 1 when a metric regressed beyond its threshold, 0 otherwise.
#
#   scripts/bench-check.sh                      # quick run vs Benchmarks/baselines/quick-z3-<version>.json
#   scripts/bench-check.sh --update             # store this run as the new baseline (commit it)
#   TIME_THRESHOLD=0.5 scripts/bench-check.sh   # flag latencies 50 % slower (default 1.0: 100 %)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
# The benchmark package depends on the root package by path; after edits to the root package's
# sources its incremental build was seen to link stale objects of them (2026-12-06: a measured
# run without a just-added option). Forgetting the build plan makes SwiftPM check every input
# again (~1 minute on 2 cores); dependencies stay built.
rm -f Benchmarks/.build/build.db Benchmarks/.build/release.yaml Benchmarks/.build/release/description.json
nice -n 10 swift build --package-path Benchmarks -c release --product rampart-bench >&2
bench=Benchmarks/.build/release/rampart-bench
mkdir -p Benchmarks/results
# The libz3 version decides which baseline applies (solver calls and times differ by version).
version="$("$bench" --version | sed -n 's/.*Z3 \([0-9.]*\)).*/\1/p')"
baseline="Benchmarks/baselines/quick-z3-$version.json"
if [[ "${1:-}" == "--update" ]]; then
    nice -n 10 "$bench" --quick --json "$baseline"
    echo "baseline stored: $baseline (commit it)"
    exit 0
fi
[[ -f "$baseline" ]] || { echo "no baseline $baseline: run $0 --update first" >&2; exit 2; }
nice -n 10 "$bench" --quick --json Benchmarks/results/quick-latest.json --check "$baseline" \
    --time-threshold "${TIME_THRESHOLD:-1.0}"
