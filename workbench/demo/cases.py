"""The three demo case files, built from the seed article (reference/seed-article-zh.txt).

Names of suspects and drug users are those printed in the article (surname + 某); every
further person, identifier, vehicle, address and exact time is invented, and the real
officials named in the article are replaced by invented officers. The article's figures
(suspects, labs, weights, vehicles, money, outcomes) are reproduced exactly, because the
tests and ``workbench case show --json`` check them.

The data is a pure function of this module: no clock, no randomness, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

from workbench.demo.identities import mobile, plate, resident_id, vin
from workbench.demo.spec import (
    DemoAsset,
    DemoCase,
    DemoEvent,
    DemoLink,
    DemoLocation,
    DemoMeasure,
    DemoMember,
    DemoPerson,
    DemoSeizure,
    DemoVehicle,
    Ref,
)
from workbench.domain.profile import load_profile
from workbench.domain.weighing import sample_count

TZ = ZoneInfo("Asia/Shanghai")

ARTICLE = "新闻报道《打赢禁毒之战 守护鹰城平安》(2019年6月)"
ARTICLE_DATED = ARTICLE + ";具体日期、时间为演示虚构"
INVENTED = "演示数据(虚构)"
CASE_SOURCE = ARTICLE + ";人员身份信息、证件号码、车辆、地址及具体时间均为演示虚构"

# Invented officers of the city narcotics brigade; they lead case 1 and guide case 2.
TASK_FORCE_LEADER = "孟庆华"  # deputy director of the city bureau, leads case 1
BRIGADE_CHIEF = "贺志刚"
BRIGADE_DEPUTY = "谭立新"
BRIGADE = "平顶山市公安局犯罪侦查支队禁毒大队"

# Region codes (GB/T 2260) of the invented people's household registration.
_REGIONS: dict[str, str] = {
    "410402": "河南省平顶山市新华区",
    "410403": "河南省平顶山市卫东区",
    "410404": "河南省平顶山市石龙区",
    "410411": "河南省平顶山市湛河区",
    "410421": "河南省宝丰县",
    "410422": "河南省叶县",
    "410423": "河南省鲁山县",
    "410425": "河南省郏县",
    "410481": "河南省舞钢市",
    "410482": "河南省汝州市",
    "410105": "河南省郑州市金水区",
    "411002": "河南省许昌市魏都区",
    "411202": "河南省三门峡市湖滨区",
    "140581": "山西省高平市",
    "510603": "四川省德阳市旌阳区",
}


# ---------------------------------------------------------------- small constructors


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _at(text: str) -> datetime:
    """Local wall-clock time in Asia/Shanghai, e.g. "2019-02-26 05:30"."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def _month(text: str) -> datetime:
    """The first instant of a month the article names without a day, e.g. "2018-12"."""
    return _at(f"{text}-01 00:00")


def _refs(kind: str, *keys: str) -> tuple[Ref, ...]:
    return tuple((kind, key) for key in keys)


def _p(key: str) -> Ref:
    return ("person", key)


def _v(key: str) -> Ref:
    return ("vehicle", key)


def _loc(key: str) -> Ref:
    return ("location", key)


@dataclass(frozen=True)
class _P:
    """One row of a case's people table; serial, ID number and phones are derived."""

    key: str
    name: str
    sex: str
    born: str
    region: str
    town: str
    role: str
    status: str = "arrested"
    suspect: bool = True
    lives: str = ""
    aliases: tuple[str, ...] = ()
    education: str = "初中"
    occupation: str = "无业"
    prior: str = ""
    notes: str = ""
    phones: int = 1


def _persons(case_no: int, rows: Sequence[_P], *, gang: bool = False) -> tuple[DemoPerson, ...]:
    """Turn table rows into persons; serial = case_no * 100 + row index keeps IDs unique.

    ``gang``: the case's suspects are a gang (the 30-day arrest-request limit applies)."""
    persons = []
    for index, row in enumerate(rows):
        serial = case_no * 100 + index
        born = _day(row.born)
        household = _REGIONS[row.region] + row.town
        persons.append(
            DemoPerson(
                key=row.key,
                name=row.name,
                sex=row.sex,
                id_number=resident_id(row.region, born, row.sex, serial),
                birth_date=born,
                role=row.role,
                is_suspect=row.suspect,
                status=row.status,
                roving_or_gang=gang and row.suspect,
                aliases=row.aliases,
                education=row.education,
                occupation=row.occupation,
                birthplace=_REGIONS[row.region],
                household_address=household,
                current_address=row.lives or household,
                phones=tuple(mobile(serial * 3 + n) for n in range(row.phones)),
                prior_record=row.prior,
                notes=row.notes,
            )
        )
    return tuple(persons)


_VehicleRow = tuple[str, str, str, str, str, str, str, str, str, str, str]


def _vehicles(case_no: int, rows: Sequence[_VehicleRow]) -> tuple[DemoVehicle, ...]:
    """Rows: key, plate prefix, WMI, descriptor, model-year code, plant, make, model,
    colour, owner key, seized on. All demo vehicles were seized."""
    vehicles = []
    for index, row in enumerate(rows):
        key, prefix, wmi, vds, year, plant, make, model, colour, owner, seized_on = row
        serial = case_no * 100 + index
        vehicles.append(
            DemoVehicle(
                key=key,
                plate=plate(prefix, serial),
                vin=vin(wmi, vds, year, plant, serial),
                make=make,
                model=model,
                colour=colour,
                owner=owner,
                seized=True,
                seized_on=_day(seized_on),
            )
        )
    return tuple(vehicles)


def _exhibit(
    case_code: str,
    number: int,
    key: str,
    *,
    drug: str,
    form: str,
    packages: int,
    net: str,
    tare: str,
    resolution: str,
    purity: str | None,
    seized_at: str,
    location: str | None,
    person: str | None,
    report_no: int,
    sent_on: str,
    attributed: tuple[tuple[str, str], ...],
    complex_case: bool = False,
) -> DemoSeizure:
    """One exhibit; gross is net + tare, so the weighing record adds up by construction."""
    net_g, tare_g = Decimal(net), Decimal(tare)
    return DemoSeizure(
        key=key,
        exhibit_no=f"{case_code}-JC{number:02d}",
        drug=drug,
        form=form,
        package_count=packages,
        gross_g=net_g + tare_g,
        tare_g=tare_g,
        net_g=net_g,
        scale_resolution_g=Decimal(resolution),
        purity_pct=None if purity is None else Decimal(purity),
        seized_at=_at(seized_at),
        location=location,
        from_person=person,
        lab_report_no=f"平公物鉴(毒)字〔2019〕{report_no:04d}号",
        sent_for_test_on=_day(sent_on),
        status="tested",
        complex_case=complex_case,
        attributed_to=attributed,
        sampled_count=sample_count(packages, load_profile()),  # as 公禁毒〔2016〕511号 asks
    )


def _cash(
    key: str, amount: str, seized_on: str, person: str | None, document_no: str, description: str
) -> DemoAsset:
    """Seized banknotes: cash has no account or bank."""
    return DemoAsset(
        key=key,
        kind="cash",
        amount_cny=Decimal(amount),
        action="seized",
        seized_on=_day(seized_on),
        from_person=person,
        account="",
        bank="",
        document_no=document_no,
        description=description,
    )


def _event(
    key: str,
    kind: str,
    title: str,
    at: datetime,
    *,
    description: str = "",
    precision: str = "minute",
    ends: datetime | None = None,
    who: Iterable[Ref] = (),
    source: str = INVENTED,
) -> DemoEvent:
    return DemoEvent(
        key=key,
        kind=kind,
        title=title,
        description=description or title,
        occurred_at=at,
        precision=precision,
        ends_at=ends,
        participants=tuple(who),
        source=source,
    )


