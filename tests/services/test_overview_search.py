"""Overview figures and cross-case search on the real demo database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from workbench.services.bundle import Services
from workbench.services.core.context import Context


def test_overview_of_the_first_demo_case(demo_ctx: Context) -> None:
    view = Services(demo_ctx).overview.overview("PDS-2019-001", today=date(2019, 3, 1))
    assert view.counts["suspects"] == 25
    assert view.drug_totals_mg == {"methamphetamine": 26_000_000}
    assert view.heroin_equivalent_g == Decimal("26000")
    assert view.tier == "large"
    assert view.cash_total_fen == 206_000_000
    assert view.profile_label.startswith("prc-2016")
    assert len(view.members) >= 3
    assert view.deadlines, "arrested suspects have running custody deadlines"
    assert all(not d.overdue for d in view.deadlines if d.due >= date(2019, 3, 1))


def test_search_finds_a_person_in_every_case(demo_ctx: Context) -> None:
    services = Services(demo_ctx)
    # take a suspect of case 1 and put them into case 3 as well
    hits = services.search.search("库某")
    ku = next(h for h in hits if h.case_code == "PDS-2019-001")
    from workbench.models import Person

    with demo_ctx.store.session() as s:
        p = s.get(Person, ku.record_id)
        assert p is not None and p.id_number
        id_number = p.id_number
    services.persons.add_to_case(
        "PDS-2019-003", {"name": "库某", "id_number": id_number}, role="supplier"
    )
    found = services.search.search(id_number[-6:])
    cases = {h.case_code for h in found if h.entity == "person" and h.record_id == ku.record_id}
    assert cases == {"PDS-2019-001", "PDS-2019-003"}
    assert all(h.field == "id_number" for h in found if h.record_id == ku.record_id)


def test_search_plates_and_exhibits(demo_ctx: Context) -> None:
    services = Services(demo_ctx)
    vehicles = [h for h in services.search.search("豫D") if h.entity == "vehicle"]
    assert vehicles and all(h.field == "plate" for h in vehicles)
    assert services.search.search("") == []
    assert services.search.search("%") == [] or all(
        "%" in h.value for h in services.search.search("%")
    )


def test_case_list_counts_persons_and_suspects(demo_ctx: Context) -> None:
    rows = {r.code: (r.persons, r.suspects) for r in Services(demo_ctx).cases.list()}
    assert rows == {
        "PDS-2019-001": (26, 25),
        "PDS-2019-002": (16, 16),
        "PDS-2019-003": (10, 2),
    }
