"""`vtdcert groups` on real machines' PCI dumps (fixtures/corpus/pci, from
pciutils' tests) and on the kept QEMU snapshots.

A dump alone has no DMAR table and no kernel, so every device is taken as
translated (the output says so) and the prediction follows the dump's own
ACS control bits. Each expected group below is justified from the dump.
"""
import json
import shutil
import subprocess

import pytest

from conftest import ROOT, parse_json, run_checked

DUMPS = ROOT / "fixtures" / "corpus" / "pci"
SNAPSHOTS = ROOT / "fixtures" / "snapshots"


def groups_of(vtdcert, root):
    proc = run_checked([vtdcert, "groups", "--root", root, "--json", "-"])
    assert proc.returncode == 0, proc.stderr
    return parse_json(proc, f"vtdcert groups --root {root}")


def dump_snapshot(tmp_path, name):
    src = DUMPS / name
    if not src.is_file():
        pytest.fail(f"{src} not present (fixtures/corpus is part of the project)")
    shutil.copy(src, tmp_path / "lspci.txt")
    return tmp_path


def shared(doc):
    """The predicted groups of more than one device, as sorted tuples."""
    return sorted(tuple(sorted(g["devices"])) for g in doc["groups"] if len(g["devices"]) > 1)


def test_asus_p6t6_x58(vtdcert, tmp_path):
    """Intel X58 IOH + ICH10R desktop (2009).

    - X58 root ports 00:03.0 and 00:07.0 offer ACS (SV TB RR CR UF) but the
      dump shows every control off: it was taken without an IOMMU asking for
      ACS. With one on, Linux sets SV, RR, CR, UF (pci_std_enable_acs()), so
      the prediction takes them as set and says so. 00:03.0 leads to an
      NVIDIA nForce switch (02:00.0 upstream, 03:00.0/03:02.0 downstream, no
      ACS): the SAS HBA 04:00.0 shares a group with its downstream port
      03:00.0 only, and is assigned alone (the port stays with the host);
      00:07.0 leads to a GeForce GPU 06:00.0 and its HDMI audio 06:00.1: one
      card.
    - ICH10 root ports 00:1c.0/.1/.2 (8086:3a40, 3a42, 3a44) have no ACS and
      are not in Linux's PCH quirk list (which starts with 5-series
      Ibexpeak): functions of one slot without ACS, so one group with the
      two Realtek NICs 07:00.0 and 08:00.0 behind them.
    - Multifunction chipset devices without ACS stay together per slot
      (USB 1a.x, 1d.x, LPC/SATA/SMBus 1f.x, IOH 10.x, uncore ff:xx.x).
    - 00:14.0-14.3 form a multifunction device, but 14.0-14.2 are Intel
      RCiEPs, which pci_quirk_rciep_acs declares isolated, and 14.3 is the
      only other function without ACS: four groups of one.
    """
    doc = groups_of(vtdcert, dump_snapshot(tmp_path, "tree-asus-p6t6"))
    assert "every device is taken as translated" in doc["note"]
    assert ("ACS SV, RR, CR, UF taken as the kernel sets them then, on 0000:00:00.0, "
            "0000:00:01.0, 0000:00:03.0, 0000:00:07.0") in doc["note"]
    groups = shared(doc)
    assert ("0000:03:00.0", "0000:04:00.0") in groups
    assert ("0000:06:00.0", "0000:06:00.1") in groups
    assert ("0000:00:1c.0", "0000:00:1c.1", "0000:00:1c.2", "0000:07:00.0",
            "0000:08:00.0") in groups
    assert ("0000:00:1f.0", "0000:00:1f.2", "0000:00:1f.3") in groups
    assert ("0000:00:1a.0", "0000:00:1a.1", "0000:00:1a.2", "0000:00:1a.7") in groups
    alone = {g["devices"][0] for g in doc["groups"] if len(g["devices"]) == 1}
    assert {"0000:00:14.0", "0000:00:14.1", "0000:00:14.2", "0000:00:14.3",
            "0000:00:01.0", "0000:00:1e.0", "0000:00:03.0", "0000:00:07.0",
            "0000:02:00.0", "0000:03:02.0"} <= alone
    by_dev = {d: g for g in doc["groups"] for d in g["devices"]}
    assert by_dev["0000:04:00.0"]["verdict"] == "alone"
    assert by_dev["0000:04:00.0"]["causes"][0] == (
        "0000:03:00.0 (switch downstream port) stays with the host: VFIO assigns the "
        "group without it")
    assert "switch downstream port 0000:03:00.0 has no ACS capability" in \
        by_dev["0000:04:00.0"]["causes"]
    assert by_dev["0000:07:00.0"]["verdict"] == "with companions"
    assert len(doc["groups"]) == 25


