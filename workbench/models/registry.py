"""The drug-user registry (吸毒人员管理): findings, decisions and hand-overs of a person.

Persons are the same global rows as in the case files; a finding may name the case it
came from. Statuses, running terms and due dates are computed when asked
(``domain.registry_status``), never stored; ``planned_end_on`` is the one derived column,
written by the service from the term rules so that overlaps can be found in SQL.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.models.base import Base
from workbench.models.types import UTCDateTime


class DrugUseFinding(Base):
    """One time a person was found and tested (查获吸毒人员, one 人次)."""

    __tablename__ = "drug_use_finding"
    __table_args__ = (
        Index("ix_drug_use_finding_found_at", "found_at"),
        # the first finding of each person (newly found) without touching the table
        Index("ix_drug_use_finding_result_person_found", "result", "person_id", "found_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(400), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    how_found: Mapped[str] = mapped_column(String(40), default="other")
    test_method: Mapped[str] = mapped_column(String(40), default="urine")
    substance: Mapped[str] = mapped_column(String(40))
    result: Mapped[str] = mapped_column(String(20))
    report_no: Mapped[str] = mapped_column(String(100), default="")
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_file.id", ondelete="SET NULL"), default=None, index=True
    )
    source: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class RehabDecision(Base):
    """Administrative detention, compulsory isolation, community rehab or recovery."""

    __tablename__ = "rehab_decision"
    __table_args__ = (
        CheckConstraint("starts_on >= decided_on", name="starts_after_decided"),
        CheckConstraint("planned_end_on >= starts_on", name="planned_end_after_start"),
        CheckConstraint("ended_on IS NULL OR ended_on >= starts_on", name="ended_after_start"),
        Index("ix_rehab_decision_kind_decided_on", "kind", "decided_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("drug_use_finding.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    decided_on: Mapped[date] = mapped_column()
    starts_on: Mapped[date] = mapped_column()
    term_days: Mapped[int | None] = mapped_column(default=None)  # administrative detention
    term_months: Mapped[int | None] = mapped_column(default=None)  # the others
    extension_months: Mapped[int] = mapped_column(default=0)
    planned_end_on: Mapped[date] = mapped_column()
    ended_on: Mapped[date | None] = mapped_column(default=None)
    end_reason: Mapped[str] = mapped_column(String(40), default="")
    place: Mapped[str] = mapped_column(String(200), default="")  # detention house, centre
    office: Mapped[str] = mapped_column(String(200), default="")  # township / street office
    unit: Mapped[str] = mapped_column(String(200), default="")  # the deciding police unit
    document_no: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class RehabHandover(Base):
    """出所备案 (release filed) or 社区接收 (received by the township/street office)."""

    __tablename__ = "rehab_handover"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("rehab_decision.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    handed_on: Mapped[date] = mapped_column()
    received_by: Mapped[str] = mapped_column(String(200), default="")
    office: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
