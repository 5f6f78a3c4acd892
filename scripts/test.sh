#!/usr/bin/env bash
# The README's test command (and what .ci/run runs): the whole test suite, on a fresh clone with
# nothing beside it.
#
# 1. The Python tools the collector test needs (moto_server and the AWS CLI, pinned in
#    scripts/python-tools.txt) go into a virtual environment under .build/python-tools, made on
#    the first run and remade when the pins change; its bin comes first on PATH.
# 2. Says which policy corpora the corpus tests read: the full corpora (RAMPART_CORPUS, else
#    ../shared/corpus) or, when those are absent, the committed subset Tests/Fixtures/corpus.
#    Says whether chromium is there for the browser tests of report.html (ReportsTests).
# 3. Runs `swift test --parallel --num-workers 2` (extra arguments are passed on) and ends with
#    one line the CI reader recognises: `tests: N passed, 0 failed`, or `tests: N run, F failed`.
#
# Needs Swift, libz3-dev and pkg-config (README's first command), and python3 with venv
# (Debian: python3-venv).
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=scripts/python-tools.txt
environment=.build/python-tools
stamp="$environment/.requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d ' ' -f 1)"

if [[ ! -x "$environment/bin/moto_server" || ! -x "$environment/bin/aws" || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
  echo "python tools: installing $requirements into $environment"
  rm -rf "$environment"
  mkdir -p .build
  if ! python3 -m venv "$environment"; then
    echo "python tools: python3 -m venv failed; install Python's venv module (Debian: apt-get install python3-venv)" >&2
    rm -rf "$environment"
    exit 1
  fi
  "$environment/bin/python" -m pip install --quiet --disable-pip-version-check --require-virtualenv -r "$requirements"
  # Written last, so an interrupted install is redone on the next run.
  echo "$wanted" > "$stamp"
fi
export PATH="$PWD/$environment/bin:$PATH"
echo "python tools: moto $("$environment/bin/python" -c 'import moto; print(moto.__version__)'), $(aws --version 2>&1)"

if [[ -n "${RAMPART_CORPUS:-}" ]]; then
  echo "corpus: RAMPART_CORPUS=$RAMPART_CORPUS"
elif [[ -f ../shared/corpus/policy-examples/policy-examples.jsonl ]]; then
  echo "corpus: the full corpora at $(cd ../shared/corpus && pwd)"
else
  echo "corpus: the full corpora are absent (RAMPART_CORPUS unset, no ../shared/corpus): the corpus tests run on the committed subset Tests/Fixtures/corpus (see its SOURCES.md)"
fi

# ReportsTests open report.html in headless chromium; without it they are skipped (failed under CI=true).
if browser="$(command -v chromium || command -v chromium-browser)"; then
  echo "browser: $("$browser" --version 2>/dev/null | head -n 1) (ReportsTests open report.html in it)"
else
  echo "browser: chromium is absent: ReportsTests' browser tests will be skipped (Debian: apt-get install chromium)"
fi

# With --parallel, XCTest prints one "[i/N] Testing ..." line per test and the output of failing
# tests only ("Test Case '...' failed"), and no summary of its own; the runner's closing line is
# Swift Testing's (which has no tests of ours). The count line is made from that output.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
swift test --parallel --num-workers 2 "$@" 2>&1 | tee "$log" || status=$?
# (`|| true`: grep finding nothing is not an error here; pipefail would make it one.)
total="$(grep -oE '^\[[0-9]+/[0-9]+\] Testing' "$log" | tail -n 1 | sed -E 's#^\[[0-9]+/([0-9]+)\].*#\1#' || true)"
failed="$(grep -oE "^Test Case '[^']+' failed" "$log" | sort -u | wc -l || true)"
if [[ "$status" -eq 0 && "$failed" -eq 0 ]]; then
  echo "tests: ${total:-0} passed, 0 failed"
else
  # A test process that crashed prints no "failed" line: count it as one failure at least.
  [[ "$failed" -eq 0 ]] && failed=1
  echo "tests: ${total:-0} run, $failed failed (swift test exit status $status)"
  exit 1
fi
