"""Brigade statistics over 100,000 drug-use findings and 2,000 case files.

Ours: ``StatisticsService.report(period)`` — every figure of the period and of the same
period last year (one aggregate per figure, both periods in one pass), the drugs by
type and the heroin equivalent — for a month, a quarter, a year to date and a whole
year, and the year to date by unit. Baseline: one hand-written SQL statement computing
the same figures for the same two periods over the same tables, on the same encrypted
database in the same run. The target: ≤ 1 s and ≤ 3× the baseline for every period.

``WORKBENCH_BENCH_FINDINGS`` / ``WORKBENCH_BENCH_CASES`` shrink the data for a quick run.
The database is built once through the services' audited bulk paths (a minute or two).
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from benchmarks.harness import Comparison, median_time

PASS = "benchmark passphrase"
UNITS = ("新华分局", "卫东分局", "湛河分局", "石龙分局", "矿工路派出所", "禁毒大队", "叶县公安局")
REGIONS = ("410402", "410403", "410404", "410411", "410421", "410422", "410423", "410425")
FIRST = date(2015, 1, 1)
LAST = date(2019, 12, 31)


def _identity(k: int) -> tuple[str, date, str]:
    from workbench.demo.identities import resident_id

    born = date(1960, 1, 1) + timedelta(days=k // len(REGIONS))
    sex = "F" if k % 5 == 0 else "M"
    return resident_id(REGIONS[k % len(REGIONS)], born, sex, k % 400), born, sex


def _day(i: int, n: int) -> date:
    return FIRST + timedelta(days=(i * ((LAST - FIRST).days)) // max(n - 1, 1))


def _cases(n: int) -> list[Any]:
    from workbench.services.casefile.bulk_cases import CaseBundle

    out = []
    for i in range(n):
        solved = _day(i, n)
        persons, measures = [], []
        for j in range(2):
            number, _born, _sex = _identity(40_000 + i * 2 + j)  # apart from the users
            persons.append(
                {
                    "name": f"嫌某{i}-{j}",
                    "id_number": number,
                    "party": {
                        "is_suspect": True,
                        "prosecuted_on": solved + timedelta(days=60) if j == 0 else None,
                    },
                }
            )
            kind = "criminal_detention" if (i + j) % 3 else "bail"
            measures.append({"person": j, "kind": kind, "decided_on": solved})
            if kind == "criminal_detention":
                measures.append(
                    {"person": j, "kind": "arrest", "decided_on": solved + timedelta(days=20)}
                )
        net = 1_000 + (i * 7_919) % 500_000
        out.append(
            CaseBundle(
                case={
                    "code": f"BENCH-{i:05d}",
                    "title": f"基准案件{i}",
                    "unit": UNITS[i % len(UNITS)],
                    "level": "provincial_target" if i % 50 == 0 else "ordinary",
                    "solved_on": solved,
                },
                persons=persons,
                measures=measures,
                seizures=[
                    {
                        "exhibit_no": f"BENCH-{i:05d}-1",
                        "drug": ("methamphetamine", "heroin", "ketamine")[i % 3],
                        "gross_mg": net + 500,
                        "tare_mg": 500,
                        "net_mg": net,
                        "seized_at": datetime(solved.year, solved.month, solved.day, 2, tzinfo=UTC),
                    }
                ],
                assets=[{"kind": "cash", "amount_fen": 100_000 + i, "seized_on": solved}]
                if i % 3 == 0
                else [],
                locations=[{"name": "窝点", "kind": "drug_lab"}] if i % 40 == 0 else [],
            )
        )
    return out


def _registry(n: int) -> Any:
    """``n`` findings of n // 3 persons; a detention on every fifth finding, isolation
    (one per person) on every twentieth, community rehabilitation on some others."""
    from workbench.services.registry.bulk import BulkBatch

    people = max(n // 3, 1)
    persons = []
    for k in range(people):
        number, born, sex = _identity(k)
        persons.append({"id_number": number, "name": f"吸某{k}", "birth_date": born, "sex": sex})
    findings, decisions, isolated = [], [], set()
    for i in range(n):
        person = (i * 7) % people
        day = _day(i, n)
        findings.append(
            {
                "id_number": persons[person]["id_number"],
                "found_at": datetime(day.year, day.month, day.day, 6 + i % 12, tzinfo=UTC),
                "unit": UNITS[i % len(UNITS)],
                "substance": "methamphetamine",
                "result": "positive" if i % 17 else "negative",
            }
        )
        decided = day + timedelta(days=1)
        if i % 17 == 0:
            continue
        if i % 5 == 0:
            decisions.append(
                {"finding": i, "kind": "administrative_detention", "decided_on": decided,
                 "term_days": 10, "unit": UNITS[i % len(UNITS)]}
            )  # fmt: skip
        if i % 20 == 0 and person not in isolated:
            isolated.add(person)
            decisions.append(
                {"finding": i, "kind": "compulsory_isolation", "decided_on": decided,
                 "starts_on": decided + timedelta(days=10), "unit": UNITS[i % len(UNITS)]}
            )  # fmt: skip
        elif i % 25 == 3:
            decisions.append(
                {"finding": i, "kind": "community_rehab", "decided_on": decided,
                 "office": "某街道办事处", "unit": UNITS[i % len(UNITS)]}
            )  # fmt: skip
    return BulkBatch(persons=persons, findings=findings, decisions=decisions)


def build(path: Path, findings: int, cases: int) -> float:
    """The benchmark database, through the audited bulk paths; returns seconds taken."""
    from workbench.services.accounts.users import UserService
    from workbench.services.casefile.bulk_cases import CaseBulk
    from workbench.services.core.context import Context
    from workbench.services.core.unit_of_work import transaction
    from workbench.services.registry.bulk import RegistryBulk
    from workbench.store import PassphraseKey, Store

    start = time.perf_counter()
    with Store.create(path, PassphraseKey(PASS)) as s:
        ctx = Context(s, "bench")
        UserService(ctx).add("bench", "admin")
        with transaction(ctx):
            CaseBulk(ctx).add(_cases(cases), source="benchmark")
            RegistryBulk(ctx).add(_registry(findings), source="benchmark")
    return time.perf_counter() - start


# One statement, hand-written: every figure for two windows (a = this period, b = last
# year). Dates are ISO text in SQLite, moments integer microseconds (UTC).
_BASELINE = """
WITH
first_measure AS (
  SELECT m.person_id AS person, min(coalesce(m.decided_on, m.starts_on)) AS d
  FROM measure m JOIN case_party p ON p.case_id = m.case_id AND p.person_id = m.person_id
  WHERE p.is_suspect = 1
    AND m.kind IN ('criminal_detention', 'arrest', 'bail', 'residential_surveillance')
  GROUP BY p.id),
