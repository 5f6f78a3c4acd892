#!/usr/bin/env bash
# Collection time against moto_server, parallel against serial, in one run (issue 21's closing
# figure; docs/BENCHMARKS.md "Collection"). Seeds the emulated organization of the collector test
# (Tests/Fixtures/collector/seed-organization.py) plus BULK queues, topics and buckets in the
# management account, then collects it with --concurrency 16 and --concurrency 1 (twice each,
# alternating), then once each through Tests/Fixtures/collector/fault-proxy.py adding LATENCY ms
# to every call (a network round trip: moto on 127.0.0.1 answers in CPU time only), and prints the
# times, the resources collected and `uptime`.
#
#   scripts/bench-collect.sh [BULK] [LATENCY]     defaults 170 (about 550 resources) and 50
#
# Needs the Python tools of scripts/test.sh in .build/python-tools.
set -euo pipefail
cd "$(dirname "$0")/.."
bulk="${1:-170}"
latency="${2:-50}"
tools="$PWD/.build/python-tools/bin"
work="$(mktemp -d)"
port="$("$tools/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
MOTO_EC2_LOAD_DEFAULT_AMIS=false "$tools/moto_server" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; rm -rf "$work"' EXIT
until "$tools/python" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do sleep 0.2; done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing AWS_DEFAULT_REGION=us-east-1 \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
"$tools/python" Tests/Fixtures/collector/seed-organization.py "http://127.0.0.1:$port" --bulk "$bulk" >/dev/null
"$tools/python" Tests/Fixtures/collector/fault-proxy.py "http://127.0.0.1:$port" "$work/faults.log" --latency-ms "$latency" >"$work/proxy.out" &
proxy=$!
trap 'kill "$moto" "$proxy" 2>/dev/null; rm -rf "$work"' EXIT
until grep -q listening "$work/proxy.out"; do sleep 0.2; done
proxy_port="$(awk '{print $2}' "$work/proxy.out")"
for run in 1 2 latency; do
  for concurrency in 16 1; do
    out="$work/snapshot-$concurrency-$run"
    endpoint="http://127.0.0.1:$port"
    [[ "$run" == latency ]] && endpoint="http://127.0.0.1:$proxy_port"
    start=$(date +%s.%N)
    # --backoff-base 0.01: moto answers HTTP 500 to the listings it does not implement (CodeArtifact, CloudTrail Lake),
    # which are retried; the default backoff would time those sleeps, not the collector.
    "$tools/python" scripts/collect-snapshot "$out" --endpoint-url "$endpoint" --regions us-east-1,eu-west-1 \
      --organization --concurrency "$concurrency" --backoff-base 0.01 2>"$work/collect.log"
    end=$(date +%s.%N)
    resources=$("$tools/python" -c "import json,sys; m=json.load(open(sys.argv[1])); print(sum(e['resources'] for a in m['accounts'] for e in a.get('coverage', []) if e['resourceType'] != 'AWS::S3::AccountPublicAccessBlock'), m['calls'], len(m['errors']))" "$out/coverage.json")
    set -- $resources
    printf 'run %-7s concurrency %2d: %6.1f s  resources %s  calls %s  errors %s  files %s\n' "$run" "$concurrency" "$(echo "$end - $start" | bc)" \
      "$1" "$2" "$3" "$(find "$out" -type f | wc -l)"
  done
done
echo "uptime: $(uptime)"
echo "cores: $(nproc)"
