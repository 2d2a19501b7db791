"""A drug user's status, running terms and due dates from their decisions."""

from __future__ import annotations

from datetime import date

from workbench.domain.profile import load_profile
from workbench.domain.registry_status import DecisionFact, planned_end, status_on

RULE = load_profile().rehab


def _isolation(**kw: object) -> DecisionFact:
    values: dict[str, object] = {
        "id": 1,
        "kind": "compulsory_isolation",
        "decided_on": date(2019, 3, 29),
        "starts_on": date(2019, 3, 29),
        "planned_end": planned_end("compulsory_isolation", date(2019, 3, 29), RULE),
    }
    values.update(kw)
    return DecisionFact(**values)  # type: ignore[arg-type]


def test_planned_ends_count_the_first_day() -> None:
    assert planned_end("compulsory_isolation", date(2019, 3, 29), RULE) == date(2021, 3, 28)
    assert planned_end("administrative_detention", date(2019, 3, 30), RULE, term_days=15) == date(
        2019, 4, 13
    )
    assert planned_end("community_rehab", date(2019, 1, 1), RULE) == date(2021, 12, 31)
    assert planned_end("community_recovery", date(2019, 1, 1), RULE, term_months=12) == date(
        2019, 12, 31
    )
    extended = planned_end("compulsory_isolation", date(2019, 3, 29), RULE, extension_months=6)
    assert extended == date(2021, 9, 28)


def test_running_isolation_is_the_status_with_its_dues() -> None:
    status = status_on(1, 1, [_isolation()], date(2019, 6, 20), RULE)
    assert status.status == "in_compulsory_isolation"
    kinds = {d.kind: d for d in status.dues}
    assert kinds["term_end"].due == date(2021, 3, 28)
    assert kinds["early_release_review"].due == date(2020, 3, 29)
    assert "release_filing" not in kinds  # still inside


def test_ended_isolation_needs_its_release_filed() -> None:
    early = _isolation(ended_on=date(2020, 4, 2))
    status = status_on(1, 1, [early], date(2020, 4, 10), RULE)
    assert status.status == "known_user"
    (filing,) = (d for d in status.dues if d.kind == "release_filing")
    assert filing.due == date(2020, 4, 2) and filing.overdue and filing.days_left == -8
    filed = _isolation(ended_on=date(2020, 4, 2), handovers=frozenset({"release_filing"}))
    (done,) = (d for d in status_on(1, 1, [filed], date(2020, 4, 10), RULE).dues)
    assert done.done and not done.overdue


def test_community_rehab_must_be_received_within_15_days() -> None:
    rehab = DecisionFact(
        7,
        "community_rehab",
        date(2019, 5, 1),
        date(2019, 5, 1),
        planned_end("community_rehab", date(2019, 5, 1), RULE),
    )
    on_time = status_on(1, 1, [rehab], date(2019, 5, 15), RULE)
    assert on_time.status == "in_community_rehab"
    (reception,) = (d for d in on_time.dues if d.kind == "community_reception")
    assert reception.due == date(2019, 5, 15) and not reception.overdue
    late = status_on(1, 1, [rehab], date(2019, 5, 16), RULE)
    assert next(d for d in late.dues if d.kind == "community_reception").overdue


def test_most_restrictive_running_decision_wins() -> None:
    detention = DecisionFact(
        2,
        "administrative_detention",
        date(2019, 6, 1),
        date(2019, 6, 1),
        planned_end("administrative_detention", date(2019, 6, 1), RULE, term_days=10),
    )
    rehab = DecisionFact(
        3,
        "community_rehab",
        date(2019, 6, 1),
        date(2019, 6, 1),
        planned_end("community_rehab", date(2019, 6, 1), RULE),
    )
    assert status_on(1, 1, [rehab, detention], date(2019, 6, 5), RULE).status == (
        "in_administrative_detention"
    )
    # the detention's last day is 10 June; on the 11th only the rehabilitation runs
    assert status_on(1, 1, [rehab, detention], date(2019, 6, 11), RULE).status == (
        "in_community_rehab"
    )


def test_without_decisions() -> None:
    assert status_on(0, 2, [], date(2019, 6, 1), RULE).status == "tested_negative"
    assert status_on(0, 0, [], date(2019, 6, 1), RULE).status == ""
