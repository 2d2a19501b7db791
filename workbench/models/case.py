"""The case file and its task force."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.models.base import Base
from workbench.models.types import UTCDateTime


class CaseFile(Base):
    """A case file (专案). ``code`` is the handle everyone quotes, e.g. PDS-2019-001."""

    __tablename__ = "case_file"
    __table_args__ = (
        CheckConstraint("closed_on IS NULL OR closed_on >= opened_on", name="closed_after_opened"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(400))
    nickname: Mapped[str] = mapped_column(String(100), default="")
    category: Mapped[str] = mapped_column(String(40), default="other")
    level: Mapped[str] = mapped_column(String(40), default="ordinary")
    status: Mapped[str] = mapped_column(String(40), default="open")
    unit: Mapped[str] = mapped_column(String(200), default="")
    opened_on: Mapped[date | None] = mapped_column(default=None)
    closed_on: Mapped[date | None] = mapped_column(default=None)
    # Concluded (vocab.CONCLUSIONS): no deadline of the case runs after that day.
    concluded_on: Mapped[date | None] = mapped_column(default=None)
    conclusion: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # 破案日期: the day the case counts as solved in the brigade's statistics.
    solved_on: Mapped[date | None] = mapped_column(default=None, index=True)
    lead: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CaseMember(Base):
    """A member of the task force (专案组), optionally tied to a workbench user."""

    __tablename__ = "case_member"
    __table_args__ = (UniqueConstraint("case_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[str] = mapped_column(String(200), default="")
    task_role: Mapped[str] = mapped_column(String(40), default="member")
    user_name: Mapped[str | None] = mapped_column(String(100), default=None)


class CaseAccess(Base):
    """A workbench user's membership of a case file: what grants reading and editing it
    (the role decides how much; ``workbench.domain.permissions``)."""

    __tablename__ = "case_access"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime())
