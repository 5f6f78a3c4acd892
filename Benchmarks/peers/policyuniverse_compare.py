#!/usr/bin/env python3
"""Rampart side by side with a peer, policyuniverse (PyPI), over the same policies (issue 17 item 6).

Input: the JSON lines `rampart-bench --cases-out FILE.jsonl` writes (each latency case's document,
Rampart's answer and its analysis time). For each document the peer is timed on the work closest
to Rampart's question: build its `Policy` from the parsed document, then ask
`is_internet_accessible()` and `whos_allowed()` (JSON parsing left out on both sides: Rampart's
time is the analysis of an already parsed policy). Each peer time is the median of `--repeat` runs.

Output: per side p50, p99 and max in ms, split into Rampart's proofs (NO_EXTERNAL_ACCESS) and
findings (EXTERNAL_ACCESS), and the per-case ratio Rampart / peer (p50, p99); plus how often the
two agree on "public" (policyuniverse's internet-accessible against Rampart's public finding).
policyuniverse is a heuristic (it reads no condition but a few known keys, and knows nothing of
the resource type), so a disagreement is a thing to look at, not by itself a bug of either.

    python3 -m venv .build/peers-venv
    .build/peers-venv/bin/pip install policyuniverse==1.5.1.20231109
    Benchmarks/.build/release/rampart-bench --per-corpus all --latency-jobs 1 --scan-sizes 0 --cases-out .build/cases.jsonl
    .build/peers-venv/bin/python Benchmarks/peers/policyuniverse_compare.py .build/cases.jsonl --json .build/peer.json
"""
import argparse
import json
import statistics
import sys
import time

try:
    from policyuniverse.policy import Policy
except ImportError:  # pragma: no cover - explained to the user
    sys.exit("policyuniverse is not installed: see the set-up at the top of this file (docs/BENCHMARKS.md)")


def percentile(values, fraction):
    """Nearest-rank percentile, as rampart-bench's Statistics computes it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-fraction * len(ordered) // 1))))
    return ordered[rank - 1]


def peer_milliseconds(document, repeat):
    """Median time of the peer's answer to one document, and its answer (public?, error)."""
    times, public, error = [], None, None
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            policy = Policy(document)
            public = policy.is_internet_accessible()
            policy.whos_allowed()
        except Exception as exc:  # the peer refuses some documents; counted, not fatal
            error = f"{type(exc).__name__}: {exc}"
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), public, error


def summary(values):
    return {"count": len(values), "p50": percentile(values, 0.5), "p99": percentile(values, 0.99),
            "max": max(values) if values else None}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", help="rampart-bench --cases-out FILE.jsonl")
    parser.add_argument("--repeat", type=int, default=5, help="peer runs per document; the median is kept")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()

    rows = []
    with open(args.cases, encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            document = json.loads(case["document"])
            peer_ms, peer_public, error = peer_milliseconds(document, args.repeat)
            rows.append({"id": f'{case["corpus"]}/{case["kind"]}/{case["id"]}', "status": case["status"],
                         "rampart_ms": case["milliseconds"], "rampart_public": case["public"],
                         "peer_ms": peer_ms, "peer_public": peer_public, "peer_error": error})

    groups = {"all": rows,
              "proofs": [r for r in rows if r["status"] == "NO_EXTERNAL_ACCESS"],
              "findings": [r for r in rows if r["status"] == "EXTERNAL_ACCESS"]}
    figures = {}
    print(f"{len(rows)} cases; peer runs per document: {args.repeat} (median kept)")
    print(f'{"group":<10}{"n":>6}{"rampart p50":>13}{"p99":>10}{"max":>10}{"peer p50":>11}{"p99":>9}{"max":>9}'
          f'{"ratio p50":>11}{"p99":>9}')
    for name, group in groups.items():
        rampart = [r["rampart_ms"] for r in group]
        peer = [r["peer_ms"] for r in group]
        ratios = [r["rampart_ms"] / r["peer_ms"] for r in group if r["peer_ms"] > 0]
        figures[name] = {"rampart_ms": summary(rampart), "peer_ms": summary(peer), "ratio": summary(ratios)}
        f = figures[name]
        if not group:
            continue
        print(f'{name:<10}{len(group):>6}{f["rampart_ms"]["p50"]:>13.4f}{f["rampart_ms"]["p99"]:>10.3f}{f["rampart_ms"]["max"]:>10.2f}'
              f'{f["peer_ms"]["p50"]:>11.4f}{f["peer_ms"]["p99"]:>9.3f}{f["peer_ms"]["max"]:>9.2f}'
              f'{f["ratio"]["p50"]:>11.2f}{f["ratio"]["p99"]:>9.1f}')
    answered = [r for r in rows if r["peer_error"] is None and r["status"] in ("EXTERNAL_ACCESS", "NO_EXTERNAL_ACCESS")]
    agree = sum(1 for r in answered if bool(r["peer_public"]) == bool(r["rampart_public"]))
    only_rampart = [r["id"] for r in answered if r["rampart_public"] and not r["peer_public"]]
    only_peer = [r["id"] for r in answered if r["peer_public"] and not r["rampart_public"]]
    errors = [r["id"] for r in rows if r["peer_error"]]
    print(f"public: agree on {agree} of {len(answered)}; public for Rampart only {len(only_rampart)}, "
          f"for the peer only {len(only_peer)}; the peer refused {len(errors)} documents")
    figures["public"] = {"agree": agree, "answered": len(answered), "rampartOnly": only_rampart,
                         "peerOnly": only_peer, "peerErrors": errors}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
