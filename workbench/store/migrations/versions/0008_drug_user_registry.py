"""The drug-user registry (findings, decisions, hand-overs) and the dates brigade
statistics count by: the day a case was solved, the day a suspect was sent for
prosecution.

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_file") as batch:
        batch.add_column(sa.Column("solved_on", sa.Date(), nullable=True))
        batch.create_index(batch.f("ix_case_file_solved_on"), ["solved_on"], unique=False)
    with op.batch_alter_table("case_party") as batch:
        batch.add_column(sa.Column("prosecuted_on", sa.Date(), nullable=True))
        batch.create_index(batch.f("ix_case_party_prosecuted_on"), ["prosecuted_on"], unique=False)
    _create_findings()
    _create_decisions()
    _create_handovers()


def _create_findings() -> None:
    op.create_table(
        "drug_use_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("found_at", sa.BigInteger(), nullable=False),
        sa.Column("place", sa.String(length=400), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("how_found", sa.String(length=40), nullable=False),
        sa.Column("test_method", sa.String(length=40), nullable=False),
        sa.Column("substance", sa.String(length=40), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("report_no", sa.String(length=100), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_drug_use_finding_case_id_case_file"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_drug_use_finding_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drug_use_finding")),
    )
    op.create_index("ix_drug_use_finding_found_at", "drug_use_finding", ["found_at"])
    op.create_index(
        "ix_drug_use_finding_result_person_found",
        "drug_use_finding",
        ["result", "person_id", "found_at"],
    )
    op.create_index(op.f("ix_drug_use_finding_person_id"), "drug_use_finding", ["person_id"])
    op.create_index(op.f("ix_drug_use_finding_case_id"), "drug_use_finding", ["case_id"])


def _create_decisions() -> None:
    op.create_table(
        "rehab_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("term_days", sa.Integer(), nullable=True),
        sa.Column("term_months", sa.Integer(), nullable=True),
        sa.Column("extension_months", sa.Integer(), nullable=False),
        sa.Column("planned_end_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=40), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("office", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("document_no", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "starts_on >= decided_on", name=op.f("ck_rehab_decision_starts_after_decided")
        ),
        sa.CheckConstraint(
            "planned_end_on >= starts_on", name=op.f("ck_rehab_decision_planned_end_after_start")
        ),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= starts_on",
            name=op.f("ck_rehab_decision_ended_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["drug_use_finding.id"],
            name=op.f("fk_rehab_decision_finding_id_drug_use_finding"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_rehab_decision_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rehab_decision")),
    )
    op.create_index("ix_rehab_decision_kind_decided_on", "rehab_decision", ["kind", "decided_on"])
    op.create_index(op.f("ix_rehab_decision_person_id"), "rehab_decision", ["person_id"])
    op.create_index(op.f("ix_rehab_decision_finding_id"), "rehab_decision", ["finding_id"])


def _create_handovers() -> None:
    op.create_table(
        "rehab_handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("handed_on", sa.Date(), nullable=False),
        sa.Column("received_by", sa.String(length=200), nullable=False),
        sa.Column("office", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["rehab_decision.id"],
            name=op.f("fk_rehab_handover_decision_id_rehab_decision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rehab_handover")),
    )
    op.create_index(op.f("ix_rehab_handover_decision_id"), "rehab_handover", ["decision_id"])


def downgrade() -> None:
    op.drop_table("rehab_handover")
    op.drop_table("rehab_decision")
    op.drop_table("drug_use_finding")
    with op.batch_alter_table("case_party") as batch:
        batch.drop_index(batch.f("ix_case_party_prosecuted_on"))
        batch.drop_column("prosecuted_on")
    with op.batch_alter_table("case_file") as batch:
        batch.drop_index(batch.f("ix_case_file_solved_on"))
        batch.drop_column("solved_on")
