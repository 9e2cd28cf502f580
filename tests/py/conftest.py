"""Shared fixtures for the vtdcert Python tests.

Layout:
    <root>/build/vtdcert              the binary (override: env VTDCERT_BIN)
    <root>/fixtures/corpus/dmar       real DMAR tables <HWID>.dat and MANIFEST.tsv
    <root>/fixtures/corpus/pci        real lspci -xxxx dumps

Everything a test needs is part of the project or installed by
ci/install-deps, so a missing input (the binary, the corpus, iasl, QEMU,
the guest kernel) fails the test that needs it: `make check` cannot pass
by skipping. The one input README.md says may be absent is KVM.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "fixtures" / "corpus" / "dmar"
TIMEOUT_S = 10

# Signs that a sanitizer build (VTDCERT_BIN=build/asan/vtdcert) caught a bug:
# such a run may still exit with an "allowed" status, so look at stderr too.
SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                     "ERROR: UndefinedBehaviorSanitizer")


def corpus_tables():
    """Sorted list of the corpus .dat files ([] when the corpus is absent)."""
    if not CORPUS_DIR.is_dir():
        return []
    return sorted(CORPUS_DIR.glob("*.dat"))


def corpus_params():
    """pytest.param per corpus table (id = hwid); one param that fails if absent."""
    tables = corpus_tables()
    if not tables:
        return [pytest.param(None, id="no-corpus")]
    return [pytest.param(p, id=p.stem) for p in tables]


def need_table(path):
    """Fail (never skip) a corpus test whose table is missing."""
    if path is None:
        pytest.fail(f"DMAR corpus not found at {CORPUS_DIR} (it is part of the project)")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_DIR.is_dir() or not any(CORPUS_DIR.glob("*.dat")):
        pytest.fail(f"DMAR corpus not found at {CORPUS_DIR} (it is part of the project)")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def corpus_table(corpus_dir):
    """corpus_table("072875B334CD") -> Path of that table (fails if it is missing)."""
    def get(hwid: str) -> Path:
        p = corpus_dir / f"{hwid}.dat"
        if not p.is_file():
            pytest.fail(f"corpus table {p} not found")
        return p
    return get


@pytest.fixture(scope="session")
def vtdcert() -> Path:
    """Path of the binary under test: $VTDCERT_BIN, else <root>/build/vtdcert."""
    env = os.environ.get("VTDCERT_BIN")
    path = Path(env) if env else ROOT / "build" / "vtdcert"
    if not path.is_absolute():
        path = ROOT / path
    if not (path.is_file() and os.access(path, os.X_OK)):
        how = "VTDCERT_BIN" if env else "run `make` first"
        pytest.fail(f"vtdcert binary not found at {path} ({how})")
    return path


@pytest.fixture(scope="session")
def iasl() -> str:
    path = shutil.which("iasl")
    if path is None:
        pytest.fail("iasl (acpica-tools) not installed: run ci/install-deps")
    return path


def run_checked(argv, cwd=None) -> subprocess.CompletedProcess:
    """Run argv with a timeout; fail the test on a hang, a signal or a sanitizer report."""
    argv = [str(a) for a in argv]
    try:
        proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                              errors="replace", timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"timed out after {TIMEOUT_S}s (hang?): {' '.join(argv)}")
    if proc.returncode < 0:
        pytest.fail(f"killed by signal {-proc.returncode}: {' '.join(argv)}\n"
                    f"stderr:\n{proc.stderr}")
    for marker in SANITIZER_MARKERS:
        if marker in proc.stderr:
            pytest.fail(f"sanitizer report ({marker!r}) from {' '.join(argv)}\n{proc.stderr}")
    return proc


@pytest.fixture
def run_vtdcert(vtdcert):
    """run_vtdcert("decode", path) -> CompletedProcess (text mode, 10 s timeout)."""
    def run(*args, cwd=None):
        return run_checked([vtdcert, *args], cwd=cwd)
    return run


def parse_json(proc: subprocess.CompletedProcess, what: str):
    """json.loads(proc.stdout), failing the test with the output when it is not JSON."""
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        pytest.fail(f"{what}: stdout is not valid JSON ({e})\n"
                    f"stdout (first 2000 chars):\n{proc.stdout[:2000]}\nstderr:\n{proc.stderr}")


def mentions_number(text: str, n: int) -> bool:
    """True when text contains n as hex (0x..., any case, leading zeros ok) or as decimal."""
    pattern = rf"(?<![0-9A-Za-z])(0[xX]0*{n:x}|{n})(?![0-9A-Za-z])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def acpi_checksum_fix(buf: bytearray) -> None:
    """Set the ACPI header checksum (byte 9) so that all bytes of buf sum to 0 mod 256."""
    buf[9] = 0
    buf[9] = (-sum(buf)) & 0xFF
