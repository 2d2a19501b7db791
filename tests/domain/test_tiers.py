from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.domain._profiles import load_modified, packaged_document
from workbench.domain.errors import DomainError
from workbench.domain.profile import JurisdictionProfile, load_profile
from workbench.domain.tiers import (
    TIER_LABELS,
    Tier,
    TierAssessment,
    assess,
    heroin_equivalent_g,
    higher_tier,
    tier_for,
)
from workbench.domain.vocab import PRECURSORS, label

D = Decimal
SMALL, REL, LARGE = Tier.SMALL, Tier.RELATIVELY_LARGE, Tier.LARGE


@pytest.fixture
def profile() -> JurisdictionProfile:
    return load_profile()


@pytest.mark.parametrize(
    ("drug", "grams", "tier"),
    [
        ("methamphetamine", "0", SMALL),
        ("methamphetamine", "9.99", SMALL),
        ("methamphetamine", "9.999", SMALL),
        ("methamphetamine", "10", REL),
        ("methamphetamine", "49.99", REL),
        ("methamphetamine", "50", LARGE),
        ("methamphetamine", "26000", LARGE),
        ("ketamine", "99.999", SMALL),
        ("ketamine", "100", REL),
        ("ketamine", "499.999", REL),
        ("ketamine", "500", LARGE),
        ("cannabis_leaf", "29999.999", SMALL),
        ("cannabis_leaf", "30000", REL),
        ("cannabis_leaf", "149999.999", REL),
        ("cannabis_leaf", "150000", LARGE),
        ("cannabis_oil", "999.999", SMALL),
        ("cannabis_oil", "1000", REL),
        ("cannabis_oil", "5000", LARGE),
        ("cannabis_resin", "1999.999", SMALL),
        ("cannabis_resin", "2000", REL),
        ("cannabis_resin", "10000", LARGE),
    ],
)
def test_named_edges(drug: str, grams: str, tier: Tier, profile: JurisdictionProfile) -> None:
    assert tier_for(drug, D(grams), profile) is tier


# DOMAIN.md table: drug -> (数量较大 g, 数量大 g)
THRESHOLDS = {
    "heroin": ("10", "50"),
    "methamphetamine": ("10", "50"),
    "cocaine": ("10", "50"),
    "mdma": ("20", "100"),
    "amphetamine": ("20", "100"),
    "morphine": ("20", "100"),
    "fentanyl": ("25", "125"),
    "methcathinone": ("40", "200"),
    "pethidine": ("50", "250"),
    "ketamine": ("100", "500"),
    "opium": ("200", "1000"),
    "methadone": ("200", "1000"),
    "tramadol": ("400", "2000"),
    "ghb": ("400", "2000"),
    "cannabis_oil": ("1000", "5000"),
    "cannabis_resin": ("2000", "10000"),
    "cannabis_leaf": ("30000", "150000"),
}
MG = D("0.001")


@pytest.mark.parametrize("drug", sorted(THRESHOLDS))
def test_every_drug_at_its_thresholds(drug: str, profile: JurisdictionProfile) -> None:
    rel, large = map(D, THRESHOLDS[drug])
    assert tier_for(drug, rel - MG, profile) is SMALL
    assert tier_for(drug, rel, profile) is REL
    assert tier_for(drug, large - MG, profile) is REL
    assert tier_for(drug, large, profile) is LARGE


def test_int_grams_accepted(profile: JurisdictionProfile) -> None:
    assert tier_for("heroin", 50, profile) is LARGE  # type: ignore[arg-type]


def test_drug_without_tier(profile: JurisdictionProfile) -> None:
    assert tier_for("other", D("100000"), profile) is None


@pytest.mark.parametrize("precursor", sorted(PRECURSORS))
def test_precursors_rejected(precursor: str, profile: JurisdictionProfile) -> None:
    with pytest.raises(DomainError) as excinfo:
        tier_for(precursor, D("1"), profile)
    assert excinfo.value.code == "tier.precursor"
    with pytest.raises(DomainError) as excinfo:
        assess({"heroin": D("5"), precursor: D("1000")}, profile)
    assert excinfo.value.code == "tier.precursor"
    with pytest.raises(DomainError) as excinfo:
        heroin_equivalent_g({precursor: D("1")}, profile)
    assert excinfo.value.code == "tier.precursor"


def test_bad_inputs(profile: JurisdictionProfile) -> None:
    with pytest.raises(DomainError) as excinfo:
        tier_for("unicorn", D("1"), profile)
    assert excinfo.value.code == "tier.unknown_drug"
    with pytest.raises(DomainError) as excinfo:
        tier_for("heroin", D("-0.001"), profile)
    assert excinfo.value.code == "tier.weight"
    with pytest.raises(DomainError) as excinfo:
        tier_for("heroin", D("NaN"), profile)
    assert excinfo.value.code == "tier.weight"
    with pytest.raises(TypeError):
        tier_for("heroin", 10.0, profile)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        assess({"heroin": 10.0}, profile)  # type: ignore[dict-item]


