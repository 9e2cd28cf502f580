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
      dump shows every control off (taken without an IOMMU asking for ACS):
      Linux would keep what is below with the port. 00:03.0 leads to an
      NVIDIA nForce switch (02:00.0 upstream, 03:00.0/03:02.0 downstream, no
      ACS) and an LSI SAS HBA 04:00.0; 00:07.0 to a GeForce GPU 06:00.0 and
      its HDMI audio 06:00.1.
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
    groups = shared(doc)
    assert ("0000:00:03.0", "0000:02:00.0", "0000:03:00.0", "0000:03:02.0",
            "0000:04:00.0") in groups
    assert ("0000:00:07.0", "0000:06:00.0", "0000:06:00.1") in groups
    assert ("0000:00:1c.0", "0000:00:1c.1", "0000:00:1c.2", "0000:07:00.0",
            "0000:08:00.0") in groups
    assert ("0000:00:1f.0", "0000:00:1f.2", "0000:00:1f.3") in groups
    assert ("0000:00:1a.0", "0000:00:1a.1", "0000:00:1a.2", "0000:00:1a.7") in groups
    alone = {g["devices"][0] for g in doc["groups"] if len(g["devices"]) == 1}
    assert {"0000:00:14.0", "0000:00:14.1", "0000:00:14.2", "0000:00:14.3",
            "0000:00:01.0", "0000:00:1e.0"} <= alone
    causes = [c for g in doc["groups"] for c in g["causes"]]
    assert "root port 0000:00:03.0 does not enable ACS SV, RR, CR, UF" in causes
    assert "switch downstream port 0000:03:00.0 has no ACS capability" in causes
    assert len(doc["groups"]) == 21


def test_fujitsu_p8010_ich8m(vtdcert, tmp_path):
    """Intel GM965/ICH8-M notebook.

    - ICH8 root ports 00:1c.0 and 00:1c.4 (8086:283f, 2847): no ACS, one
      slot: together, with the Marvell 88E8055 NIC 04:00.0 and the Intel
      4965AGN Wi-Fi 14:00.0 behind them.
    - 00:1e.0 is the 82801 mobile PCI bridge (conventional): the CardBus,
      FireWire and SD functions 1c:03.x behind it issue their requests with
      its ID, so they go with it.
    - The GPU 00:02.0/.1 is one card (two functions, no ACS).
    """
    doc = groups_of(vtdcert, dump_snapshot(tmp_path, "tree-fujitsu-p8010"))
    groups = shared(doc)
    assert ("0000:00:1c.0", "0000:00:1c.4", "0000:04:00.0", "0000:14:00.0") in groups
    assert ("0000:00:1e.0", "0000:1c:03.0", "0000:1c:03.2", "0000:1c:03.4") in groups
    assert ("0000:00:02.0", "0000:00:02.1") in groups
    by_dev = {d: g for g in doc["groups"] for d in g["devices"]}
    assert by_dev["0000:00:02.0"]["verdict"] == "one card"
    assert by_dev["0000:1c:03.0"]["verdict"] == "with companions"
    assert any("behind conventional PCI bridge 0000:00:1e.0" in c
               for c in by_dev["0000:1c:03.0"]["causes"])


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
    """On every kept guest, the prediction is the kernel's grouping."""
    doc = groups_of(vtdcert, SNAPSHOTS / name / "snapshot")
    predicted = sorted(sorted(g["devices"]) for g in doc["groups"])
    observed = sorted(sorted(g["devices"]) for g in doc["observed"])
    assert predicted == observed
    if observed:
        assert all(g["id"] is not None for g in doc["groups"])


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


def test_groups_without_iommu(vtdcert):
    doc = groups_of(vtdcert, SNAPSHOTS / "no-iommu" / "snapshot")
    assert doc["groups"] == [] and doc["observed"] == []
    table = run_checked([vtdcert, "groups", "--root", SNAPSHOTS / "no-iommu" / "snapshot"])
    assert "not translated" in table.stdout
