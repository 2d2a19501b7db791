"""Moving a whole workbench database between the two stores (``workbench copy``).

The copy is verbatim — every table, attachments included, and the audit trail entry
for entry — so the chain keeps its hashes: it is verified on arrival against the
source's count and head, inside the transaction that wrote it (a mismatch leaves
nothing behind). Then the copying admin's ``copy`` entry, naming the source and its
head, is appended in the target like any change: a copy is marked as one.

One chain per database means a copy goes into an *empty* store: a new file, or a server
database that holds no workbench data yet (the schema is set up here). Reading a server
takes its owner's connection (the URL's credentials, or PGPASSWORD): only the owner sees
past row-level security. On arrival the copying admin can sign in (a key slot for the
file, a login role on the server); every other user then needs a passphrase from an
admin (``workbench user passwd NAME``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, func, insert, select, text

from workbench.domain.audit_chain import ChainReport, verify_chain
from workbench.domain.permissions import USERS_MANAGE
from workbench.models import AuditEntry, User
from workbench.models.base import Base
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.core.unit_of_work import unit_of_work
from workbench.store import ServerStore, accounts, server
from workbench.store.errors import DatabaseDamaged, DatabaseExists, NotEmpty
from workbench.store.files import remove_database_files
from workbench.store.slots import slot_path

BATCH = 2000
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tables: dict[str, int]
    entries: int
    head_hash: str


def _tables() -> list[Any]:
    return list(Base.metadata.sorted_tables)  # parents before children


def _rows(conn: Connection, table: Any) -> Iterator[list[dict[str, Any]]]:
    result = conn.execution_options(yield_per=BATCH).execute(
        select(table).order_by(*table.primary_key.columns)
    )
    for part in result.mappings().partitions():
        yield [dict(row) for row in part]


def _verify(conn: Connection) -> ChainReport:
    columns = list(AuditEntry.__table__.columns)
    result = conn.execution_options(yield_per=BATCH).execute(
        select(*columns).order_by(AuditEntry.__table__.c.seq)
    )
    return verify_chain(dict(r._mapping) for r in result)


def _transfer(source: Connection, target: Connection, progress: Progress | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in _tables():
        n = 0
        for batch in _rows(source, table):
            target.execute(insert(table), batch)
            n += len(batch)
        counts[table.name] = n
        if progress is not None:
            progress(table.name, n)
    return counts


def _reset_sequences(target: Connection) -> None:
    """PostgreSQL's serial ids continue after the copied rows."""
    for table in _tables():
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        target.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                "coalesce((SELECT max(id) FROM " + table.name + "), 0) + 1, false)"
            ),
            {"t": table.name},
        )


@dataclass
class _Source:
    label: str
    engine: Engine
    close: Callable[[], None]


def _open_source(location: str, user: str, passphrase: str) -> _Source:
    from workbench.services.accounts.users import sign_in

    if server.is_server_url(location):
        parsed = server.parse_url(location)
        engine = create_engine(parsed, hide_parameters=True, isolation_level="REPEATABLE READ")
        label = server.display_url(parsed)
        try:
            server.reachable(engine, label, parsed.username or user)
        except BaseException:
            engine.dispose()
            raise
        return _Source(label, engine, engine.dispose)
    ctx = sign_in(location, user, passphrase)
    try:
        ctx.require(USERS_MANAGE)  # the whole database, every case: an admin's work
    except BaseException:
        ctx.store.close()
        raise
    return _Source(str(ctx.store.path), ctx.store.engine, ctx.store.close)


