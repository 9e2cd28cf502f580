"""The QEMU harness's host-side pieces, without booting anything: the result
channel decoder, the initramfs writer and the module dependency resolver."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import shutil
import subprocess
import sys
import tarfile

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "harness"))
import channel  # noqa: E402
import guest  # noqa: E402
import topology  # noqa: E402
from newc import NewcWriter  # noqa: E402


def make_bundle(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def frame(bundle, size=None, digest=None, body=None):
    size = len(bundle) if size is None else size
    digest = digest or hashlib.sha256(bundle).hexdigest()
    b64 = base64.encodebytes(bundle).decode() if body is None else body
    return (f"{channel.BEGIN} {size} {digest}\r\n{b64}{channel.END} {size} {digest}\r\n").encode()


def test_channel_round_trip(tmp_path):
    bundle = make_bundle({"./results.json": b"{}", "./snapshot/sys/x": b"1"})
    raw = b"noise before\n" + frame(bundle) + b"noise after\n"
    channel.extract(channel.decode(raw), tmp_path)
    assert (tmp_path / "results.json").read_bytes() == b"{}"
    assert (tmp_path / "snapshot" / "sys" / "x").read_bytes() == b"1"


@pytest.mark.parametrize("mangle, message", [
    (lambda raw: b"", "no bundle"),
    (lambda raw: raw[: len(raw) // 2], "truncated"),
    (lambda raw: raw.replace(b"A", b"B", 1), "checksum"),
    (lambda raw: raw + raw, "2 bundles"),
    (lambda raw: raw.replace(b"\r\n", b"\r\n!!\r\n", 1), "base64"),
])
def test_channel_rejects_damage(mangle, message):
    bundle = make_bundle({"./a": b"A" * 1000})
    with pytest.raises(channel.ChannelError, match=message):
        channel.decode(mangle(frame(bundle)))


def test_channel_rejects_size_mismatch():
    bundle = make_bundle({"./a": b"x"})
    with pytest.raises(channel.ChannelError, match="bytes, marker says"):
        channel.decode(frame(bundle, size=len(bundle) + 1))


def test_channel_refuses_escaping_members(tmp_path):
    with pytest.raises(channel.ChannelError, match="escapes"):
        channel.extract(make_bundle({"../evil": b"x"}), tmp_path / "out")
    assert not (tmp_path / "evil").exists()


def test_newc_archive_lists_with_cpio(tmp_path):
    if not shutil.which("cpio"):
        pytest.fail("cpio not installed: run ci/install-deps")
    path = tmp_path / "a.cpio.gz"
    w = NewcWriter(path)
    w.add_dir("bin")
    w.add_file("bin/x", b"hello", 0o755)
    w.add_symlink("bin/y", "x")
    w.add_chardev("console", 5, 1)
    w.close()
    listing = subprocess.run(["cpio", "-itv"], input=gzip.decompress(path.read_bytes()),
                             capture_output=True, check=True).stdout.decode()
    assert [line.split()[-1] for line in listing.splitlines()] == ["bin", "bin/x", "x", "console"]
    assert "bin/y -> x" in listing and listing.startswith("drwxr-xr-x")


def test_module_closure_follows_dependencies(tmp_path):
    (tmp_path / "modules.dep").write_text(
        "kernel/a/vfio-pci.ko: kernel/a/vfio-pci-core.ko kernel/b/vfio.ko\n"
        "kernel/a/vfio-pci-core.ko: kernel/b/vfio.ko kernel/c/irqbypass.ko\n"
        "kernel/b/vfio.ko:\nkernel/c/irqbypass.ko:\nkernel/d/unrelated.ko:\n")
    (tmp_path / "modules.builtin").write_text("kernel/e/builtin-thing.ko\n")
    got = guest.module_closure(tmp_path, ["vfio_pci", "builtin-thing"])
    assert got == ["kernel/a/vfio-pci-core.ko", "kernel/a/vfio-pci.ko",
                   "kernel/b/vfio.ko", "kernel/c/irqbypass.ko"]
    with pytest.raises(guest.GuestError, match="nosuch"):
        guest.module_closure(tmp_path, ["nosuch"])


@pytest.mark.parametrize("name", topology.names())
def test_topology_files_are_well_formed(name):
    topo = topology.load(name)
    devices = [a for a in topo["qemu_args"] if a.startswith(("intel-iommu", "pcie", "nvme", "edu"))]
    # QEMU refuses intel-iommu after another device.
    if any(d.startswith("intel-iommu") for d in devices):
        assert devices[0].startswith("intel-iommu"), name
    assert isinstance(topo["expect"]["dmar_present"], bool)


def test_xz_modules_go_in_uncompressed(tmp_path):
    """6.12 ships .ko.xz, 6.1 plain .ko: the initramfs holds them plain, and
    its modules.dep names them so."""
    import lzma

    body = b"\x7fELF" + bytes(range(256)) * 8
    (tmp_path / "igb.ko.xz").write_bytes(lzma.compress(body))
    (tmp_path / "e1000.ko").write_bytes(body)
    assert guest.module_bytes(tmp_path / "igb.ko.xz") == body
    assert guest.module_bytes(tmp_path / "e1000.ko") == body
    assert guest.plain_module("kernel/net/igb.ko.xz") == "kernel/net/igb.ko"
    assert guest.plain_module("kernel/net/e1000.ko") == "kernel/net/e1000.ko"
    (tmp_path / "igb.ko.zst").write_bytes(b"\x28\xb5\x2f\xfd")
    with pytest.raises(guest.GuestError, match="igb.ko.zst"):
        guest.module_bytes(tmp_path / "igb.ko.zst")


@pytest.mark.parametrize("version, series", [
    ("6.1.192-2", "6.1"), ("6.12.95-1~bpo12+1", "6.12"), ("6.12.95+deb12-amd64", "6.12")])
def test_kernel_series(version, series):
    assert guest.series_of(version) == series


def test_unknown_kernel_series_is_refused():
    with pytest.raises(guest.GuestError, match="unknown kernel series '5.10'"):
        guest.resolve_kernel("5.10")


def fake_qemu(tmp_path, version_line):
    """A qemu-system-x86_64 on PATH that only tells its version."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "qemu-system-x86_64"
    exe.write_text(f"#!/bin/sh\necho '{version_line}'\n")
    exe.chmod(0o755)
    return bindir


