"""Per-suspect flag for roving, repeated or gang crime (30-day arrest-request limit).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_party") as batch:
        batch.add_column(
            sa.Column("roving_or_gang", sa.Boolean(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("case_party") as batch:
        batch.drop_column("roving_or_gang")
