#!/usr/bin/env bash
# How long report.html takes to become interactive in headless chromium (docs/BENCHMARKS.md,
# "The HTML report"):
#
#   Benchmarks/html-report/measure.sh [FINDINGS [RUNS]]      # default: 100000 findings, 3 runs
#
# 1. make-model.py writes a synthetic snapshot whose scan has exactly FINDINGS findings;
# 2. the built `rampart` scans it (RAMPART, else .build/release/rampart, else .build/debug/rampart:
#    the report is the real renderer's; the scan itself is not what is timed);
# 3. each run opens report.html in a fresh headless chromium and reads what the page wrote when
#    its first page of the table was shown: `data-ready-ms`, performance.now() at that moment
#    (milliseconds since navigation began: reading and parsing the file, the findings data, the
#    filters, sorting, grouping and the first 200 rows). The run's wall time (browser start-up
#    and exit included) and the load average are printed beside it.
#
# Needs python3 and chromium (Debian: apt-get install chromium). WORK (default a temporary
# folder) keeps the model and the reports (a WORK that has them is reused: no new scan).
# FRAGMENT opens the page at a view (`q=synthetic-004242`, `sort=principal`): the time then
# includes that filter or sort over every finding.
set -euo pipefail
cd "$(dirname "$0")/../.."
findings="${1:-100000}"
runs="${2:-3}"
work="${WORK:-$(mktemp -d)}"
rampart="${RAMPART:-}"
if [[ -z "$rampart" ]]; then
  if [[ -x .build/release/rampart ]]; then rampart=.build/release/rampart; else rampart=.build/debug/rampart; fi
fi
[[ -x "$rampart" ]] || { echo "no rampart binary at $rampart: swift build first" >&2; exit 1; }
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[[ -n "$chromium" ]] || { echo "chromium is not installed (Debian: apt-get install chromium)" >&2; exit 1; }

if [[ ! -f "$work/out/findings.json" ]]; then
  rm -rf "$work/model"
  python3 Benchmarks/html-report/make-model.py "$work/model" --findings "$findings"
  start=$(date +%s.%N)
  "$rampart" scan "$work/model" --zone account --out "$work/out" --jobs 2 --scan-time 2025-01-31T02:00:00Z | head -n 1 || true
  echo "scan: $(echo "$(date +%s.%N) - $start" | bc) s with $rampart"
fi
report="$work/out/.rampart/current/report.html"
echo "report: $report, $(stat -c %s "$report") bytes, $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/out/findings.json") findings in findings.json"
echo "chromium: $("$chromium" --version 2>/dev/null)${FRAGMENT:+, at #$FRAGMENT}"
for run in $(seq 1 "$runs"); do
  profile="$(mktemp -d)"
  load="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  start=$(date +%s.%N)
  dom="$("$chromium" --headless --disable-gpu --no-sandbox --no-first-run --user-data-dir="$profile" --dump-dom "file://$report${FRAGMENT:+#$FRAGMENT}" 2>/dev/null)"
  wall="$(echo "$(date +%s.%N) - $start" | bc)"
  rm -rf "$profile"
  ready="$(grep -o 'data-ready-ms="[0-9]*"' <<<"$dom" | head -n 1 | grep -o '[0-9]*' || echo none)"
  rows="$(grep -o '<tr class="finding' <<<"$dom" | wc -l)"
  matching="$(grep -o 'data-matching="[0-9]*"' <<<"$dom" | head -n 1 | grep -o '[0-9]*' || echo none)"
  echo "run=$run ready_ms=$ready wall_s=$wall rows_shown=$rows matching=$matching load=\"$load\""
done
