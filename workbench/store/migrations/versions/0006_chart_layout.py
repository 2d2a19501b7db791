"""Saved link-chart positions (case × node: x, y in hundredths of a chart unit, pinned).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chart_layout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.String(length=120), nullable=False),
        sa.Column("x", sa.BigInteger(), nullable=False),
        sa.Column("y", sa.BigInteger(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_chart_layout_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chart_layout")),
        sa.UniqueConstraint("case_id", "node_id", name=op.f("uq_chart_layout_case_id_node_id")),
    )
    op.create_index(op.f("ix_chart_layout_case_id"), "chart_layout", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_chart_layout_case_id"), "chart_layout")
    op.drop_table("chart_layout")
