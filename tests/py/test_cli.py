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
    (["dmar", "--root", "{empty}", "x.dat"], "not both"),
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
    """One line per check, grouped by suite; a repeated skip reason is shown once;
    a closing count line; no colour when stdout is not a terminal."""
    src = ROOT / "fixtures" / "snapshots" / "no-iommu" / "snapshot"
    if not src.is_dir():
        pytest.skip("fixtures/snapshots/no-iommu absent")
    out = run(vtdcert, "run", "--root", src)
    lines = out.stdout.splitlines()
    checks = json.loads(run(vtdcert, "run", "--root", src, "--quiet", "--json", "-").stdout)
    ids = {r["id"] for r in checks["results"]}
    assert sum(1 for line in lines if line.startswith("  ") and line.split()[1] in ids) == len(ids)
    assert "dmar" in lines and "groups" in lines
    assert sum("no DMAR table on this system" in line for line in lines) == 1
    s = checks["summary"]
    assert lines[-1] == (f"{s['total']} results: {s['pass']} pass, {s['fail']} fail, "
                         f"{s['warn']} warn, {s['skip']} skip, {s['error']} error")
    # No DMAR, no IOMMU: the two findings; everything else skips or passes.
    failed = {r["id"] for r in checks["results"] if r["status"] == "fail"}
    assert failed == {"dmar.table.signature", "groups.iommu-on"}
    assert "\x1b[" not in out.stdout


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
            os.execve(str(vtdcert), [str(vtdcert), "run", "--root", str(src)], env)
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
    assert "\x1b[32mPASS" in on_pty({**base, "TERM": "xterm"})
    assert "\x1b[" not in on_pty({**base, "TERM": "xterm", "NO_COLOR": "1"})
    assert "\x1b[" not in on_pty({**base, "TERM": "dumb"})
