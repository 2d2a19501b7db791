"""Quantity tiers (Criminal Law Art. 347/348, 法释〔2016〕8号).

Tiers use verified net weight, never purity (Art. 357 ¶2). Mixed drugs are converted to
heroin equivalent and summed for the tier only; documents still list each drug.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from workbench.domain.errors import DomainError
from workbench.domain.profile import JurisdictionProfile
from workbench.domain.vocab import DRUGS, PRECURSORS

_REFERENCE_DRUG = "heroin"


class Tier(StrEnum):
    """Stored as its value. Compare with ``rank``: string order is alphabetical."""

    SMALL = "small"  # 少量
    RELATIVELY_LARGE = "relatively_large"  # 数量较大
    LARGE = "large"  # 数量大

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK: Mapping[Tier, int] = MappingProxyType(
    {Tier.SMALL: 0, Tier.RELATIVELY_LARGE: 1, Tier.LARGE: 2}
)

TIER_LABELS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        Tier.SMALL: ("少量", "small quantity"),
        Tier.RELATIVELY_LARGE: ("数量较大", "relatively large quantity"),
        Tier.LARGE: ("数量大", "large quantity"),
    }
)


def higher_tier(a: Tier | None, b: Tier | None) -> Tier | None:
    """The more serious of two tiers; None means "no tier" and loses to any tier."""
    if a is None:
        return b
    if b is None:
        return a
    return a if a.rank >= b.rank else b


def _check_weight(drug: str, net_g: Decimal | int) -> Decimal:
    if isinstance(net_g, bool) or not isinstance(net_g, Decimal | int):
        raise TypeError(f"weight of {drug} must be Decimal grams, not {type(net_g).__name__}")
    if drug in PRECURSORS:
        raise DomainError(
            "tier.precursor",
            f"{drug} is a precursor chemical: it has no drug tier and is never summed with drugs",
        )
    if drug not in DRUGS:
        raise DomainError("tier.unknown_drug", f"{drug!r} is not a known drug key")
    weight = Decimal(net_g)
    if not weight.is_finite() or weight < 0:
        raise DomainError(
            "tier.weight", f"weight of {drug} must be zero or more grams, got {net_g}"
        )
    return weight


def tier_for(drug: str, net_g: Decimal, profile: JurisdictionProfile) -> Tier | None:
    """The tier of one drug's net weight; None if the profile sets no thresholds for it."""
    weight = _check_weight(drug, net_g)
    spec = profile.tiers.get(drug)
    if spec is None:
        return None
    if weight >= spec.large_g:
        return Tier.LARGE
    if weight >= spec.relatively_large_g:
        return Tier.RELATIVELY_LARGE
    return Tier.SMALL


def _exact_context() -> decimal.Context:
    # Products of gram weights and factors must be exact; Inexact would mean a silent error.
    return decimal.Context(prec=200, traps=[decimal.Inexact, decimal.InvalidOperation])


def heroin_equivalent_g(weights: Mapping[str, Decimal], profile: JurisdictionProfile) -> Decimal:
    """Sum of weight × heroin factor over the drugs that have a factor."""
    total = Decimal(0)
    with decimal.localcontext(_exact_context()):
        for drug, net_g in weights.items():
            weight = _check_weight(drug, net_g)
            spec = profile.tiers.get(drug)
            if spec is not None and spec.heroin_factor is not None:
                total += weight * spec.heroin_factor
    return total


@dataclass
class TierAssessment:
    """Everything a reviewer needs to see how the tier was reached."""

    per_drug: dict[str, Tier | None]
    heroin_equivalent_g: Decimal
    tier: Tier | None
    possession_is_crime: bool
    unconverted: list[str]


def assess(weights: Mapping[str, Decimal], profile: JurisdictionProfile) -> TierAssessment:
    """The overall tier: the most serious of each drug's own tier and the summed heroin tier.

    Drugs without a factor (cannabis, "other") keep their own tier but are listed in
    ``unconverted`` so the reviewer knows they were not summed.
    """
    per_drug = {drug: tier_for(drug, net_g, profile) for drug, net_g in weights.items()}
    equivalent = heroin_equivalent_g(weights, profile)
    converted = [
        drug
        for drug in weights
        if (spec := profile.tiers.get(drug)) is not None and spec.heroin_factor is not None
    ]
    unconverted = [drug for drug in weights if drug not in converted]
    overall: Tier | None = None
    for tier in per_drug.values():
        overall = higher_tier(overall, tier)
    if converted:
        overall = higher_tier(overall, tier_for(_REFERENCE_DRUG, equivalent, profile))
    return TierAssessment(
        per_drug=per_drug,
        heroin_equivalent_g=equivalent,
        tier=overall,
        possession_is_crime=overall is not None and overall.rank >= Tier.RELATIVELY_LARGE.rank,
        unconverted=unconverted,
    )
