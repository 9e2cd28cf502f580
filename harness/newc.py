"""Write a gzip-compressed newc ("070701") cpio archive, the format the Linux
kernel unpacks as an initramfs.

Written here rather than with cpio(1) so that the archive can hold device
nodes (/dev/console must exist before init opens it) without root, and so that
it is reproducible: every entry is owned by 0:0 with mtime 0.
"""

import gzip
import stat


class NewcWriter:
    """Add entries in order (parents before children), then close()."""

    def __init__(self, path):
        self._raw = open(path, "wb")
        # mtime=0 and no file name in the gzip header keep the output stable.
        self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw,
                                 mtime=0, compresslevel=6)
        self._ino = 0
        self._names = set()

    def _entry(self, name, mode, data=b"", rdev=(0, 0)):
        name = name.strip("/")
        if name in self._names:
            raise ValueError(f"duplicate initramfs entry: {name}")
        self._names.add(name)
        self._ino += 1
        encoded = name.encode() + b"\0"
        fields = (self._ino, mode, 0, 0, 1, 0, len(data), 0, 0,
                  rdev[0], rdev[1], len(encoded), 0)
        header = b"070701" + b"".join(b"%08X" % f for f in fields)
        self._gz.write(header + encoded + _pad(len(header) + len(encoded)))
        self._gz.write(data + _pad(len(data)))

    def __contains__(self, name):
        return name.strip("/") in self._names

    def add_dir(self, name, mode=0o755):
        self._entry(name, stat.S_IFDIR | mode)

    def add_file(self, name, data, mode=0o644):
        self._entry(name, stat.S_IFREG | mode, data)

    def add_symlink(self, name, target):
        self._entry(name, stat.S_IFLNK | 0o777, target.encode())

    def add_chardev(self, name, major, minor, mode=0o600):
        self._entry(name, stat.S_IFCHR | mode, rdev=(major, minor))

    def close(self):
        self._ino += 1
        trailer = b"TRAILER!!!\0"
        header = b"070701" + b"".join(
            b"%08X" % f for f in (0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, len(trailer), 0))
        self._gz.write(header + trailer + _pad(len(header) + len(trailer)))
        self._gz.close()
        self._raw.close()


def _pad(n):
    """newc aligns every header+name and every file body to 4 bytes."""
    return b"\0" * (-n % 4)
