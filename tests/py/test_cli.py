"""Command-line contract: usage errors and unusable roots exit 2 with a
message that names what is wrong; capture and run agree on a snapshot."""
import json
import subprocess

import pytest

from conftest import ROOT


def run(vtdcert, *args):
    return subprocess.run([str(vtdcert), *map(str, args)], capture_output=True,
                          text=True, timeout=30)


@pytest.mark.parametrize("args, words", [
    (["run", "--root", "{empty}"], "not a snapshot"),
    (["run", "--root", "{missing}"], "No such file or directory"),
    (["run", "--root", "{empty}", "--active"], "--active acts on the live system"),
    (["run", "--suite", "nosuch"], "no suite 'nosuch'"),
    (["dmar", "--json", "-", "--junit", "-", "x.dat"], "cannot both be '-'"),
    (["dmar", "--root", "{empty}", "x.dat"], "not a snapshot"),
    (["capture"], "usage"),
    (["frobnicate"], "unknown command"),
])
def test_usage_errors(vtdcert, tmp_path, args, words):
    (tmp_path / "empty").mkdir()
    args = [a.format(empty=tmp_path / "empty", missing=tmp_path / "missing") for a in args]
    out = run(vtdcert, *args)
    assert out.returncode == 2
    assert words in out.stderr


def test_capture_of_a_snapshot_round_trips(vtdcert, tmp_path):
    src = ROOT / "fixtures" / "snapshots" / "default" / "snapshot"
    if not src.is_dir():
        pytest.skip("fixtures/snapshots/default absent")
    cap = run(vtdcert, "capture", "--root", src, tmp_path / "snap")
    assert cap.returncode == 0, cap.stderr
    assert "0 unreadable" in cap.stderr
    for rel in ("sys/firmware/acpi/tables/DMAR", "mmio.txt", "dmesg.txt", "proc/cmdline"):
        assert (tmp_path / "snap" / rel).is_file(), rel
    doc = json.loads(run(vtdcert, "run", "--root", tmp_path / "snap", "--quiet",
                         "--json", "-").stdout)
    assert doc["summary"]["fail"] == 0 and doc["summary"]["pass"] > 20


def test_terminal_summary(vtdcert):
    """What needs attention first: failures and errors, then warnings, each
    check's line with its results; then a count of passes and skips, listed
    only with --verbose (one line per check, grouped by suite, a repeated skip
    reason shown once); a closing count line; no colour off a terminal."""
    src = ROOT / "fixtures" / "snapshots" / "no-iommu" / "snapshot"
    out = run(vtdcert, "run", "--root", src)
    lines = out.stdout.splitlines()
    checks = json.loads(run(vtdcert, "run", "--root", src, "--quiet", "--json", "-").stdout)
    ids = {r["id"] for r in checks["results"]}
    s = checks["summary"]
    # No DMAR, no IOMMU: the two failures, then the one warning (the INTx lines
    # shared across the groups the kernel will make); everything else skips or passes.
    failed = {r["id"] for r in checks["results"] if r["status"] == "fail"}
    assert failed == {"dmar.table.signature", "groups.iommu-on"}
    assert lines[2] == "failures and errors:"
    shown = [line.split()[1] for line in lines if line.startswith("  ") and
             line.split()[1] in ids]
    assert shown == ["dmar.table.signature", "groups.iommu-on", "msi.intx-shared"]
    assert f"{s['pass']} pass, {s['skip']} skip (listed with --verbose)" in lines
    assert lines[-1] == (f"{s['total']} results: {s['pass']} pass, {s['fail']} fail, "
                         f"{s['warn']} warn, {s['skip']} skip, {s['error']} error")
    assert "\x1b[" not in out.stdout
    verbose = run(vtdcert, "run", "--root", src, "--verbose").stdout.splitlines()
    listed = [line.split()[1] for line in verbose if line.startswith("  ") and
              line.split()[1] in ids]
    assert sorted(listed) == sorted(ids)
    assert "dmar" in verbose and "groups" in verbose and "skipped:" in verbose
    assert sum("no DMAR table on this system" in line for line in verbose) == 1


