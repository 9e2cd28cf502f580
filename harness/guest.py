"""Build the vtdcert test guest into build/guest/<series>/.

The guest is one of Debian's own kernels (what linux-image-amd64 points at in
bookworm, or in bookworm-backports) and a busybox initramfs carrying
build/vtdcert, the shared libraries it links, the kernel modules the suites
need and /init (harness/guest-init.sh).

    build/guest/<series>/bzImage            the kernel (series: 6.1 or 6.12)
    build/guest/<series>/initramfs.cpio.gz  the initramfs
    build/guest/<series>/stamp              hash of every input; rebuild only when it changes
    build/guest/cache/                      the unpacked kernel packages, one per series

Series: "6.1" is Debian 12's kernel (the default), "6.12" bookworm-backports'
(ci/install-deps enables that suite).  The newest linux-image-amd64 of the
series the apt index knows is used.

Environment: VTDCERT_BIN overrides the binary (default build/vtdcert);
VTDCERT_KERNEL_PKG pins a versioned kernel package (e.g.
linux-image-6.1.0-56-amd64) instead of resolving linux-image-amd64.
"""

import fcntl
import hashlib
import lzma
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from newc import NewcWriter

HARNESS = Path(__file__).resolve().parent
ROOT = HARNESS.parent
GUEST_DIR = ROOT / "build" / "guest"
CACHE_DIR = GUEST_DIR / "cache"
INIT_SCRIPT = HARNESS / "guest-init.sh"
BUSYBOX = Path("/bin/busybox")
GUEST_BIN = "usr/bin/vtdcert"

# Libraries vtdcert dlopen()s, so ldd cannot see them (results/junit_writer.c:
# --junit needs libxml2).  Shipped with their own dependencies when present.
DLOPENED = ("libxml2.so.2",)

# Loaded by /init in this order; their dependencies come from modules.dep.
# igb drives the 82576 PF of the guide topology, igbvf its VFs.
MODULES = ("nvme-core", "nvme", "e1000", "igb", "igbvf", "pci-stub",
           "vfio", "vfio_iommu_type1", "vfio-pci")

# The kernel series the harness can boot, and the one it boots by default.
SERIES = ("6.1", "6.12")
DEFAULT_SERIES = "6.1"


class GuestError(Exception):
    """The guest cannot be built; the message says why."""


class KernelUnavailable(GuestError):
    """The kernel package can be neither resolved nor downloaded (offline, no apt lists)."""


def log(msg):
    print(f"build-guest: {msg}", file=sys.stderr, flush=True)


def _run(argv, **kw):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kw).stdout


def vtdcert_binary():
    return Path(os.environ.get("VTDCERT_BIN", ROOT / "build" / "vtdcert"))


# --- kernel package --------------------------------------------------------

def series_of(version):
    """'6.12.95-1~bpo12+1' -> '6.12' (the upstream major.minor)."""
    m = re.match(r"(\d+\.\d+)", version)
    return m.group(1) if m else version


def resolve_kernel(series=DEFAULT_SERIES):
    """Return (package, version) of the kernel of @series to boot, e.g.
    ("linux-image-6.1.0-56-amd64", "6.1.192-2")."""
    if series not in SERIES:
        raise GuestError(f"unknown kernel series {series!r} (known: {', '.join(SERIES)})")
    pkg = os.environ.get("VTDCERT_KERNEL_PKG")
    try:
        if not pkg:
            pkg = _meta_dependency(series)
        show = _run(["apt-cache", "show", "--no-all-versions", pkg])
        version = re.search(r"^Version: (\S+)", show, re.M).group(1)
        if series_of(version) != series:
            raise GuestError(f"VTDCERT_KERNEL_PKG={pkg} is {version}, not series {series}")
        return pkg, version
    except (OSError, subprocess.CalledProcessError, AttributeError, KernelUnavailable) as e:
        # Offline, or apt lists gone: fall back to a kernel of the series unpacked earlier.
        cached = [t.parent for t in CACHE_DIR.glob(f"{pkg or 'linux-image-*'}_*/.unpacked")
                  if series_of(t.parent.name.split("_", 1)[1]) == series]
        if cached:
            pkg, version = sorted(cached)[-1].name.split("_", 1)
            return pkg, version
        raise KernelUnavailable(f"cannot resolve the {series} kernel package: {e}") from None


