"""Compare two results documents check by check: the snapshot-fidelity rule.

A result is keyed by its check ID and its subject with the machine root cut
off (the guest says /sys/..., a host run on a snapshot DIR/sys/...). Two runs
agree when they give the same multiset of (id, subject, status).
"""
from collections import Counter


def _key(result, root):
    subject = result["subject"]
    if root and root != "/" and subject.startswith(root):
        subject = "/" + subject[len(root):].lstrip("/")
    return (result["id"], subject, result["status"])


def statuses(doc):
    return Counter(_key(r, doc["source"].get("root")) for r in doc["results"])


def differences(guest_doc, host_doc):
    """Readable lines for every (id, subject, status) one side has and the other lacks."""
    g, h = statuses(guest_doc), statuses(host_doc)
    lines = []
    for key in sorted((g - h) + (h - g)):
        side = "guest only" if g[key] > h[key] else "host only"
        lines.append(f"{side}: {key[0]} [{key[1]}] {key[2]}")
    return lines
