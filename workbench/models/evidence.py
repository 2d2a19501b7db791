"""Exhibits, assets, attachments and their chain of custody.

Weights are integer milligrams and money integer fen: exact, and summed in SQL exactly.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.models.base import Base
from workbench.models.types import UTCDateTime


class Seizure(Base):
    """One exhibit (检材): the smallest independently packed unit or a weighed group."""

    __tablename__ = "seizure"
    __table_args__ = (
        UniqueConstraint("case_id", "exhibit_no"),
        CheckConstraint("net_mg >= 0", name="net_not_negative"),
        CheckConstraint("package_count >= 1", name="packages_positive"),
        CheckConstraint(
            "gross_mg IS NULL OR tare_mg IS NULL OR net_mg = gross_mg - tare_mg",
            name="net_is_gross_minus_tare",
        ),
        CheckConstraint("purity_bp IS NULL OR purity_bp BETWEEN 0 AND 10000", name="purity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    exhibit_no: Mapped[str] = mapped_column(String(64))
    drug: Mapped[str] = mapped_column(String(40))
    form: Mapped[str] = mapped_column(String(40), default="other")
    package_count: Mapped[int] = mapped_column(default=1)
    sampled_count: Mapped[int | None] = mapped_column(default=None)  # packages sampled
    gross_mg: Mapped[int | None] = mapped_column(BigInteger, default=None)
    tare_mg: Mapped[int | None] = mapped_column(BigInteger, default=None)
    net_mg: Mapped[int] = mapped_column(BigInteger)
    scale_resolution_mg: Mapped[int | None] = mapped_column(BigInteger, default=None)
    purity_bp: Mapped[int | None] = mapped_column(default=None)
    seized_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("location.id", ondelete="SET NULL"), default=None
    )
    from_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), default=None)
    lab_report_no: Mapped[str] = mapped_column(String(100), default="")
    sent_for_test_on: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(40), default="sealed")
    complex_case: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class SeizureAttribution(Base):
    """Whose seizure this is for sentencing: possession, joint crime or supply."""

    __tablename__ = "seizure_attribution"
    __table_args__ = (UniqueConstraint("seizure_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seizure_id: Mapped[int] = mapped_column(
        ForeignKey("seizure.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    basis: Mapped[str] = mapped_column(String(40), default="possession")


class Asset(Base):
    """Money and property seized or frozen (涉案财物)."""

    __tablename__ = "asset"
    __table_args__ = (CheckConstraint("amount_fen >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    action: Mapped[str] = mapped_column(String(40), default="seized")
    seized_on: Mapped[date | None] = mapped_column(default=None)
    from_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), default=None)
    account: Mapped[str] = mapped_column(String(100), default="")
    bank: Mapped[str] = mapped_column(String(200), default="")
    document_no: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")


class Attachment(Base):
    """A file kept inside the encrypted database, identified by its SHA-256."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(400))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    description: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AttachmentLink(Base):
    __tablename__ = "attachment_link"
    __table_args__ = (UniqueConstraint("attachment_id", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachment.id", ondelete="CASCADE"), index=True
    )
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column()


class CustodyEntry(Base):
    """An exhibit or attachment handed from one holder to another."""

    __tablename__ = "custody_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    item_type: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[int] = mapped_column(index=True)
    from_holder: Mapped[str] = mapped_column(String(200), default="")
    to_holder: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
