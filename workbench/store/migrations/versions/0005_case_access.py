"""Case membership of workbench users (who may read and edit which case file).

Databases of the foundation release had no memberships: every user saw every case. To
keep that access on upgrade, every active user becomes a member of every existing case;
an administrator or case lead then narrows it (``workbench case revoke``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

import time
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("granted_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_case_access_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
            name=op.f("fk_case_access_user_id_app_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_access")),
        sa.UniqueConstraint("case_id", "user_id", name=op.f("uq_case_access_case_id_user_id")),
    )
    op.create_index(op.f("ix_case_access_case_id"), "case_access", ["case_id"], unique=False)
    op.create_index(op.f("ix_case_access_user_id"), "case_access", ["user_id"], unique=False)
    now_micros = time.time_ns() // 1000
    op.execute(
        sa.text(
            "INSERT INTO case_access (case_id, user_id, granted_at) "
            "SELECT c.id, u.id, :at FROM case_file c CROSS JOIN app_user u WHERE u.active"
        ).bindparams(at=now_micros)
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_case_access_user_id"), "case_access")
    op.drop_index(op.f("ix_case_access_case_id"), "case_access")
    op.drop_table("case_access")
