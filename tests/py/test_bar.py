"""`vtdcert bar` on the kept QEMU q35 snapshot, on an lspci dump alone, and
with a --hazards file. Facts asserted are those of the snapshot's own sysfs
`resource` files and config space (fixtures/snapshots/default/snapshot)."""
import shutil

from conftest import ROOT, parse_json, run_checked

SNAP = ROOT / "fixtures" / "snapshots" / "default" / "snapshot"
DUMP = ROOT / "fixtures" / "corpus" / "pci" / "tree-asus-p6t6"


def bar_json(vtdcert, *args):
    proc = run_checked([vtdcert, "bar", *args, "--json", "-"])
    assert proc.returncode == 0, proc.stderr
    doc = parse_json(proc, "vtdcert bar")
    return {f["bdf"]: f for f in doc["functions"]}, doc


def test_qemu_q35_bars(vtdcert):
    fns, doc = bar_json(vtdcert, "--root", SNAP)
    # edu (1234:11e8): one 32-bit non-prefetchable 1 MiB memory BAR0 at 0xfde00000.
    edu = fns["0000:02:00.0"]
    assert edu["ids"] == "1234:11e8" and edu["assignable"]
    assert edu["bars"] == [{"index": 0, "type": "memory", "size": 1 << 20,
                            "start": 0xfde00000, "prefetchable": False, "is64": False}]
    # NVMe (1b36:0010): 64-bit 16 KiB BAR0; MSI-X table at BAR0+0x2000, PBA at +0x3000.
    nvme = fns["0000:01:00.0"]
    assert nvme["bars"][0]["size"] == 0x4000 and nvme["bars"][0]["is64"]
    assert nvme["msix"] == {"entries": 1, "table_bir": 0, "table_offset": 0x2000,
                            "pba_bir": 0, "pba_offset": 0x3000}
    # e1000 behind the PCIe-to-PCI bridge: an I/O BAR and its 256 KiB ROM.
    nic = fns["0000:04:01.0"]
    assert [(b["index"], b["type"], b["size"]) for b in nic["bars"]] == [
        (0, "memory", 0x20000), (1, "io", 0x40), (6, "rom", 0x40000)]
    # The bridge's 256-byte BAR is not judged: vfio-pci binds type 0 headers only.
    assert not fns["0000:03:00.0"]["assignable"]
    assert all(f["hazards"] == [] for f in fns.values())
    assert doc["hazard_entries"] >= 3


def test_qemu_q35_run_passes(vtdcert):
    proc = run_checked([vtdcert, "run", "--root", SNAP, "--suite", "bar", "--json", "-"])
    doc = parse_json(proc, "vtdcert run --suite bar")
    assert {r["id"]: r["status"] for r in doc["results"]} == {
        "bar.sub-page": "pass", "bar.page-shared": "pass", "bar.msix-page": "pass",
        "bar.internal-memory": "pass", "bar.known-hazard": "pass"}


def test_dump_sizes_unknown(vtdcert, tmp_path):
    shutil.copy(DUMP, tmp_path / "lspci.txt")
    fns, _ = bar_json(vtdcert, "--root", tmp_path)
    bars = [b for f in fns.values() for b in f["bars"]]
    assert bars and all(b["size"] is None for b in bars)
    # No size, no size-based hazard; only the VGA card's database entry.
    hazards = [(bdf, h["id"]) for bdf, f in fns.items() for h in f["hazards"]]
    assert all(i in ("bar.known-hazard", "bar.msix-page") for _, i in hazards), hazards
    assert ("0000:06:00.0", "bar.known-hazard") in hazards
    assert all(h["status"] != "fail" for f in fns.values() for h in f["hazards"])


def test_hazards_file(vtdcert, tmp_path):
    good = tmp_path / "mine.txt"
    good.write_text("# mine\nids=1234:11e8 bar=0 | hands the device pointers into BAR0 | "
                    "my notes\n")
    fns, doc = bar_json(vtdcert, "--root", SNAP, "--hazards", good)
    hz = fns["0000:02:00.0"]["hazards"]
    assert [(h["id"], h["status"], h["bar"]) for h in hz] == [("bar.known-hazard", "warn", 0)]
    assert hz[0]["evidence"]["entry"] == f"{good}:2"
    assert hz[0]["evidence"]["source"] == "my notes"
    proc = run_checked([vtdcert, "run", "--root", SNAP, "--suite", "bar", "--hazards", good,
                        "--json", "-"])
    doc = parse_json(proc, "vtdcert run --hazards")
    warned = [r for r in doc["results"] if r["id"] == "bar.known-hazard"]
    assert sorted((r["subject"].rsplit("/", 1)[1], r["status"]) for r in warned) == [
        ("0000:02:00.0", "warn"), ("0000:05:00.0", "warn"), ("0000:05:00.1", "warn")]


def test_hazards_bad_line(vtdcert, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("# fine\nids=1234:11e8 | no source here\n")
    for cmd in (["bar"], ["run", "--suite", "bar"]):
        proc = run_checked([vtdcert, *cmd, "--root", SNAP, "--hazards", bad])
        assert proc.returncode == 2
        assert f"{bad}:2: an entry is MATCH | FACT | SOURCE" in proc.stderr, proc.stderr
    proc = run_checked([vtdcert, "bar", "--root", SNAP, "--hazards", tmp_path / "none.txt"])
    assert proc.returncode == 2 and "none.txt" in proc.stderr


def test_table_and_help(vtdcert):
    proc = run_checked([vtdcert, "bar", "--root", SNAP])
    assert proc.returncode == 0, proc.stderr
    assert "0000:02:00.0 [1234:11e8] 0" in proc.stdout and "1 MiB" in proc.stdout
    assert "MSI-X: 1 entries, table BAR0 + 0x2000, PBA BAR0 + 0x3000" in proc.stdout
    helped = run_checked([vtdcert, "bar", "--help"])
    assert helped.returncode == 0 and "--hazards FILE" in helped.stdout