def _meta_dependency(series):
    """The versioned package the newest linux-image-amd64 of @series depends on.

    apt-cache madison lists every version the index knows, newest first, with
    its suite: bookworm's 6.1 and bookworm-backports' 6.12 side by side."""
    madison = _run(["apt-cache", "madison", "linux-image-amd64"])
    versions = [line.split("|")[1].strip() for line in madison.splitlines()
                if line.count("|") >= 2]
    for version in versions:
        if series_of(version) == series:
            show = _run(["apt-cache", "show", f"linux-image-amd64={version}"])
            found = re.findall(r"Depends: (linux-image-\S+)", show)
            if found:
                return found[0]
    where = "bookworm-backports (run ci/install-deps)" if series != DEFAULT_SERIES else "bookworm"
    raise KernelUnavailable(f"the apt index has no linux-image-amd64 {series} "
                            f"(known: {', '.join(versions) or 'none'}); it comes from {where}")


def unpack_kernel(pkg, version):
    """Download and unpack the kernel package once; return its tree, depmod'ed."""
    tree = CACHE_DIR / f"{pkg}_{version}"
    if (tree / ".unpacked").exists():
        return tree
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    log(f"downloading {pkg} {version}")
    try:
        _run(["apt-get", "download", f"{pkg}={version}"], cwd=CACHE_DIR)
    except (OSError, subprocess.CalledProcessError) as e:
        err = getattr(e, "stderr", "") or str(e)
        raise KernelUnavailable(f"apt-get download {pkg} failed: {err.strip()}") from None
    deb = next(CACHE_DIR.glob(f"{pkg}_*.deb"))
    shutil.rmtree(tree, ignore_errors=True)
    log(f"unpacking {deb.name}")
    _run(["dpkg-deb", "-x", str(deb), str(tree)])
    # The package ships no modules.dep: the postinst would make it.
    depmod = shutil.which("depmod") or "/sbin/depmod"  # /sbin may be off a user's PATH
    _run([depmod, "-b", str(tree), kernel_release(tree)])
    (tree / ".unpacked").touch()
    deb.unlink()  # the unpacked tree is all later builds need
    # ~400 MB each: keep one tree per series (6.1 and 6.12 builds alternate).
    for old in CACHE_DIR.glob("linux-image-*_*"):
        if (old != tree and old.is_dir()
                and series_of(old.name.split("_", 1)[1]) == series_of(version)):
            log(f"removing superseded {old.name}")
            shutil.rmtree(old)
    return tree


def kernel_release(tree):
    (moddir,) = (tree / "lib" / "modules").iterdir()
    return moddir.name


# --- what goes into the initramfs -----------------------------------------

def _modname(path):
    """'kernel/drivers/vfio/pci/vfio-pci.ko.xz' -> 'vfio_pci' (modprobe's spelling)."""
    return re.sub(r"\.ko(\.\w+)?$", "", Path(path).name).replace("-", "_")


def module_closure(moddir, names):
    """Return the module files (relative to moddir) that loading `names` needs,
    dependencies included.  Built-in modules need no file."""
    deps = {}
    for line in (moddir / "modules.dep").read_text().splitlines():
        mod, _, rest = line.partition(":")
        deps[mod] = rest.split()
    by_name = {_modname(m): m for m in deps}
    builtin = {_modname(m) for m in (moddir / "modules.builtin").read_text().split()}
    wanted, todo = set(), []
    for name in names:
        key = name.replace("-", "_")
        if key in by_name:
            todo.append(by_name[key])
        elif key not in builtin:
            raise GuestError(f"kernel module {name} is neither in modules.dep nor built in")
    while todo:
        mod = todo.pop()
        if mod not in wanted:
            wanted.add(mod)
            todo.extend(deps[mod])
    return sorted(wanted)


