"""PCI config space through libpci's dump method: a snapshot holding an
`lspci -xxxx` file (lspci.txt) instead of a sysfs tree. The dump is a real
X58/ICH10 machine from fixtures/corpus/pci (copied to a temp dir only).
"""
import json
import shutil
import struct
import subprocess
import sys

import pytest

from conftest import ROOT

DUMP = ROOT / "fixtures" / "corpus" / "pci" / "tree-asus-p6t6"


def scope(stype, path, start_bus=0):
    body = b"".join(bytes(p) for p in path)
    return struct.pack("<BBBBBB", stype, 6 + len(body), 0, 0, 0, start_bus) + body


def dmar_table(scopes):
    """A DMAR with one DRHD (flags 0, segment 0) listing @scopes."""
    drhd_body = b"".join(scopes)
    drhd = struct.pack("<HHBBHQ", 0, 16 + len(drhd_body), 0, 0, 0, 0xfed90000) + drhd_body
    length = 48 + len(drhd)
    header = (b"DMAR" + struct.pack("<IBB", length, 1, 0) + b"VTDCRT" + b"FIXTURE "
              + struct.pack("<I", 1) + b"VTDC" + struct.pack("<I", 1)
              + struct.pack("<BB", 38, 0) + bytes(10))
    table = bytearray(header + drhd)
    table[9] = (-sum(table)) & 0xff
    return bytes(table)


def snapshot(tmp_path, table, dump_text):
    tables = tmp_path / "sys" / "firmware" / "acpi" / "tables"
    tables.mkdir(parents=True)
    (tables / "DMAR").write_bytes(table)
    (tmp_path / "lspci.txt").write_text(dump_text)
    return tmp_path


def run_dmar(vtdcert, root):
    out = subprocess.run([str(vtdcert), "dmar", "--root", str(root), "--quiet", "--json", "-"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)["results"]


def by_id(results, check_id):
    return [r for r in results if r["id"] == check_id]


@pytest.fixture
def dump_text():
    if not DUMP.is_file():
        pytest.fail(f"{DUMP} not present (fixtures/corpus is part of the project)")
    return DUMP.read_text()


def test_scopes_resolve_through_a_real_dump(vtdcert, tmp_path, dump_text):
    sas = scope(1, [(0x03, 0), (0, 0), (0, 0), (0, 0)])   # 00:03.0 > 02:00.0 > 03:00.0 > 04:00.0
    sata = scope(1, [(0x1f, 2)])
    absent = scope(1, [(0x1f, 5)])
    bridge_as_endpoint = scope(1, [(0x1c, 0)])           # a root port, header type 1
    root = snapshot(tmp_path, dmar_table([sas, sata, absent, bridge_as_endpoint]), dump_text)
    results = run_dmar(vtdcert, root)

    present = by_id(results, "dmar.scope.device-present")
    assert [r["status"] for r in present] == ["warn"], present
    assert "0000:00:1f.5" in present[0]["message"]

    header = by_id(results, "dmar.scope.header-type")
    assert [r["status"] for r in header] == ["fail"], header
    assert "0000:00:1c.0" in header[0]["message"] and "header type is 1" in header[0]["message"]


def test_all_scopes_present_pass(vtdcert, tmp_path, dump_text):
    root = snapshot(tmp_path, dmar_table([scope(1, [(0x1f, 2)]), scope(2, [(0x1c, 0)])]),
                    dump_text)
    results = run_dmar(vtdcert, root)
    assert [r["status"] for r in by_id(results, "dmar.scope.device-present")] == ["pass"]
    assert [r["status"] for r in by_id(results, "dmar.scope.header-type")] == ["pass"]


def test_junk_dump_is_an_error_naming_the_line(vtdcert, tmp_path):
    """A malformed dump is bad input: an error naming the file and the line,
    for every check that needs the PCI model; never a verdict on the machine."""
    root = snapshot(tmp_path, dmar_table([scope(1, [(0x1f, 2)])]),
                    "00:00.0 Host bridge\n00: zz zz not hex\n")
    results = run_dmar(vtdcert, root)
    for check in ("dmar.scope.device-present", "dmar.scope.header-type"):
        got = by_id(results, check)
        assert [r["status"] for r in got] == ["error"], got
        assert "/lspci.txt: line 2: not a config line" in got[0]["message"]


def test_a_large_generated_dump_reads_whole(vtdcert, tmp_path):
    """A few thousand functions (bench/gen_dump.py's machine) read whole and in
    order through `vtdcert env`: every function with its 4096 bytes, ACS where
    the generator put it. (Its speed is `make bench`'s to measure.)"""
    root = tmp_path / "snap"
    root.mkdir()
    n = int(subprocess.check_output([sys.executable, ROOT / "bench" / "gen_dump.py",
                                     "3000", root / "lspci.txt"]))
    out = subprocess.run([str(vtdcert), "env", "--root", str(root)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    env = json.loads(out.stdout)
    assert env["parts"]["PCI devices"]["avail"] == "available"
    pci = env["pci"]
    assert len(pci) == n >= 3000 and env["pci_problems"] == []
    assert [f["bdf"] for f in pci] == sorted(f["bdf"] for f in pci)
    assert all(f["config_bytes"] == 4096 for f in pci)
    ports = [f for f in pci if f.get("pcie_type") == "Switch Downstream Port"]
    assert len(ports) == n // 74 * 8
    assert sum("acs" in f["capabilities"] for f in ports) == len(ports) // 2


def test_a_table_file_against_a_snapshot(vtdcert, tmp_path):
    """`vtdcert dmar --root SNAP FILE`: a new BIOS's table checked against the
    machine's PCI tree (and memory map) from its snapshot; what the kernel did
    with its own table does not judge the file."""
    snap = ROOT / "fixtures" / "snapshots" / "default" / "snapshot"
    new = tmp_path / "new-bios.dat"
    new.write_bytes(dmar_table([scope(1, [(0x1f, 2)]), scope(1, [(0x1d, 7)])]))

    def results(*args):
        out = subprocess.run([str(vtdcert), "dmar", *map(str, args), "--quiet", "--json", "-"],
                             capture_output=True, text=True, timeout=30)
        assert out.returncode in (0, 1), out.stderr
        return json.loads(out.stdout)

    alone = results(new)
    assert {r["status"] for r in by_id(alone["results"], "dmar.scope.device-present")} == {"skip"}
    doc = results("--root", snap, new)
    assert doc["source"]["kind"] == "files" and doc["source"]["files"] == [str(new)]
    present = by_id(doc["results"], "dmar.scope.device-present")
    # q35's SATA controller 00:1f.2 is there; 00:1d.7 is not (as Xen says it: a warning).
    assert [r["status"] for r in present] == ["warn"], present
    assert present[0]["message"] == "no device at path hop 0, 0000:00:1d.7"
    unit = by_id(doc["results"], "dmar.drhd.iommu-unit")
    assert [r["status"] for r in unit] == ["skip"]
    assert "not this file" in unit[0]["message"]
