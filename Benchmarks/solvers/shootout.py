#!/usr/bin/env python3
"""Solvers side by side on an SMT-LIB2 export (rampart-bench --export-smt; docs/BENCHMARKS.md).

    python3 Benchmarks/solvers/shootout.py EXPORT_DIR [--timeout-ms 5000] [--solvers debian,z3-4.13.4,z3-4.15.4,cvc5]
        [--bench Benchmarks/.build/release/rampart-bench] [--venv .build/solvers-venv] [--json OUT.json]

Solvers: `debian` is Debian's libz3 4.8.12 through the C API as the product uses it
(`rampart-bench --solve-smt`); `z3-X` is the z3-solver wheel X installed with
`pip install --target VENV/z3-X z3-solver==X.0`; `cvc5` is the cvc5 wheel in VENV.
Every solver gets the same per-question timeout and a new context per file; only the check is
timed. Per solver: p50, p99, max (over every file, a timeout at its elapsed time), timeouts,
unknowns, unsupported files (cannot read: not a disagreement) and disagreements (a sat/unsat
answer that differs from another solver's or from Rampart's recorded status). Each disagreement
is shrunk (delta debugging over the top-level asserts) to a minimal file in EXPORT_DIR/shrunk/.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFINITE = ("sat", "unsat")


class Solver:
    def __init__(self, name, command, environment=None):
        self.name, self.command, self.environment = name, command, environment

    def run(self, files, timeout_ms):
        """Every file's result; a worker that dies or hangs is restarted after the file it was on."""
        results, pending = {}, list(files)
        while pending:
            process = subprocess.Popen(self.command(timeout_ms), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL, text=True, env=self.environment)
            # Fed from a thread: a worker reads its list as it goes, and a parent blocked on a full
            # stdin pipe would never read the stdout pipe the worker blocks on.
            feeder = threading.Thread(target=feed, args=(process, list(pending)), daemon=True)
            feeder.start()
            for path in list(pending):
                line = read_line(process, deadline=timeout_ms / 1000 * 3 + 20)
                if line is None:  # crashed or hung on `path`
                    process.kill()
                    process.wait()
                    results[path] = {"status": "error", "milliseconds": 0.0, "error": "solver process died or hung"}
                    pending.remove(path)
                    break
                result = json.loads(line)
                results[result["file"]] = result
                pending.remove(result["file"])
            else:
                process.wait()
        return results


def feed(process, paths):
    try:
        process.stdin.write("".join(path + "\n" for path in paths))
        process.stdin.close()
    except (BrokenPipeError, ValueError):  # the worker died or was killed
        pass


def read_line(process, deadline):
    import selectors
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    if not selector.select(timeout=deadline):
        return None
    line = process.stdout.readline()
    return line if line else None


def solvers(options):
    python = os.path.join(options.venv, "bin", "python")
    worker = os.path.join(HERE, "worker.py")
    made = {}
    for name in options.solvers.split(","):
        if name == "debian":
            bench = options.bench
            # rampart-bench --solve-smt takes files as arguments; read them from stdin through xargs-like batching.
            made[name] = Solver("z3 4.8.12 (Debian, C API)",
                                lambda t, bench=bench: [sys.executable, os.path.join(HERE, "stdin_to_args.py"), bench, "--timeout-ms", str(t), "--solve-smt"])
        elif name.startswith("z3-"):
            environment = dict(os.environ, PYTHONPATH=os.path.join(options.venv, name))
            made[name] = Solver(f"z3 {name[3:]} (wheel, Python)",
                                lambda t: [python, worker, "--solver", "z3", "--timeout-ms", str(t)], environment)
        elif name == "cvc5":
            made[name] = Solver("cvc5 (wheel, Python)", lambda t: [python, worker, "--solver", "cvc5", "--timeout-ms", str(t)])
        else:
            sys.exit(f"unknown solver {name}")
    return made


