#!/usr/bin/env python3
"""The access-paths benchmark (issue 18 item 6; docs/BENCHMARKS.md, "Access paths (issue 18)").

    Benchmarks/access-paths/run.py [--sizes 2/20/50/100,5/100/500/1000] [--binary PATH]
        [--work /tmp/rampart-access-paths] [--sample 20] [--timeout 600] [--jobs 2]

Each size is ACCOUNTS/ROLES/USERS/RESOURCES. For each: generates the snapshot once
(make-organization.py, reused from WORK), runs the release binary's
`scan MODEL --zone organization --access-paths --timings FILE` and `who-can MODEL --resource ARN
--format json` on a sample of resources (every planted chain's target and decoy's aim, then pool
resources up to --sample) under `/usr/bin/time -f "%e s %M KB"` and `timeout`, and checks the
results against the generator's expected-chains.json:
- the scan's ROLE_CHAIN findings are exactly on the planted chains' resources and the
  organization-shared resources of the exposed accounts (`orgShared`);
- its other findings are exactly the entry roles (one per role outside principals may assume,
  the partner with its ExternalId), and no resource is UNPROVEN;
- `who-can` says reachable from outside through roles exactly for the planted targets.
Every mismatch is printed (and the exit status is 1); nothing is hidden. The machine's load
(/proc/loadavg) is recorded before and after each command. Results: WORK/results.jsonl.
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def load1():
    with open("/proc/loadavg") as handle:
        return handle.read().split()[0]


def timed(command, timeout, stdout_path):
    """Runs command under /usr/bin/time and timeout; returns (exit, wall seconds, peak KB, loads)."""
    time_file = stdout_path + ".time"
    before = load1()
    with open(stdout_path, "w") as out, open(stdout_path + ".err", "w") as err:
        code = subprocess.call(["timeout", str(timeout), "/usr/bin/time", "-f", "%e s %M KB", "-o", time_file] + command,
                               stdout=out, stderr=err)
    after = load1()
    wall, peak = None, None
    try:
        fields = open(time_file).read().split()
        # "Command exited with non-zero status N" may come first.
        wall, peak = float(fields[-4]), int(fields[-2])
    except (OSError, ValueError, IndexError):
        pass
    return code, wall, peak, before, after


def percentile(values, p):
    values = sorted(values)
    if not values:
        return None
    index = min(len(values) - 1, max(0, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[index]


def pool_sample(snapshot, expected, count):
    """Pool resources (not roles), deterministic: every k-th file of the snapshot."""
    arns = []
    for account in sorted(os.listdir(os.path.join(snapshot, "accounts"))):
        base = os.path.join(snapshot, "accounts", account)
        for folder, _, files in sorted(os.walk(base)):
            for name in sorted(files):
                path = os.path.join(folder, name)
                if name.endswith(".get-public-access-block.json") and "/s3/" in path:
                    arns.append("arn:aws:s3:::" + name[: -len(".get-public-access-block.json")])
                elif name.endswith(".get-queue-attributes.json"):
                    arns.append(json.load(open(path))["Attributes"]["QueueArn"])
                elif name.endswith(".get-key-policy.json"):
                    region = os.path.basename(folder)
                    arns.append(f"arn:aws:kms:{region}:{account}:key/" + name[: -len(".get-key-policy.json")])
                elif name.endswith(".get-resource-policy.json"):
                    arns.append(json.load(open(path))["ARN"])
    planted = {c["resource"] for c in expected["chains"]}
    arns = [a for a in arns if a not in planted]
    step = max(1, len(arns) // max(1, count))
    return arns[::step][:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2/20/50/100,5/100/500/1000")
    parser.add_argument("--binary", default=os.path.join(ROOT, "Benchmarks/.build/release/rampart"))
    parser.add_argument("--work", default="/tmp/rampart-access-paths")
    parser.add_argument("--sample", type=int, default=20, help="who-can runs per size (planted targets and decoy aims first)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds before a command is stopped")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-scan", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    failures = 0
    results = open(os.path.join(args.work, "results.jsonl"), "a")
    for size in args.sizes.split(","):
        accounts, roles, users, resources = size.split("/")
        tag = f"{accounts}-{roles}-{users}-{resources}"
        snapshot = os.path.join(args.work, f"snapshot-{tag}")
        if not os.path.exists(os.path.join(snapshot, "expected-chains.json")):
            subprocess.check_call(["rm", "-rf", snapshot])
            subprocess.check_call([sys.executable, os.path.join(HERE, "make-organization.py"), snapshot, "--accounts", accounts,
                                   "--roles", roles, "--users", users, "--resources", resources], stdout=sys.stderr)
        expected = json.load(open(os.path.join(snapshot, "expected-chains.json")))
        planted = {c["resource"] for c in expected["chains"]} | set(expected.get("orgShared", []))
        entries = {(e["role"], e["partner"]) for e in expected["entries"]}
        record = {"size": tag, "roles": expected["roles"], "users": expected["users"], "resources": expected["resources"],
                  "planted": len(planted), "entries": len(entries)}
        mismatches = []

        # -- the whole organization: scan --access-paths ------------------------------------
        if not args.skip_scan:
            out = os.path.join(args.work, f"out-{tag}")
            timings = os.path.join(args.work, f"timings-{tag}.json")
            subprocess.call(["rm", "-rf", out])
            code, wall, peak, before, after = timed([args.binary, "scan", snapshot, "--zone", "organization", "--out", out,
                                                     "--access-paths", "--jobs", str(args.jobs), "--scan-time", "2025-01-31T02:00:00Z",
                                                     "--timings", timings], args.timeout, os.path.join(args.work, f"scan-{tag}.txt"))
            record["scan"] = {"exit": code, "wall": wall, "peakKB": peak, "loadBefore": before, "loadAfter": after}
            if code == 124:
                mismatches.append(f"scan stopped by timeout after {args.timeout} s")
            elif code != 0:
                mismatches.append(f"scan exit {code} (see {args.work}/scan-{tag}.txt.err)")
            else:
                phases = json.load(open(timings))["phases"]
                record["scan"]["accessPathsSeconds"] = sum(p["seconds"] for p in phases if p["name"] == "access paths")
                findings = json.load(open(os.path.join(out, "findings.json")))
                chain_resources = {f["resource"] for f in findings["findings"] if f.get("source") == "ROLE_CHAIN"}
                others = {(f["resource"], f["principal"]) for f in findings["findings"] if f.get("source") != "ROLE_CHAIN"}
                for arn in sorted(planted - chain_resources):
                    mismatches.append(f"scan: planted chain to {arn} not found (no ROLE_CHAIN finding)")
                for arn in sorted(chain_resources - planted):
                    mismatches.append(f"scan: ROLE_CHAIN finding on {arn}, which the generator did not plant")
                for item in sorted(entries - others):
                    mismatches.append(f"scan: entry role finding missing: {item}")
                for item in sorted(others - entries):
                    mismatches.append(f"scan: finding not planted: {item}")
                unproven = [o["arn"] for o in findings.get("resources", findings.get("outcomes", [])) if o.get("status") == "UNPROVEN"]
                for arn in unproven:
                    mismatches.append(f"scan: {arn} UNPROVEN")
                record["scan"]["roleChainFindings"] = len(chain_resources)
            print(f"{tag}: scan --access-paths {wall} s, {peak} KB, exit {code}, load {before} -> {after}", file=sys.stderr)

        # -- who-can on a sample --------------------------------------------------------------
        aims = [c["resource"] for c in expected["chains"]] + expected.get("orgShared", [])[:3]
        aims += [d["aim"] for d in expected["decoys"] if ":role/" not in d["aim"]]
        sample = aims[: args.sample] + pool_sample(snapshot, expected, max(0, args.sample - len(aims)))
        walls, peaks, loads = [], [], []
        for n, arn in enumerate(sample):
            path = os.path.join(args.work, f"who-can-{tag}-{n}.json")
            code, wall, peak, before, after = timed([args.binary, "who-can", snapshot, "--zone", "organization", "--resource", arn,
                                                     "--format", "json"], args.timeout, path)
            loads.append(before)
            if code == 124:
                mismatches.append(f"who-can {arn}: stopped by timeout after {args.timeout} s")
                break
            if wall is not None:
                walls.append(wall)
                peaks.append(peak)
            try:
                answer = json.load(open(path))
            except ValueError:
                mismatches.append(f"who-can {arn}: exit {code}, no JSON (see {path}.err)")
                continue
            through = (answer.get("outside") or {}).get("throughRoles") or {}
            reachable = through.get("status") == "REACHABLE"
            if through.get("status") == "UNPROVEN":
                mismatches.append(f"who-can {arn}: through roles UNPROVEN")
            if reachable != (arn in planted):
                mismatches.append(f"who-can {arn}: through roles {'REACHABLE' if reachable else 'not reachable'}, "
                                  f"generator planted {'a chain' if arn in planted else 'none'}")
        record["whoCan"] = {"runs": len(walls), "p50": percentile(walls, 50), "p99": percentile(walls, 99), "max": max(walls or [0]),
                            "peakKB": max(peaks or [0]), "loads": f"{min(loads or ['?'])}..{max(loads or ['?'])}"}
        print(f"{tag}: who-can x{len(walls)} p50 {record['whoCan']['p50']} s, p99 {record['whoCan']['p99']} s, "
              f"peak {record['whoCan']['peakKB']} KB, load {record['whoCan']['loads']}", file=sys.stderr)
        record["mismatches"] = mismatches
        for line in mismatches:
            print(f"{tag}: MISMATCH {line}", file=sys.stderr)
        failures += len(mismatches)
        results.write(json.dumps(record) + "\n")
        results.flush()
        print(json.dumps(record))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
