"""Concluded measures and cases, the packages sampled of an exhibit, a user's police number.

A measure or a whole case marked concluded (sent for prosecution, judgment, released)
stops its running deadlines; ``sampled_count`` is how many packages of an exhibit were
sampled for testing (公禁毒〔2016〕511号 says how many should be); ``police_no`` is the
警号 the package prints beside the preparer's real name.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CONCLUDED = ("measure", "case_file")


def upgrade() -> None:
    for table in _CONCLUDED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("concluded_on", sa.Date(), nullable=True))
            batch.add_column(
                sa.Column("conclusion", sa.String(length=40), nullable=False, server_default="")
            )
    with op.batch_alter_table("seizure") as batch:
        batch.add_column(sa.Column("sampled_count", sa.Integer(), nullable=True))
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(
            sa.Column("police_no", sa.String(length=40), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("police_no")
    with op.batch_alter_table("seizure") as batch:
        batch.drop_column("sampled_count")
    for table in reversed(_CONCLUDED):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("conclusion")
            batch.drop_column("concluded_on")
