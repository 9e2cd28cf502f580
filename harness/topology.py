"""Load the QEMU topologies in fixtures/qemu/NAME.json (format: harness/README.md)."""

import json
import re
from pathlib import Path

TOPOLOGY_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "qemu"
FIELDS = {"name": str, "description": str, "qemu_args": list, "cmdline": str, "expect": dict}
# Optional: the oldest QEMU the topology boots on ("10.0") and why; how the
# QEMU matrix (tests/py/test_qemu_topologies.py) and refresh-snapshots boot it.
OPTIONAL = {"min_qemu": str, "min_qemu_why": str, "matrix": dict}
# matrix.kernels: the kernel series to boot it on; matrix.active: with --active.
MATRIX_DEFAULT = {"kernels": ["6.1"], "active": False}


class TopologyError(Exception):
    pass


def names():
    return sorted(p.stem for p in TOPOLOGY_DIR.glob("*.json"))


def load(name):
    path = TOPOLOGY_DIR / f"{name}.json"
    if not path.is_file():
        raise TopologyError(f"unknown topology {name!r} (known: {', '.join(names())})")
    try:
        topo = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise TopologyError(f"{path}: {e}") from None
    for field, kind in FIELDS.items():
        if not isinstance(topo.get(field), kind):
            raise TopologyError(f"{path}: field {field!r} missing or not a {kind.__name__}")
    for field, kind in OPTIONAL.items():
        if field in topo and not isinstance(topo[field], kind):
            raise TopologyError(f"{path}: field {field!r} is not a {kind.__name__}")
    if "min_qemu" in topo and not re.fullmatch(r"\d+\.\d+(\.\d+)?", topo["min_qemu"]):
        raise TopologyError(f"{path}: min_qemu {topo['min_qemu']!r} is not a version like 10.0")
    unknown = set(topo) - set(FIELDS) - set(OPTIONAL)
    if unknown:
        raise TopologyError(f"{path}: unknown field(s) {', '.join(sorted(unknown))}")
    matrix = {**MATRIX_DEFAULT, **topo.get("matrix", {})}
    if (set(matrix) != set(MATRIX_DEFAULT) or not isinstance(matrix["active"], bool)
            or not matrix["kernels"]
            or not all(isinstance(k, str) for k in matrix["kernels"])):
        raise TopologyError(f"{path}: matrix must be {{\"kernels\": [series...], "
                            f"\"active\": bool}}")
    topo["matrix"] = matrix
    if topo["name"] != name:
        raise TopologyError(f"{path}: name {topo['name']!r} does not match the file name")
    if not all(isinstance(a, str) for a in topo["qemu_args"]):
        raise TopologyError(f"{path}: qemu_args must be a list of strings")
    return topo


def matrix():
    """Every (topology, kernel series, active) the QEMU matrix boots."""
    return [(name, kernel, topo["matrix"]["active"])
            for name in names() for topo in [load(name)] for kernel in topo["matrix"]["kernels"]]


def snapshot_dir(name, kernel):
    """fixtures/snapshots/<this>: the topology's name for the first kernel
    series (6.1), NAME-SERIES for the others."""
    return name if kernel == MATRIX_DEFAULT["kernels"][0] else f"{name}-{kernel}"


def snapshot_dirs():
    """The directory of every snapshot harness/refresh-snapshots keeps."""
    return sorted(snapshot_dir(name, kernel) for name, kernel, _ in matrix())
