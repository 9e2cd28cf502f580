#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Benchmark: the end-to-end path from an `lspci -xxxx` dump to groups JSON,
side by side with pciutils reading and printing the same dump.

    make bench        (or: /usr/bin/python3 bench/dump_groups.py [--runs N] [SIZES...])

For each size (functions; default 1000 2000 5000 10000) bench/gen_dump.py
writes a dump into a snapshot directory holding only lspci.txt, then times
`vtdcert groups --root DIR --json OUT` (the dump checked line by line, read
by libpci, the model built, the groups predicted and written) and
`lspci -F DUMP -vvv` (read, decoded and printed). Wall clock, medians.

Target (issue 12): vtdcert no slower than lspci at every size, and time
growing linearly with the dump: the per-1,000-function cost stays flat.
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
GEN = os.path.join(ROOT, "bench", "gen_dump.py")


def timed(argv, runs):
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - t0)
        if r.returncode not in (0, 1):
            sys.exit(f"bench: {argv[0]} exited {r.returncode}")
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=os.environ.get(
        "VTDCERT_BIN", os.path.join(ROOT, "build", "vtdcert")))
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 2000, 5000, 10000])
    args = ap.parse_args()
    lspci = shutil.which("lspci")
    failed = False

    print("functions  dump MB  vtdcert groups  lspci -vvv  ratio  vtdcert per 1k")
    with tempfile.TemporaryDirectory(prefix="vtdcert-bench-") as tmp:
        for size in args.sizes:
            snap = os.path.join(tmp, f"dump-{size}")
            os.mkdir(snap)
            dump = os.path.join(snap, "lspci.txt")
            n = int(subprocess.check_output([sys.executable, GEN, str(size), dump]))
            out = os.path.join(tmp, f"groups-{size}.json")
            t_v = timed([args.bin, "groups", "--root", snap, "--json", out], args.runs)
            t_l = timed([lspci, "-F", dump, "-vvv"], args.runs) if lspci else None
            ratio = f"{t_l / t_v:5.1f}x" if t_l else "    -"
            print(f"{n:9d}  {os.path.getsize(dump) / 1e6:7.1f}  {t_v * 1000:11.1f} ms"
                  f"  {t_l * 1000 if t_l else float('nan'):7.1f} ms  {ratio}"
                  f"  {t_v * 1000 / n * 1000:8.2f} ms")
            failed |= bool(t_l) and t_v > t_l
            os.unlink(dump)
    if not lspci:
        print("bench: lspci (pciutils) not installed: no peer figure")
    elif failed:
        print("bench: target not met: vtdcert slower than lspci on the same dump")
    return 0


if __name__ == "__main__":
    sys.exit(main())