def copy_database(
    source: str,
    target: str,
    user: str,
    passphrase: str,
    *,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy ``source`` (a file or a server's owner URL) into the empty ``target``."""
    if source == target:
        raise InputRejected("copy", [FieldError("to", "is the same database as --from")])
    to_server = server.is_server_url(target)
    if not to_server and Path(target).exists():
        raise DatabaseExists(target)
    src = _open_source(source, user, passphrase)
    try:
        # One read transaction (one snapshot) for the check and every table.
        with src.engine.connect() as conn, conn.begin():
            before = _verify(conn)
            if before.problem is not None:
                raise DatabaseDamaged(
                    src.label, f"{src.label}: audit chain broken: {before.problem.message}"
                )
            row = conn.execute(select(User.role, User.active).where(User.name == user)).first()
            if row is None or not row.active or row.role != "admin":
                raise InputRejected(
                    "copy", [FieldError("user", f"{user!r} is no active admin of {src.label}")]
                )
            if to_server:
                return _copy_to_server(src.label, conn, target, user, passphrase, before, progress)
            return _copy_to_file(src.label, conn, Path(target), user, passphrase, before, progress)
    finally:
        src.close()


def _check_arrival(conn: Connection, where: str, before: ChainReport) -> ChainReport:
    after = _verify(conn)
    if after.problem is not None or (after.count, after.head_hash) != (
        before.count,
        before.head_hash,
    ):
        what = (
            after.problem.message
            if after.problem
            else (
                f"{after.count} entries, head {after.head_hash[:12]}… instead of "
                f"{before.count}, {before.head_hash[:12]}…"
            )
        )
        raise DatabaseDamaged(where, f"the copy at {where} did not verify ({what}); removed")
    return after


def _copy_to_file(
    label: str,
    conn: Connection,
    path: Path,
    user: str,
    passphrase: str,
    before: ChainReport,
    progress: Progress | None,
) -> CopyReport:
    store = accounts.create_database(path, user, passphrase)
    try:
        with store.engine.execution_options(sqlite_begin="IMMEDIATE").begin() as dst:
            counts = _transfer(conn, dst, progress)
            _check_arrival(dst, str(path), before)
        report = _mark_copy(Context(store, user), label, str(path), counts, before)
    except BaseException:
        store.close()
        remove_database_files(path)
        slot_path(path).unlink(missing_ok=True)
        raise
    store.close()
    return report


def _copy_to_server(
    label: str,
    conn: Connection,
    owner_url: str,
    user: str,
    passphrase: str,
    before: ChainReport,
    progress: Progress | None,
) -> CopyReport:
    parsed = server.parse_url(owner_url)
    where = server.display_url(parsed)
    owner = create_engine(parsed, hide_parameters=True)
    try:
        server.reachable(owner, where, parsed.username or user)
        with owner.connect() as probe:
            has_schema = probe.execute(
                text("SELECT to_regclass('app_user') IS NOT NULL")
            ).scalar_one()
            if has_schema and probe.execute(select(func.count()).select_from(User)).scalar_one():
                raise NotEmpty(
                    where, f"{where} already holds workbench data: copy into an empty database"
                )
        users_url = server.initialize(owner_url, user, passphrase)
        with owner.begin() as dst:
            counts = _transfer(conn, dst, progress)
            _reset_sequences(dst)
            _check_arrival(dst, where, before)
            for name, role, active in dst.execute(select(User.name, User.role, User.active)):
                if name != user:  # the copying admin's role: server.initialize
                    server.copied_login(dst, name, role, active=active)
    finally:
        owner.dispose()
    store = ServerStore.open(users_url, user, passphrase)
    try:
        return _mark_copy(Context(store, user), label, users_url, counts, before)
    finally:
        store.close()


def _mark_copy(
    ctx: Context, source: str, target: str, counts: dict[str, int], before: ChainReport
) -> CopyReport:
    with unit_of_work(ctx) as uow:
        uow.audit(
            "copy",
            "database",
            None,
            None,
            {
                "from": source,
                "to": target,
                "entries": before.count,
                "source_head": before.head_hash,
            },
        )
    return CopyReport(source, target, counts, before.count, before.head_hash)


__all__ = ["CopyReport", "copy_database"]
