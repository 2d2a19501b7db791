"""Completeness of a case file before it goes to the procuratorate.

Each rule of 公禁毒〔2016〕511号 and of the package heading that the data can show is
checked here on plain facts; a finding is an :class:`OpenItem` naming the record, so the
window can jump to it and the package can print it on its "Open items" page. Findings
are never errors: a case lead may export anyway (the page says what is still open).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from workbench.domain.errors import DomainError
from workbench.domain.profile import JurisdictionProfile
from workbench.domain.quantities import format_grams
from workbench.domain.weighing import required_resolution_mg, test_deadline, test_is_late

# kind -> (zh_CN template, en template); fields in braces come from ``OpenItem.params``.
MESSAGES: Mapping[str, tuple[str, str]] = {
    "missing_id": (
        "犯罪嫌疑人{subject}没有公民身份号码",
        "suspect {subject} has no resident ID number",
    ),
    "no_test_report": (
        "检材{subject}没有鉴定报告编号",
        "exhibit {subject} has no test report number",
    ),
    "not_sent_for_test": (
        "检材{subject}没有送检日期",
        "exhibit {subject} has no date it was sent for testing",
    ),
    "late_test": (
        "检材{subject}于{sent}送检,晚于{deadline}({days}日内送检)",
        "exhibit {subject} was sent for testing on {sent}, after {deadline} (within {days} days)",
    ),
    "no_scale": (
        "检材{subject}没有记录称量精度",
        "exhibit {subject} has no scale resolution recorded",
    ),
    "coarse_scale": (
        "检材{subject}净重{net} g,称量精度{actual} g,应不低于{required} g",
        "exhibit {subject} weighs {net} g net on a {actual} g scale; "
        "{required} g or finer is required",
    ),
    "exhibit_mismatch": (
        "检材编号不一致:{subject}与{other}",
        "exhibit numbers disagree: {subject} and {other}",
    ),
    "exhibit_reference": (
        "{record}提及检材{other},但所属检材为{subject}",
        "{record} mentions exhibit {other} but belongs to exhibit {subject}",
    ),
    "no_custody": (
        "检材{subject}没有保管交接记录",
        "exhibit {subject} has no chain-of-custody entry",
    ),
    "custody_gap": (
        "检材{subject}保管链断开:{at}由{from_holder}交出,但上一手接收人为{previous}",
        "exhibit {subject}: custody breaks at {at}, handed over by {from_holder} "
        "while the previous holder was {previous}",
    ),
    # Rules to warn about (domain.provisional): lengths the law caps, [check] figures.
    "no_sampling": (
        "检材{subject}共{packages}包,没有记录取样包数(应取样{proposed}包;{profile},待核实规则)",
        "exhibit {subject} ({packages} packages) has no record of how many were sampled "
        "({proposed} should be; {profile}, unconfirmed rule)",
    ),
    "sampling_short": (
        "检材{subject}共{packages}包,取样{sampled}包,应取样{proposed}包"
        "(公禁毒〔2016〕511号;{profile},待核实规则)",
        "exhibit {subject}: {sampled} of {packages} packages sampled, {proposed} should be "
        "(Gong Jin Du [2016] No. 511; {profile}, unconfirmed rule)",
    ),
    "purity_needed": (
        "检材{subject}没有含量鉴定:{reason}应作含量鉴定({profile},待核实规则)",
        "exhibit {subject} has no purity test: {reason_en} needs one ({profile}, unconfirmed rule)",
    ),
    "vin_check_digit": (
        "车辆识别代号{subject}的校验位应为{expected};校验位仅在部分市场(北美、中国)强制使用,"
        "进口车、旧车可能不符,请与实车核对({profile},待核实规则)",
        "VIN {subject}: the check digit should be {expected}; it is mandatory only in some "
        "markets (North America, China), so an imported or older vehicle may differ: compare "
        "with the vehicle ({profile}, unconfirmed rule)",
    ),
    "plate_unrecognised": (
        "号牌{subject}不属于已知的号牌格式,请与实车核对",
        "plate {subject} is not a plate form the workbench knows: compare with the vehicle",
    ),
    "region_unknown": (
        "{subject}的公民身份号码地区码{region}不在GB/T 2260代码表中,请核对",
        "the region code {region} in the ID number of {subject} is not in GB/T 2260: check it",
    ),
    "detention_too_long": (
        "{subject}的行政拘留{days}日,超过合并执行最长{combined_max}日({profile})",
        "administrative detention of {subject} for {days} days exceeds the {combined_max} "
        "days of combined penalties ({profile})",
    ),
    "detention_combined": (
        "{subject}的行政拘留{days}日,超过{single_max}日,仅在数种违法行为合并执行时适用({profile})",
        "administrative detention of {subject} for {days} days: more than {single_max} only "
        "when penalties for several offences are combined ({profile})",
    ),
    "detention_drug_use": (
        "{subject}的行政拘留{days}日:吸毒行政拘留为{min}至{max}日,情节较轻的{minor_max}日以下"
        "({profile},待核实规则)",
        "administrative detention of {subject} for {days} days: for drug use {min}-{max} "
        "days, at most {minor_max} if minor ({profile}, unconfirmed rule)",
    ),
    "heroin_conversion": (
        "折合海洛因时{drugs}按换算系数计算,系数未经官方文本核实({profile},待核实规则)",
        "the heroin equivalent converts {drugs_en} by factors not confirmed against an "
        "official text ({profile}, unconfirmed rule)",
    ),
    "threshold_unconfirmed": (
        "{drugs}的“数量较大”标准未经官方文本核实({profile},待核实规则)",
        "the relatively-large threshold of {drugs_en} is not confirmed against an official "
        "text ({profile}, unconfirmed rule)",
    ),
}


@dataclass(frozen=True)
class OpenItem:
    """One finding: ``entity``/``entity_id`` name the record (a table and row id of the
    case view: "person" + person id, "seizure" + seizure id, "custody" + entry id)."""

    kind: str
    entity: str
    entity_id: int
    subject: str
    params: Mapping[str, str] = field(default_factory=dict)

    def message(self, lang: str = "zh_CN") -> str:
        zh, en = MESSAGES[self.kind]
        template = zh if lang.startswith("zh") else en
        return template.format(subject=self.subject, **self.params)


@dataclass(frozen=True)
class SuspectFact:
    person_id: int
    name: str
    id_number: str | None


@dataclass(frozen=True)
class ExhibitFact:
    seizure_id: int
    exhibit_no: str
    net_mg: int
    scale_resolution_mg: int | None
    seized_on: date | None  # local date of the seizure
    sent_for_test_on: date | None
    lab_report_no: str
    complex_case: bool


@dataclass(frozen=True)
class CustodyFact:
    entry_id: int
    seizure_id: int
    at: datetime
    from_holder: str
    to_holder: str
    text: str = ""  # place and purpose, searched for other exhibit numbers


@dataclass(frozen=True)
class MentionFact:
    """A record tied to one exhibit whose free text may name exhibit numbers."""

    entity: str
    entity_id: int
    seizure_id: int
    label: str
    text: str


def _norm(exhibit_no: str) -> str:
    text = unicodedata.normalize("NFKC", exhibit_no).casefold()
    return re.sub(r"[\s\-_—–./·]", "", text)


def check_suspects(suspects: Iterable[SuspectFact]) -> list[OpenItem]:
    return [
        OpenItem("missing_id", "person", s.person_id, s.name)
        for s in suspects
        if not (s.id_number or "").strip()
    ]


def check_exhibits(exhibits: Sequence[ExhibitFact], profile: JurisdictionProfile) -> list[OpenItem]:
    """Test report, testing deadline and scale resolution of each exhibit."""
    items: list[OpenItem] = []
    for e in exhibits:
        subject = e.exhibit_no
        if not e.lab_report_no.strip():
            items.append(OpenItem("no_test_report", "seizure", e.seizure_id, subject))
        if e.sent_for_test_on is None:
            items.append(OpenItem("not_sent_for_test", "seizure", e.seizure_id, subject))
        elif e.seized_on is not None:
            try:
                late = test_is_late(
                    e.seized_on, e.sent_for_test_on, profile, complex_case=e.complex_case
                )
            except DomainError:
                late = True  # sent before it was seized: the dates are wrong either way
            if late:
                days = profile.testing.complex_days if e.complex_case else profile.testing.days
                deadline = test_deadline(e.seized_on, profile, complex_case=e.complex_case)
                items.append(
                    OpenItem(
                        "late_test",
                        "seizure",
                        e.seizure_id,
                        subject,
                        {
                            "sent": e.sent_for_test_on.isoformat(),
                            "deadline": deadline.isoformat(),
                            "days": str(days),
                        },
                    )
                )
        required = required_resolution_mg(e.net_mg, profile)
        if e.scale_resolution_mg is None:
            items.append(OpenItem("no_scale", "seizure", e.seizure_id, subject))
        elif e.scale_resolution_mg > required:
            items.append(
                OpenItem(
                    "coarse_scale",
                    "seizure",
                    e.seizure_id,
                    subject,
                    {
                        "net": format_grams(e.net_mg),
                        "actual": format_grams(e.scale_resolution_mg),
                        "required": format_grams(required),
                    },
                )
            )
    return items


def check_exhibit_numbers(
    exhibits: Sequence[ExhibitFact], mentions: Iterable[MentionFact] = ()
) -> list[OpenItem]:
    """Numbers that are the same exhibit written two ways, and records (custody entries,
    attachments) whose text names another exhibit than the one they belong to."""
    items: list[OpenItem] = []
    first_by_norm: dict[str, ExhibitFact] = {}
    for e in exhibits:
        key = _norm(e.exhibit_no)
        seen = first_by_norm.get(key)
        if seen is None:
            first_by_norm[key] = e
        elif seen.exhibit_no != e.exhibit_no:
            items.append(
                OpenItem(
                    "exhibit_mismatch",
                    "seizure",
                    e.seizure_id,
                    e.exhibit_no,
                    {"other": seen.exhibit_no},
                )
            )
    by_id = {e.seizure_id: e for e in exhibits}
    # Longest numbers first, so "X-JC1" is not found inside "X-JC10".
    numbers = sorted(
        ((e.exhibit_no, e.seizure_id) for e in exhibits if e.exhibit_no),
        key=lambda p: -len(p[0]),
    )
    for m in mentions:
        own = by_id.get(m.seizure_id)
        if own is None or not m.text:
            continue
        text = m.text
        named: list[str] = []
        for number, seizure_id in numbers:
            if number in text:
                text = text.replace(number, " ")
                if seizure_id != m.seizure_id:
                    named.append(number)
                else:
                    named.clear()  # its own number is there: other numbers are context
                    break
        if named:
            items.append(
                OpenItem(
                    "exhibit_reference",
                    m.entity,
                    m.entity_id,
                    own.exhibit_no,
                    {"record": m.label, "other": named[0]},
                )
            )
    return items


def check_custody(
    exhibits: Sequence[ExhibitFact], entries: Iterable[CustodyFact]
) -> list[OpenItem]:
    """Every exhibit needs a chain of custody, each hand-over from the previous holder.

    ``CustodyFact.at`` should be in the zone the reader works in: it is printed as is."""
    chains: dict[int, list[CustodyFact]] = {}
    for c in entries:
        chains.setdefault(c.seizure_id, []).append(c)
    items: list[OpenItem] = []
    for e in exhibits:
        chain = sorted(chains.get(e.seizure_id, []), key=lambda c: (c.at, c.entry_id))
        if not chain:
            items.append(OpenItem("no_custody", "seizure", e.seizure_id, e.exhibit_no))
            continue
        for previous, entry in itertools.pairwise(chain):
            if _norm(entry.from_holder) != _norm(previous.to_holder):
                items.append(
                    OpenItem(
                        "custody_gap",
                        "custody",
                        entry.entry_id,
                        e.exhibit_no,
                        {
                            "at": entry.at.strftime("%Y-%m-%d %H:%M"),
                            "from_holder": entry.from_holder or "—",
                            "previous": previous.to_holder or "—",
                        },
                    )
                )
    return items
