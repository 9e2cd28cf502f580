"""dmar.rmrr.reserved-memory on snapshots built here: a DMAR table with one
RMRR, a firmware memory map, and with or without /proc/version and a kernel
log. The verdict is the running kernel's; without a version it is never a
failure that only one kernel range would give.
"""
import json
import struct
import subprocess

import pytest

from conftest import acpi_checksum_fix

RMRR = (0x7c000000, 0x7c7fffff)


def dmar_with_rmrr(base, limit):
    """DMAR: a catch-all DRHD and one RMRR for 00:14.0."""
    drhd = struct.pack("<HHBBHQ", 0, 16, 1, 0, 0, 0xfed91000)
    scope = struct.pack("<BBBBBB", 1, 8, 0, 0, 0, 0) + bytes([0x14, 0])
    rmrr = struct.pack("<HHHHQQ", 1, 24 + len(scope), 0, 0, base, limit) + scope
    body = drhd + rmrr
    header = (b"DMAR" + struct.pack("<IBB", 48 + len(body), 1, 0) + b"VTDCRT" + b"FIXTURE "
              + struct.pack("<I", 1) + b"VTDC" + struct.pack("<I", 1)
              + struct.pack("<BB", 38, 0) + bytes(10))
    table = bytearray(header + body)
    acpi_checksum_fix(table)
    return bytes(table)


def snapshot(root, ranges, version=None, dmesg=None):
    tables = root / "sys" / "firmware" / "acpi" / "tables"
    tables.mkdir(parents=True)
    (tables / "DMAR").write_bytes(dmar_with_rmrr(*RMRR))
    for i, (start, end, kind) in enumerate(ranges):
        d = root / "sys" / "firmware" / "memmap" / str(i)
        d.mkdir(parents=True)
        (d / "start").write_text(f"0x{start:x}\n")
        (d / "end").write_text(f"0x{end:x}\n")
        (d / "type").write_text(kind + "\n")
    if version:
        (root / "proc").mkdir()
        (root / "proc" / "version").write_text(
            f"Linux version {version} (builder@host) (gcc 12) #1 SMP\n")
    if dmesg is not None:
        (root / "dmesg.txt").write_text(dmesg)
    return root


def verdict(vtdcert, root):
    out = subprocess.run([str(vtdcert), "dmar", "--root", str(root), "--quiet", "--json", "-"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode in (0, 1), out.stderr
    (r,) = [r for r in json.loads(out.stdout)["results"]
            if r["id"] == "dmar.rmrr.reserved-memory"]
    return r


LOW = [(0x0, 0x9ffff, "System RAM"), (0x100000, 0x7bffffff, "System RAM")]
SPLIT = LOW + [(0x7c000000, 0x7c3fffff, "Reserved"),
               (0x7c400000, 0x7c7fffff, "ACPI Non-volatile Storage")]


@pytest.mark.parametrize("version, status", [
    ("6.1.0-28-amd64", "pass"), ("6.0.5", "fail"), ("6.0.6", "pass"),
    ("5.15.75", "fail"), ("5.15.76", "pass"), ("5.10.151", "fail"), ("5.10.152", "pass"),
    ("5.4.286", "warn"),
])
def test_reserved_then_nvs_by_kernel(vtdcert, tmp_path, version, status):
    r = verdict(vtdcert, snapshot(tmp_path, SPLIT, version=version))
    assert r["status"] == status, r
    assert r["evidence"]["kernel"] != "unknown"


def test_no_version_never_fails_on_a_version_rule(vtdcert, tmp_path):
    r = verdict(vtdcert, snapshot(tmp_path, SPLIT))
    assert r["status"] == "warn", r
    assert r["evidence"]["kernel"] == "unknown"
    assert "6.1" in r["message"] and "5.5 to before 6.1" in r["message"]
    assert "arch_rmrr_sanity_check()" in r["message"]


def test_page_zero_rmrr_is_not_a_failure(vtdcert, tmp_path):
    """The laptop of the issue: an RMRR on page 0, which its firmware map
    calls usable; Linux reserves the first page before it checks."""
    root = tmp_path / "snap"
    root.mkdir()
    snapshot(root, LOW, version="6.1.0")
    (root / "sys" / "firmware" / "acpi" / "tables" / "DMAR").write_bytes(
        dmar_with_rmrr(0x0, 0xfff))
    r = verdict(vtdcert, root)
    assert r["status"] == "pass", r


def test_kernel_log_edit_counts(vtdcert, tmp_path):
    """The RMRR is usable RAM in the firmware map, but the kernel logged
    reserving it before the check: as Linux saw it, it is reserved."""
    dmesg = ("[    0.000000] e820: update [mem 0x7c000000-0x7c7fffff] usable ==> reserved\n")
    r = verdict(vtdcert, snapshot(tmp_path, LOW + [(0x7c000000, 0x7c7fffff, "System RAM")],
                                  version="6.12.9", dmesg=dmesg))
    assert r["status"] == "pass", r
    assert "1 edits from the kernel log" in r["message"]
