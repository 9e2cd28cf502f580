"""The VT-d guide's machine, offline: the kept snapshots of the `guide` QEMU
topology (booted with --active, so its 82576 had 7 VFs enabled when the guest
captured) on both guest kernels, and the same machine as an `lspci -xxxx`
dump alone, where no sysfs says which functions are VFs.

What the guide prints for that card: PF 01:00.0, SR-IOV at [160], Total VFs
8, VF offset 128, stride 2, VF device 10ca; VFs 01:10.0, 01:10.2, 01:10.4,
01:10.6, 01:11.0, 01:11.2, 01:11.4, "Intel Corporation 82576 Virtual
Function" (its lspci), each usable with MSI-X only.
"""
import pytest

from conftest import ROOT, parse_json, run_checked

SNAPSHOTS = ROOT / "fixtures" / "snapshots"
PF = "0000:01:00.0"
GUIDE_VFS = ["0000:01:10.0", "0000:01:10.2", "0000:01:10.4", "0000:01:10.6",
             "0000:01:11.0", "0000:01:11.2", "0000:01:11.4"]


def env_of(vtdcert, root):
    proc = run_checked([vtdcert, "env", "--root", root])
    assert proc.returncode == 0, proc.stderr
    return {f["bdf"]: f for f in parse_json(proc, f"vtdcert env --root {root}")["pci"]}


def guide_snapshot(name):
    snap = SNAPSHOTS / name / "snapshot"
    if not snap.is_dir():
        pytest.fail(f"{snap} missing (harness/refresh-snapshots keeps it)")
    return snap


def as_lspci_dump(snapshot, tmp_path):
    """The snapshot's config files as one `lspci -xxxx` dump, and nothing else."""
    lines = []
    for dev in sorted((snapshot / "sys" / "bus" / "pci" / "devices").iterdir()):
        cfg = (dev / "config").read_bytes()
        lines.append(f"{dev.name[5:]} Device")
        lines += [f"{off:02x}: " + " ".join(f"{b:02x}" for b in cfg[off:off + 16])
                  for off in range(0, len(cfg), 16)]
        lines.append("")
    (tmp_path / "lspci.txt").write_text("\n".join(lines))
    return tmp_path


def assert_guide_vfs(fns, from_sysfs):
    pf = fns[PF]
    assert (pf["vendor"], pf["device"], pf["capabilities"]["sriov"]) == (0x8086, 0x10C9, 0x160)
    assert (pf["sriov_total_vfs"], pf["sriov_num_vfs"], pf["sriov_first_vf_offset"],
            pf["sriov_vf_stride"], pf["sriov_vf_device"]) == (8, 7, 128, 2, 0x10CA)
    vfs = sorted(b for b, f in fns.items() if f.get("vf_of") == PF)
    assert vfs == GUIDE_VFS
    for i, bdf in enumerate(GUIDE_VFS):
        f = fns[bdf]
        assert f["vf_index"] == i
        # Its own header reads ffff:ffff; the identity is the PF's vendor and VF Device ID.
        assert (f["vendor"], f["device"]) == (0x8086, 0x10CA), f
        assert f["interrupt_pin"] == 0 and "msix" in f["capabilities"], f
        assert "msi" not in f["capabilities"], f
        if from_sysfs:
            assert f["sysfs"]["physfn"] == PF


@pytest.mark.parametrize("name", ["guide", "guide-6.12"])
def test_guide_snapshot_vfs(vtdcert, name):
    assert_guide_vfs(env_of(vtdcert, guide_snapshot(name)), from_sysfs=True)


def test_guide_vfs_from_a_dump_alone(vtdcert, tmp_path):
    """No physfn links: the VFs are found from the PF's SR-IOV registers."""
    fns = env_of(vtdcert, as_lspci_dump(guide_snapshot("guide"), tmp_path))
    assert_guide_vfs(fns, from_sysfs=False)


def test_guide_vfs_named_and_alone(vtdcert, tmp_path):
    """`vtdcert groups`: each VF is named as lspci names it and is assignable alone,
    from the guest's snapshot and from the dump alone."""
    for root in (guide_snapshot("guide"), as_lspci_dump(guide_snapshot("guide"), tmp_path)):
        table = run_checked([vtdcert, "groups", "--root", root])
        assert table.returncode == 0, table.stderr
        rows = {line.split()[2]: line for line in table.stdout.splitlines()[1:] if line.strip()}
        for vf in GUIDE_VFS:
            assert "82576 Virtual Function" in rows[vf], rows[vf]
            assert " alone" in rows[vf], rows[vf]
        proc = run_checked([vtdcert, "groups", "--root", root, "--json", "-"])
        groups = parse_json(proc, "vtdcert groups")["groups"]
        for vf in GUIDE_VFS:
            assert [vf] in [g["devices"] for g in groups], f"{vf} not alone in {root}"


# Checks that read config space alone, which a dump has whole: they judge it.
CONFIG_ONLY = {"bar.msix-page", "bar.known-hazard", "msi.capability-valid",
               "msi.vf-no-intx"}


def test_dump_alone_gives_only_skips(vtdcert, tmp_path):
    """A dump is a partial snapshot: no table, no kernel, no BAR sizes. Every
    check skips with its reason, but those that need config space alone;
    none fails, warns or errors because data is missing."""
    root = as_lspci_dump(guide_snapshot("guide"), tmp_path)
    proc = run_checked([vtdcert, "run", "--root", root, "--quiet", "--json", "-"])
    assert proc.returncode == 0, proc.stderr
    doc = parse_json(proc, "vtdcert run on a dump")
    assert doc["summary"]["total"] > 0
    judged = [(r["id"], r["status"], r["message"]) for r in doc["results"]
              if r["status"] != "skip"]
    assert all(i in CONFIG_ONLY and st == "pass" for i, st, _ in judged), judged
