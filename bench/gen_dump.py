#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write a synthetic `lspci -xxxx` dump of at least N PCI functions.

    bench/gen_dump.py N OUT

The machine is bench/groups.c's, in config bytes: per segment up to 16 root
ports, each with a switch (an upstream port, 8 downstream ports), each
downstream port with an 8-function endpoint; half the downstream ports and
every other endpoint without ACS, so grouping has real work to do. 74
functions per root port; root ports are added until there are N functions.

Each function is printed as lspci -xxxx prints it: its 256-byte
configuration space line by line, then the extended space. Extended lines
that are all zero are left out except the last (0xff0), which keeps the
4096-byte length libpci's dump reader takes from the highest offset: the
dump reads back as the same 4096 bytes, at a tenth of the size on disk.
"""
import struct
import sys

FUNCS_PER_ROOT_PORT = 74
ROOT_PORTS_PER_SEGMENT = 16
DSPS, EP_FUNCTIONS = 8, 8
PCI_EXP_TYPE = {"endpoint": 0, "root_port": 4, "upstream": 5, "downstream": 6}
ACS_SV_RR_CR_UF = 0x01 | 0x04 | 0x08 | 0x10       # what Linux requires of a bridge


def config(kind, multifunction=False, bus=None, acs=True):
    c = bytearray(4096)
    struct.pack_into("<HH", c, 0x00, 0x8086, 0x1234 if kind == "endpoint" else 0x2030)
    struct.pack_into("<H", c, 0x06, 0x0010)                 # status: capability list
    if kind == "endpoint":
        c[0x0a], c[0x0b] = 0x00, 0x02                       # Ethernet controller
        c[0x0e] = 0x80 if multifunction else 0x00
    else:
        c[0x0a], c[0x0b] = 0x04, 0x06                       # PCI bridge
        c[0x0e] = 0x01
        c[0x18], c[0x19], c[0x1a] = bus                     # primary, secondary, subordinate
    c[0x34] = 0x40
    c[0x40], c[0x41] = 0x10, 0x00                           # PCI Express, last capability
    struct.pack_into("<H", c, 0x42, 2 | PCI_EXP_TYPE[kind] << 4)
    if acs:
        struct.pack_into("<IHH", c, 0x100, 0x000d | 1 << 16, 0x001f, ACS_SV_RR_CR_UF)
    return c


def hexdump(c):
    lines = []
    for off in range(0, 4096, 16):
        row = c[off:off + 16]
        if off >= 256 and off != 0xff0 and not any(row):
            continue
        lines.append(f"{off:02x}: " + " ".join(f"{b:02x}" for b in row))
    return "\n".join(lines)


def functions(n):
    """(segment, bus, device, function, name, config) until at least n functions."""
    made = rp = 0
    while made < n:
        seg, r = divmod(rp, ROOT_PORTS_PER_SEGMENT)
        b1 = 1 + r * 10                 # the switch's upstream port
        b2 = b1 + 1                     # its downstream ports
        yield seg, 0, r, 0, "PCI bridge", config("root_port", bus=(0, b1, b1 + 9))
        yield seg, b1, 0, 0, "PCI bridge", config("upstream", bus=(b1, b2, b1 + 9))
        for d in range(DSPS):
            b3 = b2 + 1 + d
            yield (seg, b2, d, 0, "PCI bridge",
                   config("downstream", bus=(b2, b3, b3), acs=d % 2 == 0))
            for f in range(EP_FUNCTIONS):
                yield (seg, b3, 0, f, "Ethernet controller",
                       config("endpoint", multifunction=True, acs=d % 4 < 2))
        made += FUNCS_PER_ROOT_PORT
        rp += 1


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    count = 0
    with open(out, "w") as f:
        for seg, bus, dev, fn, name, c in functions(n):
            f.write(f"{seg:04x}:{bus:02x}:{dev:02x}.{fn} {name}: Intel Corporation "
                    f"Device {struct.unpack_from('<H', c, 2)[0]:04x}\n{hexdump(c)}\n\n")
            count += 1
    print(count)


if __name__ == "__main__":
    main()