@pytest.mark.parametrize("name", [n for n in topology.names() if topology.load(n).get("min_qemu")])
def test_topology_skipped_on_older_qemu(tmp_path, name):
    """A topology names the oldest QEMU it boots on; an older one skips it
    (exit 7) with that reason, before anything is built or booted."""
    import os

    topo = topology.load(name)
    env = dict(os.environ, PATH=f"{fake_qemu(tmp_path, 'QEMU emulator version 7.2.19')}:"
                                f"{os.environ['PATH']}")
    proc = subprocess.run([sys.executable, ROOT / "harness" / "run-qemu", "--topology", name,
                           "--out", tmp_path / "out"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 7, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert f"needs QEMU {topo['min_qemu']} or newer" in last and "this is QEMU 7.2.19" in last
    assert topo["min_qemu_why"] in last
    assert "build-guest" not in proc.stderr  # skipped before building anything


def test_unreadable_qemu_version_is_an_error(tmp_path):
    import os

    env = dict(os.environ, PATH=f"{fake_qemu(tmp_path, 'something else')}:{os.environ['PATH']}")
    proc = subprocess.run([sys.executable, ROOT / "harness" / "run-qemu", "--topology",
                           "default", "--out", tmp_path / "out"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode == 2 and "cannot read the QEMU version" in proc.stderr


@pytest.mark.parametrize("bad, words", [
    ({"min_qemu": "ten"}, "not a version"),
    ({"matrix": {"kernels": []}}, "matrix must be"),
    ({"matrix": {"active": "yes"}}, "matrix must be"),
    ({"mystery": 1}, "unknown field"),
])
def test_topology_fields_validated(tmp_path, monkeypatch, bad, words):
    import json

    good = json.loads((topology.TOPOLOGY_DIR / "default.json").read_text())
    (tmp_path / "default.json").write_text(json.dumps({**good, **bad}))
    monkeypatch.setattr(topology, "TOPOLOGY_DIR", tmp_path)
    with pytest.raises(topology.TopologyError, match=words):
        topology.load("default")
