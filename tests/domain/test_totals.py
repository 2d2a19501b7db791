from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.domain.errors import DomainError
from workbench.domain.totals import AssetFact, CaseTotals, SeizureFact, case_totals


def test_sums_drugs_precursors_and_assets() -> None:
    totals = case_totals(
        [
            SeizureFact("methamphetamine", 26_000_000),
            SeizureFact("methamphetamine", 12_345),
            SeizureFact("heroin", 10),
            SeizureFact("ephedrine", 5_000_000),
            SeizureFact("other_precursor", 1),
        ],
        [
            AssetFact("cash", 2_060_000),
            AssetFact("cash", 5),
            AssetFact("vehicle", 15_000_000),
            AssetFact("bank_deposit", 0),
        ],
    )
    assert totals == CaseTotals(
        drug_mg={"methamphetamine": 26_012_345, "heroin": 10},
        precursor_mg={"ephedrine": 5_000_000, "other_precursor": 1},
        cash_fen=2_060_005,
        assets_fen_by_kind={"cash": 2_060_005, "vehicle": 15_000_000, "bank_deposit": 0},
    )
    assert totals.drug_g == {"methamphetamine": Decimal("26012.345"), "heroin": Decimal("0.01")}
    assert totals.cash_yuan == Decimal("20600.05")


def test_nothing() -> None:
    totals = case_totals([], [])
    assert totals == CaseTotals({}, {}, 0, {})
    assert str(totals.cash_yuan) == "0.00"


def test_accepts_generators() -> None:
    totals = case_totals((SeizureFact("mdma", n) for n in (1, 2, 3)), iter([]))
    assert totals.drug_mg == {"mdma": 6}


def test_precursors_never_in_drug_totals() -> None:
    totals = case_totals([SeizureFact("pseudoephedrine", 1_000)], [])
    assert totals.drug_mg == {}
    assert totals.precursor_mg == {"pseudoephedrine": 1_000}


@pytest.mark.parametrize(
    ("seizures", "assets", "code"),
    [
        ([SeizureFact("unicorn", 1)], [], "seizure.substance"),
        ([SeizureFact("cash", 1)], [], "seizure.substance"),
        ([SeizureFact("heroin", -1)], [], "weight.negative"),
        ([], [AssetFact("gold", 1)], "asset.kind"),
        ([], [AssetFact("heroin", 1)], "asset.kind"),
        ([], [AssetFact("cash", -1)], "money.negative"),
    ],
)
def test_rejected(seizures: list[SeizureFact], assets: list[AssetFact], code: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        case_totals(seizures, assets)
    assert excinfo.value.code == code


def test_floats_are_programming_errors() -> None:
    with pytest.raises(TypeError):
        case_totals([SeizureFact("heroin", 1.5)], [])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        case_totals([], [AssetFact("cash", 100.0)])  # type: ignore[arg-type]
