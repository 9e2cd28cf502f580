"""Boot the vtdcert guest on every QEMU topology (fixtures/qemu/*.json), on each
kernel series its "matrix" names (Debian 12's 6.1, bookworm-backports' 6.12),
and check what it saw against the topology's "expect" block.

Each (topology, kernel) boots once (module-scoped fixture, about 10-15 s under
TCG) with vtdcert.debug=1, so besides vtdcert's own output the guest ships
debug.txt (a busybox listing of IOMMUs, groups and PCI devices) and DMAR.bin
(the raw firmware table): the expectations are checked against those too, so
they hold whatever state vtdcert is in.

Fails when qemu-system-x86_64 is missing or a kernel package cannot be had; a
topology that needs a newer QEMU than the one installed is skipped with the
reason run-qemu gives (ci/install-deps installs one new enough for all).
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys

import pytest

from conftest import ROOT, parse_json, run_checked

sys.path.insert(0, str(ROOT / "harness"))
import guest  # noqa: E402
import topology  # noqa: E402

pytestmark = pytest.mark.qemu  # `-m "not qemu"` leaves these out (sanitizer/coverage runs)

RUN_QEMU = ROOT / "harness" / "run-qemu"
BOOT_TIMEOUT_S = 120


def build_guest(series=guest.DEFAULT_SERIES):
    if not shutil.which("qemu-system-x86_64"):
        pytest.fail("qemu-system-x86_64 not installed: run ci/install-deps")
    try:
        return guest.build(series)
    except guest.KernelUnavailable as e:
        pytest.fail(f"guest kernel package {series} unavailable: {e}")
    except guest.GuestError as e:
        pytest.fail(f"cannot build the {series} guest: {e}")


@pytest.fixture(scope="module")
def guest_image():
    return build_guest()


class Boot:
    """One boot: the guest's own results, vtdcert's view of the snapshot the
    guest captured (`vtdcert env`), and the busybox listing as a cross-check."""

    def __init__(self, name, kernel, active, out, proc):
        self.name, self.kernel, self.active, self.out, self.proc = name, kernel, active, out, proc
        self.expect = topology.load(name)["expect"]
        self.seen = parse_debug(out / "debug.txt")
        # run-qemu's verdict is its last stderr line (build-guest talks before it).
        lines = proc.stderr.strip().splitlines()
        self.why = lines[-1] if lines else "no message"
        self._env = None

    def harness(self):
        return json.loads((self.out / "harness.json").read_text())

    def results(self):
        path = self.out / "results.json"
        assert path.is_file(), f"{self.name}: no results.json ({self.why})"
        return json.loads(path.read_text())

    def status(self, check_id):
        """The one status vtdcert's guest run gave @check_id."""
        statuses = {r["status"] for r in self.results()["results"] if r["id"] == check_id}
        assert len(statuses) == 1, f"{self.name}: {check_id}: {statuses}"
        return statuses.pop()

    def env(self):
        """What vtdcert sees in the captured snapshot."""
        if self._env is None:
            snap = self.out / "snapshot"
            assert snap.is_dir(), f"{self.name}: no snapshot ({self.why})"
            proc = run_checked([guest.vtdcert_binary(), "env", "--root", snap])
            assert proc.returncode == 0, proc.stderr
            self._env = parse_json(proc, f"vtdcert env --root {snap}")
        return self._env


SKIPPED = 7  # run-qemu: the topology needs a newer QEMU


@pytest.fixture(scope="module", params=topology.matrix(),
                ids=[f"{n}-{k}" for n, k, _ in topology.matrix()])
def boot(request, tmp_path_factory):
    name, kernel, active = request.param
    build_guest(kernel)
    out = tmp_path_factory.mktemp(f"{name}-{kernel}")
    proc = subprocess.run([sys.executable, RUN_QEMU, "--topology", name, "--kernel", kernel,
                           *(["--active"] if active else []),
                           "--cmdline", "vtdcert.debug=1", "--out", out],
                          capture_output=True, text=True, timeout=BOOT_TIMEOUT_S + 60)
    b = Boot(name, kernel, active, out, proc)
    if proc.returncode == SKIPPED:
        pytest.skip(b.why)
    return b


