"""Users and the append-only, hash-chained audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.models.base import Base
from workbench.models.types import UTCDateTime


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")  # real name
    police_no: Mapped[str] = mapped_column(String(40), default="", server_default="")  # 警号
    role: Mapped[str] = mapped_column(String(40), default="investigator")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """One audited change. ``hash`` = SHA-256 over the canonical encoding of the rest.

    ``at`` is kept as the exact ISO text that was hashed, so verification never depends
    on how a datetime type round-trips. Triggers refuse UPDATE and DELETE.
    """

    __tablename__ = "audit_entry"
    # A record's last change (its version for optimistic concurrency), migration 0009.
    __table_args__ = (Index("ix_audit_entry_entity_entity_id", "entity", "entity_id", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(64), default=None)
    case_code: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    changes: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
