#!/usr/bin/env python3
"""Runs the pathological fixtures of issue 17 through a built `rampart` and checks them against
their targets (docs/BENCHMARKS.md, "Pathological single questions").

    python3 Benchmarks/pathological/check.py [--rampart PATH] [--runs N] [--only PREFIX] [--check]

For each fixture in TARGETS: `rampart check` as a user runs it (JSON output, RAMPART_TRACE_SOLVER=1
for the analysis's own time), or for a snapshot under models/ `rampart scan` of it, N runs (default 3). Prints one line per fixture: status, complete,
solver calls, analysis seconds (min-max over the runs, from the trace: start-up and reading the
catalog excluded) and process seconds. With --check, exits 1 when a fixture's answer differs from
its expected status, is incomplete, or its slowest analysis exceeds twice its target (the machine
is shared and loaded: the factor keeps load from failing it, while an order-of-magnitude
regression — a free search per principal again — still does). Prints `uptime` first: say the load
with the figures.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BUCKET = "arn:aws:s3:::rampart-bench-bucket"
ZONE = "111122223333"

# fixture: (expected status, target analysis seconds). Targets of issue 17: principals ≤ 100 ms
# at 10 statements (per question) and complete in ≤ 2 s at 500; the needles ≤ 1 s at 500 (item 4).
TARGETS = {
    "principals-10.json": ("EXTERNAL_ACCESS", 0.1),
    "principals-50.json": ("EXTERNAL_ACCESS", 2.0),
    "principals-500.json": ("EXTERNAL_ACCESS", 2.0),
    "needle-50.json": ("EXTERNAL_ACCESS", 1.0),
    "needle-500.json": ("EXTERNAL_ACCESS", 1.0),
    "wildcard-actions-1000.json": ("EXTERNAL_ACCESS", 2.0),
    "wildcard-actions-1000-account.json": ("EXTERNAL_ACCESS", 2.0),
    # The org-path cliff (UNPROVEN at 30 s before its fix): well under a second expected.
    "orgpaths-ou-share.json": ("EXTERNAL_ACCESS", 1.0),
    # The RCP cliff (incomplete at the bound before its fix: a service-linked role's PutObject
    # past an RCP's Deny): a snapshot, scanned (`rampart check` takes no RCPs).
    "models/rcp-cliff": ("EXTERNAL_ACCESS", 1.0),
}

# Fixtures about another resource than the bench bucket.
RESOURCES = {"orgpaths-ou-share.json": "arn:aws:s3:::acme-data-2-us-east-1"}


def run(rampart, fixture):
    if fixture.startswith("models/"):
        return run_scan(rampart, fixture)
    command = [rampart, "check", "--policy", os.path.join(HERE, "fixtures", fixture), "--resource-type", "AWS::S3::Bucket",
               "--resource-arn", RESOURCES.get(fixture, BUCKET), "--zone-account", ZONE, "--format", "json",
               # principals-500 has ~250 outside classes with access: above the default limit of 64
               # findings, "complete" needs the limit raised (`--max-findings`, docs/CLI.md).
               "--max-findings", "1000"]
    environment = dict(os.environ, RAMPART_TRACE_SOLVER="1")
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    wall = time.monotonic() - start
    report = json.loads(done.stdout)
    match = re.search(r"analysis enumerated at \+([0-9.e-]+) seconds", done.stderr)
    # Findings decided without Z3 (`SolverFreeFindings`) trace their own end instead, from the
    # start of that path (the screens before it take microseconds).
    match = match or re.search(r"solver-free findings: [0-9]+ findings at \+([0-9.e-]+) seconds", done.stderr)
    analysis = float(match.group(1)) if match else float("nan")
    return report, analysis, wall


def run_scan(rampart, model):
    """`rampart scan` of a snapshot with one resource: its status and completeness from
    findings.json, its solver calls counted in the trace."""
    with tempfile.TemporaryDirectory() as out:
        command = [rampart, "scan", os.path.join(HERE, model), "--zone", "organization", "--out", out, "--format", "json",
                   "--jobs", "1"]
        environment = dict(os.environ, RAMPART_TRACE_SOLVER="1")
        start = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, env=environment)
        wall = time.monotonic() - start
        with open(os.path.join(out, "findings.json")) as file:
            resources = json.load(file)["resources"]
    if len(resources) != 1:
        sys.exit("%s: %d resources scanned, expected one" % (model, len(resources)))
    report = {"status": resources[0]["status"], "complete": resources[0]["complete"],
              "solverCalls": len(re.findall(r"^solver call ", done.stderr, re.MULTILINE))}
    match = re.search(r"analysis enumerated at \+([0-9.e-]+) seconds", done.stderr)
    return report, float(match.group(1)) if match else float("nan"), wall


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rampart", default=os.path.join(ROOT, "Benchmarks", ".build", "release", "rampart"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="")
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    failures = []
    for fixture, (expected, target) in TARGETS.items():
        if not fixture.startswith(options.only):
            continue
        results = [run(options.rampart, fixture) for _ in range(options.runs)]
        statuses = {report["status"] for report, _, _ in results}
        complete = all(report.get("complete", False) for report, _, _ in results)
        calls = sorted({report.get("solverCalls", 0) for report, _, _ in results})
        analyses = [analysis for _, analysis, _ in results]
        walls = [wall for _, _, wall in results]
        print("%-36s %-16s complete=%-5s calls=%-9s analysis %.3f-%.3f s (target %.2f s)  process %.2f-%.2f s" % (
            fixture, "/".join(sorted(statuses)), complete, ",".join(map(str, calls)),
            min(analyses), max(analyses), target, min(walls), max(walls)))
        if statuses != {expected} or not complete:
            failures.append("%s: %s, complete=%s (expected %s, complete)" % (fixture, statuses, complete, expected))
        elif any(math.isnan(analysis) for analysis in analyses):
            failures.append("%s: no analysis time in the trace (neither the enumeration's nor the solver-free path's)" % fixture)
        elif max(analyses) > 2 * target:
            failures.append("%s: analysis %.3f s, over twice its target %.2f s" % (fixture, max(analyses), target))
    if options.check and failures:
        print("\n".join(["regression:"] + failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
