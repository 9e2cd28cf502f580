"""vtdcert never deletes or overwrites what it did not create, whatever the options.

A report (--json, --junit, groups --json/--dot) replaces only a file that is empty or
starts as vtdcert's own document of that kind; a capture writes beside its directory and
swaps in only on success, and --force replaces only a snapshot vtdcert wrote, holding
nothing its manifest does not list.
"""
import json
import os
import resource
import signal
import subprocess

import pytest

from conftest import ROOT

SNAPSHOT = ROOT / "fixtures" / "snapshots" / "default" / "snapshot"
FOREIGN = "root:x:0:0:root:/root:/bin/bash\n"


def run(vtdcert, *args, timeout=30, **kw):
    return subprocess.run([str(vtdcert), *map(str, args)], capture_output=True, text=True,
                          errors="replace", timeout=timeout, **kw)


def report(vtdcert, path, *extra, **kw):
    return run(vtdcert, "run", "--root", SNAPSHOT, "--quiet", "--json", path, *extra, **kw)


def tree(path):
    """Every entry beneath path with its content or link target: to show nothing moved."""
    out = {}
    for dirpath, dirs, files in os.walk(path):
        for name in dirs + files:
            p = os.path.join(dirpath, name)
            rel = os.path.relpath(p, path)
            if os.path.islink(p):
                out[rel] = "->" + os.readlink(p)
            elif os.path.isfile(p):
                with open(p, "rb") as f:
                    out[rel] = f.read()
            else:
                out[rel] = "dir"
    return out


# --- reports ----------------------------------------------------------------------

def test_report_replaces_its_own_and_an_empty_file(vtdcert, tmp_path):
    path = tmp_path / "r.json"
    path.write_text("")
    assert report(vtdcert, path).returncode in (0, 1)
    first = json.loads(path.read_text())
    assert report(vtdcert, path).returncode in (0, 1)
    assert json.loads(path.read_text())["tool"] == first["tool"] == "vtdcert"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


@pytest.mark.parametrize("option", ["--json", "--junit"])
def test_report_refuses_a_foreign_file(vtdcert, tmp_path, option):
    path = tmp_path / "passwd"
    path.write_text(FOREIGN)
    out = run(vtdcert, "run", "--root", SNAPSHOT, "--quiet", option, path)
    assert out.returncode == 2
    assert "not replaced" in out.stderr and 'it starts with "root:x:0:0' in out.stderr
    assert path.read_text() == FOREIGN
    assert [p.name for p in tmp_path.iterdir()] == ["passwd"]


def test_report_of_one_kind_does_not_replace_the_other(vtdcert, tmp_path):
    path = tmp_path / "r.xml"
    assert run(vtdcert, "run", "--root", SNAPSHOT, "--quiet", "--junit", path).returncode in (0, 1)
    junit = path.read_text()
    out = report(vtdcert, path)
    assert out.returncode == 2 and "not a vtdcert JSON results document" in out.stderr
    assert path.read_text() == junit


def test_report_does_not_follow_a_link(vtdcert, tmp_path):
    target = tmp_path / "mine.json"
    assert report(vtdcert, target).returncode in (0, 1)
    before = target.read_text()
    link = tmp_path / "link.json"
    link.symlink_to(target)
    out = report(vtdcert, link)
    assert out.returncode == 2 and "symbolic link to a regular file: not followed" in out.stderr
    assert target.read_text() == before and link.is_symlink()
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    assert report(vtdcert, dangling).returncode == 2
    assert not (tmp_path / "nowhere.json").exists()


def test_report_into_a_directory_is_refused(vtdcert, tmp_path):
    out = report(vtdcert, tmp_path)
    assert out.returncode == 2 and "a directory: not written" in out.stderr
    assert list(tmp_path.iterdir()) == []


