"""Real results documents validate against docs/results.schema.json.

A minimal JSON Schema validator (type, required, properties, items, enum,
pattern, additionalProperties): the project uses only the standard library.
"""
import json
import os
import re
import subprocess

import pytest

from conftest import ROOT

SCHEMA = os.path.join(ROOT, "docs", "results.schema.json")
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is_type(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def validate(value, schema, path="$", root=None):
    root = schema if root is None else root
    if "$ref" in schema:
        # Only local references ("#/$defs/NAME") are used.
        node = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return validate(value, node, path, root)
    errors = []
    types = schema.get("type")
    if types is not None:
        types = types if isinstance(types, list) else [types]
        if not any(_is_type(value, t) for t in types):
            return [f"{path}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing {key}")
        props = schema.get("properties", {})
        for key, sub in value.items():
            if key in props:
                errors += validate(sub, props[key], f"{path}.{key}", root)
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(sub, schema["additionalProperties"], f"{path}.{key}", root)
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += validate(item, schema["items"], f"{path}[{i}]", root)
    return errors


@pytest.fixture(scope="module")
def schema():
    with open(SCHEMA) as f:
        return json.load(f)


def test_validator_rejects_bad_documents(schema):
    doc = {"tool": "vtdcert", "version": "x", "schema_version": 1}
    assert any("missing source" in e for e in validate(doc, schema))
    bad_status = {"results": [{"status": "maybe"}]}
    assert any("'maybe' not in" in e for e in validate(bad_status, schema))


def test_structured_evidence_validates(vtdcert, schema):
    """Evidence holds whole objects and lists: the registers check lists every
    unit with its features, the groups comparison its predicted and observed
    devices; the schema accepts them, and rejects what is not a value."""
    snap = os.path.join(ROOT, "fixtures", "snapshots", "groups", "snapshot")
    out = subprocess.run([vtdcert, "run", "--root", snap, "--quiet", "--json", "-"],
                         capture_output=True, text=True, timeout=60)
    doc = json.loads(out.stdout)
    assert validate(doc, schema) == []
    (regs,) = [r for r in doc["results"] if r["id"] == "dmar.drhd.registers"]
    units = regs["evidence"]["units"]
    assert isinstance(units, list) and units and isinstance(units[0]["features"], list)
    bad = {"results": [{"evidence": {"x": 1.5}}]}
    assert any("1.5 is not" in e for e in validate(bad, schema))


def test_files_run_validates(vtdcert, corpus_dir, schema):
    tables = sorted(os.path.join(corpus_dir, f) for f in os.listdir(corpus_dir)
                    if f.endswith(".dat"))[:20]
    out = subprocess.run([vtdcert, "dmar", "--quiet", "--json", "-"] + tables,
                         capture_output=True, text=True, timeout=30)
    doc = json.loads(out.stdout)
    assert validate(doc, schema) == []
    counts = {s: sum(r["status"] == s for r in doc["results"])
              for s in ("pass", "fail", "warn", "skip", "error")}
    assert counts == {k: doc["summary"][k] for k in counts}
    assert doc["summary"]["total"] == len(doc["results"])


def test_snapshot_run_validates(vtdcert, schema, tmp_path):
    # A snapshot with nothing but a kernel command line: every check skips
    # with its reason, and the document is still well formed.
    (tmp_path / "proc").mkdir()
    (tmp_path / "proc" / "cmdline").write_text("root=/dev/vda quiet\n")
    out = subprocess.run([vtdcert, "run", "--root", str(tmp_path), "--quiet",
                          "--json", "-"], capture_output=True, text=True, timeout=30)
    doc = json.loads(out.stdout)
    assert validate(doc, schema) == []
    assert doc["source"]["kind"] == "snapshot"
    assert doc["system"]["kernel_cmdline"] == "root=/dev/vda quiet"
    # A partial snapshot is a first-class input: what it lacks is a skip,
    # never a failure of the machine (no manifest says the DMAR is absent).
    assert out.returncode == 0, out.stderr
    assert doc["summary"]["fail"] == 0 and doc["summary"]["error"] == 0
    # Only a check whose one input is the command line can decide.
    decided = {r["id"] for r in doc["results"] if r["status"] != "skip"}
    assert decided == {"groups.acs-override", "intremap.cmdline", "intremap.unsafe-interrupts"}
    (sig,) = [r for r in doc["results"] if r["id"] == "dmar.table.signature"]
    assert "not in the snapshot" in sig["message"]


def test_junit_shows_evidence(vtdcert, tmp_path):
    """JUnit carries each result's evidence as testcase properties: a scalar as
    its text, a list or object as compact JSON (the same values as the JSON)."""
    import xml.etree.ElementTree as ET

    snap = os.path.join(ROOT, "fixtures", "snapshots", "groups", "snapshot")
    out = tmp_path / "r.xml"
    subprocess.run([vtdcert, "run", "--root", snap, "--quiet", "--junit", str(out)],
                   capture_output=True, text=True, timeout=60)
    doc = json.loads(subprocess.run([vtdcert, "run", "--root", snap, "--quiet", "--json", "-"],
                                    capture_output=True, text=True, timeout=60).stdout)
    (regs,) = [r for r in doc["results"] if r["id"] == "dmar.drhd.registers"]
    cases = [c for c in ET.parse(out).getroot().iter("testcase")
             if c.get("name").startswith("dmar.drhd.registers ")]
    assert len(cases) == 1
    props = {p.get("name"): p.get("value") for p in cases[0].iter("property")}
    assert json.loads(props["units"]) == regs["evidence"]["units"]
    snap = os.path.join(ROOT, "fixtures", "snapshots", "default", "snapshot")
    subprocess.run([vtdcert, "run", "--root", snap, "--quiet", "--junit", str(out)],
                   capture_output=True, text=True, timeout=60)
    (warn,) = [c for c in ET.parse(out).getroot().iter("testcase")
               if c.get("name").startswith("groups.isolation [/sys/bus/pci/devices/0000:03:00.0")]
    props = {p.get("name"): p.get("value") for p in warn.iter("property")}
    assert json.loads(props["devices"]) == ["0000:03:00.0", "0000:04:01.0", "0000:04:02.0"]
    assert "evidence: {" in warn.find("system-out").text
