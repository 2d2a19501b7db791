from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.domain._profiles import load_modified, packaged_document
from workbench.domain.errors import DomainError
from workbench.domain.profile import (
    CustodyRule,
    RehabRule,
    SamplingRule,
    ScaleBand,
    load_profile,
    load_profile_file,
    parse_profile,
)
from workbench.domain.vocab import DRUGS

# DOMAIN.md, "Quantity tiers": drug -> (数量大 g, 数量较大 g, heroin factor)
DOMAIN_TABLE: dict[str, tuple[str, str, str | None]] = {
    "heroin": ("50", "10", "1"),
    "methamphetamine": ("50", "10", "1"),
    "cocaine": ("50", "10", "1"),
    "mdma": ("100", "20", "0.5"),
    "amphetamine": ("100", "20", "0.5"),
    "morphine": ("100", "20", "0.5"),
    "fentanyl": ("125", "25", "0.4"),
    "methcathinone": ("200", "40", "0.25"),
    "pethidine": ("250", "50", "0.2"),
    "ketamine": ("500", "100", "0.1"),
    "opium": ("1000", "200", "0.05"),
    "methadone": ("1000", "200", "0.05"),
    "tramadol": ("2000", "400", "0.025"),
    "ghb": ("2000", "400", "0.025"),
    "cannabis_oil": ("5000", "1000", None),
    "cannabis_resin": ("10000", "2000", None),
    "cannabis_leaf": ("150000", "30000", None),
}

# 法释〔2016〕8号 Art. 1 (数量大) and Art. 2 (数量较大) for drugs DOMAIN.md does not list;
# the factor maps the drug's thresholds onto heroin's 50 g / 10 g like the others.
INTERPRETATION_2016: dict[str, tuple[str, str, str]] = {
    "dihydroetorphine": ("0.01", "0.002", "5000"),  # 10 mg / 2 mg
    "codeine": ("5000", "1000", "0.01"),
    "buprenorphine": ("5000", "1000", "0.01"),
    "triazolam": ("50000", "10000", "0.001"),
    "methaqualone": ("50000", "10000", "0.001"),
    "alprazolam": ("100000", "20000", "0.0005"),
    "khat": ("100000", "20000", "0.0005"),
    "caffeine": ("200000", "40000", "0.00025"),
    "poppy_husk": ("200000", "40000", "0.00025"),
    "barbital": ("250000", "50000", "0.0002"),
    "phenobarbital": ("250000", "50000", "0.0002"),
    "caffeine_sodium_benzoate": ("250000", "50000", "0.0002"),
    "nimetazepam": ("250000", "50000", "0.0002"),
    "chlordiazepoxide": ("500000", "100000", "0.0001"),
    "estazolam": ("500000", "100000", "0.0001"),
    "diazepam": ("500000", "100000", "0.0001"),
    "bromazepam": ("500000", "100000", "0.0001"),
}


def test_packaged_profile_identity() -> None:
    profile = load_profile()
    assert profile.id == "prc-2016"
    assert profile.version == "2016.2"
    assert profile.label == "prc-2016 v2016.2"
    assert "毒品" in profile.title_zh
    assert profile.title_en
    keys = {source.key for source in profile.sources}
    assert {"criminal_law_347", "criminal_law_348", "criminal_law_357", "spc_2016_8"} <= keys
    assert {"mps_2016_511", "criminal_procedure_law", "narcotics_control_law"} <= keys
    texts = " ".join(source.zh for source in profile.sources)
    assert "法释〔2016〕8号" in texts and "公禁毒〔2016〕511号" in texts


def test_loaded_once() -> None:
    assert load_profile() is load_profile("prc-2016")


def test_tiers_match_domain_table() -> None:
    tiers = load_profile().tiers
    expected = {**DOMAIN_TABLE, **INTERPRETATION_2016}
    assert set(tiers) == set(expected)
    for drug, (large, rel, factor) in expected.items():
        tier = tiers[drug]
        assert tier.drug == drug
        assert tier.large_g == Decimal(large)
        assert tier.relatively_large_g == Decimal(rel)
        assert tier.heroin_factor == (None if factor is None else Decimal(factor))
    assert "other" not in tiers
    assert set(tiers) <= set(DRUGS)


