from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.domain._profiles import load_modified, packaged_document
from workbench.domain.deadlines import (
    Deadline,
    MeasureFact,
    add_months,
    days_left,
    overdue,
    period_end_months,
    running_deadlines,
    term_end_days,
    term_end_months,
)
from workbench.domain.errors import DomainError
from workbench.domain.profile import JurisdictionProfile, load_profile

M = MeasureFact


@pytest.fixture
def profile() -> JurisdictionProfile:
    return load_profile()


def _due(deadlines: list[Deadline]) -> list[tuple[str, date]]:
    return [(d.kind, d.due) for d in deadlines]


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2024, 1, 15), 1, date(2024, 2, 15)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 5, 10), 0, date(2024, 5, 10)),
    ],
)
def test_add_months(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2019, 7, 31), 3, date(2019, 10, 31)),  # issue 12: the start is a month's end
        (date(2019, 12, 31), 2, date(2020, 2, 29)),
        (date(2019, 12, 31), 3, date(2020, 3, 31)),  # not 03-29
        (date(2019, 2, 28), 1, date(2019, 3, 31)),  # 28 Feb 2019 is the month's last day
        (date(2020, 2, 28), 1, date(2020, 3, 28)),  # 28 Feb 2020 is not
        (date(2020, 2, 29), 1, date(2020, 3, 31)),
        (date(2019, 1, 30), 1, date(2019, 2, 28)),  # no 30 Feb: that month's last day
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2019, 4, 30), 1, date(2019, 5, 31)),
        (date(2019, 5, 30), 1, date(2019, 6, 30)),
        (date(2019, 3, 15), 2, date(2019, 5, 15)),
        (date(2019, 11, 30), 3, date(2020, 2, 29)),
    ],
)
def test_period_end_months_cpl_art_105(start: date, months: int, end: date) -> None:
    assert period_end_months(start, months) == end


@pytest.mark.parametrize(
    ("first", "months", "last"),
    [
        (date(2019, 3, 29), 24, date(2021, 3, 28)),  # issue 12: 2 years of isolation
        (date(2019, 3, 31), 24, date(2021, 3, 30)),
        (date(2019, 3, 1), 12, date(2020, 2, 29)),  # the day before is 28 Feb, a month's end
        (date(2020, 3, 1), 12, date(2021, 2, 28)),
        (date(2020, 2, 29), 12, date(2021, 2, 28)),
        (date(2020, 2, 29), 48, date(2024, 2, 28)),
        (date(2019, 1, 1), 36, date(2021, 12, 31)),
        (date(2019, 1, 31), 1, date(2019, 2, 28)),
    ],
)
def test_term_end_months_counts_the_first_day(first: date, months: int, last: date) -> None:
    assert term_end_months(first, months) == last


@pytest.mark.parametrize(
    ("first", "days", "last"),
    [
        (date(2019, 3, 30), 15, date(2019, 4, 13)),  # issue 12
        (date(2019, 3, 30), 1, date(2019, 3, 30)),
        (date(2020, 2, 20), 10, date(2020, 2, 29)),
        (date(2019, 12, 25), 10, date(2020, 1, 3)),
    ],
)
def test_term_end_days_counts_the_first_day(first: date, days: int, last: date) -> None:
    assert term_end_days(first, days) == last


def test_criminal_detention(profile: JurisdictionProfile) -> None:
    deadlines = running_deadlines([M("criminal_detention", date(2024, 3, 1))], profile)
    assert _due(deadlines) == [
        ("arrest_request", date(2024, 3, 4)),
        ("arrest_request_extended", date(2024, 3, 8)),
        ("procuratorate_decision", date(2024, 3, 15)),
    ]
    assert {d.measure_kind for d in deadlines} == {"criminal_detention"}
    assert all("prc-2016 v2016.2" in d.basis for d in deadlines)
    assert "3 days" in deadlines[0].basis


