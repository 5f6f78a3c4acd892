#!/usr/bin/env python3
"""Turns the runs of Benchmarks/org-scale/run.sh into a results table and checks them.

    Benchmarks/org-scale/summarize.py WORK_DIR [--targets Benchmarks/org-scale/targets.json] [--baseline FILE] [--store-baseline FILE]

WORK_DIR/runs.jsonl has one line per run (written by run.sh): mix, resources, run number,
wall seconds and peak RSS from /usr/bin/time, the load average before and after, the report
sizes, the path of the run's --timings file and of its findings.json. For each (mix, size) the
table gives ranges over the runs (min–max) of the wall time, peak RSS and each phase's time, the
report sizes, the findings, and whether they are exactly the generator's planted ones.

Exit status 1 when a run's findings differ from the planted ones, when a target of
targets.json is missed (by the slowest run: every run must meet it), or when a median is worse
than the baseline's (wall time > 1.5 x + 2 s, peak RSS > 1.25 x + 16 MB): the regression check.
"""
import argparse
import json
import os
import statistics
import sys


def planted(path):
    with open(path, encoding="utf-8") as handle:
        return {key(finding) for finding in json.load(handle)["findings"]}


def key(finding):
    subset = {k: finding.get(k) for k in ("resource", "principal", "principalKind", "actions", "conditions", "isPublic", "source")}
    return json.dumps(subset, sort_keys=True)


def scanned(path):
    """The findings of a findings.json, read element by element would be nicer; it is small here."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    findings = {key(f) for f in document["findings"] if f.get("status") != "RESOLVED"}
    statuses = {}
    for resource in document.get("resources", []):
        statuses[resource["status"]] = statuses.get(resource["status"], 0) + 1
    return findings, statuses, len(document.get("diagnostics", []))


def span(values, digits=1):
    if not values:
        return "—"
    low, high = min(values), max(values)
    text = f"{low:,.{digits}f}" if round(low, digits) == round(high, digits) else f"{low:,.{digits}f}–{high:,.{digits}f}"
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work")
    parser.add_argument("--targets", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "targets.json"))
    parser.add_argument("--baseline")
    parser.add_argument("--store-baseline")
    arguments = parser.parse_args()

    runs = []
    with open(os.path.join(arguments.work, "runs.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                runs.append(json.loads(line))
    groups = {}
    for run in runs:
        groups.setdefault((run["mix"], run["resources"], run.get("perAccount", 200)), []).append(run)

    problems = []
    lines = ["| mix | resources | accounts | runs | wall s | peak RSS MB | load (1 min) before → after | phases s (load / analysis / lifecycle / reports) | reports MB (json / sarif / md / html) | findings | statuses | answers |",
             "|---|---:|---:|---:|---:|---:|---|---|---|---:|---|---|"]
    medians = {}
    for (mix, resources, per_account), group in sorted(groups.items()):
        walls = [run["wall"] for run in group]
        peaks = [run["peakKB"] / 1024 for run in group]
        medians[f"{mix}-{resources}" + ("" if per_account == 200 else f"-per{per_account}")] = {"wall": statistics.median(walls), "peakMB": statistics.median(peaks)}
        phase_times = {"load": [], "analysis": [], "lifecycle": [], "reports": []}
        for run in group:
            with open(run["timings"], encoding="utf-8") as handle:
                phases = {phase["name"]: phase["seconds"] for phase in json.load(handle)["phases"]}
            phase_times["load"].append(phases.get("load", 0) + phases.get("previous and archive rules", 0))
            phase_times["analysis"].append(phases.get("analysis", 0))
            phase_times["lifecycle"].append(phases.get("lifecycle", 0))
            phase_times["reports"].append(sum(phases.get(name, 0) for name in ("findings.json", "findings.sarif", "report.md", "report.html", "reports switched")))
        sizes = group[-1]["sizes"]
        expected = planted(group[-1]["expected"])
        verdicts = []
        statuses = {}
        count = 0
        for run in group:
            found, statuses, diagnostics = scanned(run["findings"])
            count = len(found)
            if found != expected or diagnostics:
                verdicts.append(f"run {run['run']}: {len(found - expected)} unexpected, {len(expected - found)} missing, {diagnostics} diagnostics")
        answer = "as planted" if not verdicts else "; ".join(verdicts)
        if verdicts:
            problems.append(f"{mix} {resources}: findings differ from the planted ones ({answer})")
        loads = ", ".join(f"{run['loadBefore']} → {run['loadAfter']}" for run in group)
        lines.append(f"| {mix} | {resources:,} | {-(-resources // per_account):,} | {len(group)} | {span(walls)} | {span(peaks, 0)} | {loads} | "
                     f"{span(phase_times['load'])} / {span(phase_times['analysis'])} / {span(phase_times['lifecycle'])} / {span(phase_times['reports'])} | "
                     + " / ".join(f"{sizes[name] / 1e6:.1f}" for name in ("findings.json", "findings.sarif", "report.md", "report.html"))
                     + f" | {count:,} | " + ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items())) + f" | {answer} |")

    if os.path.exists(arguments.targets):
        with open(arguments.targets, encoding="utf-8") as handle:
            targets = json.load(handle)
        for name, target in targets.items():
            mix, resources = name.rsplit("-", 1)
            group = groups.get((mix, int(resources), 200))
            if not group:
                continue
            slowest = max(run["wall"] for run in group)
            largest = max(run["peakKB"] for run in group) / 1024
            met = slowest <= target["seconds"] and largest <= target["peakMB"]
            lines.append("")
            lines.append(f"target {name}: ≤ {target['seconds']} s, ≤ {target['peakMB']} MB — slowest run {slowest:.1f} s, largest peak {largest:.0f} MB: "
                         + ("met" if met else "NOT MET"))
            if not met:
                problems.append(f"target {name} not met ({slowest:.1f} s, {largest:.0f} MB)")
    if arguments.baseline and os.path.exists(arguments.baseline):
        with open(arguments.baseline, encoding="utf-8") as handle:
            baseline = json.load(handle)
        for name, median in medians.items():
            before = baseline.get(name)
            if not before:
                continue
            if median["wall"] > 1.5 * before["wall"] + 2:
                problems.append(f"regression {name}: median wall {median['wall']:.1f} s against {before['wall']:.1f} s")
            if median["peakMB"] > 1.25 * before["peakMB"] + 16:
                problems.append(f"regression {name}: median peak {median['peakMB']:.0f} MB against {before['peakMB']:.0f} MB")
    if arguments.store_baseline:
        with open(arguments.store_baseline, "w", encoding="utf-8") as handle:
            json.dump(medians, handle, indent=1, sort_keys=True)
            handle.write("\n")

    table = "\n".join(lines) + "\n"
    with open(os.path.join(arguments.work, "results.md"), "w", encoding="utf-8") as handle:
        handle.write(table)
    print(table)
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