def plain_module(name):
    """'kernel/.../igb.ko.xz' -> 'kernel/.../igb.ko': the initramfs holds modules
    uncompressed, since busybox's modprobe need not read xz (6.12 compresses
    them, 6.1 does not).  The initramfs as a whole is gzipped anyway."""
    return name[:-3] if name.endswith(".ko.xz") else name


def module_bytes(path):
    data = path.read_bytes()
    if path.name.endswith(".ko.xz"):
        return lzma.decompress(data)
    if not path.name.endswith(".ko"):
        raise GuestError(f"{path}: cannot unpack this module compression")
    return data


def _ldd(path):
    """Absolute paths of the libraries and loader `ldd` says path needs."""
    try:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
    except OSError as e:
        raise GuestError(f"ldd: {e}") from None
    if "not a dynamic executable" in out or "statically linked" in out:
        return []
    libs = []
    for line in out.splitlines():
        if "not found" in line:
            raise GuestError(f"{path}: missing library: {line.strip()}")
        m = re.search(r"(?:=>\s*)?(/\S+)\s+\(0x", line)
        if m:
            libs.append(m.group(1))
    return libs


def shared_libraries(binary):
    """Every library the binary loads, linked or dlopen()ed, loader included."""
    libs = _ldd(binary)
    if not libs:  # static binary (or a script)
        return []
    # dlopen() searches the same directories as the linked libraries came from.
    dirs = dict.fromkeys(str(Path(lib).parent) for lib in libs)
    for soname in DLOPENED:
        found = [Path(d) / soname for d in dirs if (Path(d) / soname).exists()]
        if not found:
            log(f"warning: {soname} not found: vtdcert in the guest will lack it")
            continue
        libs += [str(found[0]), *_ldd(found[0])]
    return list(dict.fromkeys(libs))


def inputs_digest(kernel, binary, libs, modules):
    """Hash of everything the image is made from, builder code included."""
    h = hashlib.sha256()
    h.update(repr((kernel, modules, libs)).encode())
    for f in [binary, BUSYBOX, INIT_SCRIPT, *map(Path, libs),
              HARNESS / "guest.py", HARNESS / "newc.py"]:
        h.update(str(f).encode() + b"\0" + Path(f).read_bytes())
    return h.hexdigest()


def write_initramfs(path, tree, kver, modules, binary, libs):
    out = NewcWriter(path)
    dirs = set()

    def mkdirs(name):
        parts = Path(name).parts[:-1]
        for i in range(1, len(parts) + 1):
            d = "/".join(parts[:i])
            if d not in dirs:
                dirs.add(d)
                out.add_dir(d)

    def add(name, data, mode=0o644):
        mkdirs(name)
        out.add_file(name, data, mode)

    for d in ("dev", "proc", "sys", "tmp", "root", "bin", "sbin", "usr/bin", "usr/sbin"):
        mkdirs(d + "/x")
    out.add_chardev("dev/console", 5, 1)
    out.add_chardev("dev/null", 1, 3, 0o666)

    add("bin/busybox", BUSYBOX.read_bytes(), 0o755)
    for applet in _run([str(BUSYBOX), "--list-full"]).split():
        if applet != "bin/busybox" and applet not in out:
            mkdirs(applet)
            out.add_symlink(applet, "/bin/busybox")
    add("init", INIT_SCRIPT.read_bytes(), 0o755)

    add(GUEST_BIN, binary.read_bytes(), 0o755)
    for lib in libs:  # at the same paths: the binary's loader path is absolute
        add(lib.lstrip("/"), Path(lib).read_bytes(), 0o755)

    moddir = tree / "lib" / "modules" / kver
    guest_moddir = f"lib/modules/{kver}"
    for mod in modules:
        add(f"{guest_moddir}/{plain_module(mod)}", module_bytes(moddir / mod))
    # modules.dep cut down to the modules shipped (their deps are all shipped
    # too), naming the uncompressed files.
    keep = set(modules)
    dep_lines = []
    for line in (moddir / "modules.dep").read_text().splitlines():
        mod, _, deps = line.partition(":")
        if mod in keep:
            dep_lines.append(plain_module(mod) + ":"
                             + "".join(" " + plain_module(d) for d in deps.split()))
    add(f"{guest_moddir}/modules.dep", ("\n".join(dep_lines) + "\n").encode())
    for extra in ("modules.builtin", "modules.order"):
        add(f"{guest_moddir}/{extra}", (moddir / extra).read_bytes())
    add("etc/vtdcert/modules", ("\n".join(MODULES) + "\n").encode())
    out.close()


