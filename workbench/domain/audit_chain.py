"""The audit chain's canonical encoding and verification: pure functions.

Each entry's hash is SHA-256 over a canonical JSON encoding (sorted keys, no spaces,
UTF-8) of every field except the hash itself, including the previous entry's hash; so
editing, removing or reordering any entry breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "at",
    "user",
    "action",
    "entity",
    "entity_id",
    "case_code",
    "changes",
    "prev_hash",
)


def jsonable(value: Any) -> Any:
    """Plain JSON for audit ``changes``: exact decimals as strings, times as ISO text."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return value


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(fields: Mapping[str, Any]) -> str:
    payload = {name: fields[name] for name in HASHED_FIELDS}
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    kind: str  # "edited", "missing", "reordered", "broken_link"
    message: str


@dataclass(frozen=True)
class ChainReport:
    count: int
    head_hash: str
    problem: ChainProblem | None
    # Entries the verifier may not read (on the server, another case's): their links
    # were checked, their content hashes could not be recomputed by this user.
    hidden: int = 0

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(entries: Iterable[Mapping[str, Any]]) -> ChainReport:
    """Walk entries in storage order; name the first one that was edited, removed or moved.

    An entry marked ``"hidden": True`` carries only seq, prev_hash and hash (the server
    shows a user the links of entries they may not read): its link is checked, its
    content hash is not, and the report counts it in ``hidden``."""
    prev_hash = GENESIS
    expected_seq = 1
    count = 0
    hidden = 0
    for entry in entries:
        seq = int(entry["seq"])
        if seq != expected_seq:
            kind = "missing" if seq > expected_seq else "reordered"
            if seq > expected_seq:
                missing = (
                    f"entry {expected_seq}"
                    if seq == expected_seq + 1
                    else f"entries {expected_seq}–{seq - 1}"
                )
                msg = f"{missing} removed: the chain jumps from {expected_seq - 1} to {seq}"
            else:
                msg = f"entry {seq} is out of order (expected {expected_seq})"
            return ChainReport(count, prev_hash, ChainProblem(seq, kind, msg), hidden)
        if entry.get("hidden"):
            hidden += 1
        elif entry["hash"] != entry_hash(entry):
            return ChainReport(
                count,
                prev_hash,
                ChainProblem(seq, "edited", f"entry {seq} was edited: its hash does not match"),
                hidden,
            )
        if entry["prev_hash"] != prev_hash:
            return ChainReport(
                count,
                prev_hash,
                ChainProblem(
                    seq,
                    "broken_link",
                    f"entry {seq} does not follow entry {seq - 1}: entries were replaced or "
                    "reordered",
                ),
                hidden,
            )
        prev_hash = str(entry["hash"])
        expected_seq += 1
        count += 1
    return ChainReport(count, prev_hash, None, hidden)
