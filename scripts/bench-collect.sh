#!/usr/bin/env bash
# Collection time against moto_server, parallel against serial, in one run (issue 21's closing
# figure; docs/BENCHMARKS.md "Collection"). Seeds the emulated organization of the collector test
# (Tests/Fixtures/collector/seed-organization.py) plus BULK queues, topics and buckets in the
# management account, then collects it with --concurrency 16 and --concurrency 1 (twice each,
# alternating) and prints the times, the resources collected and `uptime`.
#
#   scripts/bench-collect.sh [BULK]        default BULK=170: about 550 resources
#
# Needs the Python tools of scripts/test.sh in .build/python-tools.
set -euo pipefail
cd "$(dirname "$0")/.."
bulk="${1:-170}"
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
for run in 1 2; do
  for concurrency in 16 1; do
    out="$work/snapshot-$concurrency-$run"
    start=$(date +%s.%N)
    "$tools/python" scripts/collect-snapshot "$out" --endpoint-url "http://127.0.0.1:$port" --regions us-east-1,eu-west-1 \
      --organization --concurrency "$concurrency" 2>"$work/collect.log"
    end=$(date +%s.%N)
    resources=$("$tools/python" -c "import json,sys; m=json.load(open(sys.argv[1])); print(sum(e['resources'] for a in m['accounts'] for e in a.get('coverage', []) if e['resourceType'] != 'AWS::S3::AccountPublicAccessBlock'), m['calls'], len(m['errors']))" "$out/coverage.json")
    set -- $resources
    printf 'run %d concurrency %2d: %6.1f s  resources %s  calls %s  errors %s  files %s\n' "$run" "$concurrency" "$(echo "$end - $start" | bc)" \
      "$1" "$2" "$3" "$(find "$out" -type f | wc -l)"
  done
done
echo "uptime: $(uptime)"
echo "cores: $(nproc)"
