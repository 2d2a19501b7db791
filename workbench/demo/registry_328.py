"""The "3·28" case's ten persons in the drug-user registry, as the article tells it.

All ten tested positive for methamphetamine (the case's drug-test events give the times):
高某 and 王某 found in a hotel check (场所排查) on 28 March, the others followed up
from them (顺线追查). Decisions as the article reports: compulsory isolation for 高某 and
杨某, administrative detention for six; the two sellers were criminally detained in the
case, which is not a registry decision. Their earlier records come from the case file's
prior penalties: 高某 detained in 2017 and ordered into community rehabilitation (which
the isolation replaced), 杨某 detained in 2015 and 2018 — so of the ten, eight are newly
found in 2019. Release filings (出所备案) are recorded on the isolations' last days once
those days have passed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from workbench.demo.cases import demo_cases
from workbench.services.registry.bulk import BulkBatch

SH = ZoneInfo("Asia/Shanghai")
STATION = "平顶山市公安局矿工路派出所"
CASE = "PDS-2019-003"
SOURCE = "演示数据:矿工路派出所“3·28”吸贩毒案(据报道)"

# person key, tested at, how found, where
_TESTS = (
    ("gao", "2019-03-28 22:30", "venue_check", "河南省平顶山市矿工中路某宾馆"),
    ("wang", "2019-03-28 22:30", "venue_check", "河南省平顶山市矿工中路某宾馆"),
    ("liu", "2019-03-30 17:10", "follow_up", "河南省平顶山市凌云路北段某小区"),
    ("mao", "2019-03-30 17:10", "follow_up", "河南省平顶山市凌云路北段某小区"),
    ("li", "2019-03-30 17:10", "follow_up", "河南省平顶山市凌云路北段某小区"),
    ("yang", "2019-03-30 17:10", "follow_up", "河南省平顶山市凌云路北段某小区"),
    ("pan", "2019-04-01 11:30", "follow_up", STATION),
    ("ding", "2019-04-01 11:30", "follow_up", STATION),
    ("yan", "2019-04-03 21:00", "follow_up", STATION),
    ("zhao", "2019-04-03 21:00", "follow_up", STATION),
)
_ISOLATIONS = (("gao", "2019-03-29", 87), ("yang", "2019-03-31", 91))
_DETENTIONS = (  # as the case file's measures: (person, decided on, days)
    ("wang", "2019-03-29", 12),
    ("li", "2019-03-31", 10),
    ("pan", "2019-04-01", 13),
    ("ding", "2019-04-01", 10),
    ("yan", "2019-04-04", 15),
    ("zhao", "2019-04-04", 12),
)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _finding(number: str, at: str, how: str, place: str, unit: str, report: str) -> dict[str, Any]:
    return {
        "id_number": number,
        "found_at": _at(at),
        "place": place,
        "unit": unit,
        "how_found": how,
        "test_method": "urine",
        "substance": "methamphetamine",
        "result": "positive",
        "report_no": report,
        "source": SOURCE,
    }


def batch(today: date) -> BulkBatch:
    """The registry entries; ``today`` decides which release filings are already due."""
    case = next(c for c in demo_cases() if c.code == CASE)
    ids = {p.key: str(p.id_number) for p in case.persons}
    findings: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for n, (key, at, how, place) in enumerate(_TESTS, start=1):
        index[key] = len(findings)
        report = f"平公(矿)检字〔2019〕{40 + n:04d}号"
        findings.append(_finding(ids[key], at, how, place, STATION, report) | {"case_code": CASE})
    decisions: list[dict[str, Any]] = []
    handovers: list[dict[str, Any]] = []
    history = _history(ids, findings, decisions, handovers)
    for key, on, no in _ISOLATIONS:
        decisions.append(
            {
                "finding": index[key],
                "kind": "compulsory_isolation",
                "decided_on": _day(on),
                "place": "平顶山市强制隔离戒毒所",
                "unit": STATION,
                "document_no": f"平公(禁)强戒决字〔2019〕{no:04d}号",
                "source": SOURCE,
            }
        )
    for n, (key, on, days) in enumerate(_DETENTIONS):
        decisions.append(
            {
                "finding": index[key],
                "kind": "administrative_detention",
                "decided_on": _day(on),
                "term_days": days,
                "place": "平顶山市拘留所",
                "unit": STATION,
                "document_no": f"平公(矿)行罚决字〔2019〕{101 + n:04d}号",
                "source": SOURCE,
            }
        )
    for n, (_key, on, _no) in enumerate(_ISOLATIONS):
        start = _day(on)
        last = start.replace(year=start.year + 2).toordinal() - 1
        if date.fromordinal(last) <= today:
            handovers.append(
                {
                    "decision": history + n,
                    "kind": "release_filing",
                    "handed_on": date.fromordinal(last),
                    "received_by": "平顶山市强制隔离戒毒所",
                    "notes": "执行期满,出所备案",
                }
            )
    return BulkBatch(findings=findings, decisions=decisions, handovers=handovers)


def _history(
    ids: dict[str, str],
    findings: list[dict[str, Any]],
    decisions: list[dict[str, Any]],
    handovers: list[dict[str, Any]],
) -> int:
    """高某's 2017 and 杨某's 2015 and 2018 records (the case file's prior penalties);
    returns how many decisions they add (the 2019 ones follow)."""
    earlier = (
        ("gao", "2017-06-10 23:40", "平顶山市公安局新华分局", "2017-06-11", 10, "2017"),
        ("yang", "2015-08-02 01:15", "平顶山市公安局卫东分局", "2015-08-02", 10, "2015"),
        ("yang", "2018-09-14 22:05", "平顶山市公安局卫东分局", "2018-09-15", 12, "2018"),
    )
    for n, (key, at, unit, on, days, year) in enumerate(earlier):
        where = len(findings)
        report = f"平公检字〔{year}〕{300 + n:04d}号"
        findings.append(_finding(ids[key], at, "community_check", "河南省平顶山市", unit, report))
        decisions.append(
            {
                "finding": where,
                "kind": "administrative_detention",
                "decided_on": _day(on),
                "term_days": days,
                "place": "平顶山市拘留所",
                "unit": unit,
                "document_no": f"平公行罚决字〔{year}〕{500 + n:04d}号",
                "source": SOURCE,
            }
        )
        if key == "gao":  # community rehabilitation, replaced by isolation in 2019
            decisions.append(
                {
                    "finding": where,
                    "kind": "community_rehab",
                    "decided_on": _day(on),
                    "ended_on": _day("2019-03-28"),
                    "end_reason": "changed",
                    "office": "平顶山市新华区某街道办事处",
                    "unit": unit,
                    "document_no": "平公责社戒字〔2017〕0061号",
                    "source": SOURCE,
                }
            )
            handovers.append(
                {
                    "decision": len(decisions) - 1,
                    "kind": "community_reception",
                    "handed_on": _day("2017-06-20"),
                    "received_by": "某街道办事处社区戒毒工作站",
                    "office": "平顶山市新华区某街道办事处",
                }
            )
    return len(decisions)
