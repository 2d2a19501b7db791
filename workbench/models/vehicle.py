"""Vehicles are global like persons (one plate or VIN, one vehicle); cases refer to them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.models.base import Base


class Vehicle(Base):
    __tablename__ = "vehicle"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plate: Mapped[str | None] = mapped_column(String(16), unique=True, default=None)
    vin: Mapped[str | None] = mapped_column(String(17), unique=True, default=None)
    make: Mapped[str] = mapped_column(String(100), default="")
    model: Mapped[str] = mapped_column(String(100), default="")
    colour: Mapped[str] = mapped_column(String(40), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class CaseVehicle(Base):
    __tablename__ = "case_vehicle"
    __table_args__ = (UniqueConstraint("case_id", "vehicle_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    seized: Mapped[bool] = mapped_column(default=False)
    seized_on: Mapped[date | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
