#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Benchmark: the DMAR suite over the whole corpus in one process, against
the peer tool (iasl -d, one process per table, as a lab script would run it).

    make bench        (or: /usr/bin/python3 bench/dmar_corpus.py [--runs N])

Prints wall-clock medians and the ratio; docs/PERFORMANCE.md records them.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fixtures", "corpus", "dmar")
TARGET_RATIO = 100


def timed(fn, runs):
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples), min(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=os.environ.get(
        "VTDCERT_BIN", os.path.join(ROOT, "build", "vtdcert")))
    args = ap.parse_args()

    if not os.path.isdir(CORPUS):
        print(f"bench: skipped: {CORPUS} is absent")
        return 0
    tables = sorted(os.path.join(CORPUS, f) for f in os.listdir(CORPUS)
                    if f.endswith(".dat"))
    iasl = shutil.which("iasl")

    def run_vtdcert():
        r = subprocess.run([args.bin, "dmar", "--quiet", "--json", os.devnull]
                           + tables, stdout=subprocess.DEVNULL)
        if r.returncode not in (0, 1):
            sys.exit(f"bench: vtdcert exited {r.returncode}")

    med_v, min_v = timed(run_vtdcert, args.runs)
    print(f"vtdcert dmar, {len(tables)} tables, 1 process: "
          f"median {med_v * 1000:.1f} ms, best {min_v * 1000:.1f} ms "
          f"({args.runs} runs)")
    if not iasl:
        print("bench: iasl not installed: no peer figure")
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for t in tables:
            dst = os.path.join(tmp, os.path.basename(t))
            shutil.copy(t, dst)
            copies.append(dst)

        def run_iasl():
            for c in copies:
                subprocess.run([iasl, "-d", c], cwd=tmp,
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=True)

        iasl_runs = max(1, args.runs // 2)
        med_i, min_i = timed(run_iasl, iasl_runs)
    print(f"iasl -d, {len(tables)} tables, 1 process each: "
          f"median {med_i * 1000:.1f} ms, best {min_i * 1000:.1f} ms "
          f"({iasl_runs} runs)")
    ratio = med_i / med_v
    verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
    print(f"ratio: {ratio:.0f}x (target {TARGET_RATIO}x: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
