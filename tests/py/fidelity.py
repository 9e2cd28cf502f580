"""Compare two results documents check by check: the snapshot-fidelity rule.

A result is keyed by its check ID, its subject and its status. Subjects name
the machine's paths ("/sys/firmware/acpi/tables/DMAR"), never where a
snapshot lies, so a live run and the replay of its snapshot give the same
keys. Two runs agree when they give the same multiset of keys.

A check that changes the machine (needs `active`) cannot be replayed: in the
replay it must skip, whatever the live run gave; it is compared so.
"""
import subprocess
from collections import Counter


def _key(result):
    return (result["id"], result["subject"], result["status"])


def statuses(doc):
    return Counter(_key(r) for r in doc["results"])


def active_checks(vtdcert):
    """IDs of the checks whose needs include `active` (`vtdcert checks --markdown`)."""
    out = subprocess.run([str(vtdcert), "checks", "--markdown"], capture_output=True,
                         text=True, check=True).stdout
    ids = set()
    for line in out.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 3 and cells[1].startswith("`") and "active" in cells[3].split(", "):
            ids.add(cells[1].strip("`"))
    return ids


def differences(guest_doc, host_doc, live_only=()):
    """Readable lines for every (id, subject, status) one side has and the other lacks;
    results of @live_only checks: the host's must all be skips."""
    lines = [f"host did not skip: {r['id']} [{r['subject']}] {r['status']}"
             for r in host_doc["results"] if r["id"] in live_only and r["status"] != "skip"]
    keep = {"results": [r for r in guest_doc["results"] if r["id"] not in live_only]}
    rest = {"results": [r for r in host_doc["results"] if r["id"] not in live_only]}
    g, h = statuses(keep), statuses(rest)
    for key in sorted((g - h) + (h - g)):
        side = "guest only" if g[key] > h[key] else "host only"
        lines.append(f"{side}: {key[0]} [{key[1]}] {key[2]}")
    return lines
