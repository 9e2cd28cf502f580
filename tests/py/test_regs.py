"""vtdcert regs: CAP and ECAP field by field and the translation parameters
the model derives, from the kept QEMU snapshots (default: SAGAW 39 alone,
a 3-level domain; aw48: SAGAW 39 + 48, a 4-level one) and from values on
the command line."""
import json
import subprocess

import pytest

from conftest import ROOT

SNAPSHOTS = ROOT / "fixtures" / "snapshots"
DEFAULT_CAP, DEFAULT_ECAP = 0xd2008c22260286, 0xf00f4e
AW48_CAP, AW48_ECAP = 0xd2008c222f0686, 0xf00f4a


def regs(vtdcert, *args):
    return subprocess.run([str(vtdcert), "regs", *map(str, args)], capture_output=True,
                          text=True, timeout=30)


def snapshot(name):
    path = SNAPSHOTS / name / "snapshot"
    if not path.is_dir():
        pytest.skip(f"fixtures/snapshots/{name} absent")
    return path


def only_unit(out):
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert len(doc["units"]) == 1
    return doc["units"][0]


@pytest.mark.parametrize("name, cap, ecap, widths, mgaw, agaw, levels, dt", [
    ("default", DEFAULT_CAP, DEFAULT_ECAP, [39], 39, 1, 3, True),
    ("aw48", AW48_CAP, AW48_ECAP, [39, 48], 48, 2, 4, False),
])
def test_snapshot_units(vtdcert, name, cap, ecap, widths, mgaw, agaw, levels, dt):
    u = only_unit(regs(vtdcert, "--root", snapshot(name), "--json"))
    assert u["name"] == "dmar0"
    assert u["address"] == 0xfed90000
    c, e = u["registers"]["cap"], u["registers"]["ecap"]
    assert (c["value"], e["value"]) == (cap, ecap)
    assert c["from"] == "the kernel's sysfs"
    assert c["fields"]["SAGAW"] == sum(1 << (w - 30) // 9 for w in widths)
    assert c["fields"]["MGAW"] == mgaw - 1
    assert c["fields"]["ND"] == 6 and c["fields"]["CM"] == 1
    assert e["fields"]["PT"] == 1 and e["fields"]["DT"] == int(dt)
    t = u["translation"]
    assert t["address_widths"] == widths
    assert t["mgaw"] == mgaw
    assert t["linux_domain"] == {"agaw": agaw, "levels": levels, "width": mgaw}
    assert t["page_sizes"] == [4096, 2 << 20, 1 << 30]
    assert t["domains"] == 65536
    assert t["caching_mode"] is True
    assert (t["pass_through"], t["device_tlb"], t["snoop_control"]) == (True, dt, False)


def test_fields_are_envs(vtdcert):
    """The fields regs shows are the ones `vtdcert env` shows, written once."""
    root = snapshot("aw48")
    u = only_unit(regs(vtdcert, "--root", root, "--json"))
    env = json.loads(subprocess.run([str(vtdcert), "env", "--root", str(root)],
                                    capture_output=True, text=True, timeout=30).stdout)
    (e,) = [x for x in env["iommu_units"] if x["name"] == "dmar0"]
    for reg in ("cap", "ecap"):
        assert u["registers"][reg] == e["registers"][reg]


def test_text(vtdcert):
    out = regs(vtdcert, "--root", snapshot("aw48"))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "dmar0 at 0xfed90000"
    assert "  cap   0x00d2008c222f0686  (the kernel's sysfs)" in lines
    assert "    SAGAW    6" in lines
    assert "    MGAW     47" in lines
    assert "    SLLPS    3" in lines
    assert "    PT       1" in lines
    assert "    Linux domain           agaw 2: 4-level tables, 48-bit IOVAs" in lines
    assert "    page sizes (SLLPS)     4 KiB, 2 MiB, 1 GiB" in lines
    assert "    domain IDs             65536 (ND 6)" in lines
    out = regs(vtdcert, "--root", snapshot("default"))
    assert "    Linux domain           agaw 1: 3-level tables, 39-bit IOVAs" in \
        out.stdout.splitlines()


@pytest.mark.parametrize("cap, ecap, widths, mgaw, domain, pages, domains", [
    # 5-level hardware with a 48-bit MGAW: Linux takes agaw 3, the width capped
    (hex(0x8 << 8 | 0x4 << 8 | 47 << 16 | 0x1 << 34 | 2), "0x0", [48, 57], 48,
     {"agaw": 3, "levels": 5, "width": 48}, [4096, 2 << 20], 256),
    # no SAGAW bit Linux accepts, no large pages, the reserved ND 7
    ("0x00260007", "0", [], 39, None, [4096], None),
])
def test_command_line_values(vtdcert, cap, ecap, widths, mgaw, domain, pages, domains):
    u = only_unit(regs(vtdcert, "--cap", cap, "--ecap", ecap, "--json"))
    assert u["name"] == "the command line"
    assert u["registers"]["cap"]["value"] == int(cap, 16)
    assert u["registers"]["cap"]["from"] == "the command line"
    t = u["translation"]
    assert t["address_widths"] == widths
    assert t["mgaw"] == mgaw
    assert t["linux_domain"] == domain
    assert t["page_sizes"] == pages
    assert t["domains"] == domains
    assert t["caching_mode"] is False


def test_command_line_text(vtdcert):
    out = regs(vtdcert, "--cap", "0x00260007", "--ecap", "0")
    assert out.returncode == 0, out.stderr
    assert "    Linux domain           none: no SAGAW bit at or below 57 bits (Linux " \
        "refuses the unit)" in out.stdout
    assert "    domain IDs             reserved ND 7" in out.stdout


def test_no_units(vtdcert):
    out = regs(vtdcert, "--root", snapshot("no-iommu"))
    assert out.returncode == 0, out.stderr
    assert out.stdout == "no remapping units\n"
    assert json.loads(regs(vtdcert, "--root", snapshot("no-iommu"), "--json").stdout) == \
        {"units": []}


@pytest.mark.parametrize("args, words", [
    (["--cap", "0x1"], "--cap and --ecap go together"),
    (["--ecap", "0x1"], "--cap and --ecap go together"),
    (["--cap", "xyz", "--ecap", "0"], "--cap 'xyz': not a 64-bit hex value"),
    (["--cap", "0", "--ecap", "1" * 17], "not a 64-bit hex value"),
    (["--cap", "", "--ecap", "0"], "not a 64-bit hex value"),
    (["--cap", "0", "--ecap", "0", "--root", "/"], "exclude each other"),
    (["extra"], "usage"),
    (["--frobnicate"], "usage"),
])
def test_usage_errors(vtdcert, args, words):
    out = regs(vtdcert, *args)
    assert out.returncode == 2
    assert words in out.stderr


def test_help(vtdcert):
    out = subprocess.run([str(vtdcert), "help", "regs"], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 0
    assert out.stdout.startswith("usage: vtdcert regs [--root DIR] [--json] "
                                 "[--cap HEX --ecap HEX]")
    assert "--ecap HEX" in out.stdout
