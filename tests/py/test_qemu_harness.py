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