def test_factors_agree_with_heroin_thresholds() -> None:
    """Each factor maps the drug's own thresholds onto heroin's 50 g / 10 g."""
    for tier in load_profile().tiers.values():
        if tier.heroin_factor is not None:
            assert tier.large_g * tier.heroin_factor == 50
            assert tier.relatively_large_g * tier.heroin_factor == 10


def test_procedural_figures() -> None:
    profile = load_profile()
    assert profile.scale_bands == (
        ScaleBand(100_000, 10),
        ScaleBand(1_000_000, 100),
        ScaleBand(10_000_000, 1_000),
        ScaleBand(100_000_000, 10_000),
        ScaleBand(1_000_000_000, 100_000),
        ScaleBand(None, 1_000_000),
    )
    assert profile.sampling == SamplingRule(10, 100, 10, "round_sqrt", check=True)
    assert (profile.testing.days, profile.testing.complex_days) == (3, 7)
    assert "death_sentence_possible" in profile.testing.purity_required_when
    assert profile.custody == CustodyRule(
        arrest_request_days=3,
        arrest_request_extension_min_days=1,
        arrest_request_extension_max_days=4,
        arrest_request_roving_gang_days=30,
        procuratorate_decision_days=7,
        investigation_custody_months=2,
        investigation_extension_months=(1, 2, 2),
    )
    assert profile.rehab == RehabRule(
        community_rehab_years=3,
        compulsory_isolation_years=2,
        compulsory_isolation_early_release_years=1,
        compulsory_isolation_extension_max_years=1,
        community_recovery_max_years=3,
        administrative_detention_min_days=10,
        administrative_detention_max_days=15,
        administrative_detention_minor_max_days=5,
    )


def test_check_items() -> None:
    profile = load_profile()
    unconfirmed = {
        f"tiers.{drug}.relatively_large_g"
        for drug in INTERPRETATION_2016
        if drug != "dihydroetorphine"
    }
    assert profile.checks == {
        "tiers.heroin_factor",
        "sampling",
        "testing.purity_required_when",
        "vin.check_digit",
        "rehab.administrative_detention_days",
        *unconfirmed,
    }
    assert profile.needs_check("sampling")
    assert profile.needs_check("sampling.above")  # inside a checked section
    assert profile.needs_check("tiers.heroin_factor")
    assert not profile.needs_check("tiers")
    assert not profile.needs_check("custody.arrest_request_days")
    warning = profile.check_warning("rehab.administrative_detention_days")
    assert warning is not None
    assert "prc-2016 v2016.2" in warning and "2026" in warning
    assert profile.check_warning("custody") is None
    assert set(profile.check_notes) == profile.checks - unconfirmed | {"tiers.*.relatively_large_g"}
    codeine = profile.check_warning("tiers.codeine.relatively_large_g")
    assert codeine is not None and "Art. 2" in codeine
    assert profile.check_warning("tiers.heroin.relatively_large_g") is None


def test_a_note_with_a_wildcard_must_match_a_check_item(tmp_path: Path) -> None:
    document = packaged_document()
    document["check_notes"]["rehab.*.days"] = "matches nothing"
    with pytest.raises(DomainError, match=r"check_notes\.rehab"):
        load_modified(tmp_path, document)


def test_check_from_sampling_flag_alone(tmp_path: Path) -> None:
    document = packaged_document()
    document["check"].remove("sampling")
    del document["check_notes"]["sampling"]
    profile = load_modified(tmp_path, document)
    assert "sampling" in profile.checks
    assert profile.check_warning("sampling") == (
        f"Unconfirmed rule ({profile.label}): not confirmed against an official text."
    )


def test_load_profile_file_matches_packaged() -> None:
    path = resources.files("workbench.resources.profiles").joinpath("prc-2016.json")
    assert load_profile_file(Path(str(path))) == load_profile()


