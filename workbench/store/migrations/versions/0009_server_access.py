"""The task-force server's access control, and an index to find a record's last change.

Both stores: an index on audit_entry (entity, entity_id, seq): a record's version for
optimistic concurrency is the sequence number of its last audit entry
(``services.core.versions``). PostgreSQL only: group roles, grants, row-level security
and the chain helpers (``workbench.store.server_access``); SQLite has one user per
session and its access rules live in the app and the key slots.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

import workbench.store.server_access as server_access

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_audit_entry_entity_entity_id", "audit_entry", ["entity", "entity_id", "seq"]
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        server_access.apply(bind)


def downgrade() -> None:
    op.drop_index("ix_audit_entry_entity_entity_id", "audit_entry")
