"""A snapshot from a stranger: vtdcert runs as root on it and publishes what it
finds, so nothing read through a snapshot may leave it, only regular files
are read, every read has a cap, and what is missing or broken is a skip or an
error naming the file, never a verdict on the machine.

Each test plants one thing in a copy of a kept guest snapshot
(fixtures/snapshots/default) or builds a partial one.
"""
import json
import os
import resource
import shutil
import signal
import struct
import subprocess

import pytest

from conftest import ROOT

SNAPSHOT = ROOT / "fixtures" / "snapshots" / "default" / "snapshot"
SECRET = "SECRET-TOKEN-4711"


def run(vtdcert, *args, timeout=30, **kw):
    return subprocess.run([str(vtdcert), *map(str, args)], capture_output=True, text=True,
                          errors="replace", timeout=timeout, **kw)


def results(vtdcert, root, *extra):
    """The run's document; exit 2 only when the DMAR table itself is unusable."""
    out = run(vtdcert, "run", "--root", root, "--quiet", "--json", "-", *extra)
    assert out.returncode in (0, 1, 2), out.stderr
    doc = json.loads(out.stdout)
    sig = [r for r in doc["results"] if r["id"] == "dmar.table.signature"]
    assert (out.returncode == 2) == any(r["status"] == "error" for r in sig), sig
    return doc, out


def by_id(doc, check_id):
    return [r for r in doc["results"] if r["id"] == check_id]


@pytest.fixture(autouse=True, params=["openat2", "walk"])
def resolver(request, monkeypatch):
    """Every case twice: with the kernel's openat2(RESOLVE_BENEATH), and with
    the user-space walk vtdcert falls back to where openat2 is missing."""
    if request.param == "walk":
        monkeypatch.setenv("VTDCERT_NO_OPENAT2", "1")
    return request.param


@pytest.fixture
def snap(tmp_path):
    """A private copy of the default guest snapshot, its manifest dropped
    (each test edits the copy; the manifest is tested on its own)."""
    dst = tmp_path / "snap"
    shutil.copytree(SNAPSHOT, dst, symlinks=True)
    (dst / "manifest.txt").unlink()
    return dst


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret"
    path.write_text(SECRET + "\n")
    return path


# --- links --------------------------------------------------------------------

@pytest.mark.parametrize("rel, target", [
    ("proc/cmdline", "{secret}"),                       # absolute, out of the root
    ("proc/cmdline", "../../secret"),                   # relative, climbs out
    ("sys/firmware/acpi/tables/DMAR", "{secret}"),      # the table itself
    ("proc/version", "/proc/self/cmdline"),             # a /proc magic link
])
def test_link_out_of_the_root_is_never_followed(vtdcert, snap, secret, rel, target):
    (snap / rel).unlink()
    (snap / rel).symlink_to(target.format(secret=secret))
    doc, out = results(vtdcert, snap)
    text = out.stdout + out.stderr
    assert SECRET not in text
    assert "vtdcert" not in (doc["system"]["kernel_cmdline"] or "")
    # The link is reported with its path, as an input problem or a check error.
    reported = [p for p in doc["source"]["problems"] if f"/{rel}" in p]
    reported += [r["message"] for r in doc["results"] if f"/{rel}" in r["message"]]
    assert any("outside the snapshot" in m or "climbs out" in m or "Too many" in m
               or "symbolic link" in m for m in reported), reported


def test_directory_link_out_of_the_root(vtdcert, snap, tmp_path):
    """A whole directory replaced by a link to the host's own /sys."""
    shutil.rmtree(snap / "sys" / "class" / "iommu")
    (snap / "sys" / "class" / "iommu").symlink_to("/sys/class/iommu")
    doc, _ = results(vtdcert, snap)
    (unit,) = by_id(doc, "dmar.drhd.iommu-unit")
    assert unit["status"] == "error", unit
    assert "outside the snapshot" in unit["message"]


def test_link_inside_the_root_is_followed(vtdcert, snap):
    (snap / "proc" / "cmdline.real").write_text("inside=1\n")
    (snap / "proc" / "cmdline").unlink()
    (snap / "proc" / "cmdline").symlink_to("../proc/cmdline.real")
    doc, _ = results(vtdcert, snap)
    assert doc["system"]["kernel_cmdline"] == "inside=1"


