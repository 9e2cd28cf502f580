"""Snapshot fidelity without QEMU: `vtdcert run --root` on each snapshot kept
in fixtures/snapshots/ (captured in a guest by harness/refresh-snapshots) gives
the same status for every check as `vtdcert run` did inside that guest. A
re-capture of a snapshot through `vtdcert capture --root` changes nothing.

When checks or capture change on purpose, refresh the fixtures with
harness/refresh-snapshots (boots every topology) and commit them.
"""
import json
import subprocess

import pytest

from conftest import ROOT
from fidelity import active_checks, differences

SNAPSHOTS = ROOT / "fixtures" / "snapshots"
NAMES = sorted(p.name for p in SNAPSHOTS.iterdir()) if SNAPSHOTS.is_dir() else []


def run_on(vtdcert, root):
    out = subprocess.run([str(vtdcert), "run", "--root", str(root), "--quiet",
                          "--json", "-"], capture_output=True, text=True, timeout=60)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", NAMES)
def test_host_run_matches_guest_run(vtdcert, name):
    guest = json.loads((SNAPSHOTS / name / "results.json").read_text())
    host = run_on(vtdcert, SNAPSHOTS / name / "snapshot")
    assert host["source"]["kind"] == "snapshot"
    assert host["system"]["kernel"] == guest["system"]["kernel"]
    diff = differences(guest, host, active_checks(vtdcert))
    assert not diff, (f"{name}: the snapshot run differs from the guest run "
                      f"(refresh with harness/refresh-snapshots if intended):\n"
                      + "\n".join(diff))


@pytest.mark.parametrize("name", NAMES)
def test_recapture_changes_nothing(vtdcert, name, tmp_path):
    src = SNAPSHOTS / name / "snapshot"
    cap = subprocess.run([str(vtdcert), "capture", "--root", str(src), str(tmp_path / "re")],
                         capture_output=True, text=True, timeout=60)
    assert cap.returncode == 0, cap.stderr
    assert differences(run_on(vtdcert, src), run_on(vtdcert, tmp_path / "re")) == []


def test_kept_snapshots_present():
    if not NAMES:
        pytest.skip("no fixtures/snapshots yet (harness/refresh-snapshots)")
    import sys

    sys.path.insert(0, str(ROOT / "harness"))
    import topology

    assert NAMES == topology.snapshot_dirs()