def percentile(values, p):
    """Nearest rank, as rampart-bench's LatencySummary."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, math.ceil(p * len(ordered)) - 1))
    return ordered[index]


# -- Shrinking ---------------------------------------------------------------------------------

def top_level(text):
    """The top-level s-expressions of an SMT-LIB2 text (strings, |symbols| and comments respected)."""
    forms, depth, start, i, n = [], 0, None, 0, len(text)
    while i < n:
        c = text[i]
        if c == ";":
            while i < n and text[i] != "\n":
                i += 1
        elif c == '"':
            i += 1
            while i < n:
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        i += 1
                    else:
                        break
                i += 1
        elif c == "|":
            i += 1
            while i < n and text[i] != "|":
                i += 1
        elif c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                forms.append(text[start:i + 1])
        i += 1
    return forms


def shrink(path, keeps, out_path):
    """ddmin over the asserts of `path` while `keeps(text)` holds; writes and returns the result."""
    forms = top_level(open(path, encoding="utf-8").read())
    asserts = [f for f in forms if f.startswith("(assert")]
    rest = [f for f in forms if not f.startswith("(assert") and not f.startswith("(check-sat")]

    def text(chosen):
        return "\n".join(rest + chosen + ["(check-sat)"]) + "\n"

    granularity = 2
    while len(asserts) >= 2:
        chunk = max(1, len(asserts) // granularity)
        reduced = False
        for start in range(0, len(asserts), chunk):
            complement = asserts[:start] + asserts[start + chunk:]
            if complement and keeps(text(complement)):
                asserts, granularity, reduced = complement, max(granularity - 1, 2), True
                break
        if not reduced:
            if granularity >= len(asserts):
                break
            granularity = min(len(asserts), granularity * 2)
    with open(out_path, "w", encoding="utf-8") as handle:
        handle.write(text(asserts))
    return len(asserts)


def answer_of(solver, text, timeout_ms, scratch):
    with open(scratch, "w", encoding="utf-8") as handle:
        handle.write(text)
    return solver.run([scratch], timeout_ms)[scratch]["status"]


# -- Main --------------------------------------------------------------------------------------

def main():
    arguments = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments.add_argument("export")
    arguments.add_argument("--timeout-ms", type=int, default=5000)
    arguments.add_argument("--solvers", default="debian,z3-4.13.4,z3-4.15.4,cvc5")
    arguments.add_argument("--bench", default=os.path.join(REPO, "Benchmarks/.build/release/rampart-bench"))
    arguments.add_argument("--venv", default=os.path.join(REPO, ".build/solvers-venv"))
    arguments.add_argument("--json")
    arguments.add_argument("--no-shrink", action="store_true")
    arguments.add_argument("--every", type=int, default=1, help="only every Nth file of the manifest (a deterministic sample)")
    options = arguments.parse_args()

    manifest = [json.loads(line) for line in open(os.path.join(options.export, "manifest.jsonl"), encoding="utf-8")]
    manifest = manifest[::max(1, options.every)]
    files = [os.path.join(options.export, entry["file"]) for entry in manifest]
    recorded = {os.path.join(options.export, entry["file"]): entry["status"] for entry in manifest}
    made = solvers(options)
    results, seconds = {}, {}
    for key, solver in made.items():
        started = time.time()
        results[key] = solver.run(files, options.timeout_ms)
        seconds[key] = time.time() - started
        print(f"{solver.name}: {len(files)} files in {seconds[key]:.1f} s", file=sys.stderr)

    # Disagreements: definite answers that differ between solvers or from Rampart's recorded one.
    disagreements = []
    for path in files:
        answers = {key: results[key][path]["status"] for key in made}
        definite = {key: a for key, a in answers.items() if a in DEFINITE}
        reference = recorded[path] if recorded[path] in DEFINITE else None
        values = set(definite.values()) | ({reference} if reference else set())
        if len(values) > 1:
            disagreements.append({"file": path, "recorded": recorded[path], "answers": answers})

    rows = []
    for key, solver in made.items():
        mine = results[key]
        times = [mine[path]["milliseconds"] for path in files if mine[path]["status"] not in ("unsupported", "error")]
        count = lambda status: sum(1 for path in files if mine[path]["status"] == status)
        def differs(d):
            others = [a for k, a in d["answers"].items() if k != key and a in DEFINITE]
            others += [d["recorded"]] if d["recorded"] in DEFINITE else []
            return d["answers"][key] in DEFINITE and any(other != d["answers"][key] for other in others)
        against = sum(1 for d in disagreements if differs(d))
        rows.append({"solver": solver.name, "key": key, "files": len(files), "p50_ms": percentile(times, 0.50),
                     "p99_ms": percentile(times, 0.99), "max_ms": max(times, default=0.0), "total_s": sum(times) / 1000,
                     "sat": count("sat"), "unsat": count("unsat"), "timeouts": count("timeout"), "unknown": count("unknown"),
                     "unsupported": count("unsupported"), "errors": count("error"), "disagreements": against,
                     "run_seconds": seconds[key]})

    sample = f" (every {options.every}th of the manifest)" if options.every > 1 else ""
    print(f"{len(files)} questions from {options.export}{sample}, timeout {options.timeout_ms} ms per question")
    print("| solver | p50 ms | p99 ms | max ms | total s | sat | unsat | timeouts | unknown | unsupported | errors | disagreements |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['solver']} | {row['p50_ms']:.2f} | {row['p99_ms']:.1f} | {row['max_ms']:.1f} | {row['total_s']:.1f} | "
              f"{row['sat']} | {row['unsat']} | {row['timeouts']} | {row['unknown']} | {row['unsupported']} | {row['errors']} | "
              f"{row['disagreements']} |")
    unsupported = {}
    for key in made:
        for path in files:
            if results[key][path]["status"] == "unsupported":
                unsupported.setdefault(key, []).append((os.path.basename(path), results[key][path].get("error", "")))
    for key, items in unsupported.items():
        print(f"unsupported by {key}: {len(items)} file(s), e.g. {items[0][0]}: {items[0][1]}")

    shrunk_folder = os.path.join(options.export, "shrunk")
    for d in disagreements:
        print(f"DISAGREEMENT {os.path.basename(d['file'])}: recorded {d['recorded']}, " +
              ", ".join(f"{k} {a}" for k, a in d["answers"].items()))
        if options.no_shrink:
            continue
        # The two sides: the first solver saying sat and the first saying unsat. When every solver
        # agrees and only Rampart's record differs, no solver reproduces the record (Debian's Z3
        # reading the file back is the record's own solver): reported, not shrunk.
        sides = {}
        for key, a in d["answers"].items():
            if a in DEFINITE:
                sides.setdefault(a, key)
        if len(sides) < 2:
            print("  not shrunk: no solver reading the file gives the recorded answer")
            continue
        os.makedirs(shrunk_folder, exist_ok=True)
        scratch = os.path.join(shrunk_folder, "candidate.smt2")
        keeps = lambda text: all(answer_of(made[key], text, options.timeout_ms, scratch) == a for a, key in sides.items())
        out = os.path.join(shrunk_folder, os.path.basename(d["file"]))
        kept = shrink(d["file"], keeps, out)
        d["shrunk"] = out
        print(f"  shrunk to {kept} assert(s): {out}")
        if os.path.exists(scratch):
            os.remove(scratch)

    if options.json:
        with open(options.json, "w", encoding="utf-8") as handle:
            json.dump({"export": options.export, "timeout_ms": options.timeout_ms, "questions": len(files), "rows": rows,
                       "disagreements": disagreements, "results": results}, handle, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
