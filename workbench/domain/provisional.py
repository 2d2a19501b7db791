"""The rules a reviewer must be warned about: lengths the law caps, and the profile's
[check] figures (sampling counts, purity triggers, heroin factors, thresholds read from a
secondary copy) that are applied but not confirmed against an official text.

Pure functions over plain values, used by the forms' checks (one record) and by the
case-wide findings on the Overview and in the package's open items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from workbench.domain.completeness import OpenItem
from workbench.domain.profile import JurisdictionProfile
from workbench.domain.vocab import DRUGS, label
from workbench.domain.weighing import sample_count

# Exhibit forms for which 公禁毒〔2016〕511号 asks for a purity test whatever the weight.
_PURITY_FORMS: Mapping[str, str] = {"liquid": "liquid", "semi_finished": "semi_finished"}


@dataclass(frozen=True)
class DetentionLength:
    """How an administrative detention's length stands against the law.

    ``refused``: longer than any combination allows; ``combined``: longer than one
    offence allows (only for penalties of several offences combined); ``drug_use``:
    outside the [check] range for drug use (10-15 days, at most 5 if minor)."""

    days: int
    refused: bool
    combined: bool
    drug_use: bool


def term_days(starts_on: date, ends_on: date) -> int:
    """Days of a term that counts its first and its last day."""
    return (ends_on - starts_on).days + 1


def detention_length(days: int, profile: JurisdictionProfile) -> DetentionLength:
    r = profile.rehab
    refused = days > r.administrative_detention_combined_max_days or (
        days < r.administrative_detention_limit_min_days
    )
    combined = not refused and days > r.administrative_detention_limit_max_days
    drug_use = (
        not refused
        and not combined
        and r.administrative_detention_minor_max_days < days < r.administrative_detention_min_days
    )
    return DetentionLength(days, refused, combined, drug_use)


def sampling_shortfall(
    packages: int, sampled: int | None, profile: JurisdictionProfile
) -> int | None:
    """The number that should have been sampled when fewer were; None if enough (or not
    recorded). [check]: the counts are the profile's sampling rule."""
    if sampled is None or packages < 1:
        return None
    proposed = sample_count(packages, profile)
    return proposed if sampled < proposed else None


def purity_needed(form: str, purity_bp: int | None, *, death_penalty_possible: bool) -> bool:
    """A purity test is wanted and none is recorded ([check]: testing.purity_required_when):
    liquid or semi-finished drugs, or a quantity that can bring a death sentence."""
    if purity_bp is not None:
        return False
    return form in _PURITY_FORMS or death_penalty_possible


def converted_drugs(weights: Iterable[str], profile: JurisdictionProfile) -> list[str]:
    """Drugs whose heroin equivalent uses a factor other than 1 ([check]: the factors)."""
    out = []
    for drug in weights:
        spec = profile.tiers.get(drug)
        if spec is not None and spec.heroin_factor not in (None, Decimal(1)):
            out.append(drug)
    return out


def unconfirmed_thresholds(drugs: Iterable[str], profile: JurisdictionProfile) -> list[str]:
    """Drugs whose 数量较大 figure the profile marks [check]."""
    return [d for d in drugs if profile.needs_check(f"tiers.{d}.relatively_large_g")]


# ---------------------------------------------------------------------------------------
# Case-wide findings (the Overview's warnings, the package's open items)


@dataclass(frozen=True)
class SampledFact:
    seizure_id: int
    exhibit_no: str
    drug: str
    form: str
    packages: int
    sampled: int | None
    purity_bp: int | None


@dataclass(frozen=True)
class DetentionFact:
    measure_id: int
    person: str
    starts_on: date
    ends_on: date


def exhibit_findings(
    exhibits: Iterable[SampledFact],
    death_penalty_drugs: frozenset[str],
    profile: JurisdictionProfile,
) -> list[OpenItem]:
    """Sampling counts and purity tests of 公禁毒〔2016〕511号 ([check] rules).

    ``death_penalty_drugs``: drugs of which the case holds a quantity that can bring a
    death sentence (数量大), whose exhibits therefore need a purity test."""
    items: list[OpenItem] = []
    label = profile.label
    for e in exhibits:
        proposed = sample_count(e.packages, profile) if e.packages >= 1 else 0
        params = {"packages": str(e.packages), "proposed": str(proposed), "profile": label}
        if e.sampled is None and e.packages > 1:
            items.append(OpenItem("no_sampling", "seizure", e.seizure_id, e.exhibit_no, params))
        elif sampling_shortfall(e.packages, e.sampled, profile) is not None:
            params["sampled"] = str(e.sampled)
            items.append(OpenItem("sampling_short", "seizure", e.seizure_id, e.exhibit_no, params))
        death = e.drug in death_penalty_drugs
        if purity_needed(e.form, e.purity_bp, death_penalty_possible=death):
            reason = (
                ("可能判处死刑的毒品数量", "a quantity that can bring a death sentence")
                if death
                else ("液态、半成品毒品", "a liquid or semi-finished drug")
            )
            items.append(
                OpenItem(
                    "purity_needed",
                    "seizure",
                    e.seizure_id,
                    e.exhibit_no,
                    {"reason": reason[0], "reason_en": reason[1], "profile": label},
                )
            )
    return items


def detention_findings(
    measures: Iterable[DetentionFact], profile: JurisdictionProfile
) -> list[OpenItem]:
    """Administrative detentions longer than one offence allows, or outside the range for
    drug use ([check])."""
    r = profile.rehab
    items: list[OpenItem] = []
    for m in measures:
        length = detention_length(term_days(m.starts_on, m.ends_on), profile)
        kind = (
            "detention_too_long"
            if length.refused
            else "detention_combined"
            if length.combined
            else "detention_drug_use"
            if length.drug_use
            else None
        )
        if kind is None:
            continue
        params = {
            "days": str(length.days),
            "single_max": str(r.administrative_detention_limit_max_days),
            "combined_max": str(r.administrative_detention_combined_max_days),
            "min": str(r.administrative_detention_min_days),
            "max": str(r.administrative_detention_max_days),
            "minor_max": str(r.administrative_detention_minor_max_days),
            "profile": profile.label,
        }
        items.append(OpenItem(kind, "measure", m.measure_id, m.person, params))
    return items


def tier_findings(
    case_code: str, case_id: int, drugs: Iterable[str], profile: JurisdictionProfile
) -> list[OpenItem]:
    """The heroin equivalent's factors and the thresholds the profile marks [check]."""
    present = sorted(set(drugs))
    items: list[OpenItem] = []
    for kind, found in (
        ("heroin_conversion", converted_drugs(present, profile)),
        ("threshold_unconfirmed", unconfirmed_thresholds(present, profile)),
    ):
        if found:
            items.append(
                OpenItem(
                    kind,
                    "case",
                    case_id,
                    case_code,
                    {
                        "drugs": "、".join(label(DRUGS, d, "zh_CN") for d in found),
                        "drugs_en": ", ".join(label(DRUGS, d, "en") for d in found),
                        "profile": profile.label,
                    },
                )
            )
    return items
