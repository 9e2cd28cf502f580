"""Compare two results documents check by check: the snapshot-fidelity rule.

A result is keyed by its check ID, its subject and its status. Subjects name
the machine's paths ("/sys/firmware/acpi/tables/DMAR"), never where a
snapshot lies, so a live run and the replay of its snapshot give the same
keys. Two runs agree when they give the same multiset of keys.

A suite the guest run has no result from at all was added to vtdcert after
the snapshot was captured: the host run's results of it have nothing to be
compared with and are left out (harness/refresh-snapshots brings them in).
"""
from collections import Counter


def _key(result):
    return (result["id"], result["subject"], result["status"])


def statuses(doc):
    return Counter(_key(r) for r in doc["results"])


def newer_suites(guest_doc, host_doc):
    """Suites the host run has results of and the guest run none."""
    return {r["suite"] for r in host_doc["results"]} - {r["suite"] for r in guest_doc["results"]}


def differences(guest_doc, host_doc):
    """Readable lines for every (id, subject, status) one side has and the other lacks."""
    newer = newer_suites(guest_doc, host_doc)
    host_doc = dict(host_doc, results=[r for r in host_doc["results"] if r["suite"] not in newer])
    g, h = statuses(guest_doc), statuses(host_doc)
    lines = []
    for key in sorted((g - h) + (h - g)):
        side = "guest only" if g[key] > h[key] else "host only"
        lines.append(f"{side}: {key[0]} [{key[1]}] {key[2]}")
    return lines
