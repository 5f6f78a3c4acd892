#!/usr/bin/env python3
"""Runs `COMMAND... FILE...` with the file names read from stdin (for `rampart-bench --solve-smt`,
which takes files as arguments), in batches so that a long list fits on a command line."""
import subprocess
import sys

files = [line.strip() for line in sys.stdin if line.strip()]
for start in range(0, len(files), 200):
    status = subprocess.call(sys.argv[1:] + files[start:start + 200])
    if status != 0:
        sys.exit(status)
