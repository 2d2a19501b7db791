from __future__ import annotations

import decimal
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.domain._profiles import load_modified, packaged_document
from workbench.domain import weighing
from workbench.domain.errors import DomainError
from workbench.domain.profile import JurisdictionProfile, load_profile
from workbench.domain.quantities import grams_to_mg
from workbench.domain.weighing import required_resolution_mg, resolution_ok, sample_count


@pytest.fixture
def profile() -> JurisdictionProfile:
    return load_profile()


@pytest.mark.parametrize(
    ("net_g", "resolution_mg"),
    [
        ("0", 10),
        ("0.001", 10),
        ("99.99", 10),
        ("99.999", 10),
        ("100", 100),
        ("999.999", 100),
        ("1000", 1_000),
        ("9999.999", 1_000),
        ("10000", 10_000),
        ("99999.999", 10_000),
        ("100000", 100_000),
        ("999999.999", 100_000),
        ("1000000", 1_000_000),
        ("5000000", 1_000_000),
    ],
)
def test_required_resolution_at_band_edges(
    net_g: str, resolution_mg: int, profile: JurisdictionProfile
) -> None:
    assert required_resolution_mg(grams_to_mg(net_g), profile) == resolution_mg


def test_resolution_ok(profile: JurisdictionProfile) -> None:
    assert resolution_ok(50_000, 10, profile)
    assert resolution_ok(50_000, 1, profile)  # finer is fine
    assert not resolution_ok(50_000, 100, profile)
    assert resolution_ok(99_990, 10, profile)
    assert not resolution_ok(99_990, 100, profile)
    assert resolution_ok(100_000, 100, profile)
    assert not resolution_ok(100_000, 1_000, profile)
    assert resolution_ok(2_000_000_000, 1_000_000, profile)


def test_resolution_bad_input(profile: JurisdictionProfile) -> None:
    with pytest.raises(DomainError) as excinfo:
        resolution_ok(50_000, 0, profile)
    assert excinfo.value.code == "weight.resolution"
    with pytest.raises(DomainError) as excinfo:
        required_resolution_mg(-1, profile)
    assert excinfo.value.code == "weight.negative"
    with pytest.raises(TypeError):
        required_resolution_mg(1.5, profile)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        resolution_ok(100, 0.01, profile)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("packages", "samples"),
    [
        (0, 0),
        (1, 1),
        (9, 9),
        (10, 10),
        (11, 10),
        (99, 10),
        (100, 10),
        (110, 10),  # √110 = 10.49
        (111, 11),  # √111 = 10.54
        (120, 11),
        (2500, 50),
        (2550, 50),  # √2550 = 50.497
        (2551, 51),
        (1_000_000, 1_000),
    ],
)
def test_sample_count(packages: int, samples: int, profile: JurisdictionProfile) -> None:
    assert sample_count(packages, profile) == samples


def test_round_sqrt_matches_exact_decimal_reference(profile: JurisdictionProfile) -> None:
    context = decimal.Context(prec=50, rounding=decimal.ROUND_HALF_UP)
    for n in range(100, 20_000):
        reference = int(Decimal(n).sqrt(context).to_integral_value(decimal.ROUND_HALF_UP))
        assert sample_count(n, profile) == reference, n


def test_sample_count_bad_input(profile: JurisdictionProfile) -> None:
    with pytest.raises(DomainError) as excinfo:
        sample_count(-1, profile)
    assert excinfo.value.code == "sampling.packages"
    with pytest.raises(TypeError):
        sample_count(10.0, profile)  # type: ignore[arg-type]


def test_sampling_follows_the_profile(tmp_path: Path) -> None:
    document = packaged_document()
    document["sampling"].update({"all_below": 5, "fixed_below": 50, "fixed_count": 5})
    custom = load_modified(tmp_path, document)
    assert [sample_count(n, custom) for n in (4, 5, 49, 50, 120)] == [4, 5, 5, 7, 11]


def test_test_deadline(profile: JurisdictionProfile) -> None:
    assert weighing.test_deadline(date(2024, 3, 1), profile) == date(2024, 3, 4)
    assert weighing.test_deadline(date(2024, 3, 1), profile, complex_case=True) == date(2024, 3, 8)
    assert weighing.test_deadline(date(2024, 2, 27), profile) == date(2024, 3, 1)
    assert weighing.test_deadline(date(2023, 12, 30), profile) == date(2024, 1, 2)


def test_test_is_late(profile: JurisdictionProfile) -> None:
    seized = date(2024, 3, 1)
    assert not weighing.test_is_late(seized, seized, profile)
    assert not weighing.test_is_late(seized, date(2024, 3, 4), profile)
    assert weighing.test_is_late(seized, date(2024, 3, 5), profile)
    assert not weighing.test_is_late(seized, date(2024, 3, 8), profile, complex_case=True)
    assert weighing.test_is_late(seized, date(2024, 3, 9), profile, complex_case=True)


def test_sent_before_seizure(profile: JurisdictionProfile) -> None:
    with pytest.raises(DomainError) as excinfo:
        weighing.test_is_late(date(2024, 3, 1), date(2024, 2, 29), profile)
    assert excinfo.value.code == "testing.sent_before_seizure"
