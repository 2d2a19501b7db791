"""Reading a case into the plain values the package prints (``reports.model``).

The audit statement, parties with measures, deadlines and attributed seizures, the
lists, and the open items. ``redact`` masks what the package may not show
of persons who are not suspects. The audit statement stops at the last data change, so
exports (which are audited) do not change the next export's bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.deadlines import MeasureFact, overdue, running_deadlines
from workbench.domain.masking import MASK, mask_id, mask_phone
from workbench.domain.profile import JurisdictionProfile, load_profile
from workbench.domain.quantities import mg_to_grams
from workbench.domain.tiers import assess, tier_for
from workbench.domain.totals import AssetFact, SeizureFact, case_totals
from workbench.domain.vocab import DRUGS, NON_DATA_ACTIONS
from workbench.models import (
    Asset,
    Attachment,
    AuditEntry,
    CaseFile,
    CaseMember,
    CaseParty,
    CaseVehicle,
    CustodyEntry,
    Event,
    Location,
    Measure,
    Person,
    Seizure,
    SeizureAttribution,
    User,
    Vehicle,
)
from workbench.reports.formatting import DEFAULT_ZONE
from workbench.reports.model import (
    AssetLine,
    AttachmentLine,
    AttributedSeizure,
    AuditStatement,
    CaseHeader,
    CustodyLine,
    DeadlineLine,
    DrugLine,
    EventLine,
    LocationLine,
    MeasureLine,
    Member,
    PackageData,
    Particulars,
    PartySection,
    SeizureLine,
    VehicleLine,
)
from workbench.services.analysis.network import ChartPicture
from workbench.services.analysis.network_data import NUMBER_KINDS
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.core.errors import ServiceError
from workbench.services.core.lookup import case_by_code
from workbench.services.package.completeness import CompletenessService

# Audit actions that record reading or signing in, not a change to the data.
NOT_DATA_ACTIONS = NON_DATA_ACTIONS


class ChainBroken(ServiceError):
    """The audit trail does not verify: no package may certify it."""

    exit_code = 4


def redact_picture(picture: ChartPicture) -> ChartPicture:
    """The link chart with the phone numbers and accounts masked unless a suspect uses
    them (as the redacted package masks the phones of persons who are not suspects)."""
    graph = picture.graph
    suspects = {n.id for n in graph.nodes if n.kind == "person" and n.suspect}
    theirs = {
        k.target
        for k in graph.links
        if k.kind in ("uses_phone", "holds_account") and k.source in suspects
    }
    nodes = tuple(
        replace(n, label=mask_phone(n.label) if n.kind == "phone" else mask_id(n.label), detail="")
        if n.kind in NUMBER_KINDS and n.id not in theirs
        else n
        for n in graph.nodes
    )
    return replace(picture, graph=replace(graph, nodes=nodes))


class PackageReader:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone
        self._tz = ZoneInfo(zone)

    def gather(self, case_code: str, *, redact: bool = False) -> PackageData:
        """Everything the package prints, read in one session (the chain check and the open
        items read their own); ChainBroken if the audit trail does not verify."""
        report = AuditService(self.ctx).verify()
        profile = load_profile()
        open_items = CompletenessService(self.ctx, self.zone).check(case_code)
        with self.ctx.store.session() as s:
            case = case_by_code(s, case_code)
            audit = self._audit_statement(s, report.ok)
            if not report.ok:
                problem = report.problem.message if report.problem else "unknown problem"
                raise ChainBroken(f"audit chain broken: {problem}; no package was written")
            doc_date = _parse_utc(audit.head_at).astimezone(self._tz).date()
            names = _PersonNames(s)
            parties = self._parties(s, case, profile, doc_date, redact)
            seizures, drug_mg, precursor_mg = self._seizures(s, case, names)
            assets, by_kind, cash = self._assets(s, case, names)
            weights = {d: mg_to_grams(mg) for d, mg in drug_mg.items()}
            assessment = assess(weights, profile) if weights else None
            preparer, police_no = self._prepared_by(s)
            return PackageData(
                header=_header(s, case),
                prepared_by=preparer,
                prepared_by_police_no=police_no,
                profile_words=(profile.words("zh_CN"), profile.words("en")),
                excluded_mg=_excluded(drug_mg, assessment.unconverted if assessment else []),
                document_date=doc_date,
                zone=self.zone,
                profile_label=profile.label,
                redacted=redact,
                suspects=tuple(p for p in parties if p.is_suspect),
                others=tuple(p for p in parties if not p.is_suspect),
                seizures=seizures,
                drug_totals_mg=drug_mg,
                precursor_totals_mg=precursor_mg,
                heroin_equivalent_g=assessment.heroin_equivalent_g if assessment else Decimal(0),
                tier=str(assessment.tier) if assessment and assessment.tier else None,
                assets=assets,
                asset_totals_fen=by_kind,
                cash_total_fen=cash,
                vehicles=self._vehicles(s, case, names),
                locations=_locations(s, case),
                events=_events(s, case),
                attachments=_attachments(s, case),
                custody=_custody(s, case),
                audit=audit,
                open_items=tuple(open_items),
            )

    def _audit_statement(self, s: Session, verified: bool) -> AuditStatement:
        """The trail up to its last data change: later export (or sign-in) entries would
        otherwise make every export differ from the one before."""
        head = s.execute(
            select(AuditEntry.seq, AuditEntry.hash, AuditEntry.at)
            .where(AuditEntry.action.not_in(NOT_DATA_ACTIONS))
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        ).first()
        if head is None:
            return AuditStatement(0, "0" * 64, "2000-01-01T00:00:00Z", verified)
        seq, digest, at = head
        return AuditStatement(seq, digest, at, verified)

    def _prepared_by(self, s: Session) -> tuple[str, str]:
        """The preparer's real name (their user name if none is on file) and 警号."""
        user = s.execute(select(User).where(User.name == self.ctx.user)).scalar_one_or_none()
        if user is None:
            return self.ctx.user, ""
        return user.display_name or user.name, user.police_no

    def _parties(
        self,
        s: Session,
        case: CaseFile,
        profile: JurisdictionProfile,
        doc_date: date,
        redact: bool,
    ) -> list[PartySection]:
        rows = s.execute(
            select(Person, CaseParty)
            .join(CaseParty, CaseParty.person_id == Person.id)
            .where(CaseParty.case_id == case.id)
            .order_by(Person.id)
        ).all()
        measures = _measures_by_person(s, case.id)
        attributed = _attributed_seizures(s, case.id)
        out = [
            _party_section(
                person,
                party,
                measures.get(person.id, []),
                attributed.get(person.id, []),
                profile,
                doc_date,
                hide=redact and not party.is_suspect,
                case_concluded_on=case.concluded_on,
            )
            for person, party in rows
        ]
        out.sort(key=_party_order)
        return out

    def _seizures(
        self, s: Session, case: CaseFile, names: _PersonNames
    ) -> tuple[tuple[SeizureLine, ...], dict[str, int], dict[str, int]]:
        rows = list(
            s.scalars(
                select(Seizure)
                .where(Seizure.case_id == case.id)
                .order_by(Seizure.exhibit_no, Seizure.id)
            )
        )
        places = dict(
            s.execute(select(Location.id, Location.name).where(Location.case_id == case.id)).all()
        )
        names.load(r.from_person_id for r in rows)
        lines = tuple(
            SeizureLine(
                exhibit_no=r.exhibit_no,
                drug=r.drug,
                form=r.form,
                package_count=r.package_count,
                gross_mg=r.gross_mg,
                tare_mg=r.tare_mg,
                net_mg=r.net_mg,
                purity_bp=r.purity_bp,
                scale_resolution_mg=r.scale_resolution_mg,
                seized_at=r.seized_at,
                location=places.get(r.location_id, "") if r.location_id else "",
                from_person=names.get(r.from_person_id),
                lab_report_no=r.lab_report_no,
                sent_for_test_on=r.sent_for_test_on,
            )
            for r in rows
        )
        totals = case_totals((SeizureFact(r.drug, r.net_mg) for r in rows), ())
        return lines, totals.drug_mg, totals.precursor_mg

    def _assets(
        self, s: Session, case: CaseFile, names: _PersonNames
    ) -> tuple[tuple[AssetLine, ...], dict[str, int], int]:
        rows = list(
            s.scalars(
                select(Asset).where(Asset.case_id == case.id).order_by(Asset.seized_on, Asset.id)
            )
        )
        names.load(a.from_person_id for a in rows)
        totals = case_totals((), (AssetFact(a.kind, a.amount_fen) for a in rows))
        lines = tuple(
            AssetLine(
                a.kind,
                a.action,
                a.amount_fen,
                a.seized_on,
                names.get(a.from_person_id),
                a.account,
                a.bank,
                a.document_no,
                a.description,
            )
            for a in rows
        )
        return lines, totals.assets_fen_by_kind, totals.cash_fen

    def _vehicles(self, s: Session, case: CaseFile, names: _PersonNames) -> tuple[VehicleLine, ...]:
        rows = s.execute(
            select(Vehicle, CaseVehicle)
            .join(CaseVehicle, CaseVehicle.vehicle_id == Vehicle.id)
            .where(CaseVehicle.case_id == case.id)
            .order_by(Vehicle.id)
        ).all()
        names.load(v.owner_id for v, _ in rows)
        return tuple(
            VehicleLine(
                v.plate or "",
                v.vin or "",
                v.make,
                v.model,
                v.colour,
                names.get(v.owner_id),
                cv.seized,
                cv.seized_on,
            )
            for v, cv in rows
        )


