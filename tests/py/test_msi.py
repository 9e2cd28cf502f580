"""`vtdcert msi` and the msi suite on the kept QEMU q35 snapshots and on an
lspci dump alone. Facts asserted are those of the snapshots' own config
space and sysfs `irq` files (fixtures/snapshots/{default,guide}/snapshot)."""
from conftest import ROOT, parse_json, run_checked
from test_guide_vfs import GUIDE_VFS, as_lspci_dump

SNAPS = ROOT / "fixtures" / "snapshots"
DEFAULT = SNAPS / "default" / "snapshot"
GUIDE = SNAPS / "guide" / "snapshot"


def msi_json(vtdcert, root):
    proc = run_checked([vtdcert, "msi", "--root", root, "--json", "-"])
    assert proc.returncode == 0, proc.stderr
    return {f["bdf"]: f for f in parse_json(proc, "vtdcert msi")["functions"]}


def run_msi(vtdcert, root):
    proc = run_checked([vtdcert, "run", "--root", root, "--suite", "msi", "--json", "-"])
    doc = parse_json(proc, "vtdcert run --suite msi")
    return [(r["id"], r["subject"].rsplit("/", 1)[-1], r["status"], r) for r in doc["results"]]


def test_default_functions(vtdcert):
    fns = msi_json(vtdcert, DEFAULT)
    # NVMe (1b36:0010): MSI-X, one entry, table BAR0+0x2000, PBA BAR0+0x3000; INTA on IRQ 22.
    assert fns["0000:01:00.0"] == {
        "bdf": "0000:01:00.0", "msi": None,
        "msix": {"table_bar": 0, "table_offset": 0x2000, "pba_bar": 0, "pba_offset": 0x3000,
                 "size": 1},
        "intx_pin": 1, "irq": 22}
    # e1000 behind the PCIe-to-PCI bridge: INTx only.
    assert fns["0000:04:01.0"] == {"bdf": "0000:04:01.0", "msi": None, "msix": None,
                                   "intx_pin": 1, "irq": 21}
    # edu (1234:11e8): one 64-bit MSI vector without masking, and INTA on IRQ 11.
    assert fns["0000:02:00.0"]["msi"] == {"vectors": 1, "is64": True, "masking": False}
    assert fns["0000:02:00.0"]["msix"] is None
    assert (fns["0000:02:00.0"]["intx_pin"], fns["0000:02:00.0"]["irq"]) == (1, 11)
    # The host bridge: no pin, IRQ 0.
    assert (fns["0000:00:00.0"]["intx_pin"], fns["0000:00:00.0"]["irq"]) == (0, 0)


def test_default_run(vtdcert):
    results = run_msi(vtdcert, DEFAULT)
    by_id = {}
    for i, subject, st, r in results:
        by_id.setdefault(i, []).append((subject, st, r))
    assert [st for _, st, _ in by_id["msi.capability-valid"]] == ["pass"]
    assert [st for _, st, _ in by_id["msi.vf-no-intx"]] == ["skip"]
    # IRQ 22: the NVMe and the second e1000 (04:02.0), in different groups; the root
    # port on 22 uses MSI-X, so not its line. IRQ 10: the ICH9 SATA/SMBus and the edu card.
    shared = {s: r for s, st, r in by_id["msi.intx-shared"] if st == "warn"}
    assert set(shared) == {"0000:00:1f.2", "0000:00:1f.3", "0000:01:00.0", "0000:04:02.0",
                           "0000:05:00.0", "0000:05:00.1"}
    nvme = shared["0000:01:00.0"]["evidence"]
    assert nvme["irq"] == 22 and nvme["function"] == "0000:01:00.0"
    assert [o["function"] for o in nvme["shared_with"]] == ["0000:04:02.0"]
    # The e1000 on IRQ 21 shares it only with a root port on MSI-X: not warned.
    assert "0000:04:01.0" not in shared


def test_guide_vfs(vtdcert):
    fns = msi_json(vtdcert, GUIDE)
    for vf in GUIDE_VFS:
        assert fns[vf]["intx_pin"] == 0 and fns[vf]["msi"] is None, fns[vf]
        assert fns[vf]["msix"] == {"table_bar": 3, "table_offset": 0, "pba_bar": 3,
                                   "pba_offset": 0x2000, "size": 3}
    results = run_msi(vtdcert, GUIDE)
    vf = [(st, r["message"]) for i, _, st, r in results if i == "msi.vf-no-intx"]
    assert vf == [("pass", f"{len(GUIDE_VFS)} VFs: Interrupt Pin 0, MSI or MSI-X offered")]


def test_dump_only(vtdcert, tmp_path):
    root = as_lspci_dump(GUIDE, tmp_path)
    fns = msi_json(vtdcert, root)
    assert all(f["irq"] is None for f in fns.values())
    assert fns["0000:01:10.0"]["msix"]["table_bar"] == 3
    got = {(i, st): r["message"] for i, _, st, r in run_msi(vtdcert, root)}
    # Config space alone judges the capabilities and the VFs; BAR fit and IRQs are skipped.
    assert "not judged (no BAR sizes" in got[("msi.capability-valid", "pass")]
    assert ("msi.vf-no-intx", "pass") in got
    assert "an lspci dump has none" in got[("msi.intx-shared", "skip")]
    table = run_checked([vtdcert, "msi", "--root", root])
    assert table.returncode == 0 and "note: no sysfs irq for" in table.stdout


def test_table_and_help(vtdcert):
    proc = run_checked([vtdcert, "msi", "--root", DEFAULT])
    assert proc.returncode == 0, proc.stderr
    assert "0000:01:00.0 [1b36:0010]" in proc.stdout and "1: BAR0+0x2000, PBA BAR0+0x3000" \
        in proc.stdout
    helped = run_checked([vtdcert, "msi", "--help"])
    assert helped.returncode == 0 and "--json OUT" in helped.stdout
    bad = run_checked([vtdcert, "msi", "--frob"])
    assert bad.returncode == 2