def test_heroin_equivalent_is_exact(profile: JurisdictionProfile) -> None:
    assert heroin_equivalent_g({"heroin": D("30"), "mdma": D("50")}, profile) == D("55")
    assert heroin_equivalent_g({"ketamine": D("0.001")}, profile) == D("0.0001")
    assert heroin_equivalent_g({"tramadol": D("0.001")}, profile) == D("0.000025")
    assert heroin_equivalent_g({"cannabis_leaf": D("1000"), "other": D("5")}, profile) == 0
    assert heroin_equivalent_g({}, profile) == 0
    big = {"heroin": D("123456789012.345"), "ghb": D("987654321098.765")}
    assert heroin_equivalent_g(big, profile) == D("123456789012.345") + D("24691358027.469125")


def test_mixed_drugs_sum_to_a_higher_tier(profile: JurisdictionProfile) -> None:
    result = assess({"heroin": D("30"), "mdma": D("50")}, profile)
    assert result == TierAssessment(
        per_drug={"heroin": REL, "mdma": REL},
        heroin_equivalent_g=D("55"),
        tier=LARGE,
        possession_is_crime=True,
        unconverted=[],
    )


def test_mixed_small_amounts_reach_relatively_large(profile: JurisdictionProfile) -> None:
    result = assess({"methamphetamine": D("5"), "ketamine": D("50")}, profile)
    assert result.per_drug == {"methamphetamine": SMALL, "ketamine": SMALL}
    assert result.heroin_equivalent_g == D("10")
    assert result.tier is REL
    assert result.possession_is_crime


def test_mixed_just_below(profile: JurisdictionProfile) -> None:
    result = assess({"methamphetamine": D("4.999"), "ketamine": D("50")}, profile)
    assert result.heroin_equivalent_g == D("9.999")
    assert result.tier is SMALL
    assert not result.possession_is_crime


def test_unconverted_drug_keeps_its_own_tier(profile: JurisdictionProfile) -> None:
    result = assess({"cannabis_leaf": D("40000"), "methamphetamine": D("5")}, profile)
    assert result.per_drug == {"cannabis_leaf": REL, "methamphetamine": SMALL}
    assert result.heroin_equivalent_g == D("5")
    assert result.tier is REL
    assert result.unconverted == ["cannabis_leaf"]


def test_cannabis_alone(profile: JurisdictionProfile) -> None:
    result = assess({"cannabis_resin": D("500")}, profile)
    assert result.tier is SMALL
    assert result.heroin_equivalent_g == 0
    assert result.unconverted == ["cannabis_resin"]
    assert not result.possession_is_crime


def test_other_drug_alone_has_no_tier(profile: JurisdictionProfile) -> None:
    result = assess({"other": D("5000")}, profile)
    assert result.tier is None
    assert result.per_drug == {"other": None}
    assert result.unconverted == ["other"]
    assert not result.possession_is_crime


def test_other_drug_with_a_tiered_one(profile: JurisdictionProfile) -> None:
    result = assess({"other": D("5000"), "heroin": D("12")}, profile)
    assert result.tier is REL
    assert result.unconverted == ["other"]


def test_nothing_seized(profile: JurisdictionProfile) -> None:
    result = assess({}, profile)
    assert result.tier is None
    assert result.heroin_equivalent_g == 0
    assert not result.possession_is_crime


@pytest.mark.parametrize(
    ("grams", "crime"), [("9.99", False), ("10", True), ("49.99", True), ("50", True)]
)
def test_possession_from_relatively_large(
    grams: str, crime: bool, profile: JurisdictionProfile
) -> None:
    assert assess({"methamphetamine": D(grams)}, profile).possession_is_crime is crime


def test_assessment_follows_the_profile(tmp_path: Path) -> None:
    document = packaged_document()
    document["tiers"]["methamphetamine"] = {
        "large_g": "40",
        "relatively_large_g": "8",
        "heroin_factor": "1.25",
    }
    custom = load_modified(tmp_path, document)
    assert tier_for("methamphetamine", D("8"), custom) is REL
    assert tier_for("methamphetamine", D("40"), custom) is LARGE
    assert heroin_equivalent_g({"methamphetamine": D("8")}, custom) == D("10")


def test_tier_values_and_rank() -> None:
    assert [t.value for t in Tier] == ["small", "relatively_large", "large"]
    assert SMALL.rank < REL.rank < LARGE.rank
    assert higher_tier(SMALL, LARGE) is LARGE
    assert higher_tier(LARGE, REL) is LARGE
    assert higher_tier(None, SMALL) is SMALL
    assert higher_tier(REL, None) is REL
    assert higher_tier(None, None) is None


def test_tier_labels() -> None:
    assert label(TIER_LABELS, Tier.SMALL) == "少量"
    assert label(TIER_LABELS, Tier.RELATIVELY_LARGE) == "数量较大"
    assert label(TIER_LABELS, "large") == "数量大"
    assert label(TIER_LABELS, Tier.LARGE, "en") == "large quantity"
    assert set(TIER_LABELS) == set(Tier)