# -- helpers -------------------------------------------------------------------------


class _PersonNames:
    """Names of persons referred to by id (owners and holders may be in other cases)."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.names: dict[int, str] = {}

    def load(self, ids: Iterable[int | None]) -> None:
        wanted = sorted({i for i in ids if i is not None and i not in self.names})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for person_id, name in self.s.execute(
                select(Person.id, Person.name).where(Person.id.in_(chunk))
            ):
                self.names[person_id] = name

    def get(self, person_id: int | None) -> str:
        return "" if person_id is None else self.names.get(person_id, "")


def _header(s: Session, case: CaseFile) -> CaseHeader:
    members = tuple(
        Member(m.name, m.position, m.task_role)
        for m in s.scalars(
            select(CaseMember).where(CaseMember.case_id == case.id).order_by(CaseMember.id)
        )
    )
    return CaseHeader(
        code=case.code,
        title=case.title,
        nickname=case.nickname,
        category=case.category,
        level=case.level,
        status=case.status,
        unit=case.unit,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        lead=case.lead,
        source=case.source,
        summary=case.summary,
        members=members,
        concluded_on=case.concluded_on,
        conclusion=case.conclusion,
    )


def _measures_by_person(s: Session, case_id: int) -> dict[int, list[Measure]]:
    measures: dict[int, list[Measure]] = defaultdict(list)
    for m in s.scalars(
        select(Measure).where(Measure.case_id == case_id).order_by(Measure.starts_on, Measure.id)
    ):
        measures[m.person_id].append(m)
    return measures


def _attributed_seizures(s: Session, case_id: int) -> dict[int, list[AttributedSeizure]]:
    """The exhibits attributed to each person (possession, joint crime, supplied)."""
    attributed: dict[int, list[AttributedSeizure]] = defaultdict(list)
    for person_id, exhibit_no, drug, net_mg, basis in s.execute(
        select(
            SeizureAttribution.person_id,
            Seizure.exhibit_no,
            Seizure.drug,
            Seizure.net_mg,
            SeizureAttribution.basis,
        )
        .join(Seizure, Seizure.id == SeizureAttribution.seizure_id)
        .where(Seizure.case_id == case_id)
        .order_by(Seizure.exhibit_no, Seizure.id)
    ):
        attributed[person_id].append(AttributedSeizure(exhibit_no, drug, net_mg, basis))
    return attributed


def _party_section(
    person: Person,
    party: CaseParty,
    mine: list[Measure],
    seized: list[AttributedSeizure],
    profile: JurisdictionProfile,
    doc_date: date,
    *,
    hide: bool,
    case_concluded_on: date | None = None,
) -> PartySection:
    """One person's section: particulars, measures and running deadlines (none once the
    measure or the case is concluded), attributed exhibits with per-drug tiers and the
    heroin equivalent, and the drugs left out of it."""
    deadlines = running_deadlines(
        [
            MeasureFact(m.kind, m.starts_on, m.ends_on, m.extension_steps, m.concluded_on)
            for m in mine
            if m.starts_on is not None
        ],
        profile,
        roving_or_gang=party.roving_or_gang,
        case_concluded_on=case_concluded_on,
        as_of=doc_date,
    )
    per_drug: dict[str, int] = {}
    for a in seized:
        per_drug[a.drug] = per_drug.get(a.drug, 0) + a.net_mg
    drug_weights = {d: mg_to_grams(mg) for d, mg in per_drug.items() if d in DRUGS}
    assessment = assess(drug_weights, profile) if drug_weights else None
    return PartySection(
        person_id=person.id,
        particulars=_particulars(person, hide),
        role=party.role,
        status=party.status,
        is_suspect=party.is_suspect,
        measures=tuple(
            MeasureLine(
                m.kind,
                m.decided_on,
                m.starts_on,
                m.ends_on,
                m.document_no,
                m.place,
                m.concluded_on,
                m.conclusion,
            )
            for m in mine
        ),
        deadlines=tuple(
            DeadlineLine(d.kind, d.due, overdue(d, doc_date), d.basis) for d in deadlines
        ),
        seizures=tuple(seized),
        drugs=tuple(
            DrugLine(
                drug,
                mg,
                _tier_value(tier_for(drug, mg_to_grams(mg), profile)) if drug in DRUGS else None,
            )
            for drug, mg in sorted(per_drug.items())
        ),
        heroin_equivalent_g=assessment.heroin_equivalent_g if assessment else Decimal(0),
        tier=str(assessment.tier) if assessment and assessment.tier else None,
        aggravating=_aggravating(person, party),
        excluded_mg=_excluded(per_drug, assessment.unconverted if assessment else []),
    )


def _excluded(weights: dict[str, int], unconverted: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """The drugs of ``weights`` the heroin equivalent leaves out, with their net weights."""
    return tuple((drug, weights[drug]) for drug in sorted(unconverted) if drug in weights)


def _particulars(p: Person, hide: bool) -> Particulars:
    return Particulars(
        name=p.name,
        aliases=tuple(p.aliases or ()),
        sex=p.sex,
        birth_date=p.birth_date,
        id_number=mask_id(p.id_number) if hide else (p.id_number or ""),
        ethnicity=p.ethnicity,
        education=p.education,
        occupation=p.occupation,
        birthplace=p.birthplace,
        household_address=MASK if hide and p.household_address else p.household_address,
        current_address=MASK if hide and p.current_address else p.current_address,
        phones=tuple(mask_phone(x) if hide else x for x in (p.phones or ())),
        prior_record=p.prior_record,
    )


def _aggravating(person: Person, party: CaseParty) -> tuple[str, ...]:
    flags = []
    if party.role == "principal":
        flags.append("agg_principal")
    if party.roving_or_gang:
        flags.append("agg_roving_gang")
    if person.prior_record.strip():
        flags.append("agg_prior")
    return tuple(flags)


def _party_order(p: PartySection) -> tuple[int, int, int]:
    """Suspects before other persons, the principal first, then in the order entered."""
    return (0 if p.is_suspect else 1, 0 if p.role == "principal" else 1, p.person_id)


def _tier_value(tier: object) -> str | None:
    return None if tier is None else str(tier)


def _locations(s: Session, case: CaseFile) -> tuple[LocationLine, ...]:
    return tuple(
        LocationLine(loc.name, loc.kind, loc.address, loc.lat, loc.lon)
        for loc in s.scalars(
            select(Location).where(Location.case_id == case.id).order_by(Location.id)
        )
    )


def _events(s: Session, case: CaseFile) -> tuple[EventLine, ...]:
    return tuple(
        EventLine(*row)
        for row in s.execute(
            select(
                Event.occurred_at,
                Event.precision,
                Event.ends_at,
                Event.kind,
                Event.title,
                Event.description,
            )
            .where(Event.case_id == case.id)
            .order_by(Event.occurred_at, Event.id)
        )
    )


def _attachments(s: Session, case: CaseFile) -> tuple[AttachmentLine, ...]:
    return tuple(
        AttachmentLine(*row)
        for row in s.execute(
            select(
                Attachment.filename,
                Attachment.size,
                Attachment.sha256,
                Attachment.description,
                Attachment.added_at,
            )
            .where(Attachment.case_id == case.id)
            .order_by(Attachment.id)
        )
    )


def _custody(s: Session, case: CaseFile) -> tuple[CustodyLine, ...]:
    return tuple(
        CustodyLine(*row)
        for row in s.execute(
            select(
                Seizure.exhibit_no,
                CustodyEntry.at,
                CustodyEntry.from_holder,
                CustodyEntry.to_holder,
                CustodyEntry.place,
                CustodyEntry.purpose,
            )
            .join(Seizure, Seizure.id == CustodyEntry.item_id)
            .where(CustodyEntry.case_id == case.id, CustodyEntry.item_type == "seizure")
            .order_by(Seizure.exhibit_no, CustodyEntry.at, CustodyEntry.id)
        )
    )


def _parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