@pytest.mark.parametrize("profile_id", ["prc-1997", "../prc-2016", "PRC-2016", "", "a/b"])
def test_unknown_profile(profile_id: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        load_profile(profile_id)
    assert excinfo.value.code == "profile.unknown"


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as excinfo:
        load_profile_file(tmp_path / "missing.json")
    assert excinfo.value.code == "profile.unreadable"


def test_figures_may_be_json_numbers_but_stay_exact(tmp_path: Path) -> None:
    document = packaged_document()
    document["tiers"]["mdma"]["heroin_factor"] = 0.5
    document["tiers"]["mdma"]["large_g"] = 100
    profile = load_modified(tmp_path, document)
    assert profile.tiers["mdma"].heroin_factor == Decimal("0.5")
    assert isinstance(profile.tiers["mdma"].heroin_factor, Decimal)


Damage = Callable[[dict[str, Any]], object]


def _set(path: str, value: object) -> Damage:
    def damage(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return damage


def _delete(path: str) -> Damage:
    def damage(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for key in parents:
            node = node[key]
        del node[last]

    return damage


TIER = {"large_g": "1", "relatively_large_g": "0.5", "heroin_factor": "1"}


def _swap_bands(document: dict[str, Any]) -> None:
    bands = document["scale_resolution"]
    bands[1]["below_g"], bands[2]["below_g"] = bands[2]["below_g"], bands[1]["below_g"]


def _add_band_after_open_one(document: dict[str, Any]) -> None:
    document["scale_resolution"].append({"below_g": None, "resolution_g": "10000"})


@pytest.mark.parametrize(
    ("damage", "field"),
    [
        (_set("tiers.unicorn", TIER), "tiers.unicorn"),
        (_set("tiers.ephedrine", TIER), "tiers.ephedrine"),
        (_set("tiers.heroin.relatively_large_g", "50"), "tiers.heroin"),
        (_set("tiers.mdma.large_g", "lots"), "tiers.mdma.large_g"),
        (_set("tiers.mdma.large_g", "-100"), "tiers.mdma.large_g"),
        (_set("tiers.mdma.large_g", "100.0001"), "tiers.mdma.large_g"),
        (_set("tiers.mdma.heroin_factor", "0"), "tiers.mdma.heroin_factor"),
        (_set("tiers.mdma.heroin_factor", True), "tiers.mdma.heroin_factor"),
        (_delete("tiers.mdma.heroin_factor"), "tiers.mdma.heroin_factor"),
        (_delete("tiers.heroin"), "tiers.heroin"),
        (_set("tiers.heroin.heroin_factor", "0.5"), "tiers.heroin"),
        (_swap_bands, "scale_resolution[2].below_g"),
        (_set("scale_resolution.3.resolution_g", "0.5"), "scale_resolution[3].resolution_g"),
        (_set("scale_resolution.5.below_g", "5000000"), "scale_resolution[5].below_g"),
        (_add_band_after_open_one, "scale_resolution[6]"),
        (_set("scale_resolution", []), "scale_resolution"),
        (_set("sampling.above", "ceil_sqrt"), "sampling.above"),
        (_set("sampling.fixed_count", 20), "sampling.fixed_count"),
        (_set("sampling.all_below", "10"), "sampling.all_below"),
        (_set("testing.complex_days", 2), "testing.complex_days"),
        (_set("custody.arrest_request_days", 0), "custody.arrest_request_days"),
        (
            _set("custody.arrest_request_extension_days", {"min": 4, "max": 1}),
            "custody.arrest_request_extension_days",
        ),
        (
            _set("custody.investigation_extension_months", [1, "2"]),
            "custody.investigation_extension_months[1]",
        ),
        (
            _set("custody.arrest_request_roving_gang_days", 5),
            "custody.arrest_request_roving_gang_days",
        ),
        (_delete("custody"), "custody"),
        (_delete("rehab.community_rehab_years"), "rehab.community_rehab_years"),
        (
            _set("rehab.compulsory_isolation_early_release_years", 3),
            "rehab.compulsory_isolation_early_release_years",
        ),
        (_set("check", ["sampling", "sampling"]), "check"),
        (_set("check_notes.custody", "not checked"), "check_notes.custody"),
        (_set("title", "PRC"), "title"),
        (_set("id", "PRC 2016"), "id"),
        (_delete("version"), "version"),
        (_set("sources", []), "sources"),
    ],
)
def test_damaged_profile_names_the_field(tmp_path: Path, damage: Damage, field: str) -> None:
    document = packaged_document()
    damage(document)
    with pytest.raises(DomainError) as excinfo:
        load_modified(tmp_path, document)
    assert excinfo.value.code == "profile.invalid"
    assert field in excinfo.value.message


@pytest.mark.parametrize("text", ["{", "[]", "null", '"prc"'])
def test_not_a_profile_document(text: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        parse_profile(text, origin="broken.json")
    assert excinfo.value.code == "profile.invalid"
    assert "broken.json" in excinfo.value.message
    assert "document" in excinfo.value.message
