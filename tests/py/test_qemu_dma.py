"""The dma suite under a real assignment: boot the `default` (3-level tables,
aw-bits=39) and `aw48` (4-level) topologies with --active, on Debian 12's 6.1.

The guest binds every edu to pci-stub first (a driver to give it back to),
runs every suite with --active, checks each edu is on pci-stub again, then
kills a second `vtdcert run --active --suite dma` with SIGTERM while it holds
an edu on vfio-pci (harness/guest-init.sh). Each topology boots once (module
fixture); the `guide` boots of test_qemu_topologies.py run the suite too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "harness"))
import guest  # noqa: E402
import topology  # noqa: E402

pytestmark = pytest.mark.qemu

RUN_QEMU = ROOT / "harness" / "run-qemu"
BOOT_TIMEOUT_S = 240
# What each topology's domains look like: Linux's AGAW for its unit (docs/translation.md).
LEVELS = {"default": 3, "aw48": 4}
# Active on a platform without interrupt remapping: VFIO refuses, vtdcert gives back.
REFUSED = "no-intremap"
CASES = ("dma.assign", "dma.mapped-read", "dma.mapped-write", "dma.unmapped-write",
         "dma.readonly-write", "dma.writeonly-read", "dma.unmap-blocks", "dma.restored")


def edus(name):
    """BDFs are not in the topology file: count the edu devices it adds."""
    args = topology.load(name)["qemu_args"]
    return sum(1 for a in args if a.startswith("edu,"))


@pytest.fixture(scope="module", params=sorted(LEVELS))
def boot(request, tmp_path_factory):
    name = request.param
    guest.build(guest.DEFAULT_SERIES)
    out = tmp_path_factory.mktemp(f"dma-{name}")
    proc = subprocess.run([sys.executable, RUN_QEMU, "--topology", name, "--active",
                           "--out", out], capture_output=True, text=True,
                          timeout=BOOT_TIMEOUT_S + 60)
    assert proc.returncode == 0, proc.stderr
    results = json.loads((out / "results.json").read_text())
    return name, out, {r["id"]: r for r in results["results"]
                       if r["id"].startswith(("dma.", "msi.delivery", "intremap.prediction"))}


def test_every_case_as_predicted(boot):
    name, _, res = boot
    for case in CASES:
        r = res[case]
        assert r["status"] == "pass", f"{name}: {case}: {r['message']}"
        assert r["message"].startswith(f"{edus(name)} device(s)"), r["message"]


def test_translation_lands_where_predicted(boot):
    """Each write lands at the host address the model gives, through tables of
    the depth Linux picks for the unit."""
    name, _, res = boot
    devices = res["dma.mapped-write"]["evidence"]["devices"]
    assert len(devices) == edus(name)
    for d in devices:
        p, o = d["predicted"], d["observed"]
        assert p["levels"] == LEVELS[name], d
        assert not p["blocked"] and o["landed"] and o["others_untouched"], d
        assert p["hpa"] == o["hpa"] and int(p["hpa"], 16) % 4096 == 0x340, d


def test_faults_as_predicted(boot):
    """Blocked DMA: the kernel's fault has the reason, page and source the model
    predicts; QEMU 10 with Linux 6.1 logs a write to an unmapped IOVA as
    reason 0x05 at its page."""
    name, out, res = boot
    for case, addr in (("dma.unmapped-write", "0x900000"), ("dma.readonly-write", "0xa00000"),
                       ("dma.unmap-blocks", "0x800000")):
        for d in res[case]["evidence"]["devices"]:
            p, o = d["predicted"], d["observed"]
            assert p["blocked"] and not o["landed"] and o["others_untouched"], (case, d)
            assert p["fault"]["reason"] == o["fault"]["reason"] == "0x5", (case, d)
            assert p["fault"]["addr"] == o["fault"]["addr"] == addr, (case, d)
            assert p["fault"]["source"] == o["fault"]["source"] == d["bdf"][5:], (case, d)
            assert o["fault"]["linux"] == "PTE Write access is not set", (case, d)
    dmesg = (out / "dmesg.txt").read_text()
    assert re.search(r"DMAR: \[DMA Write NO_PASID\] Request device \[02:00\.0\] fault addr "
                     r"0x900000 \[fault reason 0x05\] PTE Write access is not set", dmesg)


def test_write_only_map_is_readable(boot):
    """Linux writes every second-level leaf readable: the model says so, and
    the device's read from a write-only mapping gets through."""
    _, _, res = boot
    for d in res["dma.writeonly-read"]["evidence"]["devices"]:
        assert d["predicted"]["leaf_perms"] == "RW" and "__domain_mapping" in d["predicted"]["why"]
        assert d["observed"]["landed"], d