def parse_debug(path):
    """debug.txt (see harness/guest-init.sh) -> {tables, iommus, groups, pci, ir_active}."""
    seen = {"tables": set(), "iommus": set(), "groups": {}, "pci": {}, "ir_active": False}
    if not path.is_file():
        return None
    section = None
    for line in path.read_text().splitlines():
        if line.startswith("## "):
            section = line[3:]
        elif line.startswith("group "):
            gid, _, devs = line[6:].partition(":")
            seen["groups"][gid] = set(devs.split())
        elif line.startswith("pci "):
            bdf, *fields = line[4:].split()
            seen["pci"][bdf] = dict(f.split("=", 1) for f in fields)
        elif section == "tables":
            seen["tables"].add(line.strip())
        elif section == "iommus":
            seen["iommus"].add(line.strip())
        elif section == "interrupts" and "IR-" in line:
            seen["ir_active"] = True
    return seen


def need_seen(boot):
    if boot.seen is None:
        pytest.fail(f"{boot.name}: the guest shipped no debug.txt (harness said: "
                    f"{boot.why})")
    return boot.seen


def raw_dmar(path):
    """Header fields and (type, flags, length, register_base) of each structure."""
    b = path.read_bytes()
    haw, flags = b[36] + 1, b[37]
    structs, off = [], 48
    while off + 4 <= len(b):
        stype, slen = struct.unpack_from("<HH", b, off)
        if slen < 4:
            break
        base = struct.unpack_from("<Q", b, off + 8)[0] if stype == 0 else None
        scopes, s = 0, off + 16
        while stype == 0 and s + 2 <= off + slen and b[s + 1] >= 6:
            scopes, s = scopes + 1, s + b[s + 1]
        structs.append({"type": stype, "flags": b[off + 4], "base": base, "scopes": scopes})
        off += slen
    return haw, flags, structs


# --- tests -------------------------------------------------------------------

def test_harness_exit_zero(boot):
    assert boot.proc.returncode == 0, (
        f"{boot.name}: run-qemu exited {boot.proc.returncode}: {boot.why}")


def test_results_json_parses(boot):
    path = boot.out / "results.json"
    assert path.is_file(), f"{boot.name}: no results.json ({boot.why})"
    json.loads(path.read_text())


def test_dmar_presence(boot):
    want = boot.expect["dmar_present"]
    # vtdcert's verdict in the guest, and its view of the snapshot
    assert boot.status("dmar.table.signature") == ("pass" if want else "fail")
    assert (boot.env()["dmar"] is not None) == want
    assert boot.env()["parts"]["DMAR table"]["avail"] == ("available" if want else "absent")
    # cross-check: the guest's own listing
    seen = need_seen(boot)
    assert ("DMAR" in seen["tables"]) == want, f"{boot.name}: guest's ACPI tables: {seen['tables']}"


def test_iommu_state(boot):
    on = boot.expect["iommu_enabled"]
    env = boot.env()
    assert any(u["name"] == "dmar0" for u in env["iommu_units"]) == on, env["iommu_units"]
    assert bool(env["iommu_groups"]) == on, env["iommu_groups"]
    if boot.expect["dmar_present"]:
        assert boot.status("dmar.kernel.iommu-enabled") == ("pass" if on else "fail")
        assert boot.status("dmar.drhd.iommu-unit") == ("pass" if on else "skip")
    seen = need_seen(boot)
    assert ("dmar0" in seen["iommus"]) == on, f"{boot.name}: /sys/class/iommu: {seen['iommus']}"
    assert bool(seen["groups"]) == on, f"{boot.name}: iommu groups: {seen['groups']}"


def test_interrupt_remapping_in_use(boot):
    want = boot.expect["ir_active"]
    assert (boot.env()["interrupts"]["remapped"] > 0) == want, boot.env()["interrupts"]
    seen = need_seen(boot)
    assert seen["ir_active"] == want, (
        f"{boot.name}: IR- interrupt chips in /proc/interrupts should be {want}")


