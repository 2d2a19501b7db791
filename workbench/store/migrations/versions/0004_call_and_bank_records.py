"""Call detail records and bank statement rows (imported, stored compactly).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "call_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("caller", sa.String(length=24), nullable=False),
        sa.Column("callee", sa.String(length=24), nullable=False),
        sa.Column("started_at", sa.BigInteger(), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("cell", sa.String(length=64), nullable=False),
        sa.Column("imei", sa.String(length=20), nullable=False),
        sa.CheckConstraint("duration_s >= 0", name=op.f("ck_call_record_duration_not_negative")),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_call_record_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_record")),
        sa.UniqueConstraint(
            "case_id",
            "caller",
            "callee",
            "started_at",
            name=op.f("uq_call_record_case_id_caller_callee_started_at"),
        ),
    )
    op.create_index(
        "ix_call_record_case_time", "call_record", ["case_id", "started_at"], unique=False
    )
    op.create_table(
        "bank_transaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=40), nullable=False),
        sa.Column("holder_name", sa.String(length=100), nullable=False),
        sa.Column("counterparty_account", sa.String(length=40), nullable=False),
        sa.Column("counterparty_name", sa.String(length=200), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("memo", sa.String(length=400), nullable=False),
        sa.CheckConstraint("amount_fen >= 0", name=op.f("ck_bank_transaction_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_bank_transaction_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_transaction")),
        sa.UniqueConstraint(
            "case_id",
            "account",
            "counterparty_account",
            "at",
            "amount_fen",
            "direction",
            name=op.f(
                "uq_bank_transaction_case_id_account_counterparty_account_at_amount_fen_direction"
            ),
        ),
    )
    op.create_index(
        "ix_bank_transaction_case_time", "bank_transaction", ["case_id", "at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_bank_transaction_case_time", table_name="bank_transaction")
    op.drop_table("bank_transaction")
    op.drop_index("ix_call_record_case_time", table_name="call_record")
    op.drop_table("call_record")
