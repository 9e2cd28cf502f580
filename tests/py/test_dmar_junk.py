"""vtdcert on junk and damaged DMAR tables: no crash, no hang, a clear message.

Every run goes through run_checked (conftest): 10 s timeout, a signal or a
sanitizer report fails the test.  Damaged tables are built from a real corpus
table by patching bytes; the checksum is recomputed unless the test is about it.

Base table 072875B334CD (180 bytes) lays out as:
    0x30 DRHD len 0x28, device scopes at 0x40, 0x48, 0x50 (8 bytes each)
    0x58 RMRR len 0x28, scopes at 0x70, 0x78
    0x80 ATSR len 0x20, scopes at 0x88, 0x90, 0x98
    0xA0 RHSA len 0x14, table ends at 0xB4
"""

from __future__ import annotations

import random
import struct

import pytest

from conftest import acpi_checksum_fix, mentions_number, parse_json

BASE = "072875B334CD"
MIN_DMAR = 36 + 12  # ACPI header + DMAR fields


@pytest.fixture
def base_table(corpus_table) -> bytearray:
    data = bytearray(corpus_table(BASE).read_bytes())
    # The offsets used below depend on this layout; stop early if the corpus changed.
    layout = [struct.unpack_from("<HH", data, off) for off in (0x30, 0x58, 0x80, 0xA0)]
    assert len(data) == 0xB4 and layout == [(0, 0x28), (1, 0x28), (2, 0x20), (3, 0x14)], \
        f"{BASE} is not the table these tests were written for"
    return data


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(bytes(data))
    return path


def assert_not_dmar(run_vtdcert, path, *, says=None):
    """Both commands must refuse the file with exit 2 and say which file (and why)."""
    proc = run_vtdcert("decode", "--json", path)
    assert proc.returncode == 2, f"decode {path.name}: exit {proc.returncode}, want 2\nstderr: {proc.stderr}"
    assert path.name in proc.stderr, f"decode: stderr does not name the file: {proc.stderr!r}"
    if says:
        assert says in proc.stderr, f"decode: stderr does not say {says!r}: {proc.stderr!r}"

    proc = run_vtdcert("dmar", "--json", "-", "--quiet", path)
    assert proc.returncode == 2, f"dmar {path.name}: exit {proc.returncode}, want 2\nstderr: {proc.stderr}"
    # dmar may say it on stderr or in a fail/error result about the file.
    texts = [proc.stderr]
    if proc.stdout.strip():
        report = parse_json(proc, f"dmar {path.name}")
        texts += [f"{r.get('subject')}: {r.get('message')}" for r in report.get("results", [])
                  if r.get("status") in ("fail", "error")]
    assert any(path.name in t for t in texts), f"dmar: neither stderr nor a fail/error result names the file: {texts}"
    if says:
        assert any(says in t for t in texts), f"dmar: neither stderr nor a fail/error result says {says!r}: {texts}"


# ------------------------------------------------------- not a DMAR table at all

def test_missing_file(run_vtdcert, tmp_path):
    assert_not_dmar(run_vtdcert, tmp_path / "no-such-table.dat")


def test_directory_is_unreadable(run_vtdcert, tmp_path):
    path = tmp_path / "a-directory.dat"
    path.mkdir()
    assert_not_dmar(run_vtdcert, path)


def test_empty_file(run_vtdcert, tmp_path):
    assert_not_dmar(run_vtdcert, write(tmp_path, "empty.dat", b""))


def test_ten_bytes(run_vtdcert, tmp_path):
    assert_not_dmar(run_vtdcert, write(tmp_path, "ten.dat", b"DMAR\xb4\x00\x00\x00\x01\x00"))


@pytest.mark.parametrize("size", [36, MIN_DMAR - 1])
def test_shorter_than_dmar_header(run_vtdcert, tmp_path, base_table, size):
    data = base_table[:size]
    struct.pack_into("<I", data, 4, size)
    acpi_checksum_fix(data)
    assert_not_dmar(run_vtdcert, write(tmp_path, f"short{size}.dat", data))


def test_apic_signature(run_vtdcert, tmp_path, base_table):
    base_table[0:4] = b"APIC"
    acpi_checksum_fix(base_table)
    assert_not_dmar(run_vtdcert, write(tmp_path, "apic.dat", base_table), says="APIC")


