"""Many rows of one table in one statement, audited as one entry.

For batches whose rows were already checked one by one (the demo's generated history,
back-filed records, benchmarks): executemany with RETURNING in parameter order, so the
caller learns each row's id, and one ``bulk_create`` audit entry holding the row count
and a SHA-256 over the rows' canonical JSON, so the batch can be proven later without an
entry per row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from workbench.domain.audit_chain import jsonable
from workbench.services.core.unit_of_work import UnitOfWork


def column_default(column: Any) -> Any:
    """A column's Python-side default (``default=list`` gives a fresh empty list)."""
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)
    return default.arg if default.is_scalar else None


def _canonical_rows(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """The audit chain's canonical JSON of the rows (as ``jsonable`` would give), with the
    conversions done by the C encoder's ``default`` hook: thousands of rows stay quick."""
    values = [[row[c] for c in columns] for row in rows]
    return json.dumps(
        values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=jsonable
    )


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """The new rows' ids in the order given.

    SQLite: one executemany (RETURNING in parameter order would send one statement per
    row); inside our write transaction (which holds the database's write lock) each new
    row gets the next id after the table's largest, so the new ids are the ones above
    the largest before, in insertion order. Elsewhere: RETURNING, sorted by parameter.
    """
    if session.get_bind().dialect.name != "sqlite":
        result = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        return [int(i) for i in result.scalars()]
    before = session.execute(select(func.max(table.c.id))).scalar() or 0
    session.execute(insert(table), rows)
    ids = [
        int(i)
        for i in session.scalars(select(table.c.id).where(table.c.id > before).order_by(table.c.id))
    ]
    if len(ids) != len(rows):
        raise RuntimeError(f"{table.name}: wrote {len(rows)} rows but found {len(ids)} new ids")
    return ids


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
    ids = _insert(uow.session, table, full)
    digest = hashlib.sha256(_canonical_rows(full, columns).encode("utf-8"))
    uow.audit(
        "bulk_create",
        entity,
        None,
        case_code,
        {"rows": len(ids), "sha256": digest.hexdigest(), "columns": columns, "source": source},
    )
    return ids