def test_sriov_pf(boot):
    fns = {f["bdf"]: f for f in boot.env()["pci"]}
    pci = need_seen(boot)["pci"]
    # sysfs shows what the PF driver allows, which may be fewer than the
    # config space's TotalVFs (igb: 7 of the 82576's 8).
    by_driver = boot.expect.get("sriov_totalvfs_driver", {})
    for bdf, vfs in boot.expect.get("sriov_totalvfs", {}).items():
        assert bdf in fns, f"{boot.name}: vtdcert sees no {bdf}"
        assert fns[bdf]["sriov_total_vfs"] == vfs, fns[bdf]        # config space
        sysfs_vfs = by_driver.get(bdf, vfs)
        assert fns[bdf]["sysfs"]["sriov_totalvfs"] == sysfs_vfs, fns[bdf]  # sysfs
        assert pci[bdf].get("sriov_totalvfs") == str(sysfs_vfs), f"{boot.name}: {bdf}: {pci[bdf]}"


def test_sriov_vfs_enabled(boot):
    """With --active the guest enables up to 7 VFs per PF before capturing, and
    sets sriov_numvfs back to 0 after the run; the snapshot holds exactly the
    VFs the topology expects, each a function of its PF with MSI-X and no INTx."""
    expected = boot.expect.get("sriov_vfs_active", {})
    if not boot.active:
        fns = boot.env()["pci"]
        assert not [f["bdf"] for f in fns if f.get("sysfs", {}).get("physfn")], \
            f"{boot.name}: VFs without --active"
        return
    status = boot.harness()["guest_status"]
    fns = {f["bdf"]: f for f in boot.env()["pci"]}
    for pf, vfs in expected.items():
        assert status[f"sriov_numvfs:{pf}={len(vfs)}"] == 0, status
        assert status[f"sriov_numvfs:{pf}=0"] == 0, status  # restored
        assert fns[pf]["sriov_num_vfs"] == len(vfs), fns[pf]
        assert fns[pf]["sysfs"]["virtfns"] == len(vfs), fns[pf]
        seen = sorted(b for b, f in fns.items() if f.get("sysfs", {}).get("physfn") == pf)
        assert seen == sorted(vfs), f"{boot.name}: VFs of {pf}: {seen}"
        for vf in vfs:
            f = fns[vf]
            assert f["device"] == fns[pf]["sriov_vf_device"], f
            assert f["interrupt_pin"] == 0, f"{vf}: a VF has no INTx: {f}"
            assert "msix" in f["capabilities"], f"{vf}: no MSI-X: {f['capabilities']}"
            assert "msi" not in f["capabilities"], f
        assert set(vfs) <= set(need_seen(boot)["pci"]), "busybox listing lacks a VF"


def test_sriov_capability(boot):
    """The PF's SR-IOV capability as lspci -vvv prints it; for the guide's
    82576: [160], Total VFs 8, VF offset 128, stride 2, Device ID 10ca."""
    fns = {f["bdf"]: f for f in boot.env()["pci"]}
    for bdf, want in boot.expect.get("sriov_capability", {}).items():
        pf = fns[bdf]
        assert f"{pf['vendor']:04x}:{pf['device']:04x}" == want["id"], pf
        assert pf["capabilities"]["sriov"] == int(want["at"], 16), pf["capabilities"]
        assert (pf["sriov_total_vfs"], pf["sriov_first_vf_offset"], pf["sriov_vf_stride"],
                f"{pf['sriov_vf_device']:04x}") == (want["total_vfs"], want["first_vf_offset"],
                                                      want["vf_stride"], want["vf_device"]), pf


