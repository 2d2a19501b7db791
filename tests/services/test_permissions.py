"""Roles enforced in the services, on a real slot-keyed database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.services.accounts.access import AccessService
from workbench.services.accounts.users import UserService, create_database, sign_in
from workbench.services.analysis.overview import OverviewService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.search import SearchService
from workbench.services.casefile.tables import TableService
from workbench.services.casefile.vehicles import VehicleService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.core.errors import AuthenticationFailed, PermissionDenied

PASS = {n: f"{n} passphrase 2026" for n in ("boss", "li", "shen", "wang")}


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "team.db"
    ctx = create_database(path, "boss", PASS["boss"])
    try:
        users = UserService(ctx)
        users.add("li", "case_lead", passphrase=PASS["li"])
        users.add("shen", "auditor", passphrase=PASS["shen"])
        users.add("wang", "investigator", passphrase=PASS["wang"])
    finally:
        ctx.store.close()
    li = sign_in(path, "li", PASS["li"])
    try:
        CaseService(li).create("T-1", "一号案")
        PersonService(li).add_to_case("T-1", {"name": "甲某"}, role="principal")
        VehicleService(li).add_to_case("T-1", {"plate": "豫D12345"})
        RecordService(li).add("T-1", "location", name="窝点")
    finally:
        li.store.close()
    yield path


@pytest.fixture
def open_as(team: Path) -> Iterator[object]:
    opened: list[Context] = []

    def as_(name: str) -> Context:
        ctx = sign_in(team, name, PASS[name])
        opened.append(ctx)
        return ctx

    yield as_
    for ctx in opened:
        ctx.store.close()


def test_auditor_reads_everything_and_changes_nothing(open_as) -> None:  # type: ignore[no-untyped-def]
    shen = open_as("shen")
    assert [r.code for r in CaseService(shen).list()] == ["T-1"]
    assert CaseService(shen).summary("T-1").counts["persons"] == 1
    assert TableService(shen).count("T-1", "persons") == 1
    assert TableService(shen).count("T-1", "audit") > 0
    assert SearchService(shen).search("甲某")
    attempts = [
        lambda: CaseService(shen).update("T-1", title="改"),
        lambda: CaseService(shen).create("T-2", "二号案"),
        lambda: CaseService(shen).delete("T-1"),
        lambda: AccessService(shen).grant("T-1", "shen"),
        lambda: PersonService(shen).add_to_case("T-1", {"name": "乙某"}),
        lambda: RecordService(shen).add("T-1", "location", name="x"),
        lambda: RecordService(shen).bulk_add("T-1", "location", [{"name": "y"}]),
        lambda: UserService(shen).add("eve", "admin", passphrase="eve passphrase"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="shen"):
            attempt()
    assert CaseService(shen).summary("T-1").title == "一号案"
    assert not [e for e in AuditService(shen).log() if e.user == "shen" and e.action != "login"]


def test_investigator_needs_membership(open_as) -> None:  # type: ignore[no-untyped-def]
    wang = open_as("wang")
    assert CaseService(wang).list() == []
    assert SearchService(wang).search("甲某") == []
    for attempt in (
        lambda: CaseService(wang).summary("T-1"),
        lambda: OverviewService(wang).overview("T-1", __import__("datetime").date(2026, 1, 1)),
        lambda: TableService(wang).fetch("T-1", "persons"),
        lambda: RecordService(wang).add("T-1", "location", name="x"),
        lambda: AuditService(wang).log("T-1"),
    ):
        with pytest.raises(PermissionDenied, match="no case T-1 that you are a member of"):
            attempt()
    # A person of a case they cannot edit cannot be edited "globally" either.
    person_id = TableService(open_as("li")).fetch("T-1", "persons")[0]["person_id"]
    with pytest.raises(PermissionDenied):
        PersonService(wang).update_person(person_id, occupation="无业")
    li = open_as("li")
    AccessService(li).grant("T-1", "wang")
    assert [r.code for r in CaseService(wang).list()] == ["T-1"]
    RecordService(wang).add("T-1", "location", name="新窝点")
    PersonService(wang).update_person(person_id, occupation="无业")
    # Investigators do not manage members or users; case leads do members only.
    with pytest.raises(PermissionDenied):
        AccessService(wang).revoke("T-1", "li")
    with pytest.raises(PermissionDenied):
        UserService(li).rows()


def test_real_and_made_up_cases_answer_alike(open_as) -> None:  # type: ignore[no-untyped-def]
    """A non-member cannot tell a case that exists from one that does not (issue 13 #7)."""
    wang, boss = open_as("wang"), open_as("boss")
    today = __import__("datetime").date(2026, 1, 1)
    calls = (
        lambda ctx, code: CaseService(ctx).summary(code),
        lambda ctx, code: CaseService(ctx).update(code, title="x"),
        lambda ctx, code: OverviewService(ctx).overview(code, today),
        lambda ctx, code: TableService(ctx).fetch(code, "events"),
        lambda ctx, code: RecordService(ctx).add(code, "location", name="x"),
        lambda ctx, code: AuditService(ctx).log(code),
        lambda ctx, code: AccessService(ctx).members_of(code),
    )
    for ctx in (wang, boss):
        for call in calls:
            answers = []
            for code in ("T-1", "NO-SUCH-9"):
                with pytest.raises(PermissionDenied) as caught:
                    call(ctx, code)
                answers.append(str(caught.value).replace(code, "CODE"))
            assert answers[0] == answers[1]


def test_admin_reads_no_case_unless_member(open_as) -> None:  # type: ignore[no-untyped-def]
    boss = open_as("boss")
    assert CaseService(boss).list() == []
    with pytest.raises(PermissionDenied):
        CaseService(boss).summary("T-1")
    trail = AuditService(boss).log()
    assert trail and all(e.case_code is None for e in trail)  # sign-ins, users; no case data
    AccessService(boss).grant("T-1", "boss")  # admins manage memberships, audited
    assert CaseService(boss).summary("T-1").code == "T-1"
    assert [e.action for e in AuditService(boss).log("T-1")][-1] == "grant"


def test_the_unit_of_work_is_the_backstop(open_as) -> None:  # type: ignore[no-untyped-def]
    """A service that forgot its check still cannot audit a change into a case."""
    from workbench.services.core.unit_of_work import unit_of_work

    shen = open_as("shen")
    with pytest.raises(PermissionDenied), unit_of_work(shen) as uow:
        uow.audit("update", "case", 1, "T-1", {"after": {"title": "x"}})


def test_role_comes_from_the_database(team: Path, open_as) -> None:  # type: ignore[no-untyped-def]
    boss = open_as("boss")
    UserService(boss).set_role("shen", "investigator")
    shen = open_as("shen")
    assert shen.role == "investigator"
    assert CaseService(shen).list() == []  # no longer an auditor: no membership, no case
    from workbench.store.accounts import unlock

    store = unlock(team, "shen", PASS["shen"])
    try:
        with pytest.raises(AuthenticationFailed):
            Context(store, "nobody").role  # noqa: B018
    finally:
        store.close()


def test_later_services_ask_too(open_as, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Export, import, timelines, call analysis and the detail reads follow the same rules."""
    from workbench.services.analysis.audit_timeline import AuditTimelineService
    from workbench.services.analysis.communications import CommunicationsService
    from workbench.services.analysis.timeline import TimelineService
    from workbench.services.imports.importing import ImportService
    from workbench.services.package.completeness import CompletenessService
    from workbench.services.package.export import PackageService

    sheet = tmp_path / "persons.csv"
    sheet.write_text("姓名\n丙某\n", encoding="utf-8")
    shen, wang, li = open_as("shen"), open_as("wang"), open_as("li")
    person_id = TableService(li).fetch("T-1", "persons")[0]["person_id"]
    # The auditor reads the case through every view, but neither exports nor imports.
    assert TimelineService(shen).case_timeline("T-1").event_range() is None
    assert AuditTimelineService(shen).timeline("T-1").seq.size > 0
    assert CompletenessService(shen).check("T-1") is not None
    assert CommunicationsService(shen).call_pairs("T-1") == []
    assert PersonService(shen).details(person_id)["name"] == "甲某"
    with pytest.raises(PermissionDenied, match="shen"):
        PackageService(shen).export("T-1", tmp_path / "p.pdf")
    with pytest.raises(PermissionDenied, match="shen"):
        ImportService(shen).run("T-1", "persons", sheet, dry_run=True)
    assert not (tmp_path / "p.pdf").exists()
    # An investigator who is no member of T-1 sees none of it.
    for attempt in (
        lambda: TimelineService(wang).case_timeline("T-1"),
        lambda: AuditTimelineService(wang).timeline("T-1"),
        lambda: CompletenessService(wang).check("T-1"),
        lambda: CommunicationsService(wang).calls_per_day("T-1"),
        lambda: PersonService(wang).details(person_id),
        lambda: PackageService(wang).export("T-1", tmp_path / "p.pdf"),
    ):
        with pytest.raises(PermissionDenied, match="wang"):
            attempt()
    # The case lead exports (the chain check inside is open to every signed-in user).
    assert PackageService(li).export("T-1", tmp_path / "p.pdf").sha256