def test_criminal_detention_roving_or_gang(profile: JurisdictionProfile) -> None:
    deadlines = running_deadlines(
        [M("criminal_detention", date(2024, 3, 1))], profile, roving_or_gang=True
    )
    assert _due(deadlines) == [
        ("arrest_request", date(2024, 3, 4)),
        ("arrest_request_gang", date(2024, 3, 31)),
        ("procuratorate_decision", date(2024, 4, 7)),  # the classic 37 days
    ]


def test_arrest_replaces_detention(profile: JurisdictionProfile) -> None:
    measures = [M("criminal_detention", date(2024, 3, 1)), M("arrest", date(2024, 3, 8))]
    assert _due(running_deadlines(measures, profile)) == [
        ("investigation_custody", date(2024, 5, 8))
    ]


def test_order_of_input_does_not_matter(profile: JurisdictionProfile) -> None:
    measures = [M("arrest", date(2024, 3, 8)), M("criminal_detention", date(2024, 3, 1))]
    assert _due(running_deadlines(measures, profile)) == [
        ("investigation_custody", date(2024, 5, 8))
    ]


@pytest.mark.parametrize(
    ("steps", "due"),
    [(0, date(2024, 5, 8)), (1, date(2024, 6, 8)), (2, date(2024, 8, 8)), (3, date(2024, 10, 8))],
)
def test_investigation_custody_extensions(
    steps: int, due: date, profile: JurisdictionProfile
) -> None:
    deadlines = running_deadlines([M("arrest", date(2024, 3, 8), extended_months=steps)], profile)
    assert _due(deadlines) == [("investigation_custody", due)]
    assert "+1, +2, +2" in deadlines[0].basis


def test_investigation_custody_month_end(profile: JurisdictionProfile) -> None:
    # Counted from the arrest, a month's last day to the target month's last day (CPL
    # Art. 105): chaining the clamped 28 Feb would end three days early.
    arrest = date(2024, 12, 31)
    assert running_deadlines([M("arrest", arrest)], profile)[0].due == date(2025, 2, 28)
    assert running_deadlines([M("arrest", arrest, extended_months=1)], profile)[0].due == date(
        2025, 3, 31
    )
    july = date(2019, 7, 31)
    assert running_deadlines([M("arrest", july, extended_months=1)], profile)[0].due == date(
        2019, 10, 31
    )
    assert running_deadlines([M("arrest", july, extended_months=3)], profile)[0].due == date(
        2020, 2, 29
    )


def test_too_many_custody_extensions(profile: JurisdictionProfile) -> None:
    with pytest.raises(DomainError) as excinfo:
        running_deadlines([M("arrest", date(2024, 3, 8), extended_months=4)], profile)
    assert excinfo.value.code == "measure.extensions"


@pytest.mark.parametrize("ender", ["release", "bail", "residential_surveillance"])
def test_detention_ended_by_later_measure(ender: str, profile: JurisdictionProfile) -> None:
    measures = [M("criminal_detention", date(2024, 3, 1)), M(ender, date(2024, 3, 3))]
    assert running_deadlines(measures, profile) == []


def test_arrest_then_release(profile: JurisdictionProfile) -> None:
    measures = [M("arrest", date(2024, 3, 1)), M("release", date(2024, 4, 1))]
    assert running_deadlines(measures, profile) == []


def test_custody_with_end_date_is_not_running(profile: JurisdictionProfile) -> None:
    measures = [M("criminal_detention", date(2024, 3, 1), ends_on=date(2024, 3, 2))]
    assert running_deadlines(measures, profile) == []
    measures = [M("arrest", date(2024, 3, 1), ends_on=date(2024, 4, 1))]
    assert running_deadlines(measures, profile) == []


def test_latest_detention_counts(profile: JurisdictionProfile) -> None:
    measures = [
        M("criminal_detention", date(2024, 1, 1)),
        M("release", date(2024, 1, 3)),
        M("criminal_detention", date(2024, 6, 1)),
    ]
    assert running_deadlines(measures, profile)[0].due == date(2024, 6, 4)