def test_fujitsu_p8010_ich8m(vtdcert, tmp_path):
    """Intel GM965/ICH8-M notebook.

    - ICH8 root ports 00:1c.0 and 00:1c.4 (8086:283f, 2847): no ACS, one
      slot: together, with the Marvell 88E8055 NIC 04:00.0 and the Intel
      4965AGN Wi-Fi 14:00.0 behind them.
    - 00:1e.0 is the 82801 mobile PCI bridge (conventional): the CardBus,
      FireWire and SD functions 1c:03.x behind it issue their requests with
      its ID, so they go with it; the bridge stays with the host, the card's
      three functions (the CardBus bridge is a device: yenta_socket) are
      assigned together.
    - The GPU 00:02.0/.1 is one card (two functions, no ACS).
    """
    doc = groups_of(vtdcert, dump_snapshot(tmp_path, "tree-fujitsu-p8010"))
    groups = shared(doc)
    assert ("0000:00:1c.0", "0000:00:1c.4", "0000:04:00.0", "0000:14:00.0") in groups
    assert ("0000:00:1e.0", "0000:1c:03.0", "0000:1c:03.2", "0000:1c:03.4") in groups
    assert ("0000:00:02.0", "0000:00:02.1") in groups
    by_dev = {d: g for g in doc["groups"] for d in g["devices"]}
    assert by_dev["0000:00:02.0"]["verdict"] == "one card"
    assert by_dev["0000:1c:03.0"]["verdict"] == "one card"
    assert any("behind conventional PCI bridge 0000:00:1e.0" in c
               for c in by_dev["0000:1c:03.0"]["causes"])
    assert by_dev["0000:1c:03.0"]["causes"][0].startswith(
        "0000:00:1e.0 (conventional PCI bridge) stays with the host")
    assert by_dev["0000:04:00.0"]["verdict"] == "with companions"
    # No ACS offered anywhere: nothing to assume, the prediction is as read.
    assert "taken as the kernel sets them" not in doc["note"]


def test_pcix_bridges_and_domains(vtdcert, tmp_path):
    """IBM POWER machine with PCI-X host bridges in domains 1-4: every
    device is conventional or PCI-X, so nothing is isolated below a slot;
    each domain's bridge functions 00:02.x are one slot without ACS and
    take everything behind them."""
    doc = groups_of(vtdcert, dump_snapshot(tmp_path, "PCI-X-bridges-and-domains"))
    groups = shared(doc)
    assert len(groups) == 4
    for dom in ("0001", "0002", "0003", "0004"):
        (g,) = [g for g in groups if g[0].startswith(dom)]
        assert f"{dom}:00:02.0" in g
    assert ("0001:00:02.0", "0001:00:02.2", "0001:00:02.3", "0001:00:02.4",
            "0001:00:02.6", "0001:01:01.0", "0001:01:01.1", "0001:21:01.0",
            "0001:41:01.0", "0001:61:01.0", "0001:62:00.0") in groups


def test_broken_ecaps_survives(vtdcert, tmp_path):
    """A device whose extended capability list is malformed: grouped, no crash."""
    doc = groups_of(vtdcert, dump_snapshot(tmp_path, "broken-ecaps"))
    assert sum(len(g["devices"]) for g in doc["groups"]) >= 1


@pytest.mark.parametrize("name", sorted(p.name for p in SNAPSHOTS.iterdir()))
def test_kept_snapshots_predicted_equals_observed(vtdcert, name):
    """On every kept guest, the prediction is the kernel's grouping; on a guest
    whose IOMMU is off, it is the grouping of the same devices with it on
    (the `default` topology's kernel groups)."""
    doc = groups_of(vtdcert, SNAPSHOTS / name / "snapshot")
    predicted = sorted(sorted(g["devices"]) for g in doc["groups"])
    observed = sorted(sorted(g["devices"]) for g in doc["observed"])
    if observed:
        assert predicted == observed
        assert all(g["id"] is not None for g in doc["groups"])
        return
    on = groups_of(vtdcert, SNAPSHOTS / "default" / "snapshot")
    assert predicted == sorted(sorted(g["devices"]) for g in on["observed"])
    assert "the IOMMU is off" in doc["note"]
    assert all(g["id"] is None for g in doc["groups"])


def test_groups_outputs(vtdcert, tmp_path):
    """The table for people, the JSON contract, and a Graphviz file dot renders."""
    root = SNAPSHOTS / "default" / "snapshot"
    table = run_checked([vtdcert, "groups", "--root", root])
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["group", "kernel", "device"]
    assert any("0000:04:01.0" in l and "with companions" in l for l in lines)
    assert any("82540EM" in l for l in lines)                 # pci.ids names
    doc = groups_of(vtdcert, root)
    assert set(doc) >= {"groups", "observed"}
    for g in doc["groups"]:
        assert set(g) >= {"id", "devices", "verdict", "causes"}
        assert all(len(d) == 12 and d[4] == ":" for d in g["devices"])
    dot = tmp_path / "g.dot"
    assert run_checked([vtdcert, "groups", "--root", root, "--dot", dot]).returncode == 0
    text = dot.read_text()
    assert text.startswith("digraph") and "subgraph cluster_8" in text
    assert "bridge owns requester ID" in text
    svg = subprocess.run(["dot", "-Tsvg", str(dot)], capture_output=True, text=True, timeout=30)
    assert svg.returncode == 0, svg.stderr
    assert "<svg" in svg.stdout and "0000:03:00.0" in svg.stdout