def test_link_loop_is_an_error(vtdcert, snap):
    (snap / "proc" / "cmdline").unlink()
    (snap / "proc" / "cmdline").symlink_to("cmdline")
    doc, _ = results(vtdcert, snap)
    assert doc["system"]["kernel_cmdline"] is None
    assert any("/proc/cmdline" in p for p in doc["source"]["problems"])


# --- files that are not files, files too big ---------------------------------

def test_fifo_is_not_read(vtdcert, snap):
    (snap / "proc" / "cmdline").unlink()
    os.mkfifo(snap / "proc" / "cmdline")
    doc, _ = results(vtdcert, snap)     # the timeout of run() is the hang detector
    assert any("/proc/cmdline" in p and "FIFO" in p for p in doc["source"]["problems"])


def test_fifo_on_the_command_line_is_not_read(vtdcert, tmp_path):
    os.mkfifo(tmp_path / "fifo")
    out = run(vtdcert, "dmar", tmp_path / "fifo", timeout=10)
    assert out.returncode == 2
    assert "a FIFO, not a regular file" in out.stderr


def run_measured(argv):
    """Run @argv; its stdout and its own peak resident memory in MiB."""
    proc = subprocess.Popen([str(a) for a in argv], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, stdout, usage.ru_maxrss / 1024


def test_huge_kernel_log_is_refused_not_read(vtdcert, snap):
    log = snap / "dmesg.txt"
    with open(log, "r+b") as f:     # sparse: 1 GiB on paper, nothing on disk
        f.truncate(1 << 30)
    code, stdout, peak_mib = run_measured([vtdcert, "run", "--root", snap, "--quiet",
                                           "--json", "-"])
    assert code == 1
    assert peak_mib < 200, f"{peak_mib:.0f} MiB: the log was read, not refused"
    doc = json.loads(stdout)
    (bugs,) = by_id(doc, "dmar.kernel.firmware-bugs")
    assert bugs["status"] == "error"
    assert "/dmesg.txt: larger than 67108864 bytes" in bugs["message"]


def big_dmar(path, size):
    header = b"DMAR" + struct.pack("<I", size) + bytes(40)
    with open(path, "wb") as f:
        f.write(header)
        f.truncate(size)


def test_oversized_table_same_error_everywhere(vtdcert, snap, tmp_path):
    """A table over the 16 MiB cap: refused with one message, from a snapshot
    and from the command line alike (it used to be cut short in one, refused
    in the other)."""
    size = (16 << 20) + 1
    big_dmar(snap / "sys" / "firmware" / "acpi" / "tables" / "DMAR", size)
    doc, _ = results(vtdcert, snap)
    (sig,) = by_id(doc, "dmar.table.signature")
    assert sig["status"] == "error"
    assert "larger than 16777216 bytes" in sig["message"]
    big_dmar(tmp_path / "big.dat", size)
    out = run(vtdcert, "dmar", "--quiet", "--json", "-", tmp_path / "big.dat")
    assert out.returncode == 2
    (sig_file,) = by_id(json.loads(out.stdout), "dmar.table.signature")
    assert sig_file["message"].split(": ", 1)[1] == sig["message"].split(": ", 1)[1]


# --- missing data is a skip, never a fail --------------------------------------

def test_deleted_config_files_are_no_verdict(vtdcert, snap):
    devices = snap / "sys" / "bus" / "pci" / "devices"
    for dev in devices.iterdir():
        (dev / "config").unlink()
    doc, _ = results(vtdcert, snap)
    for check in ("dmar.scope.device-present", "dmar.scope.header-type"):
        statuses = {r["status"] for r in by_id(doc, check)}
        assert "fail" not in statuses and "warn" not in statuses, by_id(doc, check)
    assert doc["summary"]["fail"] == 0


def test_short_config_file_is_no_verdict(vtdcert, snap):
    cfg = snap / "sys" / "bus" / "pci" / "devices" / "0000:00:02.0" / "config"
    cfg.write_bytes(cfg.read_bytes()[:16])
    doc, _ = results(vtdcert, snap)
    assert doc["summary"]["fail"] == 0
    header = by_id(doc, "dmar.scope.header-type")
    assert any(r["status"] == "skip" and "0000:00:02.0" in r["message"] for r in header), header


def test_unparseable_unit_address_is_no_verdict(vtdcert, snap):
    (snap / "sys" / "class" / "iommu" / "dmar0" / "intel-iommu" / "address").write_text("zz\n")
    doc, _ = results(vtdcert, snap)
    (unit,) = by_id(doc, "dmar.drhd.iommu-unit")
    assert unit["status"] == "skip", unit
    assert "address of dmar0 is unknown" in unit["message"]
    (enabled,) = by_id(doc, "dmar.kernel.iommu-enabled")
    assert enabled["status"] == "pass"


def test_one_bad_pci_entry_is_reported_and_skipped(vtdcert, snap):
    good, _ = results(vtdcert, snap)
    (snap / "sys" / "bus" / "pci" / "devices" / "not-a-bdf").mkdir()
    doc, _ = results(vtdcert, snap)
    assert any("not-a-bdf: not a PCI address" in p for p in doc["source"]["problems"])
    assert [(r["id"], r["status"]) for r in doc["results"]] == \
           [(r["id"], r["status"]) for r in good["results"]]
    # The summary names every input problem, the first included.
    for i in range(2):
        (snap / "sys" / "bus" / "pci" / "devices" / f"bad-{i}").mkdir()
    lines = run(vtdcert, "run", "--root", snap).stdout.splitlines()
    problems = [l for l in lines if l.startswith("input: ")]
    assert len(problems) == 3 and "bad-0: not a PCI address" in problems[0], problems


def test_table_alone_is_a_first_class_input(vtdcert, tmp_path):
    tables = tmp_path / "sys" / "firmware" / "acpi" / "tables"
    tables.mkdir(parents=True)
    shutil.copy(SNAPSHOT / "sys" / "firmware" / "acpi" / "tables" / "DMAR", tables)
    doc, out = results(vtdcert, tmp_path)
    assert out.returncode == 0
    assert doc["summary"]["fail"] == 0 and doc["summary"]["error"] == 0
    for check in ("dmar.scope.device-present", "dmar.drhd.iommu-unit",
                  "dmar.kernel.firmware-bugs", "dmar.rmrr.reserved-memory"):
        (r,) = by_id(doc, check)
        assert r["status"] == "skip" and "not in the snapshot" in r["message"], r


# --- capture --------------------------------------------------------------------

def test_capture_refuses_a_non_empty_directory(vtdcert, tmp_path):
    dest = tmp_path / "old"
    dest.mkdir()
    (dest / "proc").mkdir()
    out = run(vtdcert, "capture", "--root", SNAPSHOT, dest)
    assert out.returncode == 2
    assert "not empty" in out.stderr and "--force" in out.stderr


def test_capture_fails_when_the_dmar_table_is_unreadable(vtdcert, snap, tmp_path):
    table = snap / "sys" / "firmware" / "acpi" / "tables" / "DMAR"
    table.unlink()
    os.mkfifo(table)
    out = run(vtdcert, "capture", "--root", snap, tmp_path / "out")
    assert out.returncode == 2
    assert "required input unreadable: DMAR table: /sys/firmware/acpi/tables/DMAR" in out.stderr
    assert not (tmp_path / "out").exists()


def test_capture_lists_what_is_absent(vtdcert, tmp_path):
    src = ROOT / "fixtures" / "snapshots" / "no-iommu" / "snapshot"
    out = run(vtdcert, "capture", "--root", src, tmp_path / "out")
    assert out.returncode == 0, out.stderr
    manifest = (tmp_path / "out" / "manifest.txt").read_text().splitlines()
    assert any(l.startswith("absent\tsys/firmware/acpi/tables/DMAR\t") for l in manifest)
    assert "absent: /sys/firmware/acpi/tables/DMAR" in out.stderr


# --- the manifest -----------------------------------------------------------------

def test_manifest_verified_and_changes_reported(vtdcert, tmp_path):
    cap = tmp_path / "cap"
    assert run(vtdcert, "capture", "--root", SNAPSHOT, cap).returncode == 0
    doc, _ = results(vtdcert, cap)
    assert doc["source"]["manifest"] == "verified" and doc["source"]["manifest_notes"] == []
    (cap / "proc" / "cmdline").write_text("edited=1\n")
    (cap / "proc" / "planted").write_text("x\n")
    (cap / "proc" / "version").unlink()
    # One byte flipped, the size kept: the digest alone tells.
    iomem = bytearray((cap / "proc" / "iomem").read_bytes())
    iomem[0] ^= 1
    (cap / "proc" / "iomem").write_bytes(bytes(iomem))
    doc, out = results(vtdcert, cap)
    assert doc["source"]["manifest"] == "changed"
    notes = doc["source"]["manifest_notes"]
    assert "changed: /proc/cmdline" in notes
    assert "changed: /proc/iomem" in notes
    assert "added: /proc/planted" in notes
    assert "removed: /proc/version" in notes
    assert "snapshot differs from its manifest" in out.stderr


def test_manifest_garbage_is_reported_not_trusted(vtdcert, snap):
    (snap / "manifest.txt").write_text("not a manifest\n")
    doc, out = results(vtdcert, snap)
    assert doc["source"]["manifest"] == "invalid"
    assert "line 1" in doc["source"]["manifest_notes"][0]


# --- reports ------------------------------------------------------------------------

def test_concurrent_runs_leave_one_whole_report(vtdcert, tmp_path):
    report = tmp_path / "results.json"
    procs = [subprocess.Popen([str(vtdcert), "run", "--root", str(SNAPSHOT), "--quiet",
                               "--json", str(report)]) for _ in range(4)]
    assert all(p.wait(timeout=60) in (0, 1) for p in procs)
    doc = json.loads(report.read_text())
    assert doc["summary"]["total"] == len(doc["results"])


@pytest.mark.parametrize("args", [
    ["run", "--root", SNAPSHOT, "--quiet", "--json", "-"],
    ["run", "--root", SNAPSHOT],                            # the summary
    ["dmar", "--json", "-", SNAPSHOT / "sys/firmware/acpi/tables/DMAR"],
    ["checks"],
    ["env", "--root", SNAPSHOT],
])
def test_stdout_write_failure_exits_2(vtdcert, args):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([str(vtdcert), *map(str, args)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=30)
    assert proc.returncode == 2, proc.stderr
    assert "write failed" in proc.stderr


def test_hostile_text_is_escaped_in_junit_and_summary(vtdcert, snap, tmp_path):
    import xml.etree.ElementTree as ET

    dmi = snap / "sys" / "class" / "dmi" / "id"
    dmi.mkdir(parents=True, exist_ok=True)
    (dmi / "sys_vendor").write_bytes(b"Evil\x1b[2J\x07 Corp \xff\xfe\n")
    (dmi / "product_name").write_bytes(b"Box\x00\x01\n")
    # A kernel log line with control bytes reaches a check message.
    log = snap / "dmesg.txt"
    log.write_bytes(log.read_bytes() + b"<4>[ 9.9] DMAR: [Firmware Bug]: \x1b]0;pwned\x07 \xc3\x28\n")
    junit = tmp_path / "r.xml"
    out = subprocess.run([str(vtdcert), "run", "--root", str(snap), "--junit", str(junit)],
                         capture_output=True, timeout=30)
    assert b"\x1b" not in out.stdout and b"\x07" not in out.stdout
    assert b"Evil\\x1b[2J\\x07 Corp \\xff\\xfe" in out.stdout
    tree = ET.parse(junit)          # a strict XML 1.0 parser: would reject raw control bytes
    failures = [f.get("message") for f in tree.iter("failure")]
    assert any("\\x1b]0;pwned\\x07" in m for m in failures), failures


def test_an_empty_directory_a_copy_lost(vtdcert, tmp_path):
    """git keeps no empty directory: a kept snapshot whose machine had an empty
    /sys/class/iommu reads the same without it, its manifest still verified;
    a lost directory that held something is a removal, reported."""
    src = ROOT / "fixtures" / "snapshots" / "no-iommu" / "snapshot"
    before, _ = results(vtdcert, src)
    copy = tmp_path / "copy"
    shutil.copytree(src, copy, symlinks=True)
    for rel in ("sys/class/iommu", "sys/kernel/iommu_groups"):
        if (copy / rel).exists():                 # a git checkout has lost them already
            (copy / rel).rmdir()
    after, _ = results(vtdcert, copy)
    assert after["source"]["manifest"] == "verified", after["source"]
    assert [(r["id"], r["status"]) for r in after["results"]] == \
        [(r["id"], r["status"]) for r in before["results"]]
    assert {"groups.iommu-on"} <= {r["id"] for r in after["results"] if r["status"] == "fail"}
    shutil.rmtree(copy / "sys" / "firmware" / "memmap")
    changed, _ = results(vtdcert, copy)
    assert changed["source"]["manifest"] == "changed"