def test_report_to_a_fifo_without_reader_does_not_hang(vtdcert, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    out = report(vtdcert, fifo, timeout=20)
    assert out.returncode == 2 and "a FIFO with no reader" in out.stderr


def test_report_to_a_fifo_with_a_reader_and_to_dev_null(vtdcert, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    out = report(vtdcert, fifo)
    body = reader.communicate(timeout=20)[0]
    assert out.returncode in (0, 1), out.stderr
    assert json.loads(body)["tool"] == "vtdcert"
    assert report(vtdcert, "/dev/null").returncode in (0, 1)
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_failed_write_keeps_the_previous_report(vtdcert, tmp_path):
    path = tmp_path / "results.json"
    assert report(vtdcert, path).returncode in (0, 1)
    previous = path.read_bytes()

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # write() fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    out = report(vtdcert, path, preexec_fn=small_files)
    assert out.returncode == 2
    assert "left as it was" in out.stderr
    assert path.read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]   # no temporary left


def test_groups_outputs_refuse_foreign_files(vtdcert, tmp_path):
    for option in ("--json", "--dot"):
        path = tmp_path / ("out" + option[1:])
        path.write_text(FOREIGN)
        out = run(vtdcert, "groups", "--root", SNAPSHOT, option, path)
        assert out.returncode == 2 and "not replaced" in out.stderr, out.stderr
        assert path.read_text() == FOREIGN
        path.unlink()
        assert run(vtdcert, "groups", "--root", SNAPSHOT, option, path).returncode == 0
        assert run(vtdcert, "groups", "--root", SNAPSHOT, option, path).returncode == 0


@pytest.mark.parametrize("command", ["bar", "msi", "groups"])
def test_view_outputs_replace_only_their_own(vtdcert, tmp_path, command):
    """`vtdcert bar|msi|groups --json` replace their own document, never a
    foreign file, a link's target, a directory, or another kind's JSON."""
    mine = tmp_path / "mine.json"
    assert run(vtdcert, command, "--root", SNAPSHOT, "--json", mine).returncode == 0
    assert run(vtdcert, command, "--root", SNAPSHOT, "--json", mine).returncode == 0
    foreign = tmp_path / "passwd"
    foreign.write_text(FOREIGN)
    out = run(vtdcert, command, "--root", SNAPSHOT, "--json", foreign)
    assert out.returncode == 2 and "not replaced" in out.stderr, out.stderr
    assert foreign.read_text() == FOREIGN
    link = tmp_path / "link.json"
    link.symlink_to(foreign)
    out = run(vtdcert, command, "--root", SNAPSHOT, "--json", link)
    assert out.returncode == 2 and link.is_symlink() and foreign.read_text() == FOREIGN
    results = tmp_path / "results.json"
    assert report(vtdcert, results).returncode in (0, 1)
    before = results.read_text()
    out = run(vtdcert, command, "--root", SNAPSHOT, "--json", results)
    assert out.returncode == 2 and results.read_text() == before, out.stderr
    d = tmp_path / "d"
    d.mkdir()
    assert run(vtdcert, command, "--root", SNAPSHOT, "--json", d).returncode == 2
    assert list(d.iterdir()) == []


def test_active_run_on_a_tree_shaped_like_root_changes_nothing(vtdcert, tmp_path):
    """--active acts on the live system only: pointed at a tree shaped like /
    (sysfs with driver_override, drivers_probe, a vfio-pci driver) it is refused
    before reading it, and the tree is as it was."""
    root = tmp_path / "root"
    dev = root / "sys" / "bus" / "pci" / "devices" / "0000:02:00.0"
    dev.mkdir(parents=True)
    (dev / "driver_override").write_text("(null)\n")
    (dev / "vendor").write_text("0x1234\n")
    (dev / "device").write_text("0x11e8\n")
    (root / "sys" / "bus" / "pci" / "drivers_probe").write_text("")
    (root / "sys" / "bus" / "pci" / "drivers" / "vfio-pci").mkdir(parents=True)
    (root / "dev" / "vfio").mkdir(parents=True)
    (root / "dev" / "vfio" / "vfio").write_text("")
    before = tree(root)
    out = run(vtdcert, "run", "--root", root, "--active", "--suite", "dma", "--quiet")
    assert out.returncode == 2 and "live system, not a snapshot" in out.stderr, out.stderr
    out = run(vtdcert, "run", "--root", root, "--suite", "dma", "--json", "-")
    assert out.returncode == 0, out.stderr
    assert {r["status"] for r in json.loads(out.stdout)["results"]} == {"skip"}
    assert tree(root) == before


# --- captures ---------------------------------------------------------------------

def capture(vtdcert, dest, *extra, **kw):
    return run(vtdcert, "capture", "--root", SNAPSHOT, *extra, dest, **kw)


def test_force_refuses_a_tree_that_is_not_a_snapshot(vtdcert, tmp_path):
    like_root = tmp_path / "root"
    for d in ("etc", "usr/bin", "home/user"):
        (like_root / d).mkdir(parents=True)
    (like_root / "etc" / "passwd").write_text(FOREIGN)
    (like_root / "usr" / "bin" / "sh").symlink_to("/bin/sh")
    before = tree(like_root)
    out = capture(vtdcert, like_root, "--force")
    assert out.returncode == 2
    assert "not a vtdcert snapshot" in out.stderr and "nothing removed" in out.stderr
    assert tree(like_root) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["root"]    # no sibling left


def test_force_refuses_a_planted_link(vtdcert, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("SECRET\n")
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "dmesg.txt").symlink_to(secret)
    out = capture(vtdcert, dest, "--force")
    assert out.returncode == 2 and "not a vtdcert snapshot" in out.stderr
    assert secret.read_text() == "SECRET\n" and (dest / "dmesg.txt").is_symlink()


def test_force_refuses_a_snapshot_holding_a_foreign_file(vtdcert, tmp_path):
    dest = tmp_path / "snap"
    assert capture(vtdcert, dest).returncode == 0
    (dest / "notes.txt").write_text("my notes\n")
    before = tree(dest)
    out = capture(vtdcert, dest, "--force")
    assert out.returncode == 2
    assert '"notes.txt" is not the snapshot\'s' in out.stderr and "nothing removed" in out.stderr
    assert tree(dest) == before


def test_force_replaces_its_own_snapshot_unless_edited(vtdcert, tmp_path):
    dest = tmp_path / "snap"
    assert capture(vtdcert, dest).returncode == 0
    cmdline = dest / "proc" / "cmdline"
    original = cmdline.read_bytes()
    cmdline.write_text("edited=1\n")                # someone's edit is theirs: kept
    out = capture(vtdcert, dest, "--force")
    assert out.returncode == 2 and "changed since capture" in out.stderr
    assert cmdline.read_text() == "edited=1\n"
    cmdline.write_bytes(original)
    (dest / "dmesg.txt").unlink()                   # what vtdcert wrote may go missing
    out = capture(vtdcert, dest, "--force")
    assert out.returncode == 0, out.stderr
    assert cmdline.read_bytes() == original and (dest / "dmesg.txt").is_file()
    doc = json.loads(run(vtdcert, "run", "--root", dest, "--quiet", "--json", "-").stdout)
    assert doc["source"]["manifest"] == "verified"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["snap"]


def test_capture_refuses_a_link_as_its_directory(vtdcert, tmp_path):
    dest = tmp_path / "snap"
    assert capture(vtdcert, dest).returncode == 0
    link = tmp_path / "link"
    link.symlink_to(dest)
    before = tree(dest)
    out = capture(vtdcert, link, "--force")
    assert out.returncode == 2 and "symbolic link" in out.stderr
    assert tree(dest) == before and link.is_symlink()


def test_failed_capture_keeps_the_previous_snapshot(vtdcert, tmp_path):
    dest = tmp_path / "snap"
    assert capture(vtdcert, dest).returncode == 0
    before = tree(dest)

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    out = capture(vtdcert, dest, "--force", preexec_fn=small_files)
    assert out.returncode == 2, out.stderr
    assert "not kept" in out.stderr or "left as it was" in out.stderr
    assert tree(dest) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["snap"]    # no temporary left
