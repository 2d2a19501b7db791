"""The warnings a case file's figures carry: [check] rules of the jurisdiction profile that
were applied (sampling counts, purity tests, heroin factors, unconfirmed thresholds, the
VIN check digit), detention lengths, and identifiers that match no known form.

Read-only; the Overview shows the findings and the prosecution package lists them with its
open items, each naming the record it is about and the profile version that applied.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain.completeness import OpenItem
from workbench.domain.errors import DomainError
from workbench.domain.identifiers import parse_plate, parse_resident_id, parse_vin, vin_check_digit
from workbench.domain.permissions import CASE_READ
from workbench.domain.profile import JurisdictionProfile, load_profile
from workbench.domain.provisional import (
    DetentionFact,
    SampledFact,
    detention_findings,
    exhibit_findings,
    tier_findings,
)
from workbench.domain.quantities import mg_to_grams
from workbench.domain.tiers import Tier, tier_for
from workbench.domain.vocab import DRUGS
from workbench.models import CaseParty, CaseVehicle, Measure, Person, Seizure, Vehicle
from workbench.services.core.context import Context
from workbench.services.core.lookup import case_by_code


class RuleFindingService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def findings(self, case_code: str) -> list[OpenItem]:
        """Case-wide findings first, then exhibits, measures, vehicles and persons."""
        self.ctx.require(CASE_READ, case_code)
        profile = load_profile()
        with self.ctx.store.session() as s:
            case = case_by_code(s, case_code)
            exhibits = _exhibits(s, case.id)
            totals: dict[str, int] = {}
            for e in exhibits:
                if e.drug in DRUGS:
                    totals[e.drug] = totals.get(e.drug, 0) + e.net_mg
            items = tier_findings(case.code, case.id, totals, profile)
            items += exhibit_findings(
                [e.fact for e in exhibits], _death_penalty_drugs(totals, profile), profile
            )
            items += detention_findings(_detentions(s, case.id), profile)
            items += _vehicle_findings(s, case.id, profile)
            items += _person_findings(s, case.id)
        return items


class _Exhibit:
    def __init__(self, fact: SampledFact, net_mg: int) -> None:
        self.fact, self.drug, self.net_mg = fact, fact.drug, net_mg


def _exhibits(s: Session, case_id: int) -> list[_Exhibit]:
    return [
        _Exhibit(
            SampledFact(
                r.id, r.exhibit_no, r.drug, r.form, r.package_count, r.sampled_count, r.purity_bp
            ),
            r.net_mg,
        )
        for r in s.execute(
            select(
                Seizure.id,
                Seizure.exhibit_no,
                Seizure.drug,
                Seizure.form,
                Seizure.package_count,
                Seizure.sampled_count,
                Seizure.purity_bp,
                Seizure.net_mg,
            )
            .where(Seizure.case_id == case_id)
            .order_by(Seizure.exhibit_no, Seizure.id)
        )
    ]


def _death_penalty_drugs(totals: dict[str, int], profile: JurisdictionProfile) -> frozenset[str]:
    """Drugs the case holds in a quantity of the top tier (数量大: up to the death penalty)."""
    return frozenset(
        drug
        for drug, mg in totals.items()
        if tier_for(drug, mg_to_grams(mg), profile) == Tier.LARGE
    )


def _detentions(s: Session, case_id: int) -> list[DetentionFact]:
    rows = s.execute(
        select(Measure.id, Person.name, Measure.starts_on, Measure.ends_on)
        .join(Person, Person.id == Measure.person_id)
        .where(
            Measure.case_id == case_id,
            Measure.kind == "administrative_detention",
            Measure.starts_on.is_not(None),
            Measure.ends_on.is_not(None),
        )
        .order_by(Measure.starts_on, Measure.id)
    ).all()
    return [
        DetentionFact(mid, name, starts, ends)
        for mid, name, starts, ends in rows
        if starts is not None and ends is not None and ends >= starts
    ]


def _vehicle_findings(s: Session, case_id: int, profile: JurisdictionProfile) -> list[OpenItem]:
    items: list[OpenItem] = []
    for vid, plate, vin in s.execute(
        select(Vehicle.id, Vehicle.plate, Vehicle.vin)
        .join(CaseVehicle, CaseVehicle.vehicle_id == Vehicle.id)
        .where(CaseVehicle.case_id == case_id)
        .order_by(CaseVehicle.id)
    ):
        try:
            if vin and not parse_vin(vin).check_ok:
                params = {"expected": vin_check_digit(vin), "profile": profile.label}
                items.append(OpenItem("vin_check_digit", "vehicle", vid, vin, params))
            if plate and not parse_plate(plate).recognised:
                items.append(OpenItem("plate_unrecognised", "vehicle", vid, plate))
        except DomainError:
            continue  # stored before a rule changed; the form shows the reason on edit
    return items


def _person_findings(s: Session, case_id: int) -> list[OpenItem]:
    items: list[OpenItem] = []
    for pid, name, number in s.execute(
        select(Person.id, Person.name, Person.id_number)
        .join(CaseParty, CaseParty.person_id == Person.id)
        .where(CaseParty.case_id == case_id, Person.id_number.is_not(None))
        .order_by(Person.id)
    ):
        try:
            parsed = parse_resident_id(str(number))
        except DomainError:
            continue
        if parsed.region_known is False:
            items.append(OpenItem("region_unknown", "person", pid, name, {"region": parsed.region}))
    return items