@pytest.mark.parametrize("size", [1, 36, 48, 100, 1000, 65536])
def test_random_bytes(run_vtdcert, tmp_path, size):
    data = random.Random(size).randbytes(size)
    assert data[:4] != b"DMAR"
    assert_not_dmar(run_vtdcert, write(tmp_path, f"random{size}.dat", data))


# ------------------------------------------------- DMAR signature, junk behind it

@pytest.mark.parametrize("size", [48, 100, 1000, 65536])
def test_random_after_signature(run_vtdcert, tmp_path, size):
    data = b"DMAR" + random.Random(1000 + size).randbytes(size - 4)
    assert struct.unpack_from("<I", data, 4)[0] != size
    path = write(tmp_path, f"dmar-random{size}.dat", data)
    proc = run_vtdcert("decode", "--json", path)
    assert proc.returncode in (0, 2), f"decode: exit {proc.returncode}\n{proc.stderr}"
    if proc.returncode == 0:
        doc = parse_json(proc, f"decode {path.name}")
        assert isinstance(doc.get("problems"), list), f"no problems list: {doc}"
    proc = run_vtdcert("dmar", "--json", "-", "--quiet", path)
    assert proc.returncode in (1, 2), \
        f"dmar: exit {proc.returncode} on a table with a random length and checksum\n{proc.stdout[:2000]}"


@pytest.mark.parametrize("body", [16, 200, 4000])
def test_random_structures(run_vtdcert, tmp_path, base_table, body):
    """A valid header followed by random structures: still a DMAR table, so exit 0."""
    data = base_table[:MIN_DMAR] + random.Random(body).randbytes(body)
    struct.pack_into("<I", data, 4, len(data))
    acpi_checksum_fix(data)
    path = write(tmp_path, f"random-body{body}.dat", data)
    proc = run_vtdcert("decode", "--json", path)
    assert proc.returncode == 0, f"decode: exit {proc.returncode}\n{proc.stderr}"
    doc = parse_json(proc, f"decode {path.name}")
    assert isinstance(doc.get("structures"), list) and isinstance(doc.get("problems"), list)
    proc = run_vtdcert("dmar", "--json", "-", "--quiet", path)
    assert proc.returncode in (0, 1), f"dmar: exit {proc.returncode}\n{proc.stderr}"
    parse_json(proc, f"dmar {path.name}")


# ---------------------------------------------------------------- truncation

@pytest.mark.parametrize("cut", range(0, 0xB4, 7), ids=lambda n: f"cut{n}")
def test_truncated(run_vtdcert, tmp_path, base_table, cut):
    path = write(tmp_path, f"cut{cut}.dat", base_table[:cut])  # header still says 180 bytes
    proc = run_vtdcert("decode", "--json", path)
    if cut < MIN_DMAR:
        assert proc.returncode == 2, f"decode of {cut} bytes: exit {proc.returncode}, want 2"
        assert path.name in proc.stderr, f"stderr does not name the file: {proc.stderr!r}"
        return
    assert proc.returncode in (0, 2), f"decode: exit {proc.returncode}\n{proc.stderr}"
    problems = parse_json(proc, "decode").get("problems") if proc.returncode == 0 else None

    check = run_vtdcert("dmar", "--json", "-", "--quiet", path)
    assert check.returncode in (1, 2), \
        f"dmar: exit {check.returncode} for a table cut to {cut} of 180 bytes"
    if problems == []:
        report = parse_json(check, "dmar")
        failed = [r for r in report.get("results", []) if r.get("status") == "fail"]
        assert failed, f"cut to {cut} bytes: decode reports no problem and no dmar check fails"


# ------------------------------------------------------- damaged lengths

def damage_report(run_vtdcert, path, offsets):
    """Decode and check a damaged table; the defect must be reported at one of offsets."""
    shown = " or ".join(f"{o:#x}" for o in offsets)

    proc = run_vtdcert("decode", "--json", path)
    assert proc.returncode == 0, f"decode: exit {proc.returncode}, want 0 (it is a DMAR table)\n{proc.stderr}"
    problems = parse_json(proc, "decode").get("problems", [])
    assert any(p.get("offset") in offsets for p in problems), \
        f"decode: no problem at offset {shown}; problems: {problems}"

    proc = run_vtdcert("dmar", "--json", "-", "--quiet", path)
    assert proc.returncode in (1, 2), f"dmar: exit {proc.returncode}, want 1 or 2"
    texts = [proc.stderr]
    if proc.returncode == 1:
        report = parse_json(proc, "dmar")
        failed = [r for r in report.get("results", []) if r.get("status") == "fail"]
        assert failed, "dmar exits 1 but no result has status fail"
        texts += [str(r.get("message")) for r in failed]
    assert any(mentions_number(t, o) for t in texts for o in offsets), \
        f"dmar: offset {shown} appears neither in stderr nor in a failure message:\n" + "\n".join(texts)


