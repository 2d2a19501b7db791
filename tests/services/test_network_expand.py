"""Expanding a node into other case files, with the readers' permissions, on a real
slot-keyed database with several users."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.services.test_imports import write_csv
from workbench.services.accounts.access import AccessService
from workbench.services.accounts.users import UserService, create_database, sign_in
from workbench.services.analysis.network import NetworkService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.vehicles import VehicleService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected, NotFound, PermissionDenied
from workbench.services.imports.importing import ImportService

PASS = {n: f"{n} passphrase 2026" for n in ("boss", "li", "wang", "shen")}
JIA_ID = "11010519491231002X"  # 甲某, in both cases
PHONE = "13800001111"


def _link(ctx: Context, code: str, kind: str, a: tuple[str, int], b: tuple[str, int]) -> None:
    RecordService(ctx).add(
        code, "link", kind=kind, a_type=a[0], a_id=a[1], b_type=b[0], b_id=b[1],
        evidence="现场抓获", starts_on=None,
    )  # fmt: skip


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Path, dict[str, int]]]:
    """T-1: 甲某 supplies 乙某, 乙某 drives 豫D12345. T-2 (another task force's case):
    甲某 again (same ID number) with 丙某, who called 甲某's number; 丙某 supplies 丁某.
    li leads both; wang is a member of T-1 only; shen is an auditor."""
    path = tmp_path / "team.db"
    boss = create_database(path, "boss", PASS["boss"])
    try:
        users = UserService(boss)
        users.add("li", "case_lead", passphrase=PASS["li"])
        users.add("wang", "investigator", passphrase=PASS["wang"])
        users.add("shen", "auditor", passphrase=PASS["shen"])
    finally:
        boss.store.close()
    li = sign_in(path, "li", PASS["li"])
    ids: dict[str, int] = {}
    try:
        people, cases = PersonService(li), CaseService(li)
        cases.create("T-1", "一号案")
        cases.create("T-2", "二号案")
        jia = {"name": "甲某", "id_number": JIA_ID, "phones": [PHONE]}
        ids["jia"] = people.add_to_case("T-1", jia, role="supplier").value.person_id
        ids["yi"] = people.add_to_case("T-1", {"name": "乙某"}, role="buyer").value.person_id
        ids["car"] = VehicleService(li).add_to_case("T-1", {"plate": "豫D12345"}).value.vehicle_id
        _link(li, "T-1", "supplies", ("person", ids["jia"]), ("person", ids["yi"]))
        _link(li, "T-1", "drives", ("person", ids["yi"]), ("vehicle", ids["car"]))
        assert people.add_to_case("T-2", jia, role="principal").value.person_id == ids["jia"]
        bing = {"name": "丙某", "phones": ["13900002222"]}
        ids["bing"] = people.add_to_case("T-2", bing, role="member").value.person_id
        ids["ding"] = people.add_to_case("T-2", {"name": "丁某"}, role="buyer").value.person_id
        ids["place"] = RecordService(li).add("T-2", "location", name="二号窝点").value
        _link(li, "T-2", "accomplice", ("person", ids["jia"]), ("person", ids["bing"]))
        _link(li, "T-2", "supplies", ("person", ids["bing"]), ("person", ids["ding"]))
        _link(li, "T-2", "operates", ("person", ids["ding"]), ("location", ids["place"]))
        calls = [
            ["主叫号码", "被叫号码", "开始时间"],
            ["13900002222", PHONE, "2019-05-01 10:00:00"],
        ]
        ImportService(li).run("T-2", "calls", write_csv(path.parent / "t2.csv", calls))
        AccessService(li).grant("T-1", "wang")
    finally:
        li.store.close()
    yield path, ids


@pytest.fixture
def open_as(team: tuple[Path, dict[str, int]]) -> Iterator[Callable[[str], Context]]:
    opened: list[Context] = []

    def as_(name: str) -> Context:
        ctx = sign_in(team[0], name, PASS[name])
        opened.append(ctx)
        return ctx

    yield as_
    for ctx in opened:
        ctx.store.close()


def test_one_hop_reaches_into_the_other_case_and_flags_it(
    team: tuple[Path, dict[str, int]], open_as: Callable[[str], Context]
) -> None:
    _, ids = team
    graph = NetworkService(open_as("li")).graph("T-1", "zh_CN")
    jia = f"person:{ids['jia']}"
    assert graph.node(jia).other_cases == ("T-2",)
    near = NetworkService(open_as("li")).expand("T-1", jia, 1, lang="zh_CN")
    cases = {n.id: n.case_code for n in near.nodes}
    assert cases == {
        jia: "T-1",
        f"person:{ids['yi']}": "T-1",
        f"person:{ids['bing']}": "T-2",
        f"phone:{PHONE}": "T-2",  # T-2's call records hold 甲某's number
    }
    assert {(k.kind, k.case_code) for k in near.links} == {
        ("supplies", "T-1"),
        ("accomplice", "T-2"),
        ("uses_phone", "T-2"),
        ("calls", "T-2"),  # the import's person-to-person link (丙某 called 甲某)
    }
    assert near.node(jia).label == "甲某" and near.node(jia).role == "supplier"  # T-1's values


def test_two_hops_follow_through_the_other_case(
    team: tuple[Path, dict[str, int]], open_as: Callable[[str], Context]
) -> None:
    _, ids = team
    far = NetworkService(open_as("li")).expand("T-1", f"person:{ids['jia']}", 2, lang="en")
    found = {n.id: n.case_code for n in far.nodes}
    assert found[f"person:{ids['ding']}"] == "T-2"
    assert found[f"vehicle:{ids['car']}"] == "T-1"
    assert f"location:{ids['place']}" not in found  # three links away
    assert "phone:13900002222" in found and found[f"phone:{PHONE}"] == "T-2"


def test_a_number_leads_into_the_case_whose_records_hold_it(
    team: tuple[Path, dict[str, int]], open_as: Callable[[str], Context]
) -> None:
    _, ids = team
    li = NetworkService(open_as("li"))
    t2 = li.graph("T-2", "en")
    number = f"phone:{PHONE}"
    assert number in t2.index
    near = li.expand("T-2", number, 1, lang="en")
    assert {n.id for n in near.nodes} == {number, "phone:13900002222", f"person:{ids['jia']}"}


def test_a_case_the_user_may_not_read_contributes_nothing(
    team: tuple[Path, dict[str, int]], open_as: Callable[[str], Context]
) -> None:
    _, ids = team
    wang = NetworkService(open_as("wang"))
    jia = f"person:{ids['jia']}"
    graph = wang.graph("T-1", "en")
    assert graph.node(jia).other_cases == ()  # T-2 is not even named
    for hops in (1, 2):
        near = wang.expand("T-1", jia, hops, lang="en")
        assert {n.case_code for n in near.nodes} == {"T-1"}
        assert {k.case_code for k in near.links} == {"T-1"}
        assert f"person:{ids['bing']}" not in near.index
    with pytest.raises(PermissionDenied):
        wang.graph("T-2")
    with pytest.raises(PermissionDenied):
        wang.expand("T-2", jia)
    # an auditor reads every case, so expands into both
    shen = NetworkService(open_as("shen")).expand("T-1", jia, 1, lang="en")
    assert {n.case_code for n in shen.nodes} == {"T-1", "T-2"}


def test_expand_refuses_bad_requests_by_name(
    team: tuple[Path, dict[str, int]], open_as: Callable[[str], Context]
) -> None:
    _, ids = team
    li = NetworkService(open_as("li"))
    with pytest.raises(InputRejected, match="hops: must be 1 to 2"):
        li.expand("T-1", f"person:{ids['jia']}", 3)
    with pytest.raises(NotFound, match="person:999 is not on the chart of case T-1"):
        li.expand("T-1", "person:999")