first_finding AS (
  SELECT person_id, min(found_at) AS t FROM drug_use_finding
  WHERE result = 'positive' GROUP BY person_id)
SELECT
  (SELECT count(*) FROM case_file WHERE solved_on BETWEEN :a0 AND :a1),
  (SELECT count(*) FROM case_file WHERE solved_on BETWEEN :b0 AND :b1),
  (SELECT count(*) FROM case_file WHERE level = 'ministry_target'
     AND solved_on BETWEEN :a0 AND :a1),
  (SELECT count(*) FROM case_file WHERE level = 'ministry_target'
     AND solved_on BETWEEN :b0 AND :b1),
  (SELECT count(*) FROM case_file WHERE level = 'provincial_target'
     AND solved_on BETWEEN :a0 AND :a1),
  (SELECT count(*) FROM case_file WHERE level = 'provincial_target'
     AND solved_on BETWEEN :b0 AND :b1),
  (SELECT count(DISTINCT person) FROM first_measure WHERE d BETWEEN :a0 AND :a1),
  (SELECT count(DISTINCT person) FROM first_measure WHERE d BETWEEN :b0 AND :b1),
  (SELECT count(DISTINCT person_id) FROM measure WHERE kind = 'criminal_detention'
     AND coalesce(decided_on, starts_on) BETWEEN :a0 AND :a1),
  (SELECT count(DISTINCT person_id) FROM measure WHERE kind = 'criminal_detention'
     AND coalesce(decided_on, starts_on) BETWEEN :b0 AND :b1),
  (SELECT count(DISTINCT person_id) FROM measure WHERE kind = 'arrest'
     AND coalesce(decided_on, starts_on) BETWEEN :a0 AND :a1),
  (SELECT count(DISTINCT person_id) FROM measure WHERE kind = 'arrest'
     AND coalesce(decided_on, starts_on) BETWEEN :b0 AND :b1),
  (SELECT count(DISTINCT person_id) FROM case_party WHERE prosecuted_on BETWEEN :a0 AND :a1),
  (SELECT count(DISTINCT person_id) FROM case_party WHERE prosecuted_on BETWEEN :b0 AND :b1),
  (SELECT total(net_mg) FROM seizure WHERE seized_at >= :ta0 AND seized_at < :ta1),
  (SELECT total(net_mg) FROM seizure WHERE seized_at >= :tb0 AND seized_at < :tb1),
  (SELECT total(amount_fen) FROM asset WHERE kind IN ('cash', 'bank_deposit')
     AND seized_on BETWEEN :a0 AND :a1),
  (SELECT total(amount_fen) FROM asset WHERE kind IN ('cash', 'bank_deposit')
     AND seized_on BETWEEN :b0 AND :b1),
  (SELECT count(*) FROM location l JOIN case_file c ON c.id = l.case_id
     WHERE l.kind = 'drug_lab' AND c.solved_on BETWEEN :a0 AND :a1),
  (SELECT count(*) FROM location l JOIN case_file c ON c.id = l.case_id
     WHERE l.kind = 'drug_lab' AND c.solved_on BETWEEN :b0 AND :b1),
  (SELECT count(*) FROM case_file c WHERE c.solved_on BETWEEN :a0 AND :a1
     AND (SELECT count(*) FROM case_party p WHERE p.case_id = c.id AND p.is_suspect) >= 3),
  (SELECT count(*) FROM case_file c WHERE c.solved_on BETWEEN :b0 AND :b1
     AND (SELECT count(*) FROM case_party p WHERE p.case_id = c.id AND p.is_suspect) >= 3),
  (SELECT count(*) FROM drug_use_finding WHERE result = 'positive'
     AND found_at >= :ta0 AND found_at < :ta1),
  (SELECT count(*) FROM drug_use_finding WHERE result = 'positive'
     AND found_at >= :tb0 AND found_at < :tb1),
  (SELECT count(*) FROM first_finding WHERE t >= :ta0 AND t < :ta1),
  (SELECT count(*) FROM first_finding WHERE t >= :tb0 AND t < :tb1),
  (SELECT count(DISTINCT person_id) FROM rehab_decision WHERE kind = 'compulsory_isolation'
     AND decided_on BETWEEN :a0 AND :a1),
  (SELECT count(DISTINCT person_id) FROM rehab_decision WHERE kind = 'compulsory_isolation'
     AND decided_on BETWEEN :b0 AND :b1),
  (SELECT count(DISTINCT person_id) FROM rehab_decision WHERE kind = 'community_rehab'
     AND decided_on BETWEEN :a0 AND :a1),
  (SELECT count(DISTINCT person_id) FROM rehab_decision WHERE kind = 'community_rehab'
     AND decided_on BETWEEN :b0 AND :b1),
  (SELECT count(DISTINCT person_id) FROM rehab_decision WHERE kind = 'community_recovery'
     AND decided_on BETWEEN :a0 AND :a1),
  (SELECT count(DISTINCT person_id) FROM rehab_decision WHERE kind = 'community_recovery'
     AND decided_on BETWEEN :b0 AND :b1),
  (SELECT count(DISTINCT person_id) FROM rehab_decision
     WHERE kind = 'administrative_detention' AND decided_on BETWEEN :a0 AND :a1),
  (SELECT count(DISTINCT person_id) FROM rehab_decision
     WHERE kind = 'administrative_detention' AND decided_on BETWEEN :b0 AND :b1)