def test_system_identity(boot):
    """The QEMU version and the guest kernel the harness used show in the
    results' system identity (DMI's machine type, uname -r) and harness.json."""
    h = boot.harness()
    major_minor = ".".join(h["qemu_version"].split(".")[:2])
    system = boot.results()["system"]
    assert system["product_version"] == f"pc-q35-{major_minor}", system
    assert system["kernel"] == h["kernel_release"], (system, h)
    assert h["kernel_series"] == boot.kernel
    assert h["kernel_release"].startswith(boot.kernel + "."), h
    assert h["active"] == boot.active and boot.results()["source"]["active"] == boot.active


def test_remapping_mode(boot):
    """Linux remaps in x2apic mode where the unit has EIM and the CPU x2APIC,
    in xapic mode elsewhere; the snapshot shows the unit's EIM."""
    if not boot.expect["ir_active"]:
        return
    x2 = boot.expect.get("x2apic_remapping", False)
    dmesg = (boot.out / "dmesg.txt").read_text(errors="replace")
    mode = "x2apic" if x2 else "xapic"
    assert f"Enabled IRQ remapping in {mode} mode" in dmesg, f"{boot.name}: no {mode} remapping"
    units = boot.env()["iommu_units"]
    assert all(u["interrupt_remapping"] for u in units), units
    # The DMAR suite's register check names each unit's ECAP features.
    (regs,) = [r for r in boot.results()["results"] if r["id"] == "dmar.drhd.registers"]
    for unit in regs["evidence"]["units"]:
        assert "IR" in unit["features"], regs
        assert ("EIM" in unit["features"]) == x2, regs
    if x2:
        assert all(u["extended_interrupt_mode"] for u in units), units
        assert boot.env()["cpu"]["x2apic"] is True


def test_shared_groups(boot):
    mine = [set(g["devices"]) for g in boot.env()["iommu_groups"]]
    groups = list(need_seen(boot)["groups"].values())
    for devices in boot.expect.get("shared_groups", []):
        assert set(devices) in mine, f"{boot.name}: vtdcert sees no group {devices}: {mine}"
        assert set(devices) in groups, f"{boot.name}: no group is exactly {devices}: {groups}"


def test_predicted_groups_equal_kernel(boot):
    """The reference grouping model predicts the groups the guest's kernel made,
    in the guest's own run and from its snapshot on the host."""
    if not boot.expect["iommu_enabled"]:
        assert boot.status("groups.iommu-on") == "fail"
        return
    assert boot.status("groups.kernel-matches") == "pass"
    proc = run_checked([guest.vtdcert_binary(), "groups", "--root", boot.out / "snapshot",
                        "--json", "-"])
    assert proc.returncode == 0, proc.stderr
    doc = parse_json(proc, "vtdcert groups")
    predicted = sorted(sorted(g["devices"]) for g in doc["groups"])
    observed = sorted(sorted(g["devices"]) for g in doc["observed"])
    assert predicted == observed
    assert all(g["id"] is not None for g in doc["groups"])


def test_dmar_raw(boot):
    """The expectations themselves, checked on the raw table (not via vtdcert)."""
    e = boot.expect
    if not e["dmar_present"]:
        assert not (boot.out / "DMAR.bin").exists()
        return
    haw, flags, structs = raw_dmar(boot.out / "DMAR.bin")
    assert haw == e["host_address_width"]
    assert bool(flags & 1) == e["intr_remap"]
    (drhd,) = [s for s in structs if s["type"] == 0]
    assert drhd["base"] == int(e["drhd_base"], 16)
    assert bool(drhd["flags"] & 1) == e["include_pci_all"]
    assert drhd["scopes"] == e["drhd_device_scopes"]
    assert any(s["type"] == 2 for s in structs) == e["atsr"]