class Guest(NamedTuple):
    """A built guest: what to boot, and what it is made of."""
    kernel: Path        # bzImage
    initramfs: Path
    series: str         # "6.1"
    package: str        # "linux-image-6.1.0-56-amd64"
    version: str        # "6.1.192-2"
    release: str        # "6.1.0-56-amd64" (uname -r in the guest)


def guest_dir(series):
    return GUEST_DIR / series


def build(series=DEFAULT_SERIES, force=False):
    """Make build/guest/<series>/ current; return the Guest."""
    GUEST_DIR.mkdir(parents=True, exist_ok=True)
    # Several run-qemu processes may start at once: one builds, the others wait.
    with open(GUEST_DIR / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build(series, force)


def _build(series, force):
    binary = vtdcert_binary()
    if not binary.is_file():
        raise GuestError(f"{binary} does not exist (run make first)")
    if not BUSYBOX.is_file():
        raise GuestError(f"{BUSYBOX} missing (apt-get install busybox-static)")
    pkg, version = resolve_kernel(series)
    libs = shared_libraries(binary)
    digest = inputs_digest((pkg, version), binary, libs, MODULES)
    out = guest_dir(series)
    kernel, initramfs, stamp = out / "bzImage", out / "initramfs.cpio.gz", out / "stamp"
    release_file = out / "release"
    if (not force and kernel.exists() and initramfs.exists() and release_file.exists()
            and stamp.exists() and stamp.read_text().strip() == digest):
        log(f"guest up to date ({pkg} {version})")
        return Guest(kernel, initramfs, series, pkg, version, release_file.read_text().strip())

    tree = unpack_kernel(pkg, version)
    kver = kernel_release(tree)
    modules = module_closure(tree / "lib" / "modules" / kver, MODULES)
    log(f"building initramfs: kernel {kver}, {len(modules)} modules, "
        f"{binary.name} + {len(libs)} libraries")
    out.mkdir(parents=True, exist_ok=True)
    tmp = initramfs.with_suffix(".tmp")
    write_initramfs(tmp, tree, kver, modules, binary, libs)
    shutil.copyfile(tree / "boot" / f"vmlinuz-{kver}", kernel)
    tmp.replace(initramfs)
    release_file.write_text(kver + "\n")
    stamp.write_text(digest + "\n")
    log(f"wrote {kernel.relative_to(ROOT)} and {initramfs.relative_to(ROOT)} "
        f"({initramfs.stat().st_size // 1024} KiB)")
    return Guest(kernel, initramfs, series, pkg, version, kver)


def main(argv=None):
    import argparse

    ap = argparse.ArgumentParser(prog="build-guest", description=__doc__.split("\n\n")[0])
    ap.add_argument("--force", action="store_true", help="rebuild even if up to date")
    ap.add_argument("--kernel", choices=SERIES, default=DEFAULT_SERIES,
                    help="kernel series (default %(default)s)")
    args = ap.parse_args(argv)
    try:
        build(args.kernel, force=args.force)
    except KernelUnavailable as e:
        log(f"error: {e}")
        return 3
    except GuestError as e:
        log(f"error: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