def test_summary_order_and_quiet(vtdcert):
    """Warnings come after failures; --quiet prints a line per failure or
    error (ID, subject, message) and nothing when none."""
    src = ROOT / "fixtures" / "snapshots" / "default" / "snapshot"
    lines = run(vtdcert, "run", "--root", src).stdout.splitlines()
    assert "warnings:" in lines and "failures and errors:" not in lines
    quiet = run(vtdcert, "run", "--root", src, "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == ""
    bad = ROOT / "fixtures" / "snapshots" / "no-iommu" / "snapshot"
    quiet = run(vtdcert, "run", "--root", bad, "--quiet")
    assert quiet.returncode == 1
    assert quiet.stdout.splitlines() == [
        "FAIL  dmar.table.signature /sys/firmware/acpi/tables/DMAR: no DMAR table: the "
        "firmware reports no VT-d remapping hardware (VT-d disabled in firmware setup, or "
        "absent)",
        "FAIL  groups.iommu-on /sys/kernel/iommu_groups: no IOMMU groups: the kernel does "
        "not translate DMA (no DMAR table, or the IOMMU disabled), so VFIO can assign no "
        "device"]
    assert run(vtdcert, "run", "--root", src, "--quiet", "--verbose").returncode == 2


def test_several_tables_one_line_each(vtdcert):
    """`vtdcert dmar` over several files: a line per file (verdict, counts),
    then the findings grouped by file."""
    corpus = sorted((ROOT / "fixtures" / "corpus" / "dmar").glob("*.dat"))
    bad = corpus[[p.name for p in corpus].index("D19FB82D46CF.dat")]
    files = [corpus[0], bad, corpus[1]]
    out = run(vtdcert, "dmar", *files)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert [l.split()[:2] for l in lines[1:4]] == [["PASS", str(files[0])],
                                                  ["FAIL", str(bad)], ["PASS", str(files[2])]]
    assert lines[4] == str(bad) and lines[5] == "failures and errors:"
    assert any("dmar.drhd.base-nonzero" in l for l in lines[6:9])
    assert str(files[0]) not in lines


def test_colour_only_on_a_terminal(vtdcert):
    """The summary is coloured on a terminal (not with NO_COLOR or TERM=dumb)."""
    import os
    import pty

    src = ROOT / "fixtures" / "snapshots" / "default" / "snapshot"
    if not src.is_dir():
        pytest.skip("fixtures/snapshots/default absent")

    def on_pty(env):
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(str(vtdcert), [str(vtdcert), "run", "--root", str(src), "--verbose"],
                      env)
        chunks = []
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.waitpid(pid, 0)
        return b"".join(chunks).decode()

    base = {"PATH": "/usr/bin:/bin"}
    coloured = on_pty({**base, "TERM": "xterm"})
    assert "\x1b[32mPASS" in coloured and "\x1b[33mWARN" in coloured
    assert "\x1b[" not in on_pty({**base, "TERM": "xterm", "NO_COLOR": "1"})
    assert "\x1b[" not in on_pty({**base, "TERM": "dumb"})


@pytest.mark.parametrize("command", ["decode", "dmar", "run", "capture", "groups", "env",
                                     "checks"])
def test_every_command_has_help(vtdcert, command):
    """`vtdcert COMMAND --help`, `-h` and `vtdcert help COMMAND`: usage, options,
    exit codes, on stdout, exit 0; nothing run."""
    out = run(vtdcert, command, "--help")
    assert out.returncode == 0 and out.stderr == ""
    assert out.stdout.startswith(f"usage: vtdcert {command} ")
    assert "\nexit: 0 " in out.stdout
    for line in out.stdout.splitlines()[0].split()[3:]:
        opt = line.strip("[]|.").split("|")[0]
        if opt.startswith("--"):
            assert f"  {opt} " in out.stdout, f"{command}: {opt} not described"
    assert run(vtdcert, command, "-h").stdout == out.stdout
    assert run(vtdcert, "help", command).stdout == out.stdout
    # Help wins over an invalid option anywhere before "--".
    assert run(vtdcert, command, "--bogus", "--help").returncode == 0


def test_usage_error_points_at_help(vtdcert):
    out = run(vtdcert, "groups", "--bogus")
    assert out.returncode == 2 and "vtdcert groups --help" in out.stderr
    assert run(vtdcert, "help", "nosuch").returncode == 2


def test_decode_for_people(vtdcert):
    """`vtdcert decode FILE` prints the table as a listing: offsets and
    addresses in hex, flags by name, each scope as its path and, with --root,
    the BDF it resolves to; --json keeps the JSON."""
    snap = ROOT / "fixtures" / "snapshots" / "default" / "snapshot"
    table = snap / "sys" / "firmware" / "acpi" / "tables" / "DMAR"
    text = run(vtdcert, "decode", table)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "DMAR table, 144 bytes, revision 1, checksum 0xb9 (valid)"
    assert "  flags              0x01 (INTR_REMAP)" in lines
    assert ("[030] DRHD  length 0x58, segment 0000, registers 0xfed90000, size 0, "
            "flags 0x00 (none)") in lines
    assert "    [078] scope PCI endpoint       start bus 00, path 1f.2" in lines
    assert "[088] ATSR  length 0x8, segment 0000, flags 0x01 (ALL_PORTS)" in lines
    resolved = run(vtdcert, "decode", "--root", snap, table).stdout.splitlines()
    assert "    [078] scope PCI endpoint       start bus 00, path 1f.2 -> 0000:00:1f.2" \
        in resolved
    assert "    [040] scope IOAPIC             start bus ff, path 00.0, enumeration ID 0x00" \
        in resolved
    doc = json.loads(run(vtdcert, "decode", "--json", table).stdout)
    assert doc["signature"] == "DMAR" and doc["structures"][0]["register_base"] == 0xfed90000

def test_decode_through_another_tree(vtdcert, tmp_path):
    """A scope that leads nowhere in the tree at hand says where it stopped."""
    table = (ROOT / "fixtures" / "snapshots" / "default" / "snapshot" / "sys" / "firmware" /
             "acpi" / "tables" / "DMAR")
    (tmp_path / "lspci.txt").write_bytes(
        (ROOT / "fixtures" / "corpus" / "pci" / "tree-asus-p6t6").read_bytes())
    out = run(vtdcert, "decode", "--root", tmp_path, table).stdout.splitlines()
    assert "    [050] scope PCI sub-hierarchy  start bus 00, path 02.0 -> no device at hop 0 " \
        "(bus 00)" in out
    assert "    [058] scope PCI sub-hierarchy  start bus 00, path 03.0 -> 0000:00:03.0" in out


def test_summary_names_the_system_from_what_is_known(vtdcert, tmp_path):
    """The system line shows with the vendor alone ("?" for the product), and not
    at all when neither is known."""
    import shutil
    snap = tmp_path / "snap"
    shutil.copytree(ROOT / "fixtures" / "snapshots" / "default" / "snapshot", snap,
                    symlinks=True)
    dmi = snap / "sys" / "class" / "dmi" / "id"
    (dmi / "product_name").unlink()
    lines = run(vtdcert, "run", "--root", snap).stdout.splitlines()
    assert lines[1].startswith("system: QEMU ?, BIOS "), lines[:3]
    (dmi / "sys_vendor").unlink()
    lines = run(vtdcert, "run", "--root", snap).stdout.splitlines()
    assert not any(l.startswith("system: ") for l in lines)
