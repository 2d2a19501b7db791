"""Case totals for statistics and the prosecution package.

Totals are integer mg and fen so sums are exact; precursors are kept apart because
they are never added to drug quantities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from workbench.domain.errors import DomainError
from workbench.domain.quantities import fen_to_yuan, mg_to_grams
from workbench.domain.vocab import ASSET_KINDS, DRUGS, PRECURSORS


@dataclass(frozen=True)
class SeizureFact:
    drug: str  # a drug or precursor key
    net_mg: int


@dataclass(frozen=True)
class AssetFact:
    kind: str
    amount_fen: int


@dataclass
class CaseTotals:
    drug_mg: dict[str, int]
    precursor_mg: dict[str, int]
    cash_fen: int
    assets_fen_by_kind: dict[str, int]  # every kind, cash included

    @property
    def drug_g(self) -> dict[str, Decimal]:
        """Per-drug grams, the input ``tiers.assess`` expects."""
        return {drug: mg_to_grams(mg) for drug, mg in self.drug_mg.items()}

    @property
    def cash_yuan(self) -> Decimal:
        return fen_to_yuan(self.cash_fen)


def _whole(value: int, noun: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{noun} must be an int, not {type(value).__name__}")
    return value


def case_totals(seizures: Iterable[SeizureFact], assets: Iterable[AssetFact]) -> CaseTotals:
    """Sum seizures per drug (precursors apart) and assets per kind."""
    drug_mg: dict[str, int] = {}
    precursor_mg: dict[str, int] = {}
    for seizure in seizures:
        net = _whole(seizure.net_mg, "net weight in mg")
        if net < 0:
            raise DomainError(
                "weight.negative", f"net weight of {seizure.drug} cannot be negative, got {net} mg"
            )
        if seizure.drug in DRUGS:
            bucket = drug_mg
        elif seizure.drug in PRECURSORS:
            bucket = precursor_mg
        else:
            raise DomainError(
                "seizure.substance", f"{seizure.drug!r} is not a known drug or precursor"
            )
        bucket[seizure.drug] = bucket.get(seizure.drug, 0) + net
    by_kind: dict[str, int] = {}
    for asset in assets:
        amount = _whole(asset.amount_fen, "amount in fen")
        if asset.kind not in ASSET_KINDS:
            raise DomainError("asset.kind", f"{asset.kind!r} is not a known asset kind")
        if amount < 0:
            raise DomainError(
                "money.negative", f"amount of {asset.kind} cannot be negative, got {amount} fen"
            )
        by_kind[asset.kind] = by_kind.get(asset.kind, 0) + amount
    return CaseTotals(
        drug_mg=drug_mg,
        precursor_mg=precursor_mg,
        cash_fen=by_kind.get("cash", 0),
        assets_fen_by_kind=by_kind,
    )
