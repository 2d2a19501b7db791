"""Call detail records and bank statement rows, stored compactly (not one Event each).

A carrier's 话单 easily holds a million rows: one narrow row per call, times as UTC
microseconds, and a unique content key so importing the same file twice adds nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.models.base import Base
from workbench.models.types import UTCDateTime


class CallRecord(Base):
    """One call (or SMS) from ``caller`` to ``callee``; numbers normalised to digits."""

    __tablename__ = "call_record"
    __table_args__ = (
        UniqueConstraint("case_id", "caller", "callee", "started_at"),
        Index("ix_call_record_case_time", "case_id", "started_at"),
        CheckConstraint("duration_s >= 0", name="duration_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    caller: Mapped[str] = mapped_column(String(24))
    callee: Mapped[str] = mapped_column(String(24))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_s: Mapped[int] = mapped_column(Integer, default=0)
    direction: Mapped[str] = mapped_column(String(8), default="")
    cell: Mapped[str] = mapped_column(String(64), default="")
    imei: Mapped[str] = mapped_column(String(20), default="")


class BankTransaction(Base):
    """One statement row: money ``direction`` "out" of or "in" to ``account``."""

    __tablename__ = "bank_transaction"
    __table_args__ = (
        UniqueConstraint(
            "case_id", "account", "counterparty_account", "at", "amount_fen", "direction"
        ),
        Index("ix_bank_transaction_case_time", "case_id", "at"),
        CheckConstraint("amount_fen >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    account: Mapped[str] = mapped_column(String(40))
    holder_name: Mapped[str] = mapped_column(String(100), default="")
    counterparty_account: Mapped[str] = mapped_column(String(40), default="")
    counterparty_name: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    direction: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(64), default="")
    memo: Mapped[str] = mapped_column(String(400), default="")
