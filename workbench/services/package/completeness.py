"""What is still missing before a case can be sent: the facts read from the case file and
judged by :mod:`workbench.domain.completeness`."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.completeness import (
    CustodyFact,
    ExhibitFact,
    MentionFact,
    OpenItem,
    SuspectFact,
    check_custody,
    check_exhibit_numbers,
    check_exhibits,
    check_suspects,
)
from workbench.domain.permissions import CASE_READ
from workbench.domain.profile import load_profile
from workbench.models import Attachment, AttachmentLink, CaseParty, CustodyEntry, Person, Seizure
from workbench.reports.formatting import DEFAULT_ZONE
from workbench.services.analysis.rule_findings import RuleFindingService
from workbench.services.core.context import Context
from workbench.services.core.lookup import case_by_code


class CompletenessService:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = ZoneInfo(zone)

    def check(self, case_code: str) -> list[OpenItem]:
        """Every open item of the case, suspects first, then exhibits in number order, then
        the rules to warn about (the [check] figures applied, lengths, identifiers)."""
        self.ctx.require(CASE_READ, case_code)
        profile = load_profile()
        with self.ctx.store.session() as s:
            case = case_by_code(s, case_code)
            suspects = _suspects(s, case.id)
            exhibits = self._exhibits(s, case.id)
            custody = self._custody(s, case.id)
            mentions = [
                MentionFact("custody", c.entry_id, c.seizure_id, f"#{c.entry_id}", c.text)
                for c in custody
            ] + _attachment_mentions(s, case.id)
        return (
            check_suspects(suspects)
            + check_exhibits(exhibits, profile)
            + check_exhibit_numbers(exhibits, mentions)
            + check_custody(exhibits, custody)
            + RuleFindingService(self.ctx).findings(case_code)
        )

    def _exhibits(self, s: Session, case_id: int) -> list[ExhibitFact]:
        return [
            ExhibitFact(
                seizure_id=row.id,
                exhibit_no=row.exhibit_no,
                net_mg=row.net_mg,
                scale_resolution_mg=row.scale_resolution_mg,
                seized_on=None
                if row.seized_at is None
                else row.seized_at.astimezone(self.zone).date(),
                sent_for_test_on=row.sent_for_test_on,
                lab_report_no=row.lab_report_no or "",
                complex_case=bool(row.complex_case),
            )
            for row in s.execute(
                select(
                    Seizure.id,
                    Seizure.exhibit_no,
                    Seizure.net_mg,
                    Seizure.scale_resolution_mg,
                    Seizure.seized_at,
                    Seizure.sent_for_test_on,
                    Seizure.lab_report_no,
                    Seizure.complex_case,
                )
                .where(Seizure.case_id == case_id)
                .order_by(Seizure.exhibit_no, Seizure.id)
            )
        ]

    def _custody(self, s: Session, case_id: int) -> list[CustodyFact]:
        return [
            CustodyFact(
                entry_id=c.id,
                seizure_id=c.item_id,
                at=c.at.astimezone(self.zone),
                from_holder=c.from_holder,
                to_holder=c.to_holder,
                text=f"{c.place} {c.purpose}",
            )
            for c in s.scalars(
                select(CustodyEntry).where(
                    CustodyEntry.case_id == case_id, CustodyEntry.item_type == "seizure"
                )
            )
        ]


def _suspects(s: Session, case_id: int) -> list[SuspectFact]:
    return [
        SuspectFact(pid, name, id_number)
        for pid, name, id_number in s.execute(
            select(Person.id, Person.name, Person.id_number)
            .join(CaseParty, CaseParty.person_id == Person.id)
            .where(CaseParty.case_id == case_id, CaseParty.is_suspect.is_(True))
            .order_by(Person.id)
        )
    ]


def _attachment_mentions(s: Session, case_id: int) -> list[MentionFact]:
    """Attachments linked to an exhibit: their names and descriptions mention its number."""
    return [
        MentionFact("attachment", att_id, seizure_id, filename, f"{filename} {description}")
        for att_id, filename, description, seizure_id in s.execute(
            select(
                Attachment.id,
                Attachment.filename,
                Attachment.description,
                AttachmentLink.entity_id,
            )
            .join(AttachmentLink, AttachmentLink.attachment_id == Attachment.id)
            .where(Attachment.case_id == case_id, AttachmentLink.entity_type == "seizure")
            .order_by(Attachment.id)
        )
    ]
