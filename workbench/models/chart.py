"""Saved positions of the link chart: where each node of a case's chart was put."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.models.base import Base


class ChartLayout(Base):
    """One node of a case's link chart at (x, y): integer hundredths of a chart unit
    (x right, y down; a link is about 100 units), as every number in the schema is exact.

    ``node_id`` is the chart's stable node id ("person:12", "phone:13800000000"), so a
    position survives rebuilding the chart; a pinned node keeps its place when the
    chart is laid out again. The package prints the chart from these positions.
    """

    __tablename__ = "chart_layout"
    __table_args__ = (UniqueConstraint("case_id", "node_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[str] = mapped_column(String(120))
    x: Mapped[int] = mapped_column(BigInteger)  # hundredths of a chart unit
    y: Mapped[int] = mapped_column(BigInteger)
    pinned: Mapped[bool] = mapped_column(default=False)