def _link(
    kind: str, a: Ref, b: Ref, evidence: str, starts: str | None = None, ends: str | None = None
) -> DemoLink:
    return DemoLink(
        kind=kind,
        a=a,
        b=b,
        starts_on=None if starts is None else _day(starts),
        ends_on=None if ends is None else _day(ends),
        evidence=evidence,
    )


@dataclass(frozen=True)
class _Catch:
    """One apprehension: which officers' group caught whom, where, when, what was found."""

    key: str
    at: str
    title: str
    persons: tuple[str, ...]
    location: str | None = None
    seizures: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()
    source: str = ARTICLE_DATED


def _catch_events(catches: Sequence[_Catch]) -> tuple[DemoEvent, ...]:
    return tuple(
        _event(
            c.key,
            "arrest",
            c.title,
            _at(c.at),
            who=(
                *_refs("person", *c.persons),
                *_refs("location", *((c.location,) if c.location else ())),
                *_refs("seizure", *c.seizures),
                *_refs("vehicle", *c.vehicles),
            ),
            source=c.source,
        )
        for c in catches
    )


def _caught_on(catches: Sequence[_Catch], expected: Iterable[str]) -> dict[str, date]:
    """Day each person was caught; every ``expected`` person must be caught exactly once."""
    caught = [person for c in catches for person in c.persons]
    if sorted(caught) != sorted(expected):
        raise ValueError("the catches do not name each expected person exactly once")
    return {person: _at(c.at).date() for c in catches for person in c.persons}


def _detention_then_arrest(
    caught_on: dict[str, date],
    *,
    arrested_on: date,
    prefix: str,
    first_no: int,
    place: str,
) -> tuple[DemoMeasure, ...]:
    """Criminal detention on the day of capture, then arrest on approval.

    Gang suspects may be held up to 30 days before the arrest request and the
    procuratorate has 7 more days, so ``arrested_on`` must be within 37 days.
    """
    measures: list[DemoMeasure] = []
    for offset, (person, caught) in enumerate(caught_on.items()):
        if not caught <= arrested_on <= caught + timedelta(days=37):
            raise ValueError(f"arrest of {person} outside the detention period")
        number = first_no + offset
        measures.append(
            DemoMeasure(
                person=person,
                kind="criminal_detention",
                decided_on=caught,
                starts_on=caught,
                ends_on=arrested_on,
                document_no=f"{prefix}拘字〔2019〕{number:04d}号",
                place=place,
            )
        )
        measures.append(
            DemoMeasure(
                person=person,
                kind="arrest",
                decided_on=arrested_on,
                starts_on=arrested_on,
                ends_on=None,
                document_no=f"{prefix}捕字〔2019〕{number:04d}号",
                place=place,
            )
        )
    return tuple(measures)


# ---------------------------------------------------------------- PDS-2019-001

_LABS_1 = ("lab_a", "lab_b", "lab_c", "lab_d")

_CATCHES_1 = (
    _Catch("g01", "2019-02-26 05:40", "第一组在1号制毒窝点抓获库某、张某、宋某",
           ("ku", "zhang", "song"), "lab_a", ("s01", "s02", "s03"), ("v01", "v04")),
    _Catch("g02", "2019-02-26 05:45", "第二组在2号制毒窝点抓获刘某、王某、曹某",
           ("liu", "wang", "cao"), "lab_b", ("s04", "s05", "s09"), ("v05",)),
    _Catch("g03", "2019-02-26 05:50", "第三组在3号制毒窝点抓获陈某、杨某、韩某",
           ("chen", "yang", "han"), "lab_c", ("s06",), ("v06",)),
    _Catch("g04", "2019-02-26 05:55", "第四组在4号制毒窝点抓获赵某、孙某、唐某",
           ("zhao", "sun", "tang"), "lab_d", ("s07",), ("v07",)),
    _Catch("g05", "2019-02-26 06:10", "第五组在李某住处抓获李某、马某、邓某",
           ("li", "ma", "deng"), "res_li", (), ("v02", "v03")),
    _Catch("g06", "2019-02-26 07:30", "第六组在叶县交易点抓获运毒人员何某、郭某",
           ("he", "guo"), "deal_ye", ("s08",), ("v08",)),
    _Catch("g07", "2019-02-26 09:20", "第七组在平顶山市区抓获下线高某、彭某",
           ("gao", "peng"), None, (), ("v10",)),
    _Catch("g08", "2019-02-26 10:05", "第八组在鲁山县、舞钢市抓获下线罗某、郑某",
           ("luo", "zheng")),
    _Catch("g09", "2019-02-26 11:40", "第九组在汝州市、石龙区抓获下线梁某、谢某",
           ("liang", "xie")),
    _Catch("g10", "2019-02-27 08:15", "第十组会同外地警方抓获胡某(郑州)、许某(许昌)",
           ("hu", "xu"), None, (), ("v09",)),
)  # fmt: skip


