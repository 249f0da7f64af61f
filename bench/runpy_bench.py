"""Baseline for bench/run.js: CPython's runpy.run_path on fixtures/trivial.py, measured in-process.

Each run sets sys.argv and captures stdout (as runAsMain does), then runs the file as __main__.
"Overhead" is runpy's per-run time minus the script body's own time (the same code, compiled once
and exec'd in a fresh namespace with the same capture), as in /work/shared/NOTES.md.
Prints one JSON line. Usage: python3 runpy_bench.py SCRIPT N WARMUP RUNS
"""

import contextlib
import io
import json
import platform
import runpy
import statistics
import sys
import time


def main():
    script, n, warmup, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(script, encoding="utf-8") as f:
        code = compile(f.read(), script, "exec")

    def via_runpy():
        saved = sys.argv
        sys.argv = [script, n]
        buf = io.StringIO()
        exit_code = 0
        try:
            with contextlib.redirect_stdout(buf):
                namespace = runpy.run_path(script, run_name="__main__")
        except SystemExit as e:
            exit_code, namespace = e.code, {}
        finally:
            sys.argv = saved
        return buf.getvalue(), namespace, exit_code

    def direct():
        saved = sys.argv
        sys.argv = [script, n]
        buf = io.StringIO()
        namespace = {"__name__": "__main__"}
        try:
            with contextlib.redirect_stdout(buf):
                exec(code, namespace)
        finally:
            sys.argv = saved
        return buf.getvalue(), namespace, 0

    def measure(fn):
        for _ in range(warmup):
            fn()
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter_ns()
            fn()
            samples.append(time.perf_counter_ns() - t0)
        return statistics.median(samples) / 1000

    stdout, namespace, exit_code = via_runpy()
    # Alternate the two measurements twice so drift affects both alike; keep the lower medians.
    first = (measure(via_runpy), measure(direct))
    second = (measure(via_runpy), measure(direct))
    runpy_us = min(first[0], second[0])
    direct_us = min(first[1], second[1])
    print(json.dumps({
        "python": platform.python_version(),
        "runpy_us": runpy_us,
        "direct_us": direct_us,
        "overhead_us": runpy_us - direct_us,
        "stdout": stdout,
        "s": namespace.get("s"),
        "exit_code": exit_code,
    }))


main()
