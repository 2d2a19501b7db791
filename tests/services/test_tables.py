"""TableService over the real demo database: paging, sorting, filtering, other cases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workbench.domain import vocab
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.tables import ENTITIES, TableQuery, TableService
from workbench.services.casefile.vehicles import VehicleService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected, PermissionDenied

CASE = "PDS-2019-001"


@pytest.fixture
def tables(demo_ctx: Context) -> TableService:
    return TableService(demo_ctx)


def test_every_entity_has_labelled_columns_and_rows_carry_them(tables: TableService) -> None:
    kinds = {"text", "int", "bool", "date", "datetime", "weight", "money", "purity", "list"}
    kinds.add("changes")  # an audit entry's before/after JSON
    kinds.add("audit_record")  # the record an audit entry names, by its business key
    for entity in ENTITIES:
        columns = tables.columns(entity)
        assert columns, entity
        for c in columns:
            assert c.label_zh and c.label_en, (entity, c.key)
            if c.kind.startswith("vocab:"):
                assert hasattr(vocab, c.kind.removeprefix("vocab:")), c.kind
            else:
                assert c.kind in kinds, (entity, c)
        for row in tables.fetch(CASE, entity, TableQuery(), 0, 5):
            assert "id" in row
            assert {c.key for c in columns} <= row.keys()


def test_counts_match_the_case_summary(tables: TableService) -> None:
    assert tables.count(CASE, "persons") == 26
    assert tables.count(CASE, "vehicles") == 10
    assert tables.count(CASE, "seizures") == 9
    assert tables.count("PDS-2019-003", "persons") == 10
    assert tables.count("PDS-2019-003", "vehicles") == 0


def test_pages_are_disjoint_and_cover_the_table(tables: TableService) -> None:
    total = tables.count(CASE, "links")
    seen: list[int] = []
    for offset in range(0, total + 7, 7):
        page = tables.fetch(CASE, "links", TableQuery(), offset, 7)
        assert len(page) <= 7
        seen += [r["id"] for r in page]
    assert len(seen) == total == len(set(seen))


@pytest.mark.parametrize("descending", [False, True])
def test_sort_in_sql_both_ways(tables: TableService, descending: bool) -> None:
    q = TableQuery(sort="occurred_at", descending=descending)
    rows = tables.fetch(CASE, "events", q, 0, 1000)
    times = [r["occurred_at"] for r in rows]
    assert times == sorted(times, reverse=descending)
    assert all(t.tzinfo is not None for t in times)
    # paging keeps the order: page two continues where page one stopped
    first, second = tables.fetch(CASE, "events", q, 0, 10), tables.fetch(CASE, "events", q, 10, 10)
    assert [r["id"] for r in first + second] == [r["id"] for r in rows[:20]]


def test_sort_by_weight_and_unknown_sort_key(tables: TableService) -> None:
    rows = tables.fetch(CASE, "seizures", TableQuery(sort="net_mg", descending=True), 0, 100)
    nets = [r["net_mg"] for r in rows]
    assert nets == sorted(nets, reverse=True)
    with pytest.raises(InputRejected):
        tables.fetch(CASE, "seizures", TableQuery(sort="no_such_column"), 0, 10)


def test_text_filter_matches_text_columns_and_vocabulary_labels(tables: TableService) -> None:
    by_name = tables.fetch(CASE, "persons", TableQuery(text="库某"), 0, 100)
    assert [r["name"] for r in by_name] == ["库某"]
    assert tables.count(CASE, "persons", TableQuery(text="库某")) == 1
    # a vocabulary column matches its label in either language, not only the stored key
    principals_zh = tables.fetch(CASE, "persons", TableQuery(text="主犯"), 0, 100)
    principals_en = tables.fetch(CASE, "persons", TableQuery(text="principal"), 0, 100)
    assert principals_zh and [r["id"] for r in principals_zh] == [r["id"] for r in principals_en]
    assert all(r["role"] == "principal" for r in principals_zh)
    # a JSON list column (aliases) matches Chinese text
    assert [r["name"] for r in tables.fetch(CASE, "persons", TableQuery(text="老库"), 0, 9)] == [
        "库某"
    ]
    # LIKE wildcards in the user's text are literal
    assert tables.count(CASE, "persons", TableQuery(text="%")) == 0
    assert tables.count(CASE, "persons", TableQuery(text="_")) == 0
    # every word must match
    assert tables.count(CASE, "persons", TableQuery(text="库某 no-such-word")) == 0


def test_names_are_resolved_in_sql(tables: TableService) -> None:
    links = tables.fetch(CASE, "links", TableQuery(), 0, 100)
    assert all(r["a_name"] and r["b_name"] for r in links)
    seizures = tables.fetch(CASE, "seizures", TableQuery(sort="exhibit_no"), 0, 100)
    assert seizures[0]["exhibit_no"] == "PDS-2019-001-JC01"
    assert seizures[0]["from_person"] == "库某"
    # sorting by a resolved name is SQL too
    by_b = tables.fetch(CASE, "links", TableQuery(sort="b_name"), 0, 100)
    assert [r["b_name"] for r in by_b] == sorted(r["b_name"] for r in by_b)


def test_audit_rows_are_the_case_entries(tables: TableService) -> None:
    rows = tables.fetch(CASE, "audit", TableQuery(), 0, 1000)
    assert len(rows) == tables.count(CASE, "audit") > 0
    assert [r["id"] for r in rows] == [r["seq"] for r in rows] == sorted(r["seq"] for r in rows)
    assert isinstance(rows[0]["at"], datetime) and rows[0]["at"].tzinfo == UTC


def test_unknown_case_and_entity(tables: TableService) -> None:
    with pytest.raises(PermissionDenied):  # no member of it: as for any case (issue 13 #7)
        tables.count("NO-SUCH", "persons")
    with pytest.raises(InputRejected):
        tables.columns("no_such_entity")


def test_other_cases_flag_a_person_added_to_a_second_case(demo_ctx: Context) -> None:
    tables = TableService(demo_ctx)
    before = tables.fetch("PDS-2019-003", "persons", TableQuery(), 0, 100)
    assert all(r["other_cases"] == [] for r in before)
    ku = tables.fetch(CASE, "persons", TableQuery(text="库某"), 0, 1)[0]
    person = {"name": ku["name"], "id_number": ku["id_number"]}
    ref = PersonService(demo_ctx).add_to_case("PDS-2019-003", person, role="supplier").value
    assert ref.existing_person and ref.person_id == ku["person_id"]

    after = tables.fetch("PDS-2019-003", "persons", TableQuery(), 0, 100)
    flagged = {r["name"]: r["other_cases"] for r in after if r["other_cases"]}
    assert flagged == {"库某": [CASE]}
    # and the other way round, and only for that person
    first = tables.fetch(CASE, "persons", TableQuery(), 0, 100)
    assert {r["name"]: r["other_cases"] for r in first if r["other_cases"]} == {
        "库某": ["PDS-2019-003"]
    }


def test_other_cases_for_vehicles(demo_ctx: Context) -> None:
    tables = TableService(demo_ctx)
    car = tables.fetch(CASE, "vehicles", TableQuery(), 0, 1)[0]
    VehicleService(demo_ctx).add_to_case("PDS-2019-002", {"plate": car["plate"]})
    rows = tables.fetch("PDS-2019-002", "vehicles", TableQuery(text=car["plate"]), 0, 10)
    assert [r["other_cases"] for r in rows] == [[CASE]]


def test_counts_without_a_filter_need_no_join_and_match_the_rows(tables: TableService) -> None:
    for entity in ENTITIES:
        rows = tables.fetch(CASE, entity, TableQuery(), 0, 10_000)
        assert tables.count(CASE, entity) == len(rows), entity


def _every_sort(tables: TableService, entity: str) -> list[TableQuery]:
    keys: list[str | None] = [None, *(c.key for c in tables.columns(entity))]
    return [TableQuery("", key, d) for key in keys for d in (False, True)]


@pytest.mark.parametrize("entity", ["persons", "seizures", "events", "links", "audit", "measures"])
def test_pages_read_backwards_from_the_end_are_the_same_rows(
    tables: TableService, entity: str
) -> None:
    for query in _every_sort(tables, entity):
        total = tables.count(CASE, entity, query)
        every = [r["id"] for r in tables.fetch(CASE, entity, query, 0, 10_000)]
        step = 3 if total < 100 else 31
        for offset in range(0, total + 3, step):  # pages of 3, the back ones read backwards
            page = tables.fetch(CASE, entity, query, offset, 3, total=total)
            assert [r["id"] for r in page] == every[offset : offset + 3], (query, offset)


@pytest.mark.parametrize("entity", ["persons", "vehicles", "seizures", "events", "links", "audit"])
def test_position_of_every_row_under_every_order(tables: TableService, entity: str) -> None:
    # every column, both ways: NULLs, ties, JSON lists, times, resolved names
    for query in _every_sort(tables, entity):
        rows = tables.fetch(CASE, entity, query, 0, 10_000)
        sample = {*range(0, len(rows), max(1, len(rows) // 30)), len(rows) - 1}
        for i in sorted(sample):
            assert tables.position(CASE, entity, query, rows[i]["id"]) == i, (query, i)


def test_position_under_a_filter_and_by_another_id(tables: TableService) -> None:
    query = TableQuery("principal", "name", True)
    rows = tables.fetch(CASE, "persons", query, 0, 100)
    assert 1 < len(rows) < tables.count(CASE, "persons")
    last = rows[-1]
    assert tables.position(CASE, "persons", query, last["id"]) == len(rows) - 1
    assert tables.position(CASE, "persons", query, last["person_id"], key="person_id") == (
        len(rows) - 1
    )
    hidden = tables.fetch(CASE, "persons", TableQuery(), 0, 100)
    left_out = next(r for r in hidden if r["id"] not in {x["id"] for x in rows})
    assert tables.position(CASE, "persons", query, left_out["id"]) is None
    assert tables.position(CASE, "persons", query, 999_999) is None
    with pytest.raises(InputRejected):
        tables.position(CASE, "persons", query, 1, key="no_such_id")


def test_event_pages_read_the_time_index_without_sorting(tables: TableService) -> None:
    """EXPLAIN QUERY PLAN of the default events page: the index gives the order."""
    from sqlalchemy import text

    ctx = tables.ctx
    with ctx.store.engine.connect() as conn:
        case_id = conn.execute(
            text("SELECT id FROM case_file WHERE code = :c"), {"c": CASE}
        ).scalar_one()
        for sql in (
            "SELECT * FROM event WHERE case_id = :c ORDER BY occurred_at, id LIMIT 256 OFFSET 99",
            "SELECT * FROM event WHERE case_id = :c ORDER BY occurred_at DESC, id DESC LIMIT 9",
            "SELECT count(*) FROM event WHERE case_id = :c",
        ):
            plan = " ".join(
                str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql), {"c": case_id})
            )
            assert "ix_event_case_time" in plan and "TEMP B-TREE" not in plan, (sql, plan)