def _case_1() -> DemoCase:
    code = "PDS-2019-001"
    lab_worker = "在制毒窝点参与制造甲基苯丙胺"
    persons = _persons(1, (
        _P("ku", "库某", "M", "1976-09-14", "410425", "茨芭镇某村", "principal",
           lives="河南省平顶山市新华区某小区", aliases=("老库",), phones=2,
           prior="2008年因贩卖毒品罪被判处有期徒刑七年,2014年刑满释放",
           notes="团伙核心成员,组织制毒、联系买家"),
        _P("li", "李某", "M", "1981-03-02", "410402", "某小区", "principal",
           lives="河南省平顶山市卫东区某小区", education="高中", occupation="个体经营",
           phones=2, notes="团伙核心成员,负责毒品销售和资金"),
        _P("zhang", "张某", "M", "1985-11-20", "410425", "冢头镇某村", "manufacturer",
           occupation="农民", notes=lab_worker + "(1号窝点)"),
        _P("liu", "刘某", "M", "1979-06-07", "410425", "堂街镇某村", "manufacturer",
           occupation="农民", notes=lab_worker + "(2号窝点)"),
        _P("wang", "王某", "M", "1988-01-25", "410421", "某镇某村", "manufacturer",
           notes=lab_worker + "(2号窝点)"),
        _P("chen", "陈某", "M", "1983-08-30", "410425", "薛店镇某村", "manufacturer",
           occupation="农民", notes=lab_worker + "(3号窝点)"),
        _P("yang", "杨某", "M", "1990-05-16", "410422", "某乡某村", "manufacturer",
           notes=lab_worker + "(3号窝点)"),
        _P("zhao", "赵某", "M", "1974-12-03", "410425", "冢头镇某村", "manufacturer",
           education="小学", occupation="农民", notes=lab_worker + "(4号窝点)"),
        _P("sun", "孙某", "M", "1992-02-11", "410411", "某街道", "manufacturer",
           education="高中", notes=lab_worker + "(4号窝点)"),
        _P("ma", "马某", "F", "1986-07-19", "410402", "某街道", "member",
           lives="河南省平顶山市卫东区某小区", occupation="个体经营",
           notes="李某同居女友,保管毒资"),
        _P("hu", "胡某", "M", "1971-10-28", "410105", "某街道", "supplier",
           education="大专", occupation="化工原料经销", phones=2,
           notes="向库某供应制毒原料麻黄碱"),
        _P("guo", "郭某", "M", "1989-04-04", "410403", "某街道", "courier",
           occupation="司机", notes="为李某运送毒品"),
        _P("he", "何某", "M", "1993-09-09", "410425", "安良镇某村", "courier",
           notes="为库某运送毒品,驾驶库某车辆"),
        _P("gao", "高某", "M", "1982-03-27", "410403", "某街道", "buyer",
           prior="2016年因吸毒被行政拘留", notes="从李某处购毒后转卖给冯某等人"),
        _P("luo", "罗某", "M", "1987-12-12", "410423", "某镇某村", "buyer",
           notes="鲁山县下线"),
        # 1980 is a leap year: a 29 February birthday keeps the date checks honest.
        _P("zheng", "郑某", "M", "1980-02-29", "410481", "某街道", "buyer",
           notes="舞钢市下线"),
        _P("liang", "梁某", "F", "1991-06-21", "410482", "某街道", "buyer",
           occupation="服务员", notes="汝州市下线"),
        _P("xie", "谢某", "M", "1984-10-10", "410404", "某街道", "buyer",
           notes="石龙区下线"),
        _P("song", "宋某", "M", "1995-01-08", "410425", "茨芭镇某村", "member",
           notes="在1号窝点望风、采购物品"),
        _P("tang", "唐某", "M", "1978-05-05", "410422", "某乡某村", "member",
           education="小学", occupation="农民", notes="看守4号窝点"),
        _P("xu", "许某", "M", "1990-11-30", "411002", "某街道", "courier",
           occupation="司机", notes="跨市运送毒品"),
        _P("han", "韩某", "M", "1973-07-07", "410425", "薛店镇某村", "member",
           education="小学", occupation="农民", notes="提供自家民房作为3号窝点"),
        _P("deng", "邓某", "M", "1986-04-18", "410402", "某街道", "member",
           notes="为李某收取毒资、驾驶车辆"),
        _P("cao", "曹某", "F", "1983-12-24", "410425", "堂街镇某村", "member",
           occupation="农民", notes="以本人名义租用2号窝点场地"),
        _P("peng", "彭某", "M", "1977-08-08", "410411", "某街道", "buyer",
           prior="2012年因贩卖毒品罪被判处有期徒刑三年", notes="湛河区下线"),
        _P("feng", "冯某", "M", "1984-05-23", "410403", "某街道", "buyer",
           suspect=False, status="not_applicable",
           notes="冯某等人涉嫌贩卖毒品案另案处理;其毒品来源于本团伙,为本案线索来源"),
    ), gang=True)  # fmt: skip
    suspects = [p.key for p in persons if p.is_suspect]
    caught = _caught_on(_CATCHES_1, suspects)

    # The article prints "郑县"; no such county exists near 平顶山 and the labs were
    # almost certainly in 郏县 (Jia County, 平顶山), so the addresses say 郏县.
    locations = (
        DemoLocation("lab_a", "1号制毒窝点", "河南省平顶山市郏县茨芭镇某村北闲置院落",
                     "drug_lab", Decimal("33.991200"), Decimal("113.084600")),
        DemoLocation("lab_b", "2号制毒窝点", "河南省平顶山市郏县堂街镇某村废弃养殖场",
                     "drug_lab", Decimal("33.873500"), Decimal("113.152700")),
        DemoLocation("lab_c", "3号制毒窝点", "河南省平顶山市郏县薛店镇某村民房",
                     "drug_lab", Decimal("34.020800"), Decimal("113.283900")),
        DemoLocation("lab_d", "4号制毒窝点", "河南省平顶山市郏县冢头镇某村闲置厂房",
                     "drug_lab", Decimal("33.904600"), Decimal("113.301100")),
        DemoLocation("res_ku", "库某住处", "河南省平顶山市新华区某小区",
                     "residence", Decimal("33.738000"), Decimal("113.285500")),
        DemoLocation("res_li", "李某住处", "河南省平顶山市卫东区某小区",
                     "residence", Decimal("33.734500"), Decimal("113.335600")),
        DemoLocation("deal_ye", "叶县交易点", "河南省平顶山市叶县某物流园附近",
                     "meeting_point", Decimal("33.626600"), Decimal("113.357200")),
    )  # fmt: skip

    raid_day = "2019-02-26"
    vehicles = _vehicles(1, (
        ("v01", "豫D", "LSV", "AB43E", "J", "2", "大众", "帕萨特", "黑色", "ku", raid_day),
        ("v02", "豫D", "LHG", "CR368", "H", "6", "本田", "雅阁", "白色", "li", raid_day),
        ("v03", "豫D", "LSG", "UA5B3", "G", "S", "别克", "GL8", "银色", "ma", raid_day),
        ("v04", "豫D", "LZW", "ACAGA", "F", "N", "五菱", "宏光", "银色", "zhang", raid_day),
        ("v05", "豫D", "LGW", "EF4ZE", "H", "A", "长城", "哈弗H6", "白色", "liu", raid_day),
        ("v06", "豫D", "LGB", "F6DE2", "G", "U", "日产", "轩逸", "灰色", "chen", raid_day),
        ("v07", "豫D", "LBE", "TJAB0", "F", "U", "现代", "途胜", "黑色", "zhao", raid_day),
        ("v08", "豫D", "LFV", "2A1K3", "J", "3", "大众", "速腾", "白色", "guo", raid_day),
        ("v09", "豫K", "LVS", "HDFE2", "E", "F", "福特", "福克斯", "蓝色", "xu", "2019-02-27"),
        ("v10", "豫D", "LGX", "C16D4", "J", "1", "比亚迪", "宋", "红色", "gao", raid_day),
    ))  # fmt: skip

    # A large, multi-site case: flagged complex (7-day limit), though all went within 3 days.
    meth = partial(_exhibit, code, drug="methamphetamine", complex_case=True)
    lab_a_crew = (("ku", "possession"), ("zhang", "joint_crime"), ("song", "joint_crime"),
                  ("li", "joint_crime"))  # fmt: skip
    seizures = (
        meth(1, "s01", form="crystal", packages=5, net="7985", tare="63",
             resolution="1", purity="78.6", seized_at="2019-02-26 06:20", location="lab_a",
             person="ku", report_no=31, sent_on="2019-02-27", attributed=lab_a_crew),
        meth(2, "s02", form="crystal", packages=1, net="986.4", tare="11.6",
             resolution="0.1", purity="81.2", seized_at="2019-02-26 06:25",
             location="lab_a", person="ku", report_no=32, sent_on="2019-02-27",
             attributed=lab_a_crew),
        meth(3, "s03", form="semi_finished", packages=2, net="3512",
             tare="148", resolution="1", purity="34.5", seized_at="2019-02-26 06:40",
             location="lab_a", person="zhang", report_no=33, sent_on="2019-02-27",
             attributed=lab_a_crew),
        meth(4, "s04", form="crystal", packages=4, net="5020", tare="52",
             resolution="1", purity="75.9", seized_at="2019-02-26 06:30", location="lab_b",
             person="liu", report_no=34, sent_on="2019-02-27",
             attributed=(("liu", "possession"), ("wang", "joint_crime"),
                         ("cao", "joint_crime"), ("ku", "joint_crime"))),
        meth(5, "s05", form="crystal", packages=1, net="49.27",
             tare="2.13", resolution="0.01", purity="76.4",
             seized_at="2019-02-26 06:35", location="lab_b", person="wang", report_no=35,
             sent_on="2019-02-27",
             attributed=(("wang", "possession"), ("liu", "joint_crime"),
                         ("ku", "joint_crime"))),
        meth(6, "s06", form="crystal", packages=3, net="4006", tare="41",
             resolution="1", purity="72.3", seized_at="2019-02-26 06:45", location="lab_c",
             person="chen", report_no=36, sent_on="2019-02-28",
             attributed=(("chen", "possession"), ("yang", "joint_crime"),
                         ("han", "joint_crime"), ("ku", "joint_crime"))),
        meth(7, "s07", form="semi_finished", packages=2, net="3488",
             tare="136", resolution="1", purity="29.8", seized_at="2019-02-26 06:50",
             location="lab_d", person="zhao", report_no=37, sent_on="2019-02-28",
             attributed=(("zhao", "possession"), ("sun", "joint_crime"),
                         ("tang", "joint_crime"), ("ku", "joint_crime"))),
        meth(8, "s08", form="crystal", packages=2, net="953.33",
             tare="8.67", resolution="0.01", purity="80.1", seized_at="2019-02-26 07:40",
             location="deal_ye", person="he", report_no=38, sent_on="2019-02-28",
             attributed=(("he", "possession"), ("guo", "joint_crime"),
                         ("li", "joint_crime"), ("ku", "joint_crime"))),
        # Precursor, not a drug: never added to the 26 kg.
        _exhibit(code, 9, "s09", drug="ephedrine", form="powder", packages=6, net="12350",
                 tare="250", resolution="10", purity=None, seized_at="2019-02-26 07:00",
                 location="lab_b", person="liu", report_no=39, sent_on="2019-02-28",
                 complex_case=True,
                 attributed=(("liu", "possession"), ("hu", "supplied"))),
    )  # fmt: skip

    seize_doc = "平公(禁)扣字〔2019〕{:04d}号".format
    assets = (
        _cash("a01", "860000.00", "2019-02-26", "ku", seize_doc(21),
              "在库某住处卧室衣柜内查获现金(百元面额),系贩毒所得"),
        _cash("a02", "750000.00", "2019-02-26", "li", seize_doc(22),
              "在李某住处保险柜内查获现金,系贩毒所得"),
        _cash("a03", "318500.00", "2019-02-26", "ma", seize_doc(23),
              "马某为李某保管的毒资,藏于车库纸箱内"),
        _cash("a04", "96300.00", "2019-02-26", "ku", seize_doc(24),
              "在1号制毒窝点查获现金,用于购买制毒原料"),
        _cash("a05", "35200.00", "2019-02-26", "gao", seize_doc(25),
              "高某随身携带的购毒款"),
    )  # fmt: skip

    labs = _refs("location", *_LABS_1)
    events = (
        _event("e01", "tip", "侦破冯某贩毒案中发现毒品来源另有渠道", _month("2018-12"),
               precision="month", source=ARTICLE, who=_refs("person", "feng", "gao"),
               description="禁毒大队在侦破冯某等人涉嫌贩卖毒品案件过程中,发现涉案嫌疑人"
                           "的毒品来源另有渠道,遂组织精干警力围绕毒品来源开展深度研判"),
        _event("e02", "case_opened", "立案侦查", _at("2018-12-12 10:00"), precision="day",
               who=_refs("person", "ku", "li"), source=ARTICLE_DATED,
               description="经研判,以库某、李某等人为核心的制毒贩毒团伙浮出水面,立案侦查"),
        _event("e03", "other", "成立专案组", _at("2018-12-12 15:00"), precision="day",
               description=f"市公安局副局长{TASK_FORCE_LEADER}任组长,禁毒大队大队长{BRIGADE_CHIEF}、"
                           f"副大队长{BRIGADE_DEPUTY}任副组长"),
        _event("e04", "target_designation", "公安部禁毒局确立为部级目标案件",
               _at("2019-01-09 09:00"), precision="day", source=ARTICLE_DATED),
        _event("e05", "surveillance", "专案侦查:梳理团伙网络关系", _at("2018-12-13 00:00"),
               precision="day", ends=_at("2019-02-24 00:00"), source=ARTICLE_DATED,
               who=(*_refs("person", "ku", "li", "hu", "gao"), *labs),
               description="专案组通过两个多月的侦查,梳理出库某等人制毒贩毒团伙的网络关系,"
                           "初步掌握其毒品来源、销售去向等犯罪事实"),
        _event("e06", "meeting", "李某在叶县交易点向高某出售冰毒", _at("2019-01-17 20:40"),
               who=(*_refs("person", "li", "gao", "deng"), _loc("deal_ye"), _v("v02")),
               description="侦查员在叶县某物流园附近观察到李某、邓某驾车与高某会面交易"),
        _event("e07", "payment", "高某向李某支付购毒款", _at("2019-01-18 00:00"),
               precision="day", who=_refs("person", "gao", "li"),
               description="高某通过他人银行账户分两笔向李某转账,合计8万元"),
        _event("e08", "meeting", "胡某向2号窝点运送麻黄碱", _at("2019-02-12 22:10"),
               who=(*_refs("person", "hu", "liu", "cao"), _loc("lab_b")),
               description="胡某将制毒原料运至郏县堂街镇2号窝点,由刘某、曹某接收"),
        _event("e09", "tip", "获悉库某已制成部分冰毒并联系买家", _at("2019-02-24 21:00"),
               source=ARTICLE_DATED, who=(_p("ku"), _loc("lab_a")),
               description="今年初,专案组获悉:犯罪嫌疑人库某在郑县(应为郏县)一个制毒窝点中"
                           "已经制成一部分冰毒,正在联系买家"),
        _event("e10", "other", "专案组决定统一收网", _at("2019-02-25 14:00"),
               source=ARTICLE_DATED,
               description="专案组研究后决定立即抽调叶县公安局近200名警力,组成10个小组开展抓捕"),
        _event("e11", "raid", "统一抓捕行动(10个小组、近200名警力)",
               _at("2019-02-26 05:30"), ends=_at("2019-02-27 11:00"), source=ARTICLE_DATED,
               who=(*labs, _loc("res_li"), _loc("deal_ye")),
               description="抽调叶县公安局近200名警力,组成10个小组同时行动,抓获犯罪嫌疑人25名,"
                           "捣毁制毒窝点4处,缴获冰毒26千克,查获车辆10辆,查获毒资206万元"),
        *_catch_events(_CATCHES_1),
        _event("e12", "weighing", "毒品称量、取样", _at("2019-02-26 15:00"),
               who=_refs("seizure", *(s.key for s in seizures)),
               description="两名以上侦查员在犯罪嫌疑人和见证人在场的情况下逐包称量、取样、封装"),
        _event("e13", "lab_test", "检材送检(第一批)", _at("2019-02-27 10:00"),
               precision="day", who=_refs("seizure", "s01", "s02", "s03", "s04", "s05")),
        _event("e14", "lab_test", "检材送检(第二批)", _at("2019-02-28 10:00"),
               precision="day", who=_refs("seizure", "s06", "s07", "s08", "s09")),
        _event("e15", "measure", "检察机关批准逮捕25名犯罪嫌疑人", _at("2019-03-29 16:00"),
               precision="day", who=_refs("person", *suspects)),
    )  # fmt: skip

    links = (
        _link("supplies", _p("hu"), _p("ku"), "胡某供述及通话记录", "2018-09-01", "2019-02-12"),
        _link("supplies", _p("ku"), _p("li"), "李某供述", "2018-06-01", "2019-02-24"),
        *(_link("supplies", _p("li"), _p(buyer), f"{name}供述及交易记录", "2018-08-01",
                "2019-02-24")
          for buyer, name in (("gao", "高某"), ("luo", "罗某"), ("zheng", "郑某"),
                              ("liang", "梁某"), ("xie", "谢某"))),
        _link("supplies", _p("gao"), _p("feng"), "冯某案卷宗(另案)", "2018-10-01",
              "2018-12-01"),
        _link("buys_from", _p("feng"), _p("gao"), "冯某供述(另案)"),
        _link("buys_from", _p("peng"), _p("li"), "彭某供述", "2018-11-01", "2019-02-24"),
        *(_link("owns", _p(v.owner), _v(v.key), "机动车登记信息") for v in vehicles
          if v.owner),
        _link("drives", _p("he"), _v("v01"), "侦查监控记录"),
        _link("drives", _p("deng"), _v("v03"), "侦查监控记录"),
        _link("drives", _p("song"), _v("v04"), "宋某供述"),
        *(_link("operates", _p(person), _loc(lab), "现场抓获及供述", "2018-11-01",
                "2019-02-26")
          for person, lab in (("ku", "lab_a"), ("zhang", "lab_a"), ("song", "lab_a"),
                              ("liu", "lab_b"), ("wang", "lab_b"), ("cao", "lab_b"),
                              ("chen", "lab_c"), ("yang", "lab_c"), ("han", "lab_c"),
                              ("zhao", "lab_d"), ("sun", "lab_d"), ("tang", "lab_d"))),
        _link("resides_at", _p("ku"), _loc("res_ku"), "租房合同"),
        _link("resides_at", _p("li"), _loc("res_li"), "实地走访"),
        _link("resides_at", _p("ma"), _loc("res_li"), "实地走访"),
        _link("accomplice", _p("ku"), _p("li"), "二人供述,团伙核心"),
        _link("accomplice", _p("li"), _p("ma"), "马某供述"),
        _link("accomplice", _p("li"), _p("deng"), "邓某供述"),
        _link("accomplice", _p("ku"), _p("he"), "何某供述"),
        _link("accomplice", _p("li"), _p("guo"), "郭某供述"),
        _link("accomplice", _p("li"), _p("xu"), "许某供述"),
        _link("calls", _p("ku"), _p("hu"), "通话记录", "2018-09-01", "2019-02-25"),
        _link("calls", _p("li"), _p("gao"), "通话记录", "2018-08-01", "2019-02-25"),
        _link("pays", _p("gao"), _p("li"), "银行流水", "2019-01-18", "2019-01-18"),
        _link("pays", _p("ku"), _p("hu"), "银行流水", "2018-09-01", "2019-02-12"),
    )  # fmt: skip

    return DemoCase(
        code=code,
        title="库某、李某等人制造、贩卖毒品案",
        nickname="",
        category="manufacturing_trafficking",
        level="ministry_target",
        status="prosecution",
        unit=BRIGADE,
        opened_on=_day("2018-12-12"),
        closed_on=None,
        solved_on=_day("2019-02-26"),
        lead=TASK_FORCE_LEADER,
        summary=(
            "2018年底,平顶山市公安局犯罪侦查支队禁毒大队在侦破冯某等人涉嫌贩卖毒品案件过程中,"
            "发现涉案嫌疑人的毒品来源另有渠道,经深度研判,以库某、李某等人为核心的制毒贩毒团伙"
            "浮出水面。公安部禁毒局将此案确立为部级目标案件。市公安局成立专案组,由市公安局副局长"
            f"{TASK_FORCE_LEADER}任组长,禁毒大队大队长{BRIGADE_CHIEF}、副大队长{BRIGADE_DEPUTY}任副组长。"
            "专案组经两个多月侦查,梳理出团伙网络关系,掌握其毒品来源、销售去向。2019年初,"
            "专案组获悉库某在郏县(报道原文作“郑县”)一制毒窝点已制成部分冰毒并联系买家,"
            "遂抽调叶县公安局近200名警力,组成10个小组开展抓捕,抓获犯罪嫌疑人25名,"
            "捣毁制毒窝点4处,缴获冰毒26千克,查获车辆10辆,查获毒资206万元。"
        ),
        source=CASE_SOURCE,
        members=(
            DemoMember(TASK_FORCE_LEADER, "平顶山市公安局党委委员、副局长", "leader"),
            DemoMember(BRIGADE_CHIEF, f"{BRIGADE}大队长", "deputy_leader"),
            DemoMember(BRIGADE_DEPUTY, f"{BRIGADE}副大队长", "deputy_leader"),
            DemoMember("郝明", f"{BRIGADE}侦查一中队中队长", "member"),
            DemoMember("邵文博", f"{BRIGADE}民警", "member"),
            DemoMember("樊建军", "叶县公安局副局长(抓捕行动现场指挥)", "member"),
        ),
        persons=persons,
        measures=_detention_then_arrest(
            caught,
            arrested_on=_day("2019-03-29"),
            prefix="平公(禁)",
            first_no=12,
            place="平顶山市看守所",
        ),
        vehicles=vehicles,
        locations=locations,
        seizures=seizures,
        assets=assets,
        events=events,
        links=links,
        # Sent for prosecution within the custody period: no deadline runs any more.
        concluded_on=_day("2019-05-24"),
        conclusion="prosecution",
    )