def test_devices_given_back(boot):
    name, out, _ = boot
    status = dict(line.rsplit(" ", 1) for line in
                  (out / "guest-status.txt").read_text().splitlines())
    restored = {k: v for k, v in status.items() if k.startswith("edu-restored:")}
    assert len(restored) == edus(name) and set(restored.values()) == {"0"}, status


@pytest.mark.parametrize("record, status", [("killtest.txt", 143), ("killtest-int.txt", 130)])
def test_killed_run_gives_device_back(boot, record, status):
    """SIGTERM, and SIGINT, while an edu is on vfio-pci: the run dies of the
    signal (128 + its number) and every edu is on pci-stub again, with no
    driver_override left."""
    name, out, _ = boot
    lines = (out / record).read_text().splitlines()
    held = lines[0].split()[1]
    assert held != "none", lines
    assert lines[1] == f"exit {status}", lines
    after = [line.split() for line in lines[2:]]
    assert len(after) == edus(name)
    for _, bdf, driver, override in after:
        assert (driver, override) == ("pci-stub", "(null)"), (bdf, lines)


def test_msi_delivered_through_remapping(boot):
    """Each edu's MSI, raised through the reference passthrough, arrives; the
    reference predicts remapping on these topologies and the delivery check
    compares the chip it came through (IR-PCI-MSI) with that."""
    name, _, res = boot
    assert res["intremap.prediction"]["evidence"]["predicted"]["remapping"] is True
    r = res["msi.delivery"]
    assert r["status"] == "pass", r["message"]
    assert r["message"].startswith(f"{edus(name)} device(s): MSI arrived"), r["message"]


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    guest.build(guest.DEFAULT_SERIES)
    out = tmp_path_factory.mktemp("dma-refused")
    proc = subprocess.run([sys.executable, RUN_QEMU, "--topology", REFUSED, "--active",
                           "--out", out], capture_output=True, text=True,
                          timeout=BOOT_TIMEOUT_S + 60)
    assert proc.returncode == 0, proc.stderr
    return out


def test_failed_assignment_gives_devices_back(refused):
    """Without interrupt remapping VFIO refuses the group after vfio-pci is
    bound (vfio_iommu_type1_attach_group()): dma.assign fails saying why, the
    cases are not run, and every edu is back on pci-stub, as found; msi.delivery
    is not judged."""
    res = {}
    for r in json.loads((refused / "results.json").read_text())["results"]:
        res.setdefault(r["id"], []).append(r)
    n = edus(REFUSED)
    assert [r["status"] for r in res["dma.assign"]] == ["fail"] * n
    assert all("does not remap interrupts" in r["message"] for r in res["dma.assign"])
    assert {r["status"] for r in res["dma.mapped-write"]} == {"skip"}
    assert {r["status"] for r in res["msi.delivery"]} == {"skip"}
    status = dict(line.rsplit(" ", 1) for line in
                  (refused / "guest-status.txt").read_text().splitlines())
    restored = {k: v for k, v in status.items() if k.startswith("edu-restored:")}
    assert len(restored) == n and set(restored.values()) == {"0"}, status
    dmesg = (refused / "dmesg.txt").read_text()
    assert "No interrupt remapping support" in dmesg
