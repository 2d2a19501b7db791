"""Service rules on real encrypted databases: identity, validation, exact totals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.vehicles import VehicleService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected, PermissionDenied

ID_1949 = "11010519491231002X"  # DOMAIN.md's example: born 1949-12-31, female


@pytest.fixture
def two_cases(ctx: Context) -> Context:
    CaseService(ctx).create("A-1", "甲案")
    CaseService(ctx).create("B-1", "乙案")
    return ctx


def test_same_id_number_in_two_cases_is_one_person(two_cases: Context) -> None:
    persons = PersonService(two_cases)
    a = persons.add_to_case("A-1", {"name": "张某", "id_number": ID_1949}, role="buyer").value
    b = persons.add_to_case(
        "B-1", {"name": "张某", "id_number": ID_1949.lower()}, role="supplier", is_suspect=True
    ).value
    assert a.person_id == b.person_id and b.existing_person
    assert CaseService(two_cases).summary("B-1").counts["suspects"] == 1


def test_birth_date_and_sex_derive_from_the_id_number(two_cases: Context) -> None:
    ref = PersonService(two_cases).add_to_case("A-1", {"name": "张某", "id_number": ID_1949})
    with two_cases.store.session() as s:
        from workbench.models import Person

        person = s.get(Person, ref.value.person_id)
        assert person is not None
        assert person.birth_date == date(1949, 12, 31) and person.sex == "F"


def test_bad_id_number_is_rejected_naming_the_field(two_cases: Context) -> None:
    with pytest.raises(InputRejected) as err:
        PersonService(two_cases).add_to_case(
            "A-1", {"name": "王某", "id_number": "110105194912310021"}
        )
    assert err.value.errors[0].field == "id_number"
    assert "check character" in err.value.errors[0].message
    with pytest.raises(InputRejected, match="sex"):
        PersonService(two_cases).add_to_case(
            "A-1", {"name": "王某", "id_number": ID_1949, "sex": "M"}
        )
    assert CaseService(two_cases).summary("A-1").counts["persons"] == 0


def test_vehicle_found_by_plate_across_cases(two_cases: Context) -> None:
    v = VehicleService(two_cases)
    a = v.add_to_case("A-1", {"plate": "豫D12345", "vin": "LATPAB071W1005301"}, seized=True)
    b = v.add_to_case("B-1", {"plate": "豫 D·12345"})
    assert a.value.vehicle_id == b.value.vehicle_id
    warn = v.add_to_case("B-1", {"vin": "LATPAB071W1005302"})
    assert any("check digit" in w for w in warn.warnings)


def test_seizure_weights_are_exact_and_checked(two_cases: Context) -> None:
    r = RecordService(two_cases)
    r.add(
        "A-1",
        "seizure",
        exhibit_no="JC-1",
        drug="methamphetamine",
        gross_mg=10_500,
        tare_mg=510,
        net_mg=9_990,
        scale_resolution_mg=10,
    )
    r.add("A-1", "seizure", exhibit_no="JC-2", drug="methamphetamine", net_mg=10)
    r.add("A-1", "seizure", exhibit_no="JC-3", drug="ephedrine", net_mg=5_000_000)
    with pytest.raises(InputRejected, match="net_mg"):
        r.add(
            "A-1",
            "seizure",
            exhibit_no="JC-4",
            drug="heroin",
            gross_mg=1000,
            tare_mg=100,
            net_mg=800,
        )
    with pytest.raises(InputRejected, match="drug"):
        r.add("A-1", "seizure", exhibit_no="JC-5", drug="sugar", net_mg=1)
    with pytest.raises(InputRejected, match="net_mg"):
        r.add("A-1", "seizure", exhibit_no="JC-6", drug="heroin", net_mg=-5)
    summary = CaseService(two_cases).summary("A-1")
    assert summary.drug_totals_mg == {"methamphetamine": 10_000}
    assert summary.precursor_totals_mg == {"ephedrine": 5_000_000}
    assert summary.as_json()["drug_totals_g"] == {"methamphetamine": "10"}


def test_coarse_scale_and_late_test_are_warnings(two_cases: Context) -> None:
    seized = datetime(2019, 1, 10, 8, 0, tzinfo=UTC)
    result = RecordService(two_cases).add(
        "A-1",
        "seizure",
        exhibit_no="JC-1",
        drug="methamphetamine",
        net_mg=50_000,
        scale_resolution_mg=1000,
        seized_at=seized,
        sent_for_test_on=date(2019, 1, 20),
    )
    text = " ".join(result.warnings)
    assert "scale_resolution_mg" in text and "sent_for_test_on" in text


def test_links_must_join_entities_of_the_same_case(two_cases: Context) -> None:
    p = PersonService(two_cases)
    a = p.add_to_case("A-1", {"name": "甲"}).value.person_id
    b = p.add_to_case("B-1", {"name": "乙"}).value.person_id
    with pytest.raises(InputRejected, match="not in this case"):
        RecordService(two_cases).add(
            "A-1", "link", kind="supplies", a_type="person", a_id=a, b_type="person", b_id=b
        )


def test_naive_datetimes_are_refused(two_cases: Context) -> None:
    with pytest.raises(InputRejected, match="time zone"):
        RecordService(two_cases).add(
            "A-1", "event", kind="tip", title="x", occurred_at=datetime(2019, 1, 1)
        )


def test_unknown_case_and_fields(two_cases: Context) -> None:
    # Not a member of a case that does not exist: refused like any other (issue 13 #7).
    with pytest.raises(PermissionDenied, match="no case ZZZ that you are a member of"):
        CaseService(two_cases).summary("ZZZ")
    with pytest.raises(InputRejected, match="colour_of_sky"):
        CaseService(two_cases).create("C-1", "x", colour_of_sky="blue")


def test_delete_case_keeps_global_persons(two_cases: Context) -> None:
    p = PersonService(two_cases).add_to_case("A-1", {"name": "张某", "id_number": ID_1949})
    PersonService(two_cases).add_to_case("B-1", {"name": "张某", "id_number": ID_1949})
    CaseService(two_cases).delete("A-1")
    assert [c.code for c in CaseService(two_cases).list()] == ["B-1"]
    with two_cases.store.session() as s:
        from workbench.models import Person

        assert s.get(Person, p.value.person_id) is not None
