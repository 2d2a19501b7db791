"""SQLAlchemy 2 typed ORM classes; invariants only, no behaviour."""

from workbench.models.audit import AuditEntry, User
from workbench.models.base import Base
from workbench.models.case import CaseAccess, CaseFile, CaseMember
from workbench.models.chart import ChartLayout
from workbench.models.comms import BankTransaction, CallRecord
from workbench.models.evidence import (
    Asset,
    Attachment,
    AttachmentLink,
    CustodyEntry,
    Seizure,
    SeizureAttribution,
)
from workbench.models.person import CaseParty, Measure, Person
from workbench.models.registry import DrugUseFinding, RehabDecision, RehabHandover
from workbench.models.timeline import Event, EventParticipant, Link, Location
from workbench.models.vehicle import CaseVehicle, Vehicle

__all__ = [
    "Asset",
    "Attachment",
    "AttachmentLink",
    "AuditEntry",
    "BankTransaction",
    "Base",
    "CallRecord",
    "CaseAccess",
    "CaseFile",
    "CaseMember",
    "CaseParty",
    "CaseVehicle",
    "ChartLayout",
    "CustodyEntry",
    "DrugUseFinding",
    "Event",
    "EventParticipant",
    "Link",
    "Location",
    "Measure",
    "Person",
    "RehabDecision",
    "RehabHandover",
    "Seizure",
    "SeizureAttribution",
    "User",
    "Vehicle",
]
