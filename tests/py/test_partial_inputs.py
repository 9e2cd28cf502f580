"""A partial snapshot is a first-class input: a DMAR table alone, or an
`lspci -xxxx` dump alone, gives skips where data is absent, never a failure
or a refusal (exit 0). What a dump does show may still be judged: a VGA
device in the BAR hazard database is a warning, not a failure."""
import json
import shutil
import subprocess

import pytest

from conftest import ROOT

SNAPSHOTS = ROOT / "fixtures" / "snapshots"
TABLE = "sys/firmware/acpi/tables/DMAR"


def run_all(vtdcert, root):
    out = subprocess.run([str(vtdcert), "run", "--root", str(root), "--json", "-"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["results"]


@pytest.mark.parametrize("name", ["default", "x2apic", "no-intremap", "guide"])
def test_table_alone(vtdcert, tmp_path, name):
    dest = tmp_path / TABLE
    dest.parent.mkdir(parents=True)
    shutil.copy(SNAPSHOTS / name / "snapshot" / TABLE, dest)
    results = run_all(vtdcert, tmp_path)
    assert not [r for r in results if r["status"] in ("fail", "warn", "error")], results
    # Every suite ran; those needing a machine skipped with a reason.
    by_suite = {r["suite"] for r in results}
    assert {"dmar", "groups", "intremap", "bar", "msi", "dma"} <= by_suite
    (pred,) = [r for r in results if r["id"] == "intremap.prediction"]
    assert pred["status"] == "skip" and pred["message"], pred


@pytest.mark.parametrize("dump", ["tree-asus-p6t6", "cap-MSI-mapping", "cap-rebar"])
def test_dump_alone(vtdcert, tmp_path, dump):
    src = ROOT / "fixtures" / "corpus" / "pci" / dump
    if not src.exists():
        pytest.fail(f"{src} missing from the corpus")
    shutil.copy(src, tmp_path / "lspci.txt")
    results = run_all(vtdcert, tmp_path)
    assert not [r for r in results if r["status"] in ("fail", "error")], results
    skipped = {r["id"] for r in results if r["status"] == "skip"}
    assert {"intremap.prediction", "intremap.unit-ir", "dma.assign", "msi.intx-shared"} <= skipped
