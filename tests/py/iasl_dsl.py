"""Parse the DMAR disassembly written by `iasl -d` (acpica-tools 20200925).

iasl is the reference decoder the corpus tests compare `vtdcert decode` with.
Every field line of its data-table disassembly looks like

    [038h 0056   8]        Register Base Address : 00000000FBFFC000

i.e. [hex offset, decimal offset, byte length] name : value.  This module reads
those lines into Subtable / Scope objects (parse_dmar_dsl) and turns them into
the shape of `vtdcert decode` JSON (expected_decode), limited to what iasl
actually decoded.

Things in iasl's output that need care (all handled here):
  * iasl 20200925 does not know DMAR subtable types 5 (SATC) and 6 (SIDP).  It
    prints the Subtable Type and Length lines of such a subtable, then
    "**** Unknown DMAR subtable type 0x5" and stops decoding the table.
  * Names (Oem ID, Oem Table ID, Asl Compiler ID) are printed up to the first
    NUL byte, with non-printable bytes replaced by a space (AcpiUtCheckAndRepairAscii).
  * A bad checksum is not a separate field: the Checksum line gets a
    "/* Incorrect checksum, should be XX */" comment.
  * Host Address Width is the raw field (width - 1), in hex: "2D" is 46 bits.
  * The DRHD byte at offset 5 (Size in VT-d 4.x) is printed as "Reserved".
  * RHSA's register base is printed as "Base Address", like RMRR's base.
  * A device scope with several path entries prints one "PCI Path : DD,FF"
    line per entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

LINE_RE = re.compile(
    r"^\[(?P<hex>[0-9A-Fa-f]+)h (?P<dec>\d+)\s+(?P<len>\d+)\]\s+(?P<name>\S.*?) :\s?(?P<value>.*)$"
)
STRING_RE = re.compile(r'^"(?P<s>.*)"(?:\s+(?:\[.*\]|/\*.*\*/))?\s*$')
UNKNOWN_RE = re.compile(r"^\*\*\*\* Unknown DMAR subtable type 0x([0-9A-Fa-f]+)")

# DMAR remapping structure types, as named in the vtdcert JSON contract.
STRUCTURE_NAMES = {0: "DRHD", 1: "RMRR", 2: "ATSR", 3: "RHSA", 4: "ANDD", 5: "SATC", 6: "SIDP"}

# iasl field name -> vtdcert key, per structure type.  The DRHD "size" byte is
# matched by its offset (iasl calls it "Reserved"), see expected_decode.
STRUCTURE_FIELDS = {
    0: {"Flags": "flags", "PCI Segment Number": "segment", "Register Base Address": "register_base"},
    1: {"PCI Segment Number": "segment", "Base Address": "base", "End Address (limit)": "limit"},
    2: {"Flags": "flags", "PCI Segment Number": "segment"},
    3: {"Base Address": "register_base", "Proximity Domain": "proximity_domain"},
    4: {"Device Number": "device_number", "Device Name": "object_name"},
}
STRING_KEYS = {"object_name"}
HAS_SCOPES = {0, 1, 2, 5, 6}

HEADER_FIELDS = {
    "Signature": ("signature", "str"),
    "Table Length": ("length", "int"),
    "Revision": ("revision", "int"),
    "Oem ID": ("oem_id", "str"),
    "Oem Table ID": ("oem_table_id", "str"),
    "Oem Revision": ("oem_revision", "int"),
    "Asl Compiler ID": ("creator_id", "str"),
    "Asl Compiler Revision": ("creator_revision", "int"),
    "Flags": ("flags", "int"),
}


class DslError(ValueError):
    """The .dsl text is not what this parser understands."""


@dataclass
class Field:
    offset: int
    length: int
    name: str
    text: str  # everything after "name : "

    def int(self) -> int:
        token = self.text.split()[0] if self.text.split() else ""
        try:
            return int(token, 16)
        except ValueError:
            raise DslError(f"field {self.name!r} at {self.offset:#x}: not a hex number: {self.text!r}")

    def str(self) -> str:
        m = STRING_RE.match(self.text)
        if not m:
            raise DslError(f"field {self.name!r} at {self.offset:#x}: not a quoted string: {self.text!r}")
        return m.group("s")


@dataclass
class Scope:
    offset: int
    type: int
    fields: List[Field] = field(default_factory=list)
    paths: List[Tuple[int, int]] = field(default_factory=list)  # (device, function)

    def get(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise DslError(f"device scope at {self.offset:#x}: no {name!r} line")


@dataclass
class Subtable:
    offset: int
    type: int
    length: Optional[int] = None
    fields: List[Field] = field(default_factory=list)
    scopes: List[Scope] = field(default_factory=list)
    unknown: bool = False  # iasl printed "Unknown DMAR subtable type" here and stopped


@dataclass
class DmarDsl:
    header: List[Field] = field(default_factory=list)
    subtables: List[Subtable] = field(default_factory=list)
    stopped_early: bool = False  # iasl gave up before the end of the table
    checksum_valid: bool = True

    def header_field(self, name: str) -> Field:
        for f in self.header:
            if f.name == name:
                return f
        raise DslError(f"no header line {name!r}")


def parse_line(line: str) -> Optional[Field]:
    m = LINE_RE.match(line)
    if not m:
        return None
    offset = int(m.group("hex"), 16)
    if offset != int(m.group("dec")):
        raise DslError(f"hex and decimal offsets disagree: {line!r}")
    return Field(offset, int(m.group("len")), m.group("name"), m.group("value").rstrip())


def parse_dmar_dsl(text: str) -> DmarDsl:
    dsl = DmarDsl()
    sub: Optional[Subtable] = None
    scope: Optional[Scope] = None
    for line in text.splitlines():
        if line.startswith("Raw Table Data"):
            break
        unknown = UNKNOWN_RE.match(line.strip())
        if unknown:
            if sub is None or sub.type != int(unknown.group(1), 16):
                raise DslError(f"unexpected line {line!r}")
            sub.unknown = True
            dsl.stopped_early = True
            break
        if line.startswith("****"):
            # Any other iasl complaint: it stops decoding as well.
            dsl.stopped_early = True
            break
        f = parse_line(line)
        if f is None:
            continue
        if f.name == "Subtable Type":
            sub = Subtable(offset=f.offset, type=f.int())
            scope = None
            dsl.subtables.append(sub)
        elif sub is None:
            dsl.header.append(f)
            if f.name == "Checksum" and "Incorrect checksum" in f.text:
                dsl.checksum_valid = False
        elif f.name == "Device Scope Type":
            scope = Scope(offset=f.offset, type=f.int())
            sub.scopes.append(scope)
        elif f.name == "PCI Path":
            if scope is None:
                raise DslError(f"PCI Path outside a device scope: {line!r}")
            dev, fn = (int(x, 16) for x in f.text.split(","))
            scope.paths.append((dev, fn))
        elif scope is not None:
            scope.fields.append(f)
        elif f.name == "Length" and sub.length is None:
            sub.length = f.int()
        else:
            sub.fields.append(f)
    if not dsl.header:
        raise DslError("no ACPI header lines found: not an iasl data-table disassembly?")
    if dsl.header_field("Signature").str() != "DMAR":
        raise DslError("not a DMAR disassembly")
    return dsl


def iasl_ascii(s: str) -> str:
    """Render a name the way iasl prints it: up to the first NUL, non-printables as spaces."""
    out = []
    for ch in s:
        if ch == "\0":
            break
        out.append(ch if " " <= ch <= "~" else " ")
    return "".join(out)


def expected_decode(dsl: DmarDsl) -> dict:
    """What `vtdcert decode` must print, as far as iasl decoded the table.

    Returns a dict in the vtdcert JSON shape, plus "complete": False when iasl
    stopped early (then only the first len(structures) structures are known,
    and the last of them only by type, offset and length).
    """
    out = {}
    for f in dsl.header:
        if f.name in HEADER_FIELDS:
            key, kind = HEADER_FIELDS[f.name]
            out[key] = f.str() if kind == "str" else f.int()
    out["checksum_valid"] = dsl.checksum_valid
    out["host_address_width"] = dsl.header_field("Host Address Width").int() + 1

    structures = []
    for sub in dsl.subtables:
        s = {"type": STRUCTURE_NAMES.get(sub.type, sub.type), "offset": sub.offset, "length": sub.length}
        if sub.unknown:
            structures.append(s)
            continue
        names = STRUCTURE_FIELDS.get(sub.type)
        if names is None:
            raise DslError(f"iasl decoded subtable type {sub.type} that this parser does not map")
        for f in sub.fields:
            if sub.type == 0 and f.offset == sub.offset + 5 and f.length == 1:
                s["size"] = f.int()  # "Reserved" in iasl 20200925, Size in VT-d 4.x
            elif f.name in names:
                key = names[f.name]
                s[key] = f.str() if key in STRING_KEYS else f.int()
        missing = set(names.values()) - set(s)
        if missing:
            raise DslError(f"subtable at {sub.offset:#x}: iasl printed no line for {sorted(missing)}")
        if sub.type in HAS_SCOPES:
            s["device_scopes"] = [
                {
                    "type": sc.type,
                    "length": sc.get("Entry Length").int(),
                    "offset": sc.offset,
                    "enumeration_id": sc.get("Enumeration ID").int(),
                    "start_bus": sc.get("PCI Bus Number").int(),
                    "path": [list(p) for p in sc.paths],
                }
                for sc in sub.scopes
            ]
        structures.append(s)
    out["structures"] = structures
    out["complete"] = not dsl.stopped_early
    return out
