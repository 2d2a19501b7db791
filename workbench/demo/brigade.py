"""Generated demo history that, with the three article cases, gives the article's figures.

The article reports the city's figures for 2019-01-01 … 2019-06-20 against the same
dates of 2018: 52 drug cases solved, 65 criminally detained, 78 sent for prosecution,
38 kg of drugs; 711 drug-user findings, 88 newly found, 225 compulsory isolation, 80
community rehabilitation, 305 administrative detentions. The three article cases and
the 3·28 registry entries give part of that; the rest is generated here: small cases of
the city's other units (2018 and 2019) and registry records of drug users known since
2015. Everything is invented and marked as demo data (codes DEMO-…, source texts),
identical on every run, every identifier valid through the domain validators. The
allocation below is written out so the arithmetic can be checked by reading it.

Only the release filings (出所备案) depend on the day the demo is built: one is recorded
on the day an isolation ended, if that day has passed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from workbench.demo.cases import demo_cases
from workbench.demo.identities import resident_id
from workbench.domain.rehab_terms import term_last_day
from workbench.services.casefile.bulk_cases import CaseBundle
from workbench.services.registry.bulk import BulkBatch

SH = ZoneInfo("Asia/Shanghai")
SOURCE = "演示数据(生成):复现报道中的统计数字,非真实记录"
CASE_SOURCE = "演示数据(生成):为复现报道中的全市统计数字而生成的小案件,非真实案件"

UNITS = (
    "平顶山市公安局新华分局",
    "平顶山市公安局卫东分局",
    "平顶山市公安局湛河分局",
    "平顶山市公安局石龙分局",
    "平顶山市公安局矿工路派出所",
    "平顶山市公安局犯罪侦查支队禁毒大队",
    "叶县公安局",
    "宝丰县公安局",
    "鲁山县公安局",
    "郏县公安局",
    "舞钢市公安局",
    "汝州市公安局",
)
_REGIONS = ("410402", "410403", "410404", "410411", "410421", "410422", "410423", "410425")
_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
    "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
_GIVEN = {"M": "军华明强伟勇杰涛斌超辉刚平磊洋鹏飞宇浩凯健峰亮", "F": "芳丽娟霞红燕静敏玲婷"}


class _Identities:
    """Valid, unique resident ID numbers (none of the article's persons' numbers)."""

    def __init__(self) -> None:
        self.used = {p.id_number for c in demo_cases() for p in c.persons}
        self.count = 0

    def next(self, born_from: date) -> tuple[str, str, str, date]:
        """(ID number, name, sex, birth date) of the next invented person."""
        while True:
            k = self.count
            self.count += 1
            born = born_from + timedelta(days=(k * 53) % 10_950)
            sex = "F" if k % 6 == 0 else "M"
            number = resident_id(_REGIONS[k % len(_REGIONS)], born, sex, k % 480)
            if number not in self.used:
                self.used.add(number)
                given = _GIVEN[sex]
                name = _SURNAMES[k % len(_SURNAMES)] + "某" + given[(k // 7) % len(given)]
                return number, name, sex, born


def _spread(first: date, last: date, n: int) -> list[date]:
    """``n`` days from ``first`` to ``last``, evenly (deterministic)."""
    span = (last - first).days
    return [first + timedelta(days=(i * span) // max(n - 1, 1)) for i in range(n)]


def _moment(day: date, k: int) -> datetime:
    """A time of day on ``day`` (local), varied by ``k``, as aware UTC."""
    return datetime.combine(day, time(8 + k % 14, (k * 17) % 60), SH).astimezone(UTC)


# -- case files -------------------------------------------------------------------------


@dataclass(frozen=True)
class _CaseSet:
    """Cases solved in one span: suspects per case, how many are criminally detained
    (the others are bailed), and who is sent for prosecution when."""

    tag: str
    first: date
    last: date
    cases: int
    pairs: int  # cases with two suspects; the others have one
    detained: int
    drugs_mg: int
    prosecute: tuple[tuple[int, date | None, int], ...]  # (suspects, fixed day or None, lag)


_SETS = (
    # 2018-01-01 … 06-20 (the same period last year): 44 cases, 75 suspects, 51 detained,
    # 60 prosecuted 38 days after the case was solved, 15 more in September.
    _CaseSet("2018A", date(2018, 1, 3), date(2018, 5, 12), 44, 31, 51, 27_350_500,
             ((60, None, 38), (15, date(2018, 9, 10), 0))),
    # 2018-06-21 … 12-31: 40 cases, 60 suspects, 50 detained; 15 prosecuted that year,
    # 45 in 2019 (solved last year, prosecuted this year).
    _CaseSet("2018B", date(2018, 6, 25), date(2018, 11, 28), 40, 20, 50, 18_004_000,
             ((15, None, 40), (45, date(2019, 1, 8), 3))),
    # 2019-01-01 … 06-20: 49 cases (+3 article cases = 52), 70 suspects, 23 detained
    # (+42 in the article cases = 65); 33 prosecuted (+45 above = 78); 1 993.77 g of
    # drugs (+36 006.23 g in the article cases = 38 kg).
    _CaseSet("2019A", date(2019, 1, 4), date(2019, 5, 28), 49, 21, 23, 1_993_770,
             ((33, None, 50),)),
)  # fmt: skip
_DRUGS = ("methamphetamine", "methamphetamine", "heroin", "methamphetamine", "ketamine")


def _weights(total_mg: int, n: int) -> list[int]:
    """``n`` net weights in whole 10 mg steps adding up to exactly ``total_mg``."""
    mean = total_mg // n
    weights = [max(500, (mean // 2 + (k * 7_919) % mean) // 10 * 10) for k in range(n - 1)]
    weights.append(total_mg - sum(weights))
    if weights[-1] <= 0:
        raise ValueError("weights do not fit the total")
    return weights


def _prosecution_days(spec: _CaseSet, solved: list[date]) -> Iterator[date | None]:
    """The prosecution day of each suspect in order (None: not yet prosecuted)."""
    owner = [i for i in range(spec.cases) for _ in range(2 if i < spec.pairs else 1)]
    k = 0
    for count, fixed, lag in spec.prosecute:
        for j in range(count):
            yield fixed + timedelta(days=j * lag) if fixed else solved[owner[k]] + timedelta(lag)
            k += 1
    while k < len(owner):
        yield None
        k += 1


def generate(today: date) -> tuple[list[CaseBundle], BulkBatch]:
    """The generated case files and registry records (one set of identities for both)."""
    ids = _Identities()
    return case_bundles(ids), registry_batch(today, ids)


def case_bundles(ids: _Identities) -> list[CaseBundle]:
    """The generated case files of 2018 and 2019 (solved, detained, prosecuted, seized)."""
    out: list[CaseBundle] = []
    for spec in _SETS:
        solved = _spread(spec.first, spec.last, spec.cases)
        weights = _weights(spec.drugs_mg, spec.cases)
        prosecuted = _prosecution_days(spec, solved)
        suspect = 0
        for i in range(spec.cases):
            unit = UNITS[(i * 5 + len(out)) % len(UNITS)]
            persons, measures = [], []
            for j in range(2 if i < spec.pairs else 1):
                number, name, _sex, _born = ids.next(date(1968, 2, 1))
                persons.append(
                    {
                        "name": name,
                        "id_number": number,
                        "party": {
                            "role": "supplier" if j == 0 else "buyer",
                            "is_suspect": True,
                            "status": "detained" if suspect < spec.detained else "bailed",
                            "prosecuted_on": next(prosecuted),
                        },
                    }
                )
                detained = suspect < spec.detained
                kind = "criminal_detention" if detained else "bail"
                measures.append(
                    {"person": j, "kind": kind, "decided_on": solved[i], "starts_on": solved[i]}
                )
                if detained:
                    arrest = solved[i] + timedelta(days=21)
                    measures.append(
                        {"person": j, "kind": "arrest", "decided_on": arrest, "starts_on": arrest}
                    )
                suspect += 1
            out.append(_bundle(spec, i, solved[i], unit, weights[i], persons, measures))
    return out


def _bundle(
    spec: _CaseSet,
    i: int,
    solved: date,
    unit: str,
    net: int,
    persons: list[dict[str, Any]],
    measures: list[dict[str, Any]],
) -> CaseBundle:
    code = f"DEMO-{spec.tag}-{i + 1:03d}"
    drug = _DRUGS[i % len(_DRUGS)]
    tare = 300 + (i * 37) % 600 // 10 * 10
    seized = _moment(solved, i)
    seizure = {
        "exhibit_no": f"{code}-JC01",
        "drug": drug,
        "form": "crystal" if drug == "methamphetamine" else "powder",
        "package_count": 1 + i % 4,
        "gross_mg": net + tare,
        "tare_mg": tare,
        "net_mg": net,
        "scale_resolution_mg": 10,
        "seized_at": seized,
        "lab_report_no": f"平公物鉴(毒)字〔{solved.year}〕{900 + i:04d}号",
        "sent_for_test_on": solved + timedelta(days=1),
        "status": "tested",
    }
    assets = []
    if i % 3 == 0:
        assets.append(
            {
                "kind": "cash",
                "amount_fen": (8_000 + (i * 2_357) % 60_000) * 100,
                "action": "seized",
                "seized_on": solved,
                "description": "现金(演示数据)",
            }
        )
    locations = []
    if i % 16 == 5:
        locations.append(
            {"name": f"{code} 制毒窝点", "kind": "drug_lab", "address": "河南省平顶山市"}
        )
    return CaseBundle(
        case={
            "code": code,
            "title": f"{persons[0]['name']}贩卖毒品案(演示生成)",
            "category": "trafficking",
            "level": "ordinary",
            "status": "prosecution" if persons[0]["party"]["prosecuted_on"] else "solved",
            "unit": unit,
            "opened_on": solved - timedelta(days=5 + i % 20),
            "solved_on": solved,
            "source": CASE_SOURCE,
            "summary": "演示数据:为复现报道中的全市统计数字而生成,案情从略。",
        },
        persons=persons,
        measures=measures,
        seizures=[seizure],
        assets=assets,
        locations=locations,
    )


# -- the drug-user registry ---------------------------------------------------------------

# Persons: 800 known since 2015-2017 ("old"), and those first found in 2018-01-01 …
# 06-20 (86), in the rest of 2018 (60) and in 2019-01-01 … 06-20 (80).
_OLD, _NEW_2018A, _NEW_2018B, _NEW_2019A = 800, 86, 60, 80
_DETENTION_DAYS = (10, 12, 15, 13, 10, 14, 11)


@dataclass
class _Registry:
    """The batch being built: persons by ID number, findings, decisions, hand-overs."""

    today: date
    persons: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    handovers: list[dict[str, Any]]

    def find(self, number: str, day: date, k: int, how: str = "community_check") -> int:
        unit = UNITS[k % len(UNITS)]
        self.findings.append(
            {
                "id_number": number,
                "found_at": _moment(day, k),
                "place": "河南省平顶山市",
                "unit": unit,
                "how_found": how,
                "test_method": "urine" if k % 9 else "hair",
                "substance": "methamphetamine" if k % 11 else "heroin",
                "result": "positive",
                "report_no": f"平公检字〔{day.year}〕{k % 100_000:05d}号",
                "source": SOURCE,
            }
        )
        return len(self.findings) - 1

    def decide(self, finding: int, kind: str, k: int, *, after_days: int = 0) -> int:
        """A decision the day after the finding; isolation may start after a detention."""
        found_on = self.findings[finding]["found_at"].astimezone(SH).date()
        decided = found_on + timedelta(days=1)
        row: dict[str, Any] = {
            "finding": finding,
            "kind": kind,
            "decided_on": decided,
            "starts_on": decided + timedelta(days=after_days),
            "unit": self.findings[finding]["unit"],
            "document_no": f"平公决字〔{decided.year}〕{len(self.decisions) + 1:05d}号",
            "source": SOURCE,
        }
        if kind == "administrative_detention":
            row["term_days"] = _DETENTION_DAYS[k % len(_DETENTION_DAYS)]
            row["place"] = "平顶山市拘留所"
        elif kind == "compulsory_isolation":
            row["place"] = "平顶山市强制隔离戒毒所"
        else:
            row["office"] = f"平顶山市某街道办事处({k % 40 + 1}号工作站)"
        self.decisions.append(row)
        index = len(self.decisions) - 1
        self._handovers(index, row, k)
        return index

    def _handovers(self, index: int, row: dict[str, Any], k: int) -> None:
        if row["kind"] == "compulsory_isolation":
            start = row["starts_on"]
            if k % 4 == 0:  # released early after a year and a month
                row["ended_on"] = term_last_day(start, months=13)
                row["end_reason"] = "early_release"
            end = row.get("ended_on") or term_last_day(start, months=24)
            if end <= self.today:
                self.handovers.append(
                    {"decision": index, "kind": "release_filing", "handed_on": end,
                     "received_by": "平顶山市强制隔离戒毒所"}
                )  # fmt: skip
        elif row["kind"] in ("community_rehab", "community_recovery"):
            on = row["decided_on"] + timedelta(days=3 + k % 9)
            if on <= self.today:
                self.handovers.append(
                    {"decision": index, "kind": "community_reception", "handed_on": on,
                     "received_by": "社区戒毒(康复)工作站", "office": row["office"]}
                )  # fmt: skip


def registry_batch(today: date, ids: _Identities) -> BulkBatch:
    """The generated registry: persons, findings 2015-2019, decisions, hand-overs."""
    reg = _Registry(today, [], [], [], [])

    def people(n: int) -> list[str]:
        numbers = []
        for _ in range(n):
            number, name, sex, born = ids.next(date(1966, 3, 1))
            reg.persons.append({"id_number": number, "name": name, "sex": sex, "birth_date": born})
            numbers.append(number)
        return numbers

    old, new_a18, new_b18, new_a19 = (people(n) for n in (_OLD, _NEW_2018A, _NEW_2018B, _NEW_2019A))
    k = 0
    for number, day in zip(old, _spread(date(2015, 1, 5), date(2017, 12, 20), _OLD), strict=True):
        reg.find(number, day, k := k + 1)
    k = _period_2018a(reg, old, new_a18, k)
    k = _period_2018b(reg, old, new_b18, k)
    _period_2019a(reg, old, new_a18, new_a19, k)
    return BulkBatch(reg.persons, reg.findings, reg.decisions, reg.handovers)


def _both(reg: _Registry, finding: int, k: int, *, detain: bool, isolate: bool) -> None:
    """Administrative detention, then (when both) compulsory isolation after it."""
    days = 0
    if detain:
        reg.decide(finding, "administrative_detention", k)
        days = _DETENTION_DAYS[k % len(_DETENTION_DAYS)]
    if isolate:
        reg.decide(finding, "compulsory_isolation", k, after_days=days)


def _period_2018a(reg: _Registry, old: list[str], new: list[str], k: int) -> int:
    """2018-01-01 … 06-20: 263 findings (86 new + 177 known), isolation 187, community
    rehabilitation 56, administrative detention 235 persons."""
    first = dict(zip(new, _spread(date(2018, 1, 2), date(2018, 6, 18), len(new)), strict=True))
    again = dict(zip(old[:177], _spread(date(2018, 1, 3), date(2018, 6, 19), 177), strict=True))
    isolated = set(old[:177]) | set(new[:10])  # 187
    rehab = set(new[10:66])  # 56
    not_detained = set(new[66:86]) | set(old[169:177])  # 263 - 28 = 235 detained
    for number, day in [*first.items(), *again.items()]:
        finding = reg.find(number, day, k := k + 1, "venue_check" if k % 3 else "follow_up")
        _both(reg, finding, k, detain=number not in not_detained, isolate=number in isolated)
        if number in rehab:
            reg.decide(finding, "community_rehab", k)
    return k


def _period_2018b(reg: _Registry, old: list[str], new: list[str], k: int) -> int:
    """2018-06-21 … 12-31: 60 new and 120 known users found; isolation 50, community
    rehabilitation 30, administrative detention 100."""
    first = dict(zip(new, _spread(date(2018, 6, 25), date(2018, 12, 20), len(new)), strict=True))
    again = dict(
        zip(old[177:297], _spread(date(2018, 6, 26), date(2018, 12, 26), 120), strict=True)
    )
    isolated, rehab = set(old[177:227]), set(new[:30])
    detained = set(new) | set(old[177:217])
    for number, day in [*first.items(), *again.items()]:
        finding = reg.find(number, day, k := k + 1)
        _both(reg, finding, k, detain=number in detained, isolate=number in isolated)
        if number in rehab:
            reg.decide(finding, "community_rehab", k)
    return k


def _period_2019a(
    reg: _Registry, old: list[str], new_2018: list[str], new: list[str], k: int
) -> None:
    """2019-01-01 … 06-20: 701 findings (80 new, 25 of them found twice, 573 known since
    2015-2017, 23 first found in 2018); isolation 223, community rehabilitation 80,
    administrative detention 299 persons. With the 3·28 case: 711, 88, 225, 80, 305."""
    first = dict(zip(new, _spread(date(2019, 1, 2), date(2019, 4, 30), len(new)), strict=True))
    known = old[227:800] + new_2018[10:33]  # 596: never isolated before
    again = dict(zip(known, _spread(date(2019, 1, 2), date(2019, 6, 20), len(known)), strict=True))
    isolated, detained = set(old[227:450]), set(old[227:526])
    for number, day in first.items():
        finding = reg.find(number, day, k := k + 1, "key_person_test")
        reg.decide(finding, "community_rehab", k)
    for number in new[:25]:
        reg.find(number, first[number] + timedelta(days=30), k := k + 1, "follow_up")
    for number, day in again.items():
        finding = reg.find(number, day, k := k + 1, "venue_check" if k % 4 else "traffic_check")
        _both(reg, finding, k, detain=number in detained, isolate=number in isolated)
