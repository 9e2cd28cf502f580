#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Benchmark: boot-to-verdict time of the QEMU guest, per topology, under the
installed QEMU (bookworm-backports' 10.0) and Debian 12's own 7.2, same
kernel, same topology file.

    make bench-qemu   (or: /usr/bin/python3 bench/qemu_boot.py [--runs N]
                           [--kernel 6.1] [--old-qemu PATH|none] [TOPOLOGY...])

Boot-to-verdict is `seconds` in harness.json: QEMU start to power-off, i.e.
kernel boot, `vtdcert capture`, `vtdcert run` and shipping the results.

The old QEMU is not installed: its Debian 12 packages (qemu-system-x86,
qemu-system-common, qemu-system-data, seabios) are fetched with
`apt-get download` and unpacked into build/qemu-7.2/, beside the installed
one, with a wrapper that points it at its own firmware. A topology the old
QEMU cannot boot (min_qemu) is reported as skipped for it.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "harness"))
import topology  # noqa: E402

OLD_DIR = ROOT / "build" / "qemu-7.2"
OLD_PACKAGES = ("qemu-system-x86", "qemu-system-common", "qemu-system-data", "seabios")
SKIPPED = 7  # run-qemu's exit status for a topology this QEMU cannot boot


def bookworm_version(pkg):
    """The newest version of @pkg from bookworm itself (not backports)."""
    out = subprocess.run(["apt-cache", "madison", pkg], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        _, version, source = (f.strip() for f in line.split("|"))
        if "bookworm-backports" not in source and "bookworm" in source:
            return version
    raise RuntimeError(f"apt-cache knows no bookworm {pkg}")


def old_qemu():
    """Path of a wrapper running Debian 12's QEMU 7.2 (fetched once)."""
    wrapper = OLD_DIR / "qemu-system-x86_64"
    if wrapper.exists():
        return wrapper
    tree = OLD_DIR / "root"
    tree.mkdir(parents=True, exist_ok=True)
    for pkg in OLD_PACKAGES:
        version = bookworm_version(pkg)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["apt-get", "download", f"{pkg}={version}"], cwd=tmp, check=True,
                           capture_output=True)
            (deb,) = Path(tmp).glob("*.deb")
            subprocess.run(["dpkg-deb", "-x", str(deb), str(tree)], check=True)
    # Its firmware first, then iPXE's option ROMs (ipxe-qemu is not versioned with QEMU).
    wrapper.write_text("#!/bin/sh\n"
                       f"exec {tree}/usr/bin/qemu-system-x86_64 "
                       f"-L {tree}/usr/share/seabios -L {tree}/usr/share/qemu "
                       "-L /usr/lib/ipxe/qemu \"$@\"\n")
    wrapper.chmod(0o755)
    return wrapper


def version_of(qemu):
    line = subprocess.run([str(qemu), "--version"], capture_output=True,
                          text=True).stdout.splitlines()[0]
    return re.search(r"version (\S+)", line).group(1)


def boot(qemu, name, kernel):
    """Seconds of one boot, or None when this QEMU cannot boot @name."""
    env = dict(os.environ, VTDCERT_QEMU=str(qemu))
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run([sys.executable, ROOT / "harness" / "run-qemu", "--topology", name,
                            "--kernel", kernel, "--out", Path(tmp) / "out"],
                           capture_output=True, text=True, env=env)
        if r.returncode == SKIPPED:
            return None
        if r.returncode:
            raise RuntimeError(f"{name} on {qemu}: {r.stderr.strip().splitlines()[-1]}")
        return json.loads((Path(tmp) / "out" / "harness.json").read_text())["seconds"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--kernel", default="6.1")
    ap.add_argument("--old-qemu", default="auto",
                    help="the QEMU to compare with (default: fetch Debian 12's 7.2; none: skip)")
    ap.add_argument("topologies", nargs="*", default=["default", "groups", "guide", "x2apic"])
    args = ap.parse_args()

    qemus = [("qemu-system-x86_64", version_of("qemu-system-x86_64"))]
    if args.old_qemu != "none":
        try:
            old = Path(args.old_qemu) if args.old_qemu != "auto" else old_qemu()
            qemus.append((old, version_of(old)))
        except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
            print(f"qemu_boot: no old QEMU to compare with: {e}", file=sys.stderr)

    print(f"boot-to-verdict, kernel {args.kernel}, median of {args.runs} (min-max), seconds")
    print("| topology | " + " | ".join(f"QEMU {v}" for _, v in qemus) + " |")
    print("|---|" + "---|" * len(qemus))
    for name in args.topologies:
        topology.load(name)
        cells = []
        for qemu, _ in qemus:
            samples = [boot(qemu, name, args.kernel) for _ in range(args.runs)]
            if None in samples:
                cells.append("cannot boot (min_qemu " + topology.load(name)["min_qemu"] + ")")
            else:
                cells.append(f"{statistics.median(samples):.1f} "
                             f"({min(samples):.1f}-{max(samples):.1f})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
