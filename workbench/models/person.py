"""Persons are global; a case refers to them through a CaseParty.

The same resident ID number in two cases is one person, which is how a task force sees
that a buyer in one case is a supplier in another.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.models.base import Base


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    sex: Mapped[str | None] = mapped_column(String(1), default=None)
    birth_date: Mapped[date | None] = mapped_column(default=None)
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True, default=None)
    ethnicity: Mapped[str] = mapped_column(String(40), default="")
    education: Mapped[str] = mapped_column(String(40), default="")
    occupation: Mapped[str] = mapped_column(String(200), default="")
    birthplace: Mapped[str] = mapped_column(String(200), default="")
    household_address: Mapped[str] = mapped_column(String(400), default="")
    current_address: Mapped[str] = mapped_column(String(400), default="")
    phones: Mapped[list[str]] = mapped_column(JSON, default=list)
    prior_record: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class CaseParty(Base):
    """A person's part in one case: role, whether a criminal suspect, where they are."""

    __tablename__ = "case_party"
    __table_args__ = (UniqueConstraint("case_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(40), default="other")
    is_suspect: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(40), default="not_applicable")
    # A roving, repeated or gang suspect: 30 days to request arrest, not 3 (+4).
    roving_or_gang: Mapped[bool] = mapped_column(default=False, server_default="0")
    # 移送审查起诉: the day this suspect was sent for prosecution in this case.
    prosecuted_on: Mapped[date | None] = mapped_column(default=None, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Measure(Base):
    """A compulsory measure or administrative decision on a person in a case."""

    __tablename__ = "measure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    decided_on: Mapped[date | None] = mapped_column(default=None)
    starts_on: Mapped[date | None] = mapped_column(default=None)
    ends_on: Mapped[date | None] = mapped_column(default=None)
    extension_steps: Mapped[int] = mapped_column(default=0)
    # Concluded (vocab.CONCLUSIONS): its deadlines stop running from that day.
    concluded_on: Mapped[date | None] = mapped_column(default=None)
    conclusion: Mapped[str] = mapped_column(String(40), default="", server_default="")
    document_no: Mapped[str] = mapped_column(String(100), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
