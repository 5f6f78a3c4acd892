#!/usr/bin/env bash
# Builds one libFuzzer target of the Fuzz/ package and runs it for a fixed time
# (docs/TESTING.md, "Fuzzing").
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer options...]
#     TARGET: policy   (FuzzPolicy: PolicyParser.parse over every policy type + validate rendering)
#             snapshot (FuzzSnapshot: JSONParser, S3SettingsReader, RequestFile, SnapshotLoader)
#
# Inputs: Fuzz/corpus/TARGET/seeds and Fuzz/regressions/TARGET (committed), and
# Fuzz/corpus/TARGET/generated (written by scripts/fuzz-seeds.py, run here when missing;
# libFuzzer adds the new inputs it finds there).
# Findings (crash-*, timeout-*, oom-*, slow-unit-*) go to Fuzz/artifacts/TARGET/.
# The run is niced (FUZZ_NICE, default 10). Exit status: 0 when nothing was found, 1 otherwise.
# Reproduce one finding: Fuzz/.build/release/FuzzPolicy Fuzz/artifacts/policy/crash-...
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
target=$1
seconds=$2
shift 2
case "$target" in
    policy) product=FuzzPolicy ;;
    snapshot) product=FuzzSnapshot ;;
    *) echo "unknown target '$target' (policy or snapshot)" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
nice_level=${FUZZ_NICE:-10}

# -parse-as-library: the targets have no top-level code (libFuzzer drives them).
nice -n "$nice_level" swift build --package-path Fuzz -c release --product "$product" \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library >&2
binary=$(swift build --package-path Fuzz -c release --show-bin-path)/$product

corpus=Fuzz/corpus/$target
if [[ ! -d $corpus/generated ]]; then
    python3 scripts/fuzz-seeds.py >&2
fi
artifacts=Fuzz/artifacts/$target
mkdir -p "$artifacts" "$corpus/generated"
log=$artifacts/last-run.log
before=$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | sort)

# Let libFuzzer, not Swift's backtracer, handle a trap: it saves the input and stops.
# -timeout: one input taking longer than 10 s is a finding (the hang class).
# -rss_limit_mb: more than 2 GiB is a finding (the memory-exhaustion class).
# -max_len: a bit over the largest seed; bigger inputs only slow the search.
status=0
SWIFT_BACKTRACE=enable=no nice -n "$nice_level" "$binary" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=20000 \
    -dict=Fuzz/dictionaries/rampart.dict -artifact_prefix="$artifacts/" \
    -print_final_stats=1 -report_slow_units=5 \
    "$@" "$corpus/generated" "$corpus/seeds" "Fuzz/regressions/$target" >"$log" 2>&1 || status=$?

echo "== $product for $seconds s (log: $log, exit $status)"
grep -E '^#[0-9]+[[:space:]]+(INITED|pulse|DONE)' "$log" | tail -n 4 || true
grep -E '^stat::|^Done [0-9]+ runs' "$log" || true
after=$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | sort)
new=$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d' || true)
if [[ -n $new ]]; then
    echo "findings:"
    echo "$new"
    grep -E 'ERROR: libFuzzer|SUMMARY|Fatal error|deadly signal|Slowest unit' "$log" | head -n 10 || true
    exit 1
fi
if [[ $status -ne 0 ]]; then
    echo "the fuzzer exited with status $status without an artifact; see $log"
    exit 1
fi
echo "findings: none"
