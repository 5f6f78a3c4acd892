#!/usr/bin/env python3
"""One solver over SMT-LIB2 files, for shootout.py (docs/BENCHMARKS.md, "Solvers side by side").

    python worker.py --solver z3|cvc5 --timeout-ms 5000 FILE...      # or file names on stdin

Prints one JSON line per file: {"file", "status", "milliseconds", "error"?}, status one of
sat, unsat, timeout, unknown, unsupported (the solver cannot read the file), error.
Each file gets a new context (z3) or a new solver (cvc5); only the check is timed.
For z3, put the wheel to use first on PYTHONPATH (one `pip install --target` folder per version).
"""
import argparse
import json
import sys
import time


def z3_solve(path, text, timeout_ms):
    import z3
    ctx = z3.Context()
    solver = z3.Solver(ctx=ctx)
    solver.set("timeout", timeout_ms)
    try:
        solver.from_string(text)
    except z3.Z3Exception as error:
        return {"status": "unsupported", "milliseconds": 0.0, "error": str(error)[:300]}
    start = time.perf_counter()
    answer = solver.check()
    elapsed = (time.perf_counter() - start) * 1000
    if answer == z3.sat:
        return {"status": "sat", "milliseconds": elapsed}
    if answer == z3.unsat:
        return {"status": "unsat", "milliseconds": elapsed}
    reason = solver.reason_unknown()
    timed_out = reason in ("timeout", "canceled") or elapsed >= timeout_ms * 0.95
    return {"status": "timeout" if timed_out else "unknown", "milliseconds": elapsed, "error": reason}


def cvc5_solve(path, text, timeout_ms):
    import cvc5
    manager = cvc5.TermManager()
    solver = cvc5.Solver(manager)
    solver.setOption("tlimit-per", str(timeout_ms))
    # Z3's benchmarks name no logic; strings and regular expressions need the extended solver.
    solver.setOption("strings-exp", "true")
    solver.setLogic("ALL")
    parser = cvc5.InputParser(solver)
    try:
        parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, text, path)
        symbols = parser.getSymbolManager()
        while True:
            command = parser.nextCommand()
            if command.isNull():
                break
            if command.getCommandName() == "check-sat":
                continue
            command.invoke(solver, symbols)
    except Exception as error:  # cvc5 raises RuntimeError (or its own) on what it cannot read
        return {"status": "unsupported", "milliseconds": 0.0, "error": str(error)[:300]}
    start = time.perf_counter()
    try:
        answer = solver.checkSat()
    except Exception as error:
        return {"status": "error", "milliseconds": (time.perf_counter() - start) * 1000, "error": str(error)[:300]}
    elapsed = (time.perf_counter() - start) * 1000
    if answer.isSat():
        return {"status": "sat", "milliseconds": elapsed}
    if answer.isUnsat():
        return {"status": "unsat", "milliseconds": elapsed}
    reason = str(answer.getUnknownExplanation())
    timed_out = "TIMEOUT" in reason or elapsed >= timeout_ms * 0.95
    return {"status": "timeout" if timed_out else "unknown", "milliseconds": elapsed, "error": reason}


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--solver", choices=["z3", "cvc5"], required=True)
    arguments.add_argument("--timeout-ms", type=int, default=5000)
    arguments.add_argument("files", nargs="*")
    options = arguments.parse_args()
    solve = z3_solve if options.solver == "z3" else cvc5_solve
    files = options.files or (line.strip() for line in sys.stdin)
    for path in files:
        if not path:
            continue
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            result = solve(path, text, options.timeout_ms)
        except Exception as error:
            result = {"status": "error", "milliseconds": 0.0, "error": str(error)[:300]}
        result["file"] = path
        print(json.dumps(result, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
