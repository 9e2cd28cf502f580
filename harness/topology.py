"""Load the QEMU topologies in fixtures/qemu/NAME.json (format: harness/README.md)."""

import json
from pathlib import Path

TOPOLOGY_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "qemu"
FIELDS = {"name": str, "description": str, "qemu_args": list, "cmdline": str, "expect": dict}


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
    if topo["name"] != name:
        raise TopologyError(f"{path}: name {topo['name']!r} does not match the file name")
    if not all(isinstance(a, str) for a in topo["qemu_args"]):
        raise TopologyError(f"{path}: qemu_args must be a list of strings")
    return topo
