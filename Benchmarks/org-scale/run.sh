#!/usr/bin/env bash
# The end-to-end organization scan benchmark (docs/BENCHMARKS.md, "An organization scanned from
# disk"): generated snapshots on disk, scanned by the release `rampart` binary as a user runs it,
# with /usr/bin/time's wall time and peak RSS, the scan's own phase times (--timings), the
# report sizes and the machine's load average; then a results table and the check against
# Benchmarks/org-scale/targets.json (and a baseline, when given).
#
#   Benchmarks/org-scale/run.sh [--sizes 1000,10000,100000] [--mixes realistic,distinct] [--runs 3]
#                               [--work /tmp/rampart-org-scale] [--binary PATH] [--jobs 2] [--per-account 200]
#                               [--baseline FILE] [--store-baseline FILE]
#
# Without --binary it builds the release binary first (nice swift build -c release --product
# rampart; .build/release/rampart). Snapshots are generated once per (mix, size) under WORK and
# reused (delete WORK to regenerate); they never belong in git. Exit status: summarize.py's (1 on
# findings other than the planted ones, a missed target, or a regression).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
sizes="1000,10000,100000"
mixes="realistic,distinct"
runs=3
work="/tmp/rampart-org-scale"
binary=""
jobs=2
per_account=200
baseline=""
store_baseline=""
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --mixes) mixes="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --binary) binary="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        --per-account) per_account="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        --store-baseline) store_baseline="$2"; shift 2 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

if [ -z "$binary" ]; then
    (cd "$root" && nice swift build -c release --product rampart >&2)
    binary="$root/.build/release/rampart"
fi
[ -x "$binary" ] || { echo "run.sh: $binary is not an executable" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }

mkdir -p "$work"
: > "$work/runs.jsonl"   # this invocation's runs only
load1() { cut -d' ' -f1 /proc/loadavg; }

IFS=',' read -r -a size_list <<< "$sizes"
IFS=',' read -r -a mix_list <<< "$mixes"
for mix in "${mix_list[@]}"; do
    for size in "${size_list[@]}"; do
        suffix=""
        [ "$per_account" = 200 ] || suffix="-per$per_account"
        snapshot="$work/snapshot-$mix-$size$suffix"
        expected="$work/expected-$mix-$size$suffix.json"
        if [ ! -d "$snapshot" ] || [ ! -f "$expected" ]; then
            rm -rf "$snapshot"
            python3 "$root/Benchmarks/org-scale/make-organization.py" "$snapshot" --resources "$size" --mix "$mix" --per-account "$per_account" --expected "$expected" >&2
        fi
        for run in $(seq 1 "$runs"); do
            out="$work/out-$mix-$size$suffix-$run"
            timings="$work/timings-$mix-$size$suffix-$run.json"
            rm -rf "$out"
            before="$(load1)"
            /usr/bin/time -f "%e %M" -o "$work/time.txt" "$binary" scan "$snapshot" --zone organization --out "$out" --jobs "$jobs" \
                --scan-time 2025-01-31T02:00:00Z --timings "$timings" > "$work/stdout-$mix-$size$suffix-$run.txt" 2> "$work/stderr-$mix-$size$suffix-$run.txt" || {
                echo "run.sh: the scan of $snapshot failed (see $work/stderr-$mix-$size$suffix-$run.txt)" >&2; exit 1; }
            after="$(load1)"
            read -r wall peak < <(tail -n 1 "$work/time.txt")
            sizes_json="$(python3 -c 'import json, os, sys; print(json.dumps({n: os.path.getsize(os.path.join(sys.argv[1], n)) for n in ("findings.json", "findings.sarif", "report.md", "report.html")}))' "$out")"
            printf '{"mix": "%s", "resources": %s, "perAccount": %s, "run": %s, "wall": %s, "peakKB": %s, "loadBefore": "%s", "loadAfter": "%s", "sizes": %s, "timings": "%s", "findings": "%s", "expected": "%s"}\n' \
                "$mix" "$size" "$per_account" "$run" "$wall" "$peak" "$before" "$after" "$sizes_json" "$timings" "$out/findings.json" "$expected" >> "$work/runs.jsonl"
            echo "$mix $size run $run: ${wall} s, $((peak / 1024)) MB, load $before -> $after" >&2
        done
    done
done

args=("$work")
[ -n "$baseline" ] && args+=(--baseline "$baseline")
[ -n "$store_baseline" ] && args+=(--store-baseline "$store_baseline")
python3 "$root/Benchmarks/org-scale/summarize.py" "${args[@]}"
