"""The server: the chain head read under its lock in one call, and no change without
its audit entry.

PostgreSQL only (``workbench.store.server_access``): ``workbench_audit_lock_head()``
takes the chain's append lock and reads the head in one round trip; the write guard
(a statement trigger on every workbench table noting the transaction, cleared by its
audit entry, checked by a deferred trigger at commit) refuses a change made past the
app without an audit entry. Re-applies the access rules, as ``server init`` does. The
file needs neither: one writer, and its key is the app's.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

import workbench.store.server_access as server_access

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        server_access.apply(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in server_access.GUARDED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS wb_note_{event} ON {table}")
        op.execute("DROP TRIGGER IF EXISTS wb_audited ON audit_entry")
        op.execute("DROP TABLE IF EXISTS workbench_unaudited")
        op.execute("DROP FUNCTION IF EXISTS workbench_note_new()")
        op.execute("DROP FUNCTION IF EXISTS workbench_note_old()")
        op.execute("DROP FUNCTION IF EXISTS workbench_note_audited()")
        op.execute("DROP FUNCTION IF EXISTS workbench_require_audit()")
        op.execute("DROP FUNCTION IF EXISTS workbench_audit_lock_head()")
