"""vtdcert against the corpus of real DMAR tables (fixtures/corpus/dmar).

* `vtdcert decode` on every table: exit 0, valid JSON, and every field equal to
  what iasl -d (the ACPICA reference disassembler) prints for that table.
* `vtdcert dmar`: flags the one known-broken table (D19FB82D46CF, a DRHD with
  Register Base Address 0) and nothing in the rest of the corpus; its JSON and
  JUnit reports follow the output contract.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest

import iasl_dsl
from conftest import corpus_params, corpus_tables, need_table, parse_json, run_checked

BROKEN_TABLE = "D19FB82D46CF"  # Register Base Address 0 (see corpus ATTRIBUTION)
STATUSES = ("pass", "fail", "warn", "skip", "error")
TOP_KEYS = ("signature", "length", "revision", "checksum_valid", "oem_id", "oem_table_id",
            "oem_revision", "creator_id", "creator_revision", "host_address_width", "flags",
            "structures", "problems")
STRING_KEYS = {"signature", "oem_id", "oem_table_id", "creator_id", "object_name"}


# ---------------------------------------------------------------- decode

@pytest.mark.parametrize("table", corpus_params())
def test_decode_gives_json(table, run_vtdcert):
    table = need_table(table)
    proc = run_vtdcert("decode", "--json", table)
    assert proc.returncode == 0, f"decode {table.name}: exit {proc.returncode}\n{proc.stderr}"
    doc = parse_json(proc, f"decode {table.name}")
    assert isinstance(doc, dict), f"top level is {type(doc).__name__}, not an object"
    missing = [k for k in TOP_KEYS if k not in doc]
    assert not missing, f"decode {table.name}: keys missing from the JSON: {missing}"
    assert isinstance(doc["structures"], list) and doc["structures"], "no structures decoded"
    # The corpus tables are structurally clean (BROKEN_TABLE's defect is a value, not a layout).
    assert doc["problems"] == [], f"decode {table.name} reports problems: {doc['problems']}"


def fmt(v):
    if isinstance(v, bool) or not isinstance(v, int):
        return repr(v)
    return f"{v:#x} ({v})"


def compare_decode(expected: dict, actual: dict) -> list[str]:
    """Differences between iasl's view (expected) and vtdcert's JSON, one line each."""
    diffs: list[str] = []

    def value(where: str, exp, act):
        if isinstance(exp, bool):
            ok = act is exp
        elif isinstance(exp, int):
            ok = type(act) is int and act == exp
        elif isinstance(exp, str):
            # iasl prints names up to the first NUL, non-printables as spaces.
            ok = isinstance(act, str) and iasl_dsl.iasl_ascii(act) == exp
        else:  # PCI path: list of [device, function]
            ok = act == exp
        if not ok:
            diffs.append(f"{where}: iasl={fmt(exp)} vtdcert={fmt(act)}")

    def fields(where: str, exp: dict, act, skip=()):
        if not isinstance(act, dict):
            diffs.append(f"{where}: vtdcert gives {act!r}, not an object")
            return
        for key, exp_v in exp.items():
            if key in skip:
                continue
            if key not in act:
                diffs.append(f"{where}.{key}: iasl={fmt(exp_v)} vtdcert=<missing>")
            else:
                value(f"{where}.{key}", exp_v, act[key])

    fields("header", expected, actual, skip=("structures", "complete"))

    exp_s, act_s = expected["structures"], actual.get("structures")
    if not isinstance(act_s, list):
        return diffs + [f"structures: vtdcert gives {act_s!r}, not a list"]
    if expected["complete"] and len(act_s) != len(exp_s):
        diffs.append(f"structure count: iasl={len(exp_s)} vtdcert={len(act_s)}")
    if not expected["complete"] and len(act_s) < len(exp_s):
        diffs.append(f"structure count: iasl decoded {len(exp_s)} before giving up, "
                     f"vtdcert only {len(act_s)}")
    for i, (e, a) in enumerate(zip(exp_s, act_s)):
        where = f"structures[{i}] ({e['type']} @{e['offset']:#x})"
        fields(where, e, a, skip=("device_scopes",))
        if "device_scopes" not in e or not isinstance(a, dict):
            continue
        a_scopes = a.get("device_scopes")
        if not isinstance(a_scopes, list) or len(a_scopes) != len(e["device_scopes"]):
            n = len(a_scopes) if isinstance(a_scopes, list) else repr(a_scopes)
            diffs.append(f"{where}.device_scopes count: iasl={len(e['device_scopes'])} vtdcert={n}")
            continue
        for j, (es, as_) in enumerate(zip(e["device_scopes"], a_scopes)):
            fields(f"{where}.device_scopes[{j}] (@{es['offset']:#x})", es, as_)
    return diffs


@pytest.mark.parametrize("table", corpus_params())
def test_decode_matches_iasl(table, run_vtdcert, iasl, tmp_path):
    table = need_table(table)
    local = tmp_path / table.name
    shutil.copyfile(table, local)
    ref = run_checked([iasl, "-d", local.name], cwd=tmp_path)
    dsl_path = local.with_suffix(".dsl")
    assert ref.returncode == 0 and dsl_path.is_file(), f"iasl -d failed:\n{ref.stdout}{ref.stderr}"
    expected = iasl_dsl.expected_decode(iasl_dsl.parse_dmar_dsl(dsl_path.read_text()))
    assert expected["structures"], "iasl decoded no subtable: parser or iasl problem"

    proc = run_vtdcert("decode", "--json", table)
    assert proc.returncode == 0, f"decode {table.name}: exit {proc.returncode}\n{proc.stderr}"
    actual = parse_json(proc, f"decode {table.name}")

    diffs = compare_decode(expected, actual)
    note = "" if expected["complete"] else \
        f"\n(iasl stopped at an unknown subtable; compared its first {len(expected['structures'])})"
    if diffs:
        pytest.fail(f"{table.stem}: vtdcert decode differs from iasl -d in {len(diffs)} field(s):\n  "
                    + "\n  ".join(diffs) + note, pytrace=False)


# ---------------------------------------------------------------- dmar checks

def results_by_status(report: dict, status: str) -> list[dict]:
    return [r for r in report.get("results", []) if r.get("status") == status]


def describe(results: list[dict]) -> str:
    return "\n".join(f"  {r.get('id')} [{r.get('status')}] {r.get('subject')}: {r.get('message')}"
                     for r in results)


def test_dmar_flags_drhd_base_zero(corpus_table, run_vtdcert):
    table = corpus_table(BROKEN_TABLE)
    proc = run_vtdcert("dmar", "--json", "-", "--quiet", table)
    report = parse_json(proc, f"dmar {table.name}")
    hits = [r for r in report.get("results", [])
            if r.get("id") == "dmar.drhd.base-nonzero" and r.get("status") == "fail"]
    assert hits, ("no failing dmar.drhd.base-nonzero result for a DRHD with Register Base "
                  f"Address 0; results:\n{describe(report.get('results', []))}")
    assert all(str(r.get("subject", "")).startswith(str(table)) for r in hits), \
        f"subject does not start with {table}:\n{describe(hits)}"
    assert proc.returncode == 1, f"exit {proc.returncode} with a failed check (want 1)\n{proc.stderr}"


def test_dmar_clean_corpus_has_no_failures(corpus_dir, run_vtdcert):
    tables = [p for p in corpus_tables() if p.stem != BROKEN_TABLE]
    proc = run_vtdcert("dmar", "--json", "-", "--quiet", *tables)
    report = parse_json(proc, f"dmar on {len(tables)} corpus tables")
    bad = results_by_status(report, "fail") + results_by_status(report, "error")
    assert not bad, (f"{len(bad)} fail/error results on tables believed clean "
                     f"(each must be justified by the VT-d spec):\n{describe(bad)}")
    assert report.get("results"), "no check results at all"
    assert proc.returncode == 0, f"exit {proc.returncode} although nothing failed\n{proc.stderr}"


def test_dmar_report_formats(corpus_table, run_vtdcert, tmp_path):
    tables = [corpus_table(h) for h in (BROKEN_TABLE, "072875B334CD", "074C5C2E091B", "85078AD9A204")]
    json_out, junit_out = tmp_path / "report.json", tmp_path / "junit.xml"
    proc = run_vtdcert("dmar", "--json", json_out, "--junit", junit_out, *tables)
    assert json_out.is_file(), f"--json {json_out} was not written\n{proc.stderr}"
    assert junit_out.is_file(), f"--junit {junit_out} was not written\n{proc.stderr}"

    report = json.loads(json_out.read_text())
    for key, kind in (("tool", str), ("version", str), ("results", list), ("summary", dict)):
        assert isinstance(report.get(key), kind), f"{key}: {report.get(key)!r} is not a {kind.__name__}"
    for key in ("source", "system"):
        assert key in report, f"report has no {key!r} key"

    results = report["results"]
    assert results, "no results"
    for r in results:
        for key in ("id", "suite", "status", "severity", "message", "subject", "evidence", "reference"):
            assert key in r, f"result {r.get('id')!r} lacks {key!r}: {r}"
        for key in ("id", "suite", "severity", "message", "subject"):
            assert isinstance(r[key], str), f"result {r['id']!r}: {key} = {r[key]!r} is not a string"
        assert r["status"] in STATUSES, f"result {r['id']!r}: status {r['status']!r}"
        assert r["id"].startswith("dmar.") and " " not in r["id"], f"odd check id {r['id']!r}"
        assert any(r["subject"].startswith(str(t)) for t in tables), \
            f"result {r['id']!r}: subject {r['subject']!r} does not start with an input path"

    summary = report["summary"]
    counted = {s: sum(r["status"] == s for r in results) for s in STATUSES}
    for s in STATUSES:
        assert type(summary.get(s)) is int, f"summary.{s} = {summary.get(s)!r}"
    assert summary.get("total") == len(results), f"summary.total {summary.get('total')} != {len(results)}"
    assert {s: summary[s] for s in STATUSES} == counted, f"summary {summary} != counted {counted}"
    assert counted["fail"] >= 1, f"{BROKEN_TABLE} should fail dmar.drhd.base-nonzero"
    assert proc.returncode == 1, f"exit {proc.returncode} with {counted['fail']} failures (want 1)"

    cases = list(ET.parse(junit_out).getroot().iter("testcase"))
    assert len(cases) == len(results), f"JUnit has {len(cases)} testcases for {len(results)} results"
    with_failure = [c for c in cases if c.find("failure") is not None]
    with_skipped = [c for c in cases if c.find("skipped") is not None]
    assert len(with_failure) == counted["fail"], \
        f"{len(with_failure)} testcases with <failure>, {counted['fail']} fail results"
    assert len(with_skipped) == counted["skip"], \
        f"{len(with_skipped)} testcases with <skipped>, {counted['skip']} skip results"
    assert not set(with_failure) & set(with_skipped), "a testcase is both failed and skipped"