def test_dmar_decoded(boot):
    """`vtdcert decode` on the captured table agrees with the expectations."""
    e = boot.expect
    table = boot.out / "snapshot" / "sys" / "firmware" / "acpi" / "tables" / "DMAR"
    if not e["dmar_present"]:
        assert not table.exists()
        manifest = (boot.out / "snapshot" / "manifest.txt").read_text()
        assert "absent\tsys/firmware/acpi/tables/DMAR\t" in manifest
        return
    assert table.is_file(), f"{boot.name}: vtdcert capture did not save the DMAR table"
    proc = run_checked([guest.vtdcert_binary(), "decode", "--json", table])
    assert proc.returncode == 0, f"decode: exit {proc.returncode}: {proc.stderr}"
    doc = parse_json(proc, f"decode {table}")
    assert doc["signature"] == "DMAR"
    assert doc["host_address_width"] == e["host_address_width"]
    assert bool(doc["flags"] & 1) == e["intr_remap"]
    drhds = [s for s in doc["structures"] if s["type"] == "DRHD"]
    assert len(drhds) == 1, f"DRHDs: {drhds}"
    drhd = drhds[0]
    assert _int(drhd["register_base"]) == int(e["drhd_base"], 16)
    assert bool(drhd["flags"] & 1) == e["include_pci_all"]
    assert len(drhd["device_scopes"]) == e["drhd_device_scopes"]
    assert any(s["type"] == "ATSR" for s in doc["structures"]) == e["atsr"]


def _int(v):
    return int(v, 0) if isinstance(v, str) else v


def test_snapshot_fidelity(boot, vtdcert):
    """`vtdcert run --root DIR/snapshot` on the host gives the status the guest
    gave, for every check; checks that changed the machine skip in the replay."""
    from fidelity import active_checks, differences

    guest_doc = json.loads((boot.out / "results.json").read_text())
    host = subprocess.run([str(vtdcert), "run", "--root", str(boot.out / "snapshot"),
                           "--quiet", "--json", "-"], capture_output=True, text=True,
                          timeout=60)
    assert host.returncode in (0, 1), host.stderr
    diff = differences(guest_doc, json.loads(host.stdout), active_checks(vtdcert))
    assert not diff, f"{boot.name}: snapshot run differs from guest run:\n" + "\n".join(diff)


@pytest.mark.parametrize("extra, code, words", [
    # No init in the initramfs: the kernel panics, panic=-1 and -no-reboot end QEMU.
    (["--cmdline", "rdinit=/nonexistent"], 4, "kernel panic"),
    # A guest that cannot finish in time is stopped and the reason given.
    (["--timeout", "3"], 3, "timeout after 3 s"),
])
def test_harness_failure_is_reported(guest_image, tmp_path, extra, code, words):
    proc = subprocess.run([sys.executable, RUN_QEMU, "--topology", "no-iommu", *extra,
                           "--out", tmp_path / "out"], capture_output=True, text=True,
                          timeout=BOOT_TIMEOUT_S)
    assert proc.returncode == code, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert words in last, last


def test_active_dma(boot):
    """With --active every dma check passes on the guide's edu and the edu is
    back on pci-stub after (test_qemu_dma.py looks closer, on default and aw48);
    without it, every dma check skips saying it needs --active."""
    res = [r for r in boot.results()["results"] if r["id"].startswith("dma.")]
    assert res, f"{boot.name}: no dma results"
    if not boot.active:
        assert {r["status"] for r in res} == {"skip"}, res
        return
    assert {r["status"] for r in res} == {"pass"}, [(r["id"], r["message"]) for r in res]
    status = boot.harness()["guest_status"]
    restored = [k for k in status if k.startswith("edu-restored:")]
    assert restored and all(status[k] == 0 for k in restored), status


def test_intremap_prediction(boot):
    """The reference predicts what the kernel did about interrupt remapping on
    every topology (remapping as `expect.ir_active` says; x2APIC mode where
    the kernel enabled it), with the reasons when it does not remap."""
    (r,) = [r for r in boot.results()["results"] if r["id"] == "intremap.prediction"]
    assert r["status"] == "pass", r["message"]
    pred, seen = r["evidence"]["predicted"], r["evidence"]["observed"]
    assert pred["remapping"] == seen["remapping"] == boot.expect["ir_active"], r
    if seen.get("x2apic") is not None:
        assert pred["x2apic"] == seen["x2apic"], r
    if not pred["remapping"]:
        assert pred["reasons"], r
