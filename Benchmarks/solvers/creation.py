#!/usr/bin/env python3
"""Z3 context and solver creation cost through a wheel's Python bindings (docs/BENCHMARKS.md,
"Context creation per Z3 version"); a cross-check of `rampart-bench --z3-creation`, which measures
the C API of the libz3 it is linked against.

    PYTHONPATH=.build/solvers-venv/z3-4.15.4 .build/solvers-venv/bin/python Benchmarks/solvers/creation.py [N]
"""
import statistics
import sys
import time

import z3

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200


def question(ctx):
    action = z3.String("action", ctx)
    glob = z3.Concat(z3.Re(z3.StringVal("s3:Get", ctx)), z3.Full(z3.ReSort(z3.StringSort(ctx))))
    solver = z3.Solver(ctx=ctx)
    solver.set("timeout", 10000)
    solver.add(z3.InRe(action, glob), z3.SuffixOf(z3.StringVal("Object", ctx), action))
    return solver.check() == z3.sat


def timed(name, body):
    values = []
    for _ in range(N):
        start = time.perf_counter()
        body()
        values.append((time.perf_counter() - start) * 1e6)
    values.sort()
    print(f"{name:<44} n={N:<5} mean_us={statistics.mean(values):9.1f} p50_us={values[len(values) // 2]:9.1f}")


print(f"Z3 {z3.get_full_version()} (Python bindings)")
timed("context", lambda: z3.Context())
timed("context + solver", lambda: z3.Solver(ctx=z3.Context()))
timed("context + small string question", lambda: question(z3.Context()))
shared = z3.Context()
timed("reused context + small string question", lambda: question(shared))