# ---------------------------------------------------------------- PDS-2019-002

_CATCHES_2 = (
    _Catch("c01", "2019-01-23 22:40", "在汝州市某高速公路收费站拦截孔某、吕某驾驶的运毒车辆",
           ("kong", "lv"), "toll", ("r03",), ("v02",)),
    _Catch("c02", "2019-01-24 06:10", "在汝州市某小区出租房抓获朱某、付某、房某、苗某",
           ("zhu", "fu", "fang", "miao"), "flat", ("r01", "r02"), ("v01",)),
    _Catch("c03", "2019-01-24 09:30", "在汝州市区抓获下线程某、蔡某", ("cheng", "cai")),
    _Catch("c04", "2019-01-24 10:20", "在鲁山县抓获下线陈某及其下家贾某、姬某",
           ("chen", "jia", "ji"), "lushan", ("r04",)),
    _Catch("c05", "2019-01-25 08:50", "在三门峡市抓获下线司某及其下家段某",
           ("si", "duan"), "sanmenxia", ("r05",), ("v03",)),
    _Catch("c06", "2019-01-27 07:30", "会同山西警方在高平市抓获下线郭某及其下家牛某",
           ("guo", "niu"), "gaoping", ("r06",)),
)  # fmt: skip


def _case_2() -> DemoCase:
    code = "PDS-2019-002"
    ruzhou = "汝州市公安局"
    persons = _persons(2, (
        _P("zhu", "朱某", "M", "1980-07-15", "410482", "某社区", "principal",
           lives="河南省汝州市某小区(出租房)", aliases=("朱三",), phones=2,
           prior="2012年因吸毒被行政拘留十日", notes="贩毒团伙为首者"),
        _P("chen", "陈某", "M", "1986-02-03", "410423", "某镇某村", "buyer",
           notes="朱某下线,在鲁山县分销"),
        _P("si", "司某", "M", "1983-09-21", "411202", "某街道", "buyer",
           occupation="个体经营", notes="朱某下线,在三门峡市分销"),
        _P("guo", "郭某", "M", "1979-11-11", "140581", "某镇某村", "buyer",
           notes="朱某下线,在山西省高平市分销"),
        _P("fu", "付某", "F", "1990-03-08", "410482", "某社区", "member",
           lives="河南省汝州市某小区(出租房)", notes="朱某同居女友,以本人名义承租出租房"),
        _P("kong", "孔某", "M", "1987-05-30", "410482", "某镇某村", "courier",
           occupation="司机", notes="多次驾车往返四川德阳运毒"),
        _P("fang", "房某", "M", "1992-08-14", "410482", "某社区", "courier",
           notes="在汝州市内送货"),
        _P("cheng", "程某", "M", "1985-01-19", "410482", "某社区", "buyer",
           notes="汝州市下线"),
        _P("jia", "贾某", "M", "1988-10-02", "410423", "某乡某村", "buyer",
           notes="陈某下家"),
        _P("ji", "姬某", "M", "1991-12-26", "410423", "某乡某村", "buyer",
           notes="陈某下家"),
        _P("duan", "段某", "M", "1984-06-06", "411202", "某街道", "buyer",
           notes="司某下家"),
        _P("niu", "牛某", "M", "1982-04-17", "140581", "某镇某村", "buyer",
           notes="郭某下家"),
        _P("miao", "苗某", "F", "1993-07-28", "410482", "某社区", "member",
           occupation="无业", notes="为朱某收取毒资,提供银行账户"),
        _P("cai", "蔡某", "M", "1989-09-13", "410482", "某社区", "buyer",
           notes="汝州市下线"),
        _P("lv", "吕某", "M", "1994-02-20", "410482", "某镇某村", "courier",
           notes="随孔某运毒"),
        _P("zhou", "周某", "M", "1975-10-05", "510603", "某街道", "supplier",
           status="at_large", lives="四川省德阳市(具体住址不详)", phones=2,
           notes="朱某上线,在逃,已上网追逃"),
    ), gang=True)  # fmt: skip
    caught = _caught_on(_CATCHES_2, (p.key for p in persons if p.status == "arrested"))

    locations = (
        DemoLocation("flat", "汝州市某小区出租房", "河南省汝州市某小区3号楼2单元",
                     "rented_flat", Decimal("34.167400"), Decimal("112.844900")),
        DemoLocation("toll", "汝州市某高速公路收费站", "河南省汝州市某高速公路收费站附近",
                     "checkpoint", Decimal("34.182000"), Decimal("112.871000")),
        DemoLocation("deyang", "四川省德阳市", "四川省德阳市", "city",
                     Decimal("31.127000"), Decimal("104.397900")),
        DemoLocation("lushan", "河南省鲁山县", "河南省平顶山市鲁山县", "city",
                     Decimal("33.738500"), Decimal("112.908000")),
        DemoLocation("sanmenxia", "河南省三门峡市", "河南省三门峡市", "city",
                     Decimal("34.772700"), Decimal("111.200300")),
        DemoLocation("gaoping", "山西省高平市", "山西省晋城市高平市", "city",
                     Decimal("35.797700"), Decimal("112.923500")),
    )  # fmt: skip

    vehicles = _vehicles(2, (
        ("v01", "豫D", "LSV", "YB45N", "H", "2", "大众", "途观", "黑色", "zhu", "2019-01-24"),
        ("v02", "豫D", "LSG", "PC5S1", "G", "S", "别克", "英朗", "白色", "kong", "2019-01-23"),
        ("v03", "豫M", "LGB", "R2T2E", "F", "U", "日产", "奇骏", "银色", "si", "2019-01-25"),
    ))  # fmt: skip

    meth = partial(_exhibit, code, drug="methamphetamine", form="crystal")
    seizures = (
        meth(1, "r01", packages=6, net="6012", tare="74", resolution="1",
             purity="73.4", seized_at="2019-01-24 06:30", location="flat", person="zhu",
             report_no=11, sent_on="2019-01-25",
             attributed=(("zhu", "possession"), ("fu", "joint_crime"),
                         ("zhou", "supplied"))),
        meth(2, "r02", packages=1, net="497.6", tare="5.4",
             resolution="0.1", purity="71.8", seized_at="2019-01-24 06:35",
             location="flat", person="zhu", report_no=12, sent_on="2019-01-25",
             attributed=(("zhu", "possession"), ("fu", "joint_crime"))),
        meth(3, "r03", packages=3, net="2930", tare="37", resolution="1",
             purity="74.1", seized_at="2019-01-23 22:50", location="toll",
             person="kong", report_no=13, sent_on="2019-01-25",
             attributed=(("kong", "possession"), ("lv", "joint_crime"),
                         ("zhu", "joint_crime"), ("zhou", "supplied"))),
        meth(4, "r04", packages=2, net="312.8", tare="4.2",
             resolution="0.1", purity="70.5", seized_at="2019-01-24 10:40",
             location="lushan", person="chen", report_no=14, sent_on="2019-01-26",
             attributed=(("chen", "possession"), ("zhu", "supplied"))),
        # Seized out of area and brought back: complex case, 7-day limit for testing.
        meth(5, "r05", packages=1, net="205.4", tare="2.6",
             resolution="0.1", purity="69.9", seized_at="2019-01-25 09:10",
             location="sanmenxia", person="si", report_no=15, sent_on="2019-01-28",
             complex_case=True, attributed=(("si", "possession"), ("zhu", "supplied"))),
        meth(6, "r06", packages=1, net="42.20", tare="1.35",
             resolution="0.01", purity="72.6", seized_at="2019-01-27 07:50",
             location="gaoping", person="guo", report_no=16, sent_on="2019-02-01",
             complex_case=True, attributed=(("guo", "possession"), ("zhu", "supplied"))),
    )  # fmt: skip

    seize_doc = "汝公(禁)扣字〔2019〕{:04d}号".format
    assets = (
        _cash("a01", "1120000.00", "2019-01-24", "zhu", seize_doc(7),
              "在出租房内查获现金,系贩毒所得"),
        _cash("a02", "230000.00", "2019-01-24", "zhu", seize_doc(8),
              "在朱某车辆后备箱内查获现金"),
        _cash("a03", "86000.00", "2019-01-24", "chen", seize_doc(9), "陈某住处查获的毒资"),
        _cash("a04", "64000.00", "2019-01-25", "si", seize_doc(10), "司某车内查获的毒资"),
    )  # fmt: skip

    everyone_caught = _refs("person", *caught)
    events = (
        _event("e01", "tip", "群众拨打110举报出租房内有毒品", _month("2018-12"),
               precision="month", source=ARTICLE, who=(_loc("flat"),),
               description="2018年底,有群众拨打110报警称,汝州市某小区的出租房里有毒品"),
        _event("e02", "case_opened", "立案侦查", _at("2018-12-18 11:00"), precision="day",
               who=(_p("zhu"), _loc("flat"))),
        _event("e03", "other", "成立专案组,市局禁毒大队指导汝州警方侦办",
               _at("2018-12-20 09:00"), precision="day", source=ARTICLE_DATED,
               description=f"市公安局成立专案组,由{BRIGADE}(大队长{BRIGADE_CHIEF})"
                           "指导汝州市公安局侦破此案"),
        _event("e04", "surveillance", "循线追查,锁定以朱某为首的贩毒团伙",
               _at("2018-12-19 00:00"), precision="day", ends=_at("2019-01-23 00:00"),
               source=ARTICLE_DATED, who=(*_refs("person", "zhu", "kong", "chen", "si", "guo"),
                                          _loc("flat")),
               description="民警抽丝剥茧、细心寻踪,最终发现以朱某为首的贩毒团伙"),
        _event("e05", "other", "查明毒品来源于四川德阳周某", _at("2019-01-03 00:00"),
               precision="day", source=ARTICLE_DATED, who=(*_refs("person", "zhu", "zhou"),
                                                           _loc("deyang")),
               description="朱某等人所贩卖的毒品是从四川省德阳市周某手中购买,然后分销至"
                           "河南省鲁山县、三门峡市和山西省高平市等地"),
        _event("e06", "target_designation", "公安部禁毒局确立为部级目标案件",
               _at("2019-01-11 09:00"), precision="day", source=ARTICLE_DATED),
        _event("e07", "meeting", "孔某、吕某赴德阳从周某处取货", _at("2019-01-19 00:00"),
               precision="day", ends=_at("2019-01-23 00:00"),
               who=(*_refs("person", "kong", "lv", "zhou"), _loc("deyang"), _v("v02"))),
        _event("e08", "raid", "专案组收网", _at("2019-01-23 22:00"),
               ends=_at("2019-01-27 18:00"), source=ARTICLE_DATED,
               who=(*everyone_caught, _loc("flat"), _loc("lushan"), _loc("sanmenxia"),
                    _loc("gaoping")),
               description="专案组决定收网,先后将朱某和下线陈某、司某等15人抓获,缴获冰毒10千克,"
                           "扣押涉案车辆3辆,缴获涉案毒资150万元"),
        *_catch_events(_CATCHES_2),
        _event("e09", "weighing", "毒品称量、取样", _at("2019-01-24 14:00"),
               who=_refs("seizure", "r01", "r02", "r03")),
        _event("e10", "lab_test", "检材送检", _at("2019-01-25 10:00"), precision="day",
               who=_refs("seizure", "r01", "r02", "r03")),
        _event("e11", "measure", "检察机关批准逮捕15名犯罪嫌疑人", _at("2019-02-28 16:00"),
               precision="day", who=everyone_caught),
    )  # fmt: skip

    links = (
        _link("supplies", _p("zhou"), _p("zhu"), "朱某、孔某供述", "2018-05-01", "2019-01-22"),
        *(_link("supplies", _p("zhu"), _p(buyer), "供述及交易记录", "2018-07-01",
                "2019-01-23") for buyer in ("chen", "si", "guo", "cheng", "cai")),
        _link("supplies", _p("chen"), _p("jia"), "贾某供述"),
        _link("supplies", _p("chen"), _p("ji"), "姬某供述"),
        _link("supplies", _p("si"), _p("duan"), "段某供述"),
        _link("supplies", _p("guo"), _p("niu"), "牛某供述"),
        _link("buys_from", _p("zhu"), _p("zhou"), "朱某供述"),
        *(_link("owns", _p(v.owner), _v(v.key), "机动车登记信息") for v in vehicles
          if v.owner),
        _link("drives", _p("lv"), _v("v02"), "现场抓获"),
        _link("drives", _p("fang"), _v("v01"), "侦查监控记录"),
        _link("resides_at", _p("zhu"), _loc("flat"), "租房合同及现场抓获"),
        _link("resides_at", _p("fu"), _loc("flat"), "租房合同"),
        _link("resides_at", _p("zhou"), _loc("deyang"), "朱某供述"),
        _link("resides_at", _p("chen"), _loc("lushan"), "户籍信息"),
        _link("resides_at", _p("si"), _loc("sanmenxia"), "户籍信息"),
        _link("resides_at", _p("guo"), _loc("gaoping"), "户籍信息"),
        _link("accomplice", _p("zhu"), _p("fu"), "付某供述"),
        _link("accomplice", _p("zhu"), _p("kong"), "孔某供述"),
        _link("accomplice", _p("kong"), _p("lv"), "现场抓获"),
        _link("accomplice", _p("zhu"), _p("fang"), "房某供述"),
        _link("accomplice", _p("zhu"), _p("miao"), "苗某供述"),
        _link("calls", _p("zhu"), _p("zhou"), "通话记录", "2018-05-01", "2019-01-22"),
        _link("pays", _p("miao"), _p("zhou"), "银行流水", "2018-06-01", "2019-01-18"),
    )  # fmt: skip

    return DemoCase(
        code=code,
        title="朱某等人贩卖毒品案",
        nickname="",
        category="trafficking",
        level="ministry_target",
        status="prosecution",
        unit=ruzhou,
        opened_on=_day("2018-12-18"),
        closed_on=None,
        solved_on=_day("2019-01-23"),
        lead="韦国栋",
        summary=(
            "2018年底,有群众拨打110报警称,汝州市某小区的出租房里有毒品。民警抽丝剥茧、细心寻踪,"
            "最终发现以朱某为首的贩毒团伙。公安部禁毒局将此案确立为部级目标案件。市公安局成立"
            f"专案组,由{BRIGADE}指导汝州市公安局侦破此案。经查,朱某等人所贩卖的毒品从四川省"
            "德阳市周某手中购买,分销至河南省鲁山县、三门峡市和山西省高平市等地。2019年初,"
            "专案组收网,先后将朱某和下线陈某、司某等15人抓获,缴获冰毒10千克,扣押涉案车辆3辆,"
            "缴获涉案毒资150万元。上线周某在逃,已上网追逃。"
        ),
        source=CASE_SOURCE,
        members=(
            DemoMember("韦国栋", "汝州市公安局副局长", "leader"),
            DemoMember(BRIGADE_CHIEF, f"{BRIGADE}大队长(指导侦办)", "deputy_leader"),
            DemoMember("常建伟", "汝州市公安局禁毒大队大队长", "deputy_leader"),
            DemoMember("郝明", f"{BRIGADE}侦查一中队中队长", "member"),
            DemoMember("岳小龙", "汝州市公安局禁毒大队民警", "member"),
        ),
        persons=persons,
        measures=_detention_then_arrest(
            caught,
            arrested_on=_day("2019-02-28"),
            prefix="汝公(禁)",
            first_no=5,
            place="汝州市看守所",
        ),
        vehicles=vehicles,
        locations=locations,
        seizures=seizures,
        assets=assets,
        events=events,
        links=links,
        # Sent for prosecution within the custody period: no deadline runs any more.
        concluded_on=_day("2019-04-25"),
        conclusion="prosecution",
    )


