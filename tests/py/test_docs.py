"""docs/checks.md lists exactly the checks the binary runs, as generated."""
import subprocess

from conftest import ROOT


def test_checks_md_matches_binary(vtdcert):
    generated = subprocess.run([vtdcert, "checks", "--markdown"], capture_output=True,
                               text=True, timeout=10, check=True).stdout
    committed = (ROOT / "docs" / "checks.md").read_text()
    assert committed == generated, "docs/checks.md is stale: run `make docs-checks`"


def test_every_check_has_id_title_reference(vtdcert):
    out = subprocess.run([vtdcert, "checks", "--markdown"], capture_output=True,
                         text=True, timeout=10, check=True).stdout
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    ids = [row.split("`")[1] for row in rows]
    assert len(ids) == len(set(ids)) >= 30
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 5 and all(cells), row