"""


def _params(period: Any) -> dict[str, Any]:
    from workbench.models.types import to_utc_micros

    last = period.same_period_last_year()
    out: dict[str, Any] = {}
    for tag, p in (("a", period), ("b", last)):
        start, end = p.utc_bounds("Asia/Shanghai")
        out.update({f"{tag}0": p.first.isoformat(), f"{tag}1": p.last.isoformat()})
        out.update({f"t{tag}0": to_utc_micros(start), f"t{tag}1": to_utc_micros(end)})
    return out


def run() -> list[Comparison]:
    from workbench.domain import periods
    from workbench.services.core.context import Context
    from workbench.services.statistics.figures import StatisticsService
    from workbench.store import PassphraseKey, Store

    findings = int(os.environ.get("WORKBENCH_BENCH_FINDINGS", 100_000))
    cases = int(os.environ.get("WORKBENCH_BENCH_CASES", 2_000))
    results: list[Comparison] = []
    with tempfile.TemporaryDirectory(prefix="bench-stats-") as tmp:
        path = Path(tmp) / "stats.db"
        seconds = build(path, findings, cases)
        note = f"{findings} findings, {cases} cases (built in {seconds:.0f} s)"
        with Store.open(path, PassphraseKey(PASS)) as s:
            ctx = Context(s, "bench")
            service = StatisticsService(ctx)
            chosen = (
                ("month", periods.month(2019, 3), False),
                ("quarter", periods.quarter(2019, 2), False),
                ("year to date", periods.year_to_date(date(2019, 6, 20)), False),
                ("whole year", periods.year(2019), False),
                ("year to date, by unit", periods.year_to_date(date(2019, 6, 20)), True),
            )
            for name, period, by_unit in chosen:
                ours = median_time(lambda p=period, u=by_unit: service.report(p, by_unit=u), 5)
                params = _params(period)

                def baseline(params: dict[str, Any] = params) -> object:
                    with s.session() as session:
                        return session.execute(text(_BASELINE), params).one()

                base = median_time(baseline, 5)
                results.append(
                    Comparison(
                        f"statistics: {name}", ours, base, "one hand-written SQL statement", note
                    )
                )
    return results


if __name__ == "__main__":
    for result in run():
        print(result.line(), flush=True)
