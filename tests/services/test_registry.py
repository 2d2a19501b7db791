"""The drug-user registry on a real encrypted database: findings, decisions, hand-overs,
status and due dates, refusals that write nothing, rights, undo, the bulk path."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from workbench.demo.identities import resident_id
from workbench.models import AuditEntry, DrugUseFinding, Person, RehabDecision, RehabHandover
from workbench.services.accounts.users import UserService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected, PermissionDenied
from workbench.services.core.unit_of_work import unit_of_work
from workbench.services.registry import operations as rops
from workbench.services.registry.bulk import BulkBatch, RegistryBulk
from workbench.services.registry.entries import RegistryService
from workbench.services.registry.preview import RegistryPreview
from workbench.services.registry.reading import RegistryQuery, RegistryReader
from workbench.store import Store

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2019, 6, 20, 12, 0, tzinfo=SH).astimezone(UTC)
GAO = resident_id("410402", date(1989, 8, 22), "M", 301)
WANG = resident_id("410403", date(1993, 3, 15), "M", 302)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


@pytest.fixture
def reg_ctx(store: Store) -> Context:
    ctx = Context(store, "tester", clock=lambda: NOW)
    users = UserService(ctx)
    users.add("tester", "admin")
    for name, role in (("li", "case_lead"), ("shen", "auditor"), ("wang", "investigator")):
        users.add(name, role)
    return ctx


def as_user(ctx: Context, name: str) -> Context:
    return Context(ctx.store, name, clock=ctx.clock)


def counts(ctx: Context) -> tuple[int, ...]:
    with ctx.store.session() as s:
        return tuple(
            s.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Person, DrugUseFinding, RehabDecision, RehabHandover, AuditEntry)
        )


def finding(**kw: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "found_at": at("2019-03-28T21:15"),
        "substance": "methamphetamine",
        "result": "positive",
        "how_found": "venue_check",
        "test_method": "urine",
        "unit": "矿工路派出所",
        "place": "市区某宾馆",
    }
    values.update(kw)
    return values


def add_gao(ctx: Context, **kw: Any) -> int:
    ref = (
        RegistryService(ctx)
        .add_finding(person={"id_number": GAO, "name": "高某"}, **finding(**kw))
        .value
    )
    return ref.finding_id


# -- findings ---------------------------------------------------------------------------


def test_a_finding_by_id_number_creates_the_person_once(reg_ctx: Context) -> None:
    service = RegistryService(reg_ctx)
    first = service.add_finding(person={"id_number": GAO, "name": "高某"}, **finding()).value
    assert first.new_person
    again = service.add_finding(
        person={"id_number": GAO, "name": "高某某"}, **finding(found_at=at("2019-04-02T10:00"))
    )
    assert again.value.person_id == first.person_id and not again.value.new_person
    assert [w.code for w in again.warnings] == ["person.known_id"]  # type: ignore[attr-defined]
    with reg_ctx.store.session() as s:
        person = s.get(Person, first.person_id)
        assert person is not None and person.birth_date == date(1989, 8, 22)
        assert person.sex == "M"


def test_a_case_suspect_is_the_same_person(reg_ctx: Context) -> None:
    CaseService(reg_ctx).create("T-328", "3·28")
    ref = PersonService(reg_ctx).add_to_case("T-328", {"name": "刘某", "id_number": WANG}).value
    added = RegistryService(reg_ctx).add_finding(
        person_id=ref.person_id, case_code="T-328", **finding()
    )
    record = RegistryReader(reg_ctx).record(ref.person_id)
    assert record.cases == ["T-328"]
    assert record.findings[0]["id"] == added.value.finding_id
    assert record.findings[0]["case_code"] == "T-328"
    assert RegistryReader(reg_ctx).in_registry([ref.person_id, 9999]) == {ref.person_id}
    # taking them out of the case keeps the person: the registry still holds them
    PersonService(reg_ctx).remove_from_case(ref.party_id, delete_orphan_person=True)
    assert RegistryReader(reg_ctx).record(ref.person_id).cases == []


@pytest.mark.parametrize(
    ("person", "values", "field"),
    [
        (
            {"id_number": GAO[:-1] + ("0" if GAO[-1] != "0" else "1"), "name": "高某"},
            {},
            "id_number",
        ),
        ({"id_number": "41040219890822", "name": "高某"}, {}, "id_number"),
        ({"id_number": "ABCDEFGHIJKLMNOPQR", "name": "高某"}, {}, "id_number"),
        ({"id_number": GAO}, {}, "name"),  # someone new needs a name
        ({"id_number": GAO, "name": "高某"}, {"found_at": at("2019-06-21T09:00")}, "found_at"),
        ({"id_number": GAO, "name": "高某"}, {"found_at": at("1988-01-01T09:00")}, "found_at"),
        ({"id_number": GAO, "name": "高某"}, {"found_at": datetime(2019, 3, 1)}, "found_at"),
        ({"id_number": GAO, "name": "高某"}, {"substance": "sugar"}, "substance"),
        ({"id_number": GAO, "name": "高某"}, {"result": "maybe"}, "result"),
        ({"id_number": GAO, "name": "高某"}, {"how_found": "dream"}, "how_found"),
    ],
)
def test_bad_findings_are_refused_naming_the_field(
    reg_ctx: Context, person: dict[str, Any], values: dict[str, Any], field: str
) -> None:
    before = counts(reg_ctx)
    with pytest.raises(InputRejected) as caught:
        RegistryService(reg_ctx).add_finding(person=person, **finding(**values))
    assert field in [e.field for e in caught.value.errors], caught.value
    assert counts(reg_ctx) == before


def test_findings_of_the_last_minute_of_today_but_not_tomorrow(reg_ctx: Context) -> None:
    # "now" is 2019-06-20 12:00 local: 11:59 is fine, 12:01 is in the future
    add_gao(reg_ctx, found_at=at("2019-06-20T11:59"))
    with pytest.raises(InputRejected, match="in the future"):
        add_gao(reg_ctx, found_at=at("2019-06-20T12:01"))


# -- decisions --------------------------------------------------------------------------


def test_a_decision_before_its_finding_is_refused(reg_ctx: Context) -> None:
    finding_id = add_gao(reg_ctx)
    person_id = RegistryService(reg_ctx).finding_values(finding_id)["person_id"]
    before = counts(reg_ctx)
    with pytest.raises(InputRejected) as caught:
        RegistryService(reg_ctx).add_decision(
            person_id,
            finding_id=finding_id,
            kind="administrative_detention",
            decided_on=date(2019, 3, 27),
            term_days=10,
        )
    (error,) = caught.value.errors
    assert error.field == "decided_on" and "before its finding on 2019-03-28" in error.message
    assert error.code == "registry.decision_before_finding"
    assert counts(reg_ctx) == before


def test_overlapping_isolation_terms_are_refused(reg_ctx: Context) -> None:
    service = RegistryService(reg_ctx)
    finding_id = add_gao(reg_ctx)
    person_id = service.finding_values(finding_id)["person_id"]
    first = service.add_decision(
        person_id, finding_id=finding_id, kind="compulsory_isolation", decided_on=date(2019, 3, 29)
    ).value
    with reg_ctx.store.session() as s:
        stored = s.get(RehabDecision, first)
        assert stored is not None and stored.planned_end_on == date(2021, 3, 28)
    second_finding = add_gao(reg_ctx, found_at=at("2019-05-02T10:00"))
    before = counts(reg_ctx)
    with pytest.raises(InputRejected) as caught:
        service.add_decision(
            person_id,
            finding_id=second_finding,
            kind="compulsory_isolation",
            decided_on=date(2019, 5, 3),
        )
    (error,) = caught.value.errors
    assert error.field == "starts_on" and error.code == "registry.isolation_overlap"
    assert "2019-03-29 – 2021-03-28" in error.message
    assert counts(reg_ctx) == before


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "administrative_detention", "term_days": 21}, "term_days"),
        ({"kind": "administrative_detention"}, "term_days"),
        ({"kind": "compulsory_isolation", "term_months": 12}, "term_months"),
        ({"kind": "compulsory_isolation", "extension_months": 13}, "extension_months"),
        ({"kind": "community_recovery", "term_months": 40}, "term_months"),
        ({"kind": "community_rehab", "extension_months": 3}, "extension_months"),
        ({"kind": "administrative_detention", "term_days": 10, "starts_on": date(2019, 3, 28)},
         "starts_on"),
        ({"kind": "administrative_detention", "term_days": 10, "decided_on": date(2019, 7, 1)},
         "decided_on"),
        ({"kind": "administrative_detention", "term_days": 10, "ended_on": date(2019, 4, 20)},
         "ended_on"),
        ({"kind": "exile"}, "kind"),
        ({"kind": "community_rehab", "finding_id": 999}, "finding_id"),
    ],
)  # fmt: skip
def test_bad_decisions_are_refused_naming_the_field(
    reg_ctx: Context, values: dict[str, Any], field: str
) -> None:
    finding_id = add_gao(reg_ctx)
    person_id = RegistryService(reg_ctx).finding_values(finding_id)["person_id"]
    full = {"finding_id": finding_id, "decided_on": date(2019, 3, 29), **values}
    before = counts(reg_ctx)
    with pytest.raises(InputRejected) as caught:
        RegistryService(reg_ctx).add_decision(person_id, **full)
    assert field in [e.field for e in caught.value.errors], caught.value
    assert counts(reg_ctx) == before


def test_detention_of_more_than_15_days_warns(reg_ctx: Context) -> None:
    finding_id = add_gao(reg_ctx)
    person_id = RegistryService(reg_ctx).finding_values(finding_id)["person_id"]
    result = RegistryService(reg_ctx).add_decision(
        person_id,
        finding_id=finding_id,
        kind="administrative_detention",
        decided_on=date(2019, 3, 29),
        term_days=18,
    )
    assert [w.code for w in result.warnings] == ["registry.days_combined"]  # type: ignore[attr-defined]


# -- hand-overs, status and due dates -----------------------------------------------------


def test_status_dues_and_handovers(reg_ctx: Context) -> None:
    service = RegistryService(reg_ctx)
    old = add_gao(reg_ctx, found_at=at("2017-05-01T10:00"))
    person_id = service.finding_values(old)["person_id"]
    rehab = service.add_decision(
        person_id, finding_id=old, kind="community_rehab", decided_on=date(2017, 5, 2)
    ).value
    isolation_finding = add_gao(reg_ctx)
    isolation = service.add_decision(
        person_id,
        finding_id=isolation_finding,
        kind="compulsory_isolation",
        decided_on=date(2019, 3, 29),
        place="平顶山市强制隔离戒毒所",
    ).value
    record = RegistryReader(reg_ctx).record(person_id)
    assert record.status.status == "in_compulsory_isolation"
    dues = {(d.kind, d.decision_id): d for d in record.status.dues}
    assert dues[("term_end", isolation)].due == date(2021, 3, 28)
    assert dues[("early_release_review", isolation)].due == date(2020, 3, 29)
    reception = dues[("community_reception", rehab)]
    assert reception.due == date(2017, 5, 16) and reception.overdue
    # the community received them late; recorded, the due is done
    service.add_handover(rehab, kind="community_reception", handed_on=date(2017, 5, 20))
    with pytest.raises(InputRejected) as twice:
        service.add_handover(rehab, kind="community_reception", handed_on=date(2017, 5, 21))
    assert twice.value.errors[0].code == "registry.handover_twice"
    with pytest.raises(InputRejected) as early:
        service.add_handover(isolation, kind="release_filing", handed_on=date(2019, 6, 1))
    assert {e.code for e in early.value.errors} == {"registry.not_released"}
    record = RegistryReader(reg_ctx).record(person_id)
    assert not any(d.overdue for d in record.status.dues)
    assert record.decisions[-1]["handovers"][0]["kind"] == "community_reception"
    rows = RegistryReader(reg_ctx).search(RegistryQuery(text="高"))
    assert [(r.person_id, r.findings, r.status) for r in rows] == [
        (person_id, 2, "in_compulsory_isolation")
    ]
    assert RegistryReader(reg_ctx).search(RegistryQuery(status="known_user")) == []


# -- rights -----------------------------------------------------------------------------


def test_auditors_read_the_registry_and_change_nothing(reg_ctx: Context) -> None:
    finding_id = add_gao(reg_ctx)
    person_id = RegistryService(reg_ctx).finding_values(finding_id)["person_id"]
    auditor = as_user(reg_ctx, "shen")
    assert RegistryReader(auditor).record(person_id).findings
    before = counts(reg_ctx)
    with pytest.raises(PermissionDenied, match="may not change the drug-user registry"):
        RegistryService(auditor).add_finding(person_id=person_id, **finding())
    with pytest.raises(PermissionDenied):
        RegistryService(auditor).delete_finding(finding_id)
    # the transaction's backstop refuses a registry audit entry too
    with pytest.raises(PermissionDenied), unit_of_work(auditor) as uow:
        uow.audit("update", "drug_use_finding", finding_id, None, {})
    assert counts(reg_ctx) == before
    for name in ("li", "wang"):
        RegistryService(as_user(reg_ctx, name)).add_finding(
            person_id=person_id, **finding(found_at=at("2019-04-01T10:00"))
        )


# -- undo -------------------------------------------------------------------------------


def test_operations_undo_and_redo_keep_ids(reg_ctx: Context) -> None:
    runner = rops.RegistryOperationRunner(reg_ctx)
    added = runner.run(rops.add_finding(person={"id_number": GAO, "name": "高某"}, **finding()))
    ref = added.value
    decided = runner.run(
        rops.add_decision(
            ref.person_id,
            finding_id=ref.finding_id,
            kind="administrative_detention",
            decided_on=date(2019, 3, 29),
            term_days=10,
        )
    )
    edited = runner.run(rops.update_decision(decided.value, term_days=15))
    assert RegistryService(reg_ctx).decision_values(decided.value)["term_days"] == 15
    assert edited.inverse is not None
    runner.run(edited.inverse)
    assert RegistryService(reg_ctx).decision_values(decided.value)["term_days"] == 10
    assert decided.inverse is not None
    removed = runner.run(decided.inverse)
    assert removed.inverse is not None
    assert runner.run(removed.inverse).value == decided.value  # the same id again
    runner.run(rops.delete_decision(decided.value))
    assert added.inverse is not None
    gone = runner.run(added.inverse)  # the finding and the person it created
    assert counts(reg_ctx)[:2] == (0, 0)
    assert gone.inverse is not None
    back = runner.run(gone.inverse).value
    assert (back.finding_id, back.person_id) == (ref.finding_id, ref.person_id)


def test_a_finding_a_decision_rests_on_is_not_deleted(reg_ctx: Context) -> None:
    finding_id = add_gao(reg_ctx)
    person_id = RegistryService(reg_ctx).finding_values(finding_id)["person_id"]
    RegistryService(reg_ctx).add_decision(
        person_id, finding_id=finding_id, kind="community_rehab", decided_on=date(2019, 3, 29)
    )
    with pytest.raises(InputRejected) as caught:
        RegistryService(reg_ctx).delete_finding(finding_id)
    assert caught.value.errors[0].code == "registry.finding_in_use"
    with pytest.raises(InputRejected) as moved:
        RegistryService(reg_ctx).update_finding(finding_id, found_at=at("2019-04-01T08:00"))
    assert moved.value.errors[0].field == "found_at"


# -- preview and bulk -------------------------------------------------------------------


def test_preview_checks_without_writing(reg_ctx: Context) -> None:
    finding_id = add_gao(reg_ctx)
    person_id = RegistryService(reg_ctx).finding_values(finding_id)["person_id"]
    before = counts(reg_ctx)
    preview = RegistryPreview(reg_ctx, person_id=person_id)
    bad = preview.check(
        "decision",
        {"finding_id": finding_id, "kind": "compulsory_isolation", "decided_on": date(2019, 3, 1)},
    )
    assert bad.error_for("decided_on") and not bad.ok
    good = preview.check(
        "decision",
        {"finding_id": finding_id, "kind": "compulsory_isolation", "decided_on": date(2019, 3, 29)},
    )
    assert good.ok and good.derived["planned_end_on"] == date(2021, 3, 28)
    assert preview.check("finding", finding(found_at=at("1980-01-01T00:00"))).error_for("found_at")
    assert counts(reg_ctx) == before


def test_bulk_writes_everything_with_one_entry_per_table(reg_ctx: Context) -> None:
    people = [
        {"id_number": resident_id("410402", date(1990, 1, 1), "M", i), "name": f"某{i}"}
        for i in range(1, 41)
    ]
    found = [
        finding(id_number=p["id_number"], found_at=at("2019-02-01T10:00") + timedelta(days=i))
        for i, p in enumerate(people)
    ]
    decisions = [
        {
            "finding": i,
            "kind": "administrative_detention",
            "decided_on": date(2019, 2, 2) + timedelta(days=i),
            "term_days": 10,
        }
        for i in range(40)
    ]
    before = counts(reg_ctx)
    result = RegistryBulk(reg_ctx).add(
        BulkBatch(persons=people, findings=found, decisions=decisions), source="test batch"
    )
    assert (result.value.persons, result.value.findings, result.value.decisions) == (40, 40, 40)
    after = counts(reg_ctx)
    assert after[:4] == (before[0] + 40, before[1] + 40, before[2] + 40, before[3])
    assert after[4] == before[4] + 3  # persons, findings, decisions: one entry each
    rows = RegistryReader(reg_ctx).search(RegistryQuery(limit=1000))
    assert len(rows) == 40 and {r.status for r in rows} == {"known_user"}


def test_bulk_rejects_the_whole_batch_naming_the_row(reg_ctx: Context) -> None:
    people = [{"id_number": GAO, "name": "高某"}]
    found = [finding(id_number=GAO), finding(id_number=GAO, result="unclear")]
    decisions = [{"finding": 0, "kind": "compulsory_isolation", "decided_on": date(2019, 3, 1)}]
    before = counts(reg_ctx)
    with pytest.raises(InputRejected) as caught:
        RegistryBulk(reg_ctx).add(BulkBatch(people, found, decisions))
    fields = [e.field for e in caught.value.errors]
    assert fields == ["finding 2: result", "decision 1: decided_on"]
    assert counts(reg_ctx) == before


def test_status_as_of_an_earlier_day(reg_ctx: Context) -> None:
    """The registry as it stood on a past day: later ends and hand-overs not yet known."""
    service = RegistryService(reg_ctx)
    finding_id = add_gao(reg_ctx, found_at=at("2017-03-28T21:15"))
    person_id = service.finding_values(finding_id)["person_id"]
    isolation = service.add_decision(
        person_id,
        finding_id=finding_id,
        kind="compulsory_isolation",
        decided_on=date(2017, 3, 29),
        ended_on=date(2018, 6, 1),
    ).value
    service.add_handover(isolation, kind="release_filing", handed_on=date(2018, 6, 3))
    reader = RegistryReader(reg_ctx)
    then = reader.record(person_id, as_of=date(2018, 1, 1))
    assert then.status.status == "in_compulsory_isolation"
    assert {d.kind for d in then.status.dues} == {"term_end", "early_release_review"}
    between = reader.record(person_id, as_of=date(2018, 6, 2))
    (filing,) = (d for d in between.status.dues if d.kind == "release_filing")
    assert not filing.done and filing.overdue
    now = reader.record(person_id)
    assert now.status.status == "known_user"
    assert all(d.done for d in now.status.dues if d.kind == "release_filing")
    rows = reader.search(RegistryQuery(as_of=date(2018, 1, 1)))
    assert [r.status for r in rows] == ["in_compulsory_isolation"]
    assert reader.record(person_id, as_of=date(2017, 1, 1)).status.status == ""
