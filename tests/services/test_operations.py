"""Operations and their inverses: undo and redo go through the services and are audited."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from workbench.services.bundle import Services
from workbench.services.casefile import operations as ops
from workbench.services.casefile.operations import OperationRunner
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected


@pytest.fixture
def svc(ctx: Context) -> Services:
    services = Services(ctx)
    services.cases.create("U-1", "撤销测试")
    return services


def _log(svc: Services) -> list[tuple[str, str]]:
    return [(r.action, r.entity) for r in AuditService(svc.ctx).log("U-1")]


def _cycle(runner: OperationRunner, op: ops.Operation) -> ops.Operation:
    """Do, undo, redo; returns the final inverse."""
    done = runner.run(op)
    assert done.inverse is not None
    undone = runner.run(done.inverse)
    assert undone.inverse is not None
    redone = runner.run(undone.inverse)
    assert redone.inverse is not None
    return redone.inverse


def test_add_person_undo_redo_keeps_ids_and_audits(svc: Services) -> None:
    runner = svc.operations
    done = runner.run(
        ops.add_person(
            "U-1",
            {"name": "张某", "id_number": "11010519491231002X"},
            role="principal",
            is_suspect=True,
            status="detained",
        )
    )
    ref = done.value
    measure = runner.run(
        ops.add_measure("U-1", ref.person_id, "criminal_detention", starts_on=date(2019, 3, 30))
    )
    assert done.inverse is not None
    undone = runner.run(done.inverse)  # removes the party, its measure and the new person
    assert svc.cases.summary("U-1").counts["persons"] == 0
    assert undone.inverse is not None
    redone = runner.run(undone.inverse)
    assert redone.value.party_id == ref.party_id and redone.value.person_id == ref.person_id
    summary = svc.cases.summary("U-1")
    assert summary.counts["suspects"] == 1 and summary.measures == {"criminal_detention": 1}
    # the measure added after the person still points at the right rows
    assert measure.inverse is not None
    runner.run(measure.inverse)
    assert svc.cases.summary("U-1").measures == {}
    actions = _log(svc)
    assert ("delete", "party") in actions and ("restore", "party") in actions
    assert ("delete", "person") in actions and ("restore", "person") in actions
    assert AuditService(svc.ctx).verify().ok


def test_update_undo_restores_before_values(svc: Services) -> None:
    runner = svc.operations
    loc = runner.run(ops.add_record("U-1", "location", name="宾馆", kind="hotel")).value
    done = runner.run(ops.update_record("location", loc, name="某宾馆", kind="stash"))
    assert done.inverse is not None
    runner.run(done.inverse)
    assert svc.records.details("location", loc)["name"] == "宾馆"
    assert svc.records.details("location", loc)["kind"] == "hotel"
    case = runner.run(ops.update_case("U-1", status="solved", closed_on=date(2019, 4, 1)))
    assert case.inverse is not None
    runner.run(case.inverse)
    assert svc.cases.summary("U-1").status == "open"


def test_delete_event_undo_restores_participants(svc: Services) -> None:
    runner = svc.operations
    person = runner.run(ops.add_person("U-1", {"name": "李某"})).value.person_id
    event = runner.run(
        ops.add_record(
            "U-1",
            "event",
            kind="arrest",
            title="抓获",
            participants=[("person", person)],
            occurred_at=datetime(2019, 3, 30, 7, 20, tzinfo=UTC),
        )
    ).value
    final = _cycle(runner, ops.delete_record("event", event))
    assert final.name == "record.restore"
    runner.run(final)
    details = svc.records.details("event", event)
    assert details["participants"] == [("person", person)]
    assert details["occurred_at"] == datetime(2019, 3, 30, 7, 20, tzinfo=UTC)


def test_person_id_change_undo_restores_derived_fields(svc: Services) -> None:
    runner = svc.operations
    ref = runner.run(
        ops.add_person("U-1", {"name": "王某", "id_number": "11010519491231002X"})
    ).value
    done = runner.run(ops.update_person(ref.person_id, id_number="440524188001010014"))
    assert done.inverse is not None
    runner.run(done.inverse)
    with svc.ctx.store.session() as s:
        from workbench.models import Person

        person = s.get(Person, ref.person_id)
        assert person is not None
        assert (person.id_number, person.birth_date, person.sex) == (
            "11010519491231002X",
            date(1949, 12, 31),
            "F",
        )


def test_vehicle_remove_and_restore(svc: Services) -> None:
    runner = svc.operations
    added = runner.run(ops.add_vehicle("U-1", {"plate": "豫D12345"}, seized=True))
    assert added.inverse is not None
    final = _cycle(runner, added.inverse)
    assert final.name == "vehicle.restore"
    assert svc.cases.summary("U-1").counts["vehicles"] == 0


def test_vehicle_in_case_fields_edit_undo_redo(svc: Services) -> None:
    runner = svc.operations
    added = runner.run(ops.add_vehicle("U-1", {"plate": "豫D12345"}, seized=False))
    link_id = added.value.case_vehicle_id
    edit = ops.update_case_vehicle(link_id, seized=True, seized_on=date(2019, 3, 30))
    done = runner.run(edit)
    [row] = svc.tables.fetch("U-1", "vehicles")
    assert (row["seized"], row["seized_on"]) == (True, date(2019, 3, 30))
    assert done.inverse is not None
    runner.run(done.inverse)
    [row] = svc.tables.fetch("U-1", "vehicles")
    assert (row["seized"], row["seized_on"]) == (False, None)
    assert _log(svc)[-2:] == [("update", "case_vehicle"), ("update", "case_vehicle")]
    with pytest.raises(InputRejected, match="seized_on"):
        runner.run(ops.update_case_vehicle(link_id, seized_on="yesterday"))


def test_a_failing_operation_changes_nothing(svc: Services) -> None:
    before = _log(svc)
    with pytest.raises(InputRejected, match="id_number"):
        svc.operations.run(ops.add_person("U-1", {"name": "x", "id_number": "123"}))
    with pytest.raises(InputRejected, match="person_id"):
        svc.operations.run(ops.add_measure("U-1", 9999, "arrest"))
    assert _log(svc) == before


def test_preview_derives_and_reports(svc: Services) -> None:
    good = svc.preview.check("person", {"name": "张某", "id_number": "11010519491231002x"})
    assert good.ok and good.derived["birth_date"] == date(1949, 12, 31)
    assert good.derived["sex"] == "F" and good.derived["id_number"] == "11010519491231002X"
    bad = svc.preview.check("person", {"name": "张某", "id_number": "110105194912310021"})
    assert not bad.ok and "check character" in (bad.error_for("id_number") or "")
    seizure = svc.preview.check(
        "seizure",
        {"exhibit_no": "1", "drug": "heroin", "gross_mg": 1000, "tare_mg": 100, "net_mg": 800},
    )
    assert seizure.error_for("net_mg") is not None


def test_attachment_round_trip_and_cleanup(svc: Services, tmp_path: Path) -> None:
    source = tmp_path / "现场照片.jpg"
    source.write_bytes(b"\xff\xd8" + bytes(range(256)) * 40)
    att = svc.attachments.add("U-1", source, "现场").value
    copy = svc.attachments.open_copy(att)
    assert copy.read_bytes() == source.read_bytes()
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    assert svc.attachments.cleanup_copies() == 1
    assert not copy.exists() and not copy.parent.exists()
    with pytest.raises(InputRejected, match="not a file"):
        svc.attachments.add("U-1", tmp_path / "missing.pdf")


def test_custody_must_point_at_an_item_of_the_case(svc: Services) -> None:
    with pytest.raises(InputRejected, match="item_id"):
        svc.operations.run(
            ops.add_record(
                "U-1",
                "custody",
                item_type="seizure",
                item_id=12345,
                to_holder="物证室",
                at=datetime(2019, 1, 1, tzinfo=UTC),
            )
        )


def test_attachment_remove_restores_same_bytes_and_refuses_with_custody(
    svc: Services, tmp_path: Path
) -> None:
    source = tmp_path / "笔录.pdf"
    source.write_bytes(b"%PDF-1.4 statement")
    runner = OperationRunner(svc.ctx)
    added = runner.run(ops.add_attachment("U-1", str(source), "询问笔录"))
    att_id = added.value
    final = _cycle(runner, ops.remove_attachment(att_id))  # remove, restore, remove
    assert final.name == "attachment.restore"
    runner.run(final)
    copy = svc.attachments.open_copy(att_id)
    assert copy.read_bytes() == b"%PDF-1.4 statement"
    assert svc.attachments.cleanup_copies() == 1

    custody = {"item_type": "attachment", "item_id": att_id, "to_holder": "档案室"}
    with pytest.raises(InputRejected, match="at: is required"):  # by name, not IntegrityError
        runner.run(ops.add_record("U-1", "custody", **custody))
    at = datetime(2019, 3, 30, 8, tzinfo=UTC)
    runner.run(ops.add_record("U-1", "custody", **custody, at=at))
    before = _log(svc)
    with pytest.raises(InputRejected, match="chain-of-custody"):
        runner.run(ops.remove_attachment(att_id))
    assert _log(svc) == before  # refused: nothing written, nothing audited
    assert AuditService(svc.ctx).verify().ok
