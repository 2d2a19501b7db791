"""The link chart's graph, read from real encrypted databases: demo cases, bad links,
imported calls and statements collapsed into pairs, filters."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from tests.services.test_imports import write_csv
from workbench.demo.cases import demo_cases
from workbench.services.analysis.network import NetworkService, find_nodes, resolve
from workbench.services.analysis.network_build import GraphOptions
from workbench.services.analysis.network_data import (
    GraphFilter,
    collapse_parallel,
    filter_graph,
    merge_graphs,
    prune_leaf_numbers,
    split_node_id,
)
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.tables import TableService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected, NotFound, PermissionDenied
from workbench.services.imports.importing import ImportService

CASE = "NET-1"


@pytest.fixture
def case_ctx(ctx: Context) -> Context:
    CaseService(ctx).create(CASE, "关系图测试")
    return ctx


def _person(ctx: Context, name: str, **party: object) -> int:
    return PersonService(ctx).add_to_case(CASE, {"name": name}, **party).value.person_id


def _link(ctx: Context, kind: str, a: tuple[str, int], b: tuple[str, int], **kw: object) -> int:
    return (
        RecordService(ctx)
        .add(CASE, "link", kind=kind, a_type=a[0], a_id=a[1], b_type=b[0], b_id=b[1], **kw)
        .value
    )


# -- the demo cases ----------------------------------------------------------------------


@pytest.mark.parametrize("code", [c.code for c in demo_cases()])
def test_every_demo_link_row_is_drawn(demo_ctx: Context, code: str) -> None:
    graph = NetworkService(demo_ctx).graph(code, "zh_CN")
    rows = [k for k in graph.links if not k.implied]
    assert len(rows) == TableService(demo_ctx).count(code, "links")
    assert graph.dropped == () and graph.notice is None
    spec = next(c for c in demo_cases() if c.code == code)
    kinds = {k: sum(1 for n in graph.nodes if n.kind == k) for k in ("person", "vehicle")}
    assert kinds == {"person": len(spec.persons), "vehicle": len(spec.vehicles)}
    assert len({n.id for n in graph.nodes}) == len(graph.nodes)
    for node in graph.nodes:
        assert split_node_id(node.id)[0] == node.kind
        assert node.label


def test_pds_2019_001_has_its_48_links_and_weak_ones_are_the_statements(
    demo_ctx: Context,
) -> None:
    graph = NetworkService(demo_ctx).graph("PDS-2019-001", "en")
    rows = [k for k in graph.links if not k.implied]
    assert len(rows) == 48
    weak = {k.evidence for k in rows if k.weak}
    assert "李某供述" in weak and "冯某供述(另案)" in weak and "二人供述,团伙核心" in weak
    strong = {k.evidence for k in rows if not k.weak}
    assert {"胡某供述及通话记录", "机动车登记信息", "现场抓获及供述", "实地走访"} <= strong
    # registered owners are Link rows already: no implied duplicate
    assert not [k for k in graph.links if k.implied and k.kind == "owns"]
    # exhibits are drawn where and from whom they were seized, dated by the seizure
    seized = [k for k in graph.links if k.kind == "seized_from"]
    assert seized and all(k.first is not None for k in seized)
    principal = next(n for n in graph.nodes if n.label == "库某")
    assert principal.role == "principal" and principal.suspect and principal.measure == "arrest"
    assert "principal" in principal.detail
    zh = NetworkService(demo_ctx).graph("PDS-2019-001", "zh_CN")
    assert "主犯" in zh.node(principal.id).detail
    assert {k.label for k in zh.links if k.kind == "supplies"} == {"供货给"}


def test_graph_is_cached_until_the_trail_moves(demo_ctx: Context) -> None:
    service = NetworkService(demo_ctx)
    first = service.graph("PDS-2019-003", "en")
    assert service.graph("PDS-2019-003", "en") is first
    person = next(n for n in first.nodes if n.kind == "person")
    RecordService(demo_ctx).add(
        "PDS-2019-003", "link", kind="relative", a_type="person", a_id=person.record_id,
        b_type="person", b_id=first.nodes[1].record_id, evidence="户籍信息",
    )  # fmt: skip
    again = service.graph("PDS-2019-003", "en")
    assert again is not first and len(again.links) == len(first.links) + 1


# -- bad input -------------------------------------------------------------------------


def test_links_to_deleted_ends_and_self_links_are_reported_not_drawn(case_ctx: Context) -> None:
    a, b = _person(case_ctx, "甲某"), _person(case_ctx, "乙某")
    place = RecordService(case_ctx).add(CASE, "location", name="窝点").value
    good = _link(case_ctx, "supplies", ("person", a), ("person", b), evidence="乙某供述")
    self_link = _link(case_ctx, "accomplice", ("person", a), ("person", a))
    to_place = _link(case_ctx, "operates", ("person", b), ("location", place))
    RecordService(case_ctx).delete("location", place)
    graph = NetworkService(case_ctx).graph(CASE, "en")
    assert [k.id for k in graph.links] == [f"link:{good}"]
    reasons = {d.code: d for d in graph.dropped}
    assert set(reasons) == {"self_link", "missing_end"}
    assert reasons["self_link"].params["link"] == self_link
    assert reasons["missing_end"].params["link"] == to_place
    assert f"location:{place}" in reasons["missing_end"].message("en")
    assert "已删除或不属于本案" in reasons["missing_end"].message("zh_CN")
    assert "joins person:" in reasons["self_link"].message("en")


def test_a_person_taken_off_the_case_leaves_their_links_undrawn(case_ctx: Context) -> None:
    a, b = _person(case_ctx, "甲某"), _person(case_ctx, "乙某")
    _link(case_ctx, "calls", ("person", a), ("person", b), evidence="通话记录")
    party = next(
        r["id"]
        for r in TableService(case_ctx).fetch(CASE, "persons", None, 0, 10)  # type: ignore[arg-type]
        if r["person_id"] == b
    )
    PersonService(case_ctx).remove_from_case(party)
    graph = NetworkService(case_ctx).graph(CASE, "en")
    assert graph.links == () and [d.code for d in graph.dropped] == ["missing_end"]
    assert graph.notice is not None and graph.notice.code == "no_links"


def test_an_empty_case_and_a_case_without_links_say_so(case_ctx: Context) -> None:
    service = NetworkService(case_ctx)
    empty = service.graph(CASE, "zh_CN")
    assert empty.empty and empty.notice is not None and empty.notice.code == "empty_case"
    assert CASE in empty.notice.message("zh_CN") and "关系图为空" in empty.notice.message("zh_CN")
    _person(case_ctx, "甲某")
    lonely = service.graph(CASE, "en")
    assert len(lonely.nodes) == 1 and lonely.notice is not None
    assert lonely.notice.message("en").startswith(f"No links are recorded in case {CASE}")
    with pytest.raises(PermissionDenied):  # unknown answers like not a member (issue 13 #7)
        service.graph("NO-SUCH-CASE")


# -- imported call records and bank statements -----------------------------------------


def test_fifty_thousand_calls_collapse_into_number_pairs(case_ctx: Context, tmp_path: Path) -> None:
    PersonService(case_ctx).add_to_case(CASE, {"name": "甲某", "phones": ["138 0000 0001"]})
    PersonService(case_ctx).add_to_case(CASE, {"name": "乙某", "phones": ["+86 139-0000-0002"]})
    numbers = ["13800000001", "13900000002", *(f"1370000{i:04d}" for i in range(30))]
    rng = random.Random(5)
    rows = [["主叫号码", "被叫号码", "开始时间", "通话时长"]]
    expected: dict[tuple[str, str], int] = {}
    for i in range(50_000):
        a = numbers[i % 2] if i % 5 else rng.choice(numbers)
        b = rng.choice([n for n in numbers[:8] if n != a])
        day, minute = 1 + i % 28, i % (24 * 60)
        rows.append(
            [a, b, f"2019-02-{day:02d} {minute // 60:02d}:{minute % 60:02d}:{i % 60:02d}", "30"]
        )
        expected[(a, b)] = expected.get((a, b), 0) + 1
    report = (
        ImportService(case_ctx).run(CASE, "calls", write_csv(tmp_path / "cdr.csv", rows)).report
    )
    stored = report.added
    graph = NetworkService(case_ctx).graph(CASE, "en")
    calls = [k for k in graph.links if k.kind == "calls" and k.source.startswith("phone:")]
    assert len(calls) == len({pair for pair in expected})  # one link per directed pair
    assert sum(k.count for k in calls) == stored
    phones = {n.id for n in graph.nodes if n.kind == "phone"}
    assert phones == {f"phone:{n}" for pair in expected for n in pair}
    users = {(k.source, k.target) for k in graph.links if k.kind == "uses_phone"}
    a_id = next(n.id for n in graph.nodes if n.label == "甲某")
    assert (a_id, "phone:13800000001") in users
    busiest = max(calls, key=lambda k: k.count)
    assert busiest.first is not None and busiest.last is not None and busiest.first < busiest.last
    assert f"{busiest.count} calls" in busiest.evidence
    # the import also made person-to-person "calls" Link rows from the same records
    assert any(k.kind == "calls" and not k.implied for k in graph.links)
    # a printed chart leaves out the numbers only one other number ever called
    pruned, left_out = prune_leaf_numbers(collapse_parallel(graph))
    assert left_out == sum(
        1
        for n in graph.nodes
        if n.kind == "phone"
        and len({k.source for k in graph.links if k.target == n.id}
                | {k.target for k in graph.links if k.source == n.id}) <= 1
    )  # fmt: skip
    assert len(pruned.nodes) == len(graph.nodes) - left_out


def test_statement_rows_become_account_nodes_and_pays_links(
    case_ctx: Context, tmp_path: Path
) -> None:
    _person(case_ctx, "刘某")
    _person(case_ctx, "毛某")
    a, b = "6222000011112222", "6222000033334444"
    rows = [
        ["交易卡号", "户名", "对方账号", "对方户名", "交易时间", "交易金额", "借贷标志"],
        [a, "刘某", b, "毛某", "2019-03-27 10:00:00", "-2.5万元", ""],
        [a, "刘某", b, "毛某", "2019-03-28 10:00:00", "1000.50", "借"],
        [b, "毛某", a, "刘某", "2019-03-28 10:00:00", "1000.50", "贷"],
        [a, "刘某", "", "毛某", "2019-03-29 09:00:00", "200", "借"],
        [a, "刘某", "", "某超市", "2019-01-02 10:00:00", "88", "借"],
    ]  # fmt: skip
    ImportService(case_ctx).run(CASE, "bank", write_csv(tmp_path / "流水.csv", rows))
    graph = NetworkService(case_ctx).graph(CASE, "zh_CN")
    pays = {(k.source, k.target): k for k in graph.links if k.kind == "pays" and k.implied}
    mao = next(n.id for n in graph.nodes if n.label == "毛某")
    account = pays[("account:6222000011112222", "account:6222000033334444")]
    # the transfer listed in both statements counts once
    assert (account.count, account.total_fen) == (2, 2_500_000 + 100_050)
    assert account.first == date(2019, 3, 27) and account.last == date(2019, 3, 28)
    assert "合计 ¥26000.50" in account.evidence
    to_person = pays[("account:6222000011112222", mao)]
    assert (to_person.count, to_person.total_fen) == (1, 20_000)
    holders = {k.target for k in graph.links if k.kind == "holds_account"}
    assert holders == {"account:6222000011112222", "account:6222000033334444"}
    (unmatched,) = [d for d in graph.dropped if d.code == "no_counterparty"]
    assert unmatched.params["count"] == 1 and "1 bank statement rows" in unmatched.message("en")
    assert NetworkService(case_ctx).graph(CASE, "zh_CN", GraphOptions(numbers="none")).links == (
        tuple(k for k in graph.links if not k.implied)
    )


# -- naming nodes -----------------------------------------------------------------------


def test_nodes_are_found_by_id_number_plate_number_and_unique_name(demo_ctx: Context) -> None:
    graph = NetworkService(demo_ctx).graph("PDS-2019-001", "en")
    ku = next(n for n in graph.nodes if n.label == "库某")
    assert resolve(graph, "库某").id == ku.id
    assert resolve(graph, ku.id).id == ku.id
    assert resolve(graph, ku.identifiers[0]).id == ku.id  # the ID number
    vehicle = next(n for n in graph.nodes if n.kind == "vehicle")
    assert resolve(graph, vehicle.label).id == vehicle.id
    phone = next(x for x in ku.identifiers[1:])
    assert resolve(graph, f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}").id == ku.id
    exhibit = next(n for n in graph.nodes if n.kind == "seizure")
    assert resolve(graph, f"PDS-2019-001-{exhibit.label}").id == exhibit.id
    with pytest.raises(NotFound, match="'张三'"):
        resolve(graph, "张三", "from")


def test_a_name_two_persons_share_is_ambiguous_and_names_both(case_ctx: Context) -> None:
    first, second = _person(case_ctx, "李某"), _person(case_ctx, "李某")
    graph = NetworkService(case_ctx).graph(CASE, "en")
    assert {n.id for n in find_nodes(graph, "李某")} == {f"person:{first}", f"person:{second}"}
    with pytest.raises(InputRejected) as caught:
        resolve(graph, "李某", "to")
    message = str(caught.value)
    assert f"person:{first}" in message and f"person:{second}" in message and "to:" in message


# -- filters and merging ---------------------------------------------------------------


def test_filters_by_kind_date_weight_evidence_and_node_kind(demo_ctx: Context) -> None:
    graph = NetworkService(demo_ctx).graph("PDS-2019-001", "en")
    supplies = filter_graph(graph, GraphFilter(link_kinds={"supplies"}))
    assert {k.kind for k in supplies.links} == {"supplies"}
    assert len(supplies.nodes) == len(graph.nodes)  # nodes stay unless asked
    alone = filter_graph(graph, GraphFilter(link_kinds={"supplies"}, drop_isolated=True))
    assert {n.kind for n in alone.nodes} == {"person"}
    strong = filter_graph(graph, GraphFilter(weak=False))
    assert not any(k.weak for k in strong.links)
    assert len(strong.links) == len(graph.links) - sum(k.weak for k in graph.links)
    late = filter_graph(graph, GraphFilter(start=date(2019, 2, 20), undated=False))
    assert late.links and all((k.last or k.first) >= date(2019, 2, 20) for k in late.links)  # type: ignore[operator]
    early = filter_graph(graph, GraphFilter(end=date(2018, 6, 30), undated=False))
    assert [k.evidence for k in early.links] == ["李某供述"]  # supplies since 2018-06-01
    persons = filter_graph(graph, GraphFilter(node_kinds={"person"}))
    assert {n.kind for n in persons.nodes} == {"person"}
    assert all(
        k.source.startswith("person:") and k.target.startswith("person:") for k in persons.links
    )
    heavy = filter_graph(collapse_parallel(graph), GraphFilter(min_weight=2))
    assert heavy.links and all(k.count >= 2 for k in heavy.links)
    nothing = filter_graph(graph, GraphFilter(node_kinds=set()))
    assert nothing.empty and nothing.notice is not None
    assert nothing.notice.message("en").startswith("Nothing matches the current filter")
    assert graph.date_range() == (date(2018, 6, 1), date(2019, 2, 26))


def test_parallel_links_collapse_into_one_with_count_dates_and_kinds(demo_ctx: Context) -> None:
    graph = NetworkService(demo_ctx).graph("PDS-2019-001", "zh_CN")
    ku, hu = (next(n.id for n in graph.nodes if n.label == name) for name in ("库某", "胡某"))
    between = [k for k in graph.links if {k.source, k.target} == {ku, hu}]
    assert sorted(k.kind for k in between) == ["calls", "pays", "supplies"]
    collapsed = collapse_parallel(graph)
    (one,) = [k for k in collapsed.links if {k.source, k.target} == {ku, hu}]
    assert one.count == 3 and set(one.kinds) == {"supplies", "calls", "pays"}
    assert one.first == date(2018, 9, 1) and one.last == date(2019, 2, 25)
    assert not one.directed  # hu supplies ku, ku pays hu: not one direction
    assert one.label == "供货给 / 通话 / 付款给" and len(one.record_ids) == 3
    assert len(collapse_parallel(graph, by_kind=True).links) == len(graph.links)
    assert merge_graphs(graph, collapsed).links == graph.links + tuple(
        k for k in collapsed.links if "+" in k.id
    )