# ---------------------------------------------------------------- PDS-2019-003

_CATCHES_3 = (
    _Catch("c01", "2019-03-28 21:15", "场所排查中在市区某宾馆当场抓获吸毒人员高某、王某",
           ("gao", "wang"), "hotel"),
    _Catch("c02", "2019-03-30 15:40", "在凌云路北段某小区抓获刘某、毛某及吸毒人员李某、杨某",
           ("liu", "mao", "li", "yang"), "compound", ("m01", "m02")),
    _Catch("c03", "2019-04-01 10:20", "深挖细查抓获吸毒人员潘某、丁某", ("pan", "ding")),
    _Catch("c04", "2019-04-03 20:05", "深挖细查抓获吸毒人员阎某、赵某", ("yan", "zhao")),
)  # fmt: skip

# Users: (person, decided on, days); administrative detention for drug use is 10-15 days.
_ADMIN_DETENTIONS_3 = (
    ("wang", "2019-03-29", 12),
    ("li", "2019-03-31", 10),
    ("pan", "2019-04-01", 13),
    ("ding", "2019-04-01", 10),
    ("yan", "2019-04-04", 15),
    ("zhao", "2019-04-04", 12),
)


def _measures_3() -> tuple[DemoMeasure, ...]:
    """2 compulsory isolation, 2 criminal detention (the sellers), 6 administrative
    detention, as the article reports; no other measures."""
    isolation = tuple(
        DemoMeasure(person, "compulsory_isolation", _day(on), _day(on), _day(until),
                    f"平公(禁)强戒决字〔2019〕{no:04d}号", "平顶山市强制隔离戒毒所",
                    _day(until), "released")
        for person, on, until, no in (("gao", "2019-03-29", "2021-03-28", 87),
                                      ("yang", "2019-03-31", "2021-03-30", 91))
    )  # fmt: skip
    detention = tuple(
        DemoMeasure(person, "criminal_detention", _day("2019-03-30"), _day("2019-03-30"),
                    None, f"平公(矿)拘字〔2019〕{no:04d}号", "平顶山市看守所")
        for person, no in (("liu", 41), ("mao", 42))
    )  # fmt: skip
    admin = tuple(
        DemoMeasure(
            person,
            "administrative_detention",
            _day(on),
            _day(on),
            _day(on) + timedelta(days=days - 1),
            f"平公(矿)行罚决字〔2019〕{101 + index:04d}号",
            "平顶山市拘留所",
            _day(on) + timedelta(days=days - 1),  # released when the term was served
            "released",
        )
        for index, (person, on, days) in enumerate(_ADMIN_DETENTIONS_3)
    )
    return isolation + detention + admin


