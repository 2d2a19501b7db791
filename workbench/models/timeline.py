"""Places, events and typed links: what the timeline and the link chart draw."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.models.base import Base
from workbench.models.types import ExactDecimal, UTCDateTime


class Location(Base):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(400), default="")
    kind: Mapped[str] = mapped_column(String(40), default="other")
    lat: Mapped[Decimal | None] = mapped_column(ExactDecimal(), default=None)
    lon: Mapped[Decimal | None] = mapped_column(ExactDecimal(), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class Event(Base):
    """Something that happened at a time known to ``precision``, or over a span.

    ``occurred_at`` is the start of the known period (a month-precision event stores the
    first instant of that month); ``ends_at`` closes a span.
    """

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_case_time", "case_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(400))
    description: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    precision: Mapped[str] = mapped_column(String(10), default="minute")
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    source: Mapped[str] = mapped_column(Text, default="")


class EventParticipant(Base):
    __tablename__ = "event_participant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column()


class Link(Base):
    """A typed relation between any two entities of a case (a → b)."""

    __tablename__ = "link"
    __table_args__ = (
        Index("ix_link_a", "a_type", "a_id"),
        Index("ix_link_b", "b_type", "b_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    a_type: Mapped[str] = mapped_column(String(40))
    a_id: Mapped[int] = mapped_column()
    b_type: Mapped[str] = mapped_column(String(40))
    b_id: Mapped[int] = mapped_column()
    starts_on: Mapped[date | None] = mapped_column(default=None)
    ends_on: Mapped[date | None] = mapped_column(default=None)
    evidence: Mapped[str] = mapped_column(Text, default="")