def test_release_earlier_than_detention_does_not_end_it(profile: JurisdictionProfile) -> None:
    measures = [M("release", date(2024, 1, 3)), M("criminal_detention", date(2024, 6, 1))]
    assert len(running_deadlines(measures, profile)) == 3


def test_administrative_detention(profile: JurisdictionProfile) -> None:
    deadlines = running_deadlines([M("administrative_detention", date(2024, 3, 1))], profile)
    assert _due(deadlines) == [("detention_term", date(2024, 3, 15))]  # 15 days, 1st counted
    assert "10-15 days" in deadlines[0].basis
    decided = M("administrative_detention", date(2024, 3, 1), ends_on=date(2024, 3, 11))
    assert _due(running_deadlines([decided], profile)) == [("detention_term", date(2024, 3, 11))]


def test_administrative_detention_then_compulsory_isolation(profile: JurisdictionProfile) -> None:
    measures = [
        M("administrative_detention", date(2024, 2, 1)),
        M("compulsory_isolation", date(2024, 2, 16)),
    ]
    deadlines = running_deadlines(measures, profile)
    assert _due(deadlines) == [("rehab_term", date(2026, 2, 15))]
    assert deadlines[0].measure_kind == "compulsory_isolation"


def test_administrative_detention_then_criminal_detention(profile: JurisdictionProfile) -> None:
    measures = [
        M("administrative_detention", date(2024, 2, 1)),
        M("criminal_detention", date(2024, 2, 5)),
    ]
    assert {d.measure_kind for d in running_deadlines(measures, profile)} == {"criminal_detention"}


def test_isolation_from_the_demo_data(profile: JurisdictionProfile) -> None:
    # 高某 of the 3·28 case: two years from 2019-03-29, as the decision (and the demo) says.
    isolation = running_deadlines([M("compulsory_isolation", date(2019, 3, 29))], profile)
    assert isolation[0].due == date(2021, 3, 28)
    detention = running_deadlines([M("administrative_detention", date(2019, 3, 30))], profile)
    assert detention[0].due == date(2019, 4, 13)


def test_compulsory_isolation_terms(profile: JurisdictionProfile) -> None:
    start = date(2024, 2, 29)
    assert running_deadlines([M("compulsory_isolation", start)], profile)[0].due == date(
        2026, 2, 28
    )
    extended = M("compulsory_isolation", start, extended_months=12)
    assert running_deadlines([extended], profile)[0].due == date(2027, 2, 28)
    with pytest.raises(DomainError) as excinfo:
        running_deadlines([M("compulsory_isolation", start, extended_months=13)], profile)
    assert excinfo.value.code == "measure.extensions"
    released = M("compulsory_isolation", start, ends_on=date(2025, 3, 1))
    assert running_deadlines([released], profile)[0].due == date(2025, 3, 1)


def test_isolation_then_community_recovery(profile: JurisdictionProfile) -> None:
    measures = [
        M("compulsory_isolation", date(2022, 1, 10)),
        M("community_recovery", date(2024, 1, 10)),
    ]
    assert _due(running_deadlines(measures, profile)) == [("rehab_term", date(2027, 1, 9))]


def test_community_rehab(profile: JurisdictionProfile) -> None:
    deadlines = running_deadlines([M("community_rehab", date(2024, 5, 20))], profile)
    assert _due(deadlines) == [("rehab_term", date(2027, 5, 19))]


def test_community_rehab_continues_through_criminal_custody(profile: JurisdictionProfile) -> None:
    measures = [
        M("community_rehab", date(2024, 1, 1)),
        M("criminal_detention", date(2024, 6, 1)),
        M("release", date(2024, 6, 3)),
    ]
    assert _due(running_deadlines(measures, profile)) == [("rehab_term", date(2026, 12, 31))]