def test_groups_table_for_people(vtdcert):
    """Per device: the kernel's group, [vendor:device] as vfio-pci ids= takes
    it, driver, reset method, the whole name; the why under each group. In the
    `groups` topology the 82574L at 03:00.0 shares group 7 with its switch
    port only, which stays with the host: VFIO assigns it alone."""
    root = SNAPSHOTS / "groups" / "snapshot"
    lines = run_checked([vtdcert, "groups", "--root", root]).stdout.splitlines()
    assert lines[0].split() == ["group", "kernel", "device", "ids", "driver", "reset",
                                "slot", "verdict", "name"]
    (nic,) = [l for l in lines if " 0000:03:00.0 " in l and not l.startswith(" ")]
    assert nic.split()[:7] == ["7", "7", "0000:03:00.0", "[8086:10d3]", "-", "pm,bus", "0"]
    assert nic.endswith("alone           Intel Corporation 82574L Gigabit Network Connection")
    why = lines[lines.index(nic) + 1]
    assert why == ("       why: 0000:02:00.0 (switch downstream port, pcieport) stays with the "
                   "host: VFIO assigns the group without it")
    (port,) = [l for l in lines if " 0000:02:00.0 " in l and not l.startswith(" ")]
    assert port.split()[4] == "pcieport"
    doc = groups_of(vtdcert, root)
    by_dev = {d: g for g in doc["groups"] for d in g["devices"]}
    assert by_dev["0000:03:00.0"]["verdict"] == "alone" and by_dev["0000:03:00.0"]["id"] == 7
    # Two conventional NICs behind a PCIe-to-PCI bridge still need each other.
    assert by_dev["0000:06:01.0"]["verdict"] == "with companions"


def test_groups_without_iommu(vtdcert):
    """No IOMMU: the cause the DMAR suite knows, and the groups for when it is on."""
    doc = groups_of(vtdcert, SNAPSHOTS / "no-iommu" / "snapshot")
    assert doc["observed"] == [] and len(doc["groups"]) == 10
    assert doc["note"].startswith("the IOMMU is off (no DMAR table: ")
    assert "ACS SV, RR, CR, UF taken as the kernel sets them then, on 0000:00:02.0, " \
        "0000:00:03.0, 0000:00:04.0, 0000:00:05.0" in doc["note"]
    doc = groups_of(vtdcert, SNAPSHOTS / "kernel-off" / "snapshot")
    assert doc["note"].startswith("the IOMMU is off (the command line has intel_iommu=off)")
    table = run_checked([vtdcert, "groups", "--root", SNAPSHOTS / "no-iommu" / "snapshot"])
    assert "note: the IOMMU is off" in table.stdout


def acs_cleared_dump(snapshot, out):
    """The snapshot's config space as an lspci -xxxx dump alone, every ACS
    Control register cleared: a machine as it boots without an IOMMU."""
    import struct
    devices = snapshot / "sys" / "bus" / "pci" / "devices"
    text, cleared = [], 0
    for dev in sorted(devices.iterdir()):
        cfg = bytearray((dev / "config").read_bytes())
        off = 0x100
        while len(cfg) >= 0x1000 and off and off + 8 <= len(cfg):
            (hdr,) = struct.unpack_from("<I", cfg, off)
            if hdr & 0xffff == 0x000d:              # ACS
                struct.pack_into("<H", cfg, off + 6, 0)
                cleared += 1
            off = hdr >> 20
            if off < 0x100:
                break
        text.append(f"{dev.name} Device\n")
        text += [f"{o:02x}: " + " ".join(f"{b:02x}" for b in cfg[o:o + 16]) + "\n"
                 for o in range(0, len(cfg), 16)]
        text.append("\n")
    out.mkdir()
    (out / "lspci.txt").write_text("".join(text))
    return cleared


@pytest.mark.parametrize("name", ["groups", "groups-6.12", "default"])
def test_cleared_acs_predicts_the_kernels_groups(vtdcert, tmp_path, name):
    """A dump alone whose ACS controls are all clear is taken as a machine
    with its IOMMU off: the prediction is the groups the kernel made with it
    on (the kept guest's own), and the note names the ports assumed."""
    snap = SNAPSHOTS / name / "snapshot"
    assert acs_cleared_dump(snap, tmp_path / "dump") > 0
    doc = groups_of(vtdcert, tmp_path / "dump")
    kernel = groups_of(vtdcert, snap)["observed"]
    assert sorted(sorted(g["devices"]) for g in doc["groups"]) == \
        sorted(sorted(g["devices"]) for g in kernel)
    assert "the source does not show the IOMMU on" in doc["note"]
    assert "taken as the kernel sets them then, on 0000:" in doc["note"]
    # The guest itself shows its IOMMU on: predicted as read, nothing assumed.
    as_read = groups_of(vtdcert, snap)
    assert "taken as the kernel sets them" not in (as_read["note"] or "")
