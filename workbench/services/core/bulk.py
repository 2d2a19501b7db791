"""Many rows of one table in one statement, audited as one entry.

For batches whose rows were already checked one by one (the demo's generated history,
back-filed records, benchmarks): executemany with RETURNING in parameter order, so the
caller learns each row's id, and one ``bulk_create`` audit entry holding the row count
and a SHA-256 over the rows' canonical JSON, so the batch can be proven later without an
entry per row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, insert

from workbench.domain.audit_chain import canonical_json, jsonable
from workbench.services.core.unit_of_work import UnitOfWork


def column_default(column: Any) -> Any:
    """A column's Python-side default (``default=list`` gives a fresh empty list)."""
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)
    return default.arg if default.is_scalar else None


def insert_rows(
    uow: UnitOfWork,
    model: Any,
    rows: Sequence[Mapping[str, Any]],
    entity: str,
    *,
    source: str = "",
    case_code: str | None = None,
) -> list[int]:
    """Insert ``rows`` (dicts of column values) and return their ids in order."""
    if not rows:
        return []
    table: Table = model.__table__
    columns = [c.name for c in table.columns if c.name != "id"]
    defaults = {c.name: column_default(c) for c in table.columns}
    full = [{name: row.get(name, defaults[name]) for name in columns} for row in rows]
    result = uow.session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), full
    )
    ids = [int(i) for i in result.scalars()]
    digest = hashlib.sha256(
        canonical_json(jsonable([[row[c] for c in columns] for row in full])).encode("utf-8")
    )
    uow.audit(
        "bulk_create",
        entity,
        None,
        case_code,
        {"rows": len(ids), "sha256": digest.hexdigest(), "columns": columns, "source": source},
    )
    return ids