def test_header_length_beyond_file(run_vtdcert, tmp_path, base_table):
    struct.pack_into("<I", base_table, 4, 0xB4 + 16)
    acpi_checksum_fix(base_table)
    path = write(tmp_path, "long-header.dat", base_table)
    # Where the data runs out (the file size) or the length claimed.
    damage_report(run_vtdcert, path, (0xB4, 0xB4 + 16))


def test_structure_length_zero(run_vtdcert, tmp_path, base_table):
    struct.pack_into("<H", base_table, 0x30 + 2, 0)
    acpi_checksum_fix(base_table)
    path = write(tmp_path, "struct-len0.dat", base_table)
    damage_report(run_vtdcert, path, (0x30, 0x32))

    # The DRHD's fields are still in the file (Flags 01 at 0x34, Register Base
    # Address FBFFC000 at 0x38): a decoder may leave them out, but must not
    # report other values, and the checks must not judge values nobody read.
    drhd = [s for s in parse_json(run_vtdcert("decode", "--json", path), "decode")["structures"]
            if s.get("offset") == 0x30]
    invented = {k: (drhd[0][k], want) for k, want in (("flags", 1), ("register_base", 0xFBFFC000))
                if drhd and k in drhd[0] and drhd[0][k] != want}
    assert not invented, f"decode reports DRHD @0x30 fields the bytes do not hold (got, bytes): {invented}"
    report = parse_json(run_vtdcert("dmar", "--json", "-", "--quiet", path), "dmar")
    wrong = [r for r in report.get("results", [])
             if r.get("id") == "dmar.drhd.base-nonzero" and r.get("status") == "fail"]
    assert not wrong, f"base-nonzero fails although the base bytes are FBFFC000:\n{wrong}"


def test_structure_length_past_end(run_vtdcert, tmp_path, base_table):
    struct.pack_into("<H", base_table, 0xA0 + 2, 0x14 + 16)  # RHSA now ends 16 bytes past the table
    acpi_checksum_fix(base_table)
    damage_report(run_vtdcert, write(tmp_path, "struct-long.dat", base_table), (0xA0, 0xA2))


def test_device_scope_length_zero(run_vtdcert, tmp_path, base_table):
    base_table[0x40 + 1] = 0
    acpi_checksum_fix(base_table)
    damage_report(run_vtdcert, write(tmp_path, "scope-len0.dat", base_table), (0x40, 0x41))


def test_device_scope_past_structure(run_vtdcert, tmp_path, base_table):
    base_table[0x50 + 1] = 16  # last DRHD scope now runs 8 bytes into the RMRR
    acpi_checksum_fix(base_table)
    damage_report(run_vtdcert, write(tmp_path, "scope-long.dat", base_table), (0x50, 0x51))


def test_bad_checksum(run_vtdcert, tmp_path, base_table):
    base_table[9] ^= 0x55
    path = write(tmp_path, "bad-checksum.dat", base_table)
    proc = run_vtdcert("decode", "--json", path)
    assert proc.returncode == 0, f"decode: exit {proc.returncode}\n{proc.stderr}"
    doc = parse_json(proc, "decode")
    assert doc["checksum_valid"] is False
    assert [s.get("type") for s in doc["structures"]] == ["DRHD", "RMRR", "ATSR", "RHSA"]


@pytest.mark.parametrize("args", [["--json"], ["--no-such-option", "x.dat"]], ids=["json-no-arg", "bad-option"])
def test_dmar_usage_error(run_vtdcert, args):
    proc = run_vtdcert("dmar", *args)
    assert proc.returncode == 2, f"dmar {' '.join(args)}: exit {proc.returncode}, want 2 (usage error)"
    assert proc.stderr.strip(), "usage error without a message on stderr"