def test_measures_without_deadlines(profile: JurisdictionProfile) -> None:
    measures = [M("bail", date(2024, 1, 1)), M("residential_surveillance", date(2024, 2, 1))]
    assert running_deadlines(measures, profile) == []
    assert running_deadlines([], profile) == []


def test_several_tracks_sorted_by_due(profile: JurisdictionProfile) -> None:
    measures = [
        M("community_rehab", date(2023, 1, 1)),
        M("criminal_detention", date(2024, 3, 1)),
    ]
    assert [d.kind for d in running_deadlines(measures, profile)] == [
        "arrest_request",
        "arrest_request_extended",
        "procuratorate_decision",
        "rehab_term",
    ]


@pytest.mark.parametrize(
    ("measure", "code"),
    [
        (M("house_arrest", date(2024, 1, 1)), "measure.kind"),
        (M("arrest", date(2024, 1, 2), ends_on=date(2024, 1, 1)), "measure.ends_before_start"),
        (M("arrest", date(2024, 1, 2), extended_months=-1), "measure.extensions"),
    ],
)
def test_bad_measures(measure: MeasureFact, code: str, profile: JurisdictionProfile) -> None:
    with pytest.raises(DomainError) as excinfo:
        running_deadlines([measure], profile)
    assert excinfo.value.code == code


def test_figures_come_from_the_profile(tmp_path: Path) -> None:
    document = packaged_document()
    document["version"] = "test.9"
    document["custody"]["arrest_request_days"] = 5
    document["custody"]["investigation_extension_months"] = [3]
    document["rehab"]["community_rehab_years"] = 2
    custom = load_modified(tmp_path, document)
    deadlines = running_deadlines([M("criminal_detention", date(2024, 3, 1))], custom)
    assert deadlines[0].due == date(2024, 3, 6)
    assert "prc-2016 vtest.9" in deadlines[0].basis
    arrest = running_deadlines([M("arrest", date(2024, 3, 1), extended_months=1)], custom)
    assert arrest[0].due == date(2024, 8, 1)
    rehab = running_deadlines([M("community_rehab", date(2024, 3, 1))], custom)
    assert rehab[0].due == date(2026, 2, 28)


def test_overdue_and_days_left() -> None:
    deadline = Deadline("arrest_request", date(2024, 3, 4), "basis", "criminal_detention")
    assert not overdue(deadline, date(2024, 3, 3))
    assert days_left(deadline, date(2024, 3, 3)) == 1
    assert not overdue(deadline, date(2024, 3, 4))
    assert days_left(deadline, date(2024, 3, 4)) == 0
    assert overdue(deadline, date(2024, 3, 5))
    assert days_left(deadline, date(2024, 3, 5)) == -1


def test_a_concluded_measure_stops_running(profile: JurisdictionProfile) -> None:
    arrest = M("arrest", date(2019, 2, 28))
    assert len(running_deadlines([arrest], profile)) == 1
    sent = M("arrest", date(2019, 2, 28), concluded_on=date(2019, 6, 20))
    assert running_deadlines([sent], profile) == []
    # only the concluded one stops: another person's term, another measure, still runs
    rehab = M("community_rehab", date(2019, 1, 1))
    assert [d.measure_kind for d in running_deadlines([sent, rehab], profile)] == [
        "community_rehab"
    ]


def test_a_concluded_case_stops_every_deadline(profile: JurisdictionProfile) -> None:
    measures = [M("criminal_detention", date(2019, 3, 30)), M("community_rehab", date(2019, 1, 1))]
    assert len(running_deadlines(measures, profile)) == 4
    assert running_deadlines(measures, profile, case_concluded_on=date(2019, 4, 26)) == []
    # as of a day before the conclusion they were running
    before = running_deadlines(
        measures, profile, case_concluded_on=date(2019, 4, 26), as_of=date(2019, 4, 1)
    )
    assert len(before) == 4
