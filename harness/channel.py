"""Host end of the guest's result channel (the second serial port).

The guest (harness/guest-init.sh) writes one block to ttyS1:

    VTDCERT-BUNDLE-BEGIN <bytes> <sha256>
    <base64 of a gzipped tar of /tmp/out, 76 columns>
    VTDCERT-BUNDLE-END <bytes> <sha256>

Both marker lines carry the size and checksum so a block cut short, doubled or
mixed with other output is detected, never half-extracted.
"""

import base64
import binascii
import hashlib
import io
import re
import tarfile
from pathlib import Path, PurePosixPath

BEGIN = "VTDCERT-BUNDLE-BEGIN"
END = "VTDCERT-BUNDLE-END"
_MARKER = re.compile(r"^(%s|%s) (\d+) ([0-9a-f]{64})$" % (BEGIN, END))


class ChannelError(Exception):
    """The channel holds no complete, intact bundle; the message says what is wrong."""


def decode(raw):
    """Return the bundle (gzipped tar bytes) found in the channel's raw bytes."""
    lines = [line.strip("\r") for line in raw.decode("ascii", "replace").split("\n")]
    begins = [i for i, line in enumerate(lines) if line.startswith(BEGIN)]
    if not begins:
        raise ChannelError("no bundle on the channel (guest never reached the end of /init)"
                           if not raw else "channel has output but no BEGIN marker")
    if len(begins) > 1:
        raise ChannelError(f"channel holds {len(begins)} bundles, expected one")
    start = begins[0]
    head = _MARKER.match(lines[start])
    if not head:
        raise ChannelError(f"malformed marker line: {lines[start][:100]!r}")
    size, digest = int(head.group(2)), head.group(3)
    try:
        stop = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(END))
    except StopIteration:
        raise ChannelError(f"bundle truncated: no END marker after {len(lines) - start - 1} "
                           "lines") from None
    tail = _MARKER.match(lines[stop])
    if not tail or (int(tail.group(2)), tail.group(3)) != (size, digest):
        raise ChannelError(f"END marker does not match BEGIN: {lines[stop][:100]!r}")
    try:
        data = base64.b64decode("".join(lines[start + 1:stop]), validate=True)
    except binascii.Error as e:
        raise ChannelError(f"bundle is not valid base64: {e}") from None
    if len(data) != size:
        raise ChannelError(f"bundle is {len(data)} bytes, marker says {size}")
    if hashlib.sha256(data).hexdigest() != digest:
        raise ChannelError("bundle checksum mismatch")
    return data


def extract(bundle, dest):
    """Unpack the bundle into dest; refuse members that would land outside it
    (a path with '..', or one that goes through a symlink the bundle made)."""
    dest = Path(dest)
    try:
        with tarfile.open(fileobj=io.BytesIO(bundle), mode="r:gz") as tar:
            members = tar.getmembers()
            links = {PurePosixPath(m.name) for m in members if m.issym()}
            for m in members:
                path = PurePosixPath(m.name)
                if path.is_absolute() or ".." in path.parts or links & set(path.parents):
                    raise ChannelError(f"bundle member escapes the output dir: {m.name}")
                if not (m.isfile() or m.isdir() or m.issym()):
                    raise ChannelError(f"bundle member of unexpected type: {m.name}")
            tar.extractall(dest, members=members)
    except (tarfile.TarError, EOFError, OSError) as e:
        raise ChannelError(f"bundle does not unpack: {e}") from None
