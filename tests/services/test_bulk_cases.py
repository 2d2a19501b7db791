"""Many small case files in one audited transaction (demo history, back-filed cases)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from workbench.demo.identities import resident_id
from workbench.models import AuditEntry, CaseAccess, CaseFile, CaseParty, Measure, Person, Seizure
from workbench.services.accounts.users import UserService
from workbench.services.casefile.bulk_cases import CaseBulk, CaseBundle
from workbench.services.casefile.cases import CaseService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected, PermissionDenied
from workbench.store import Store


def bundle(n: int, **case: object) -> CaseBundle:
    number = resident_id("410402", date(1980, 1, 1), "M", n)
    return CaseBundle(
        case={"code": f"B-{n}", "title": f"第{n}号", "solved_on": date(2019, 2, 1), **case},
        persons=[
            {
                "name": f"某{n}",
                "id_number": number,
                "party": {"is_suspect": True, "prosecuted_on": date(2019, 5, 1)},
            }
        ],
        measures=[
            {"person": 0, "kind": "criminal_detention", "decided_on": date(2019, 2, 1)},
        ],
        seizures=[
            {
                "exhibit_no": f"B-{n}-1",
                "drug": "heroin",
                "gross_mg": 1_500,
                "tare_mg": 500,
                "net_mg": 1_000,
                "seized_at": datetime(2019, 2, 1, 2, 0, tzinfo=UTC),
            }
        ],
        locations=[{"name": "窝点", "kind": "drug_lab"}],
    )


def counts(ctx: Context) -> tuple[int, ...]:
    with ctx.store.session() as s:
        return tuple(
            s.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (CaseFile, Person, CaseParty, Measure, Seizure, CaseAccess, AuditEntry)
        )


@pytest.fixture
def admin(store: Store) -> Context:
    ctx = Context(store, "tester")
    UserService(ctx).add("tester", "admin")
    UserService(ctx).add("wang", "investigator")
    return ctx


def test_a_batch_writes_every_table_once(admin: Context) -> None:
    before = counts(admin)
    result = CaseBulk(admin).add([bundle(1), bundle(2), bundle(2, code="B-3")], source="test")
    assert result.value.cases == 3 and result.value.persons == 2  # B-3 reuses person 2
    after = counts(admin)
    assert after[:6] == (3, 2, 3, 3, 3, 3)
    # case, person, party, measure, seizure, asset (none), location, access: one entry each
    assert after[6] - before[6] == 7
    assert [c.code for c in CaseService(admin).list()] == ["B-1", "B-2", "B-3"]


def test_cases_for_others_need_the_membership_right(admin: Context) -> None:
    wang = Context(admin.store, "wang")
    with pytest.raises(PermissionDenied):
        CaseBulk(wang).add([bundle(1)], members=[])
    CaseBulk(admin).add([bundle(1)], members=[])  # the admin's cases of another unit
    assert CaseService(admin).list() == []  # … not in the admin's list
    assert counts(admin)[0] == 1


@pytest.mark.parametrize(
    ("broken", "field"),
    [
        (CaseBundle(case={"code": "X", "title": ""}), "case 2: title"),
        (CaseBundle(case={"code": "X", "title": "t", "level": "galactic"}), "case 2: level"),
        (
            CaseBundle(
                case={"code": "X", "title": "t"}, persons=[{"name": "甲", "id_number": "1"}]
            ),
            "case 2 person 1: id_number",
        ),
        (
            CaseBundle(
                case={"code": "X", "title": "t"}, measures=[{"person": 3, "kind": "arrest"}]
            ),
            "case 2 measure 1: person",
        ),
        (
            CaseBundle(
                case={"code": "X", "title": "t"}, seizures=[{"drug": "heroin", "net_mg": 5}]
            ),
            "case 2 seizure 1: exhibit_no",
        ),
        (CaseBundle(case={"code": "B-1", "title": "again"}), "code"),
    ],
)
def test_a_bad_row_rejects_the_batch_naming_it(
    admin: Context, broken: CaseBundle, field: str
) -> None:
    CaseBulk(admin).add([bundle(1)])
    before = counts(admin)
    with pytest.raises(InputRejected) as caught:
        CaseBulk(admin).add([bundle(5), broken])
    assert field in [e.field for e in caught.value.errors]
    assert counts(admin) == before


def test_the_batch_digest_is_the_audit_chains_canonical_json() -> None:
    from decimal import Decimal

    from workbench.domain.audit_chain import canonical_json, jsonable
    from workbench.services.core.bulk import _canonical_rows

    rows = [
        {"a": date(2019, 1, 2), "b": datetime(2019, 1, 2, 3, 4, tzinfo=UTC), "c": Decimal("1.50")},
        {"a": None, "b": ["甲", 2], "c": b"\x00"},
    ]
    columns = ["a", "b", "c"]
    expected = canonical_json(jsonable([[r[c] for c in columns] for r in rows]))
    assert _canonical_rows(rows, columns) == expected