def _case_3() -> DemoCase:
    code = "PDS-2019-003"
    station = "平顶山市公安局矿工路派出所"
    user = "吸毒人员,甲基苯丙胺检测阳性"
    persons = _persons(3, (
        _P("gao", "高某", "M", "1989-08-22", "410402", "某街道", "user", status="in_rehab",
           suspect=False, prior="2017年因吸毒被行政拘留十日并责令社区戒毒三年",
           notes=user + ";社区戒毒期间再次吸毒,决定强制隔离戒毒"),
        _P("wang", "王某", "M", "1993-03-15", "410403", "某街道", "user",
           status="admin_detained", suspect=False, notes=user),
        _P("liu", "刘某", "M", "1985-12-01", "410402", "某街道", "supplier",
           status="detained", lives="河南省平顶山市凌云路北段某小区", phones=2,
           notes="以贩养吸,向高某等人贩卖冰毒;" + user),
        _P("mao", "毛某", "M", "1987-06-09", "410411", "某街道", "supplier",
           status="detained", phones=2, notes="以贩养吸,向王某等人贩卖冰毒;" + user),
        _P("li", "李某", "F", "1995-10-30", "410402", "某街道", "user",
           status="admin_detained", suspect=False, occupation="服务员", notes=user),
        _P("yang", "杨某", "M", "1981-04-26", "410404", "某街道", "user", status="in_rehab",
           suspect=False, prior="2015年、2018年两次因吸毒被行政拘留",
           notes=user + ";吸毒成瘾严重,决定强制隔离戒毒"),
        _P("pan", "潘某", "M", "1990-01-14", "410403", "某街道", "user",
           status="admin_detained", suspect=False, notes=user),
        _P("ding", "丁某", "F", "1992-09-05", "410402", "某街道", "user",
           status="admin_detained", suspect=False, notes=user),
        _P("yan", "阎某", "M", "1978-11-19", "410421", "某镇某村", "user",
           status="admin_detained", suspect=False, education="小学", notes=user),
        _P("zhao", "赵某", "M", "1996-05-02", "410411", "某街道", "user",
           status="admin_detained", suspect=False, education="高中", notes=user),
    ))  # fmt: skip

    locations = (
        DemoLocation("hotel", "市区某宾馆", "河南省平顶山市矿工中路某宾馆", "hotel",
                     Decimal("33.741200"), Decimal("113.298700")),
        DemoLocation("compound", "凌云路北段某小区", "河南省平顶山市凌云路北段某小区",
                     "residence", Decimal("33.752300"), Decimal("113.271400")),
        DemoLocation("station", "矿工路派出所", "河南省平顶山市矿工路", "police_station",
                     Decimal("33.739600"), Decimal("113.291800")),
    )  # fmt: skip

    # Small amounts from users who sell: no purity test needed (no death-penalty quantity).
    small = partial(
        _exhibit,
        code,
        drug="methamphetamine",
        form="crystal",
        resolution="0.01",
        purity=None,
        location="compound",
        sent_on="2019-03-31",
    )
    seizures = (
        small(1, "m01", packages=3, net="4.37", tare="0.96",
              seized_at="2019-03-30 15:50", person="liu", report_no=52,
              attributed=(("liu", "possession"),)),
        small(2, "m02", packages=2, net="1.86", tare="0.62",
              seized_at="2019-03-30 15:55", person="mao", report_no=53,
              attributed=(("mao", "possession"),)),
    )  # fmt: skip

    def tested(key: str, at: str, *who: str) -> DemoEvent:
        return _event(key, "drug_test", "吸毒检测:甲基苯丙胺阳性", _at(at),
                      who=(*_refs("person", *who), _loc("station")), source=ARTICLE_DATED,
                      description="对" + "、".join(p.name for p in persons if p.key in who)
                                  + "进行吸毒检测,均呈甲基苯丙胺阳性")  # fmt: skip

    events = (
        *_catch_events(_CATCHES_3),
        tested("t01", "2019-03-28 22:30", "gao", "wang"),
        _event("e01", "interrogation", "高某、王某交代以贩养吸人员刘某、毛某",
               _at("2019-03-29 01:30"), source=ARTICLE_DATED,
               who=(*_refs("person", "gao", "wang", "liu", "mao"), _loc("station"))),
        _event("e02", "case_opened", "刘某、毛某涉嫌贩卖毒品立案侦查", _at("2019-03-29 09:00"),
               precision="day", who=_refs("person", "liu", "mao")),
        tested("t02", "2019-03-30 17:10", "liu", "mao", "li", "yang"),
        _event("e03", "weighing", "毒品称量、取样", _at("2019-03-30 19:00"),
               who=(*_refs("seizure", "m01", "m02"), *_refs("person", "liu", "mao")),
               description="两名民警在刘某、毛某及见证人在场的情况下称量、取样、封装"),
        _event("e04", "lab_test", "检材送检", _at("2019-03-31 10:00"), precision="day",
               who=_refs("seizure", "m01", "m02")),
        tested("t03", "2019-04-01 11:30", "pan", "ding"),
        tested("t04", "2019-04-03 21:00", "yan", "zhao"),
    )  # fmt: skip

    links = (
        _link("named", _p("gao"), _p("liu"), "高某讯问笔录", "2019-03-29", "2019-03-29"),
        _link("named", _p("wang"), _p("mao"), "王某讯问笔录", "2019-03-29", "2019-03-29"),
        *(_link("buys_from", _p(buyer), _p(seller), "询问笔录及微信转账记录")
          for buyer, seller in (("gao", "liu"), ("wang", "mao"), ("li", "liu"),
                                ("yang", "mao"), ("pan", "liu"), ("ding", "mao"),
                                ("yan", "liu"), ("zhao", "mao"))),
        _link("uses_with", _p("gao"), _p("wang"), "宾馆现场抓获", "2019-03-28", "2019-03-28"),
        _link("uses_with", _p("li"), _p("yang"), "小区现场抓获", "2019-03-30", "2019-03-30"),
        _link("accomplice", _p("liu"), _p("mao"), "现场共同抓获,二人供述"),
        _link("resides_at", _p("liu"), _loc("compound"), "现场抓获及实地走访"),
    )  # fmt: skip

    return DemoCase(
        code=code,
        title='矿工路派出所"3·28"吸贩毒案',
        nickname="3·28",
        category="use_and_sale",
        level="ordinary",
        status="prosecution",
        unit=station,
        opened_on=_day("2019-03-28"),
        closed_on=None,
        solved_on=_day("2019-03-30"),
        lead="温志远",
        summary=(
            "2019年3月28日,矿工路派出所开展场所排查中,发现市区某宾馆内有人吸食毒品,当场抓获"
            "吸毒人员高某、王某。经审讯,二人交代了“以贩养吸”嫌疑人刘某、毛某。3月30日下午,"
            "民警在市区凌云路北段某小区内将刘某、毛某以及吸毒人员李某、杨某当场抓获。后经进一步"
            "深挖细查,又先后抓获潘某、丁某、阎某、赵某等吸毒人员4人。经吸毒检测,上述人员均呈"
            "甲基苯丙胺阳性。已依法强制隔离戒毒2人,刑事拘留2人,治安处罚(行政拘留)6人。"
        ),
        source=CASE_SOURCE,
        members=(
            DemoMember("温志远", f"{station}所长", "leader"),
            DemoMember("齐海涛", f"{station}副所长", "deputy_leader"),
            DemoMember("柴文静", f"{station}民警", "member"),
            DemoMember("鲍磊", f"{station}民警", "member"),
        ),
        persons=persons,
        measures=_measures_3(),
        vehicles=(),
        locations=locations,
        seizures=seizures,
        assets=(),
        events=events,
        links=links,
        # Sent for prosecution within the custody period: no deadline runs any more.
        concluded_on=_day("2019-04-12"),
        conclusion="prosecution",
    )


def demo_cases() -> tuple[DemoCase, DemoCase, DemoCase]:
    """The three demo case files, identical on every call."""
    return (_case_1(), _case_2(), _case_3())
