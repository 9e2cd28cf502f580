"""Build the vtdcert test guest into build/guest/.

The guest is Debian's own kernel (the package linux-image-amd64 points at) and
a busybox initramfs carrying build/vtdcert, the shared libraries it links, the
kernel modules the suites need and /init (harness/guest-init.sh).

    build/guest/bzImage            the kernel
    build/guest/initramfs.cpio.gz  the initramfs
    build/guest/stamp              hash of every input; rebuild only when it changes
    build/guest/cache/             the unpacked kernel package, kept between builds

Environment: VTDCERT_BIN overrides the binary (default build/vtdcert);
VTDCERT_KERNEL_PKG pins a versioned kernel package instead of resolving
linux-image-amd64.
"""

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from newc import NewcWriter

HARNESS = Path(__file__).resolve().parent
ROOT = HARNESS.parent
GUEST_DIR = ROOT / "build" / "guest"
CACHE_DIR = GUEST_DIR / "cache"
KERNEL = GUEST_DIR / "bzImage"
INITRAMFS = GUEST_DIR / "initramfs.cpio.gz"
STAMP = GUEST_DIR / "stamp"
INIT_SCRIPT = HARNESS / "guest-init.sh"
BUSYBOX = Path("/bin/busybox")
GUEST_BIN = "usr/bin/vtdcert"

# Libraries vtdcert dlopen()s, so ldd cannot see them (results/junit_writer.c:
# --junit needs libxml2).  Shipped with their own dependencies when present.
DLOPENED = ("libxml2.so.2",)

# Loaded by /init in this order; their dependencies come from modules.dep.
MODULES = ("nvme-core", "nvme", "e1000", "pci-stub",
           "vfio", "vfio_iommu_type1", "vfio-pci")


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

def resolve_kernel():
    """Return (package, version) of the kernel to boot, e.g.
    ("linux-image-6.1.0-56-amd64", "6.1.192-2")."""
    pkg = os.environ.get("VTDCERT_KERNEL_PKG")
    try:
        if not pkg:
            deps = _run(["apt-cache", "depends", "linux-image-amd64"])
            found = re.findall(r"Depends: (linux-image-\S+)", deps)
            if not found:
                raise KernelUnavailable("apt-cache does not know linux-image-amd64 "
                                        "(run apt-get update)")
            pkg = found[0]
        show = _run(["apt-cache", "show", "--no-all-versions", pkg])
        version = re.search(r"^Version: (\S+)", show, re.M).group(1)
        return pkg, version
    except (OSError, subprocess.CalledProcessError, AttributeError, KernelUnavailable) as e:
        # Offline, or apt lists gone: fall back to a kernel unpacked earlier.
        cached = sorted(CACHE_DIR.glob(f"{pkg or 'linux-image-*'}_*/.unpacked"))
        if cached:
            pkg, version = cached[-1].parent.name.split("_", 1)
            return pkg, version
        raise KernelUnavailable(f"cannot resolve the kernel package: {e}") from None


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
    for old in CACHE_DIR.glob("linux-image-*_*"):  # ~400 MB each: keep only this one
        if old != tree and old.is_dir():
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
        add(f"{guest_moddir}/{mod}", (moddir / mod).read_bytes())
    # modules.dep cut down to the modules shipped (their deps are all shipped too).
    keep = set(modules)
    dep_lines = [line for line in (moddir / "modules.dep").read_text().splitlines()
                 if line.partition(":")[0] in keep]
    add(f"{guest_moddir}/modules.dep", ("\n".join(dep_lines) + "\n").encode())
    for extra in ("modules.builtin", "modules.order"):
        add(f"{guest_moddir}/{extra}", (moddir / extra).read_bytes())
    add("etc/vtdcert/modules", ("\n".join(MODULES) + "\n").encode())
    out.close()


def build(force=False):
    """Make build/guest/ current; return (kernel, initramfs) paths."""
    GUEST_DIR.mkdir(parents=True, exist_ok=True)
    # Several run-qemu processes may start at once: one builds, the others wait.
    with open(GUEST_DIR / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build(force)


def _build(force):
    binary = vtdcert_binary()
    if not binary.is_file():
        raise GuestError(f"{binary} does not exist (run make first)")
    if not BUSYBOX.is_file():
        raise GuestError(f"{BUSYBOX} missing (apt-get install busybox-static)")
    pkg, version = resolve_kernel()
    libs = shared_libraries(binary)
    digest = inputs_digest((pkg, version), binary, libs, MODULES)
    if (not force and KERNEL.exists() and INITRAMFS.exists()
            and STAMP.exists() and STAMP.read_text().strip() == digest):
        log(f"guest up to date ({pkg} {version})")
        return KERNEL, INITRAMFS

    tree = unpack_kernel(pkg, version)
    kver = kernel_release(tree)
    modules = module_closure(tree / "lib" / "modules" / kver, MODULES)
    log(f"building initramfs: kernel {kver}, {len(modules)} modules, "
        f"{binary.name} + {len(libs)} libraries")
    tmp = INITRAMFS.with_suffix(".tmp")
    write_initramfs(tmp, tree, kver, modules, binary, libs)
    shutil.copyfile(tree / "boot" / f"vmlinuz-{kver}", KERNEL)
    tmp.replace(INITRAMFS)
    STAMP.write_text(digest + "\n")
    log(f"wrote {KERNEL.relative_to(ROOT)} and {INITRAMFS.relative_to(ROOT)} "
        f"({INITRAMFS.stat().st_size // 1024} KiB)")
    return KERNEL, INITRAMFS


def main(argv=None):
    import argparse

    ap = argparse.ArgumentParser(prog="build-guest", description=__doc__.split("\n\n")[0])
    ap.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = ap.parse_args(argv)
    try:
        build(force=args.force)
    except KernelUnavailable as e:
        log(f"error: {e}")
        return 3
    except GuestError as e:
        log(f"error: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
