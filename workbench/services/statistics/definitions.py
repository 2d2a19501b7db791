"""The figures, their units and their definitions: which records count and which date
puts a record in a period. The README's table and the window's tooltips are these texts.
"""

from __future__ import annotations

from dataclasses import dataclass

# Units: how a value is counted and shown.
UNITS: dict[str, tuple[str, str]] = {
    "cases": ("起", "cases"),
    "persons": ("人", "persons"),
    "person_times": ("人次", "person-times"),
    "grams": ("克", "g"),
    "yuan": ("元", "yuan"),
    "places": ("处", "places"),
    "groups": ("个", "gangs"),
}


@dataclass(frozen=True)
class Figure:
    key: str
    label_zh: str
    label_en: str
    unit: str  # a key of UNITS; "grams" values are int mg, "yuan" int fen
    source: str  # "cases" or "registry": which records it counts
    definition_zh: str
    definition_en: str
    parent: str = ""  # a sub-figure ("of which …") names its figure
    chart: bool = True  # offered in the monthly chart

    def label(self, lang: str) -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en

    def definition(self, lang: str) -> str:
        return self.definition_zh if lang.startswith("zh") else self.definition_en

    def unit_label(self, lang: str) -> str:
        zh, en = UNITS[self.unit]
        return zh if lang.startswith("zh") else en


_F = Figure

FIGURES: tuple[Figure, ...] = (
    _F("cases_solved", "破获毒品犯罪案件", "Drug cases solved", "cases", "cases",
       "破案日期在统计期内的案件(案件“破案日期”一栏)。",
       "Cases whose solved date (the case's \"solved on\") falls in the period."),
    _F("ministry_target_cases", "其中部级目标案件", "of which ministry-level target cases",
       "cases", "cases", "破获案件中级别为部级目标案件的。",
       "Cases solved in the period whose level is ministry-level target case.",
       parent="cases_solved"),
    _F("provincial_target_cases", "其中省级目标案件", "of which provincial target cases",
       "cases", "cases", "破获案件中级别为省级目标案件的。",
       "Cases solved in the period whose level is provincial target case.",
       parent="cases_solved"),
    _F("suspects_caught", "抓获犯罪嫌疑人", "Suspects caught", "persons", "cases",
       "犯罪嫌疑人在某案中第一项刑事强制措施(刑事拘留、逮捕、取保候审、监视居住)的决定日期"
       "在统计期内的,按人计。",
       "Suspects whose first criminal compulsory measure in a case (criminal detention, "
       "arrest, bail, residential surveillance) was decided in the period; each person once."),
    _F("criminally_detained", "刑事拘留", "Criminally detained", "persons", "cases",
       "刑事拘留决定日期(无则执行日期)在统计期内的人员,按人计。",
       "Persons with a criminal detention decided (else started) in the period; each once."),
    _F("arrested", "逮捕", "Arrested", "persons", "cases",
       "逮捕决定日期(无则执行日期)在统计期内的人员,按人计。",
       "Persons with an arrest decided (else started) in the period; each once."),
    _F("prosecuted", "移送审查起诉", "Sent for prosecution", "persons", "cases",
       "涉案人员“移送起诉日期”在统计期内的,按人计;上年破获、今年起诉的计入今年。",
       "Persons whose \"sent for prosecution\" date in a case falls in the period; each once. "
       "A case solved last year and prosecuted this year counts this year here."),
    _F("drugs_seized", "缴获毒品", "Drugs seized", "grams", "cases",
       "查获时间(按本地时间)在统计期内的毒品检材净重之和,不含易制毒化学品;各毒品分列。",
       "Net weight of drug exhibits seized (local time) in the period, precursors excluded; "
       "each drug also listed on its own."),
    _F("heroin_equivalent", "折合海洛因", "Heroin equivalent", "grams", "cases",
       "统计期内缴获各毒品按法释〔2016〕8号折算系数折合海洛因之和(无折算系数的不计)。",
       "The drugs seized in the period converted to heroin by the profile's factors "
       "(drugs without a factor are left out).", chart=False),
    _F("precursors_seized", "缴获易制毒化学品", "Precursor chemicals seized", "grams", "cases",
       "查获时间在统计期内的易制毒化学品净重之和,不与毒品相加。",
       "Net weight of precursor chemicals seized in the period; never added to drugs."),
    _F("drug_money", "缴获毒资", "Drug money seized", "yuan", "cases",
       "扣押或冻结日期在统计期内的现金和银行存款之和。",
       "Cash and bank deposits seized or frozen in the period."),
    _F("labs_destroyed", "捣毁制毒窝点", "Drug labs destroyed", "places", "cases",
       "破案日期在统计期内的案件中的制毒窝点。",
       "Drug-lab locations of the cases solved in the period."),
    _F("gangs_broken", "打掉涉毒团伙", "Gangs broken up", "groups", "cases",
       "破案日期在统计期内、犯罪嫌疑人三人以上的案件。",
       "Cases solved in the period with three or more suspects."),
    _F("user_findings", "查获吸毒人员", "Drug users found", "person_times", "registry",
       "吸毒人员管理中检测结果为阳性、查获时间(按本地时间,含最后一天23:59)在统计期内的记录,按人次计。",
       "Registry findings with a positive test whose time (local, up to 23:59 on the last "
       "day) falls in the period; each finding counts (person-times)."),
    _F("newly_found", "新发现吸毒人员", "Newly found drug users", "persons", "registry",
       "首次阳性查获记录在统计期内的人员(此前从未被查获)。",
       "Persons whose first positive finding ever falls in the period."),
    _F("compulsory_isolation", "强制隔离戒毒", "Compulsory isolation", "persons", "registry",
       "强制隔离戒毒决定日期在统计期内的人员,按人计。",
       "Persons with a compulsory isolation decided in the period; each once."),
    _F("community_rehab", "社区戒毒", "Community rehabilitation", "persons", "registry",
       "责令社区戒毒决定日期在统计期内的人员,按人计。",
       "Persons ordered into community rehabilitation in the period; each once."),
    _F("community_recovery", "社区康复", "Community recovery", "persons", "registry",
       "责令社区康复决定日期在统计期内的人员,按人计。",
       "Persons ordered into community recovery in the period; each once."),
    _F("administrative_detention", "行政拘留", "Administrative detention", "persons",
       "registry", "因吸毒被行政拘留、决定日期在统计期内的人员,按人计。",
       "Persons detained administratively for drug use, decided in the period; each once."),
)  # fmt: skip

BY_KEY: dict[str, Figure] = {f.key: f for f in FIGURES}


def figure(key: str) -> Figure:
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown figure {key!r}; expected one of {', '.join(BY_KEY)}") from None
