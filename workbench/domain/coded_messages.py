"""Validation messages by their stable code, in Chinese and English, Qt-free.

The services word their errors and warnings in English with the particulars ("net 7990000
mg is not gross …"); each carries a code and its values in model units (weights in mg,
money in fen). Beside a field, in a refused change, in the import wizard and in
``workbench import``'s rejected rows the user reads the sentence for the code in their
language, with weights in grams, money in 元 and times in the workstation's zone. Qt-free
so that the window and the command line say the same (as ``importers.file_messages``
does for whole files); a code without a sentence here shows the English particulars.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from workbench.domain import vocab
from workbench.domain.quantities import bp_to_percent, format_cny, format_grams

DEFAULT_ZONE = "Asia/Shanghai"  # the workstation's default zone (DESIGN.md)

# code -> (zh_CN, en, the names of its values in the order %1, %2 … stand for them).
# Names ending _mg are shown in grams, _fen in 元, _bp in percent; dates and times as the
# workstation reads them; "entity" as the record kind's label; "label" in the language.
MESSAGES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "resident_id.length": (
        "公民身份号码应为 18 位",
        "A resident ID number has 18 characters",
        (),
    ),
    "resident_id.characters": (
        "只能为数字，末位可为 X",
        "Only digits, and X as the last character",
        (),
    ),
    "resident_id.province": (
        "前两位不是公民身份号码使用的省级行政区划代码",
        "The first two digits are not a province code used in ID numbers",
        (),
    ),
    "resident_id.permit_region": (
        "港澳台居民居住证号码以 810000、820000 或 830000 开头",
        "A Hong Kong, Macau or Taiwan residence permit number starts 810000, 820000 or 830000",
        (),
    ),
    "resident_id.foreigner_province": (
        "外国人永久居留身份证号码以 9 和内地省级行政区划代码开头",
        "A foreigner's permanent-residence ID starts with 9 and a mainland province code",
        (),
    ),
    "resident_id.birth_date": (
        "身份号码中的出生日期不是有效日期",
        "The birth date in the ID number is not a date",
        (),
    ),
    "resident_id.birth_date_future": (
        "身份号码中的出生日期晚于今天",
        "The birth date in the ID number is in the future",
        (),
    ),
    "resident_id.birth_date_early": (
        "身份号码中的出生日期过早，不合常理",
        "The birth date in the ID number is implausibly early",
        (),
    ),
    "resident_id.check_char": (
        "校验码不符：有数字录入错误",
        "The check character does not match: a digit is mistyped",
        (),
    ),
    "person.birth_date_mismatch": (
        "与身份号码中的出生日期不一致",
        "Differs from the birth date in the ID number",
        (),
    ),
    "person.sex_mismatch": (
        "与身份号码中的性别不一致",
        "Differs from the sex in the ID number",
        (),
    ),
    "person.sex": (
        "应为男或女",
        "Male or female",
        (),
    ),
    "person.already_in_case": (
        "%1 已是案件 %2 的涉案人员",
        "%1 is already a person of case %2",
        ("name", "case"),
    ),
    "vin.length": (
        "车辆识别代号应为 17 位",
        "A VIN has 17 characters",
        (),
    ),
    "vin.letters": (
        "车辆识别代号中不含字母 I、O、Q",
        "A VIN never contains I, O or Q",
        (),
    ),
    "vin.characters": (
        "只能为字母和数字",
        "Only letters and digits",
        (),
    ),
    "plate.format": (
        (
            "不是号牌号码：省份简称和发牌机关代号后应为 5 位字母或数字"
            "(新能源号牌 6 位，或 4 位加“警”“学”“挂”等)"
        ),
        (
            "Not a plate: after the province and office letter come 5 letters or digits "
            "(6 on new-energy plates, or 4 and 警, 学, 挂 …)"
        ),
        (),
    ),
    "plate.province": (
        "号牌号码应以省、自治区、直辖市简称开头",
        "A plate starts with a province abbreviation",
        (),
    ),
    "plate.office": (
        "发牌机关代号缺失或无效",
        "The issuing-office letter is missing or invalid",
        (),
    ),
    "plate.letters": (
        "号牌号码不使用字母 I 和 O",
        "Plates never use the letters I and O",
        (),
    ),
    "mobile.format": (
        "不是有效的手机或固定电话号码",
        "Not a mobile or landline number",
        (),
    ),
    "weight.invalid": (
        "不是数字",
        "Not a number",
        (),
    ),
    "weight.negative": (
        "不能为负数",
        "Cannot be negative",
        (),
    ),
    "weight.precision": (
        "精度不能小于 1 毫克",
        "Finer than one milligram",
        (),
    ),
    "weight.too_large": (
        "数值过大，不合常理",
        "Implausibly large",
        (),
    ),
    "money.invalid": (
        "不是数字",
        "Not a number",
        (),
    ),
    "money.negative": (
        "不能为负数",
        "Cannot be negative",
        (),
    ),
    "money.precision": (
        "精度不能小于 1 分",
        "Finer than one fen",
        (),
    ),
    "money.too_large": (
        "数值过大，不合常理",
        "Implausibly large",
        (),
    ),
    "purity.invalid": (
        "不是数字",
        "Not a number",
        (),
    ),
    "purity.range": (
        "应在 0 至 100% 之间",
        "Between 0 and 100 %",
        (),
    ),
    "purity.precision": (
        "精度不能小于 0.01%",
        "Finer than 0.01 %",
        (),
    ),
    "decimal.invalid": (
        "不是数字",
        "Not a number",
        (),
    ),
    "number.whole": (
        "%1 不是整数",
        "%1 is not a whole number",
        ("value",),
    ),
    "number.negative": (
        "不能为负数",
        "Cannot be negative",
        (),
    ),
    "field.required": (
        "必填",
        "Required",
        (),
    ),
    "field.unknown": (
        "不是本记录的字段",
        "Not a field of this record",
        (),
    ),
    "text.too_long": (
        "长度为 %1 个字符，最多 %2 个",
        "%1 characters long; at most %2",
        ("length", "max"),
    ),
    "vocab.unknown": (
        "“%1”不是可选项",
        "“%1” is not one of the choices",
        ("value",),
    ),
    "date.invalid": (
        "不是有效日期",
        "Not a date",
        (),
    ),
    "datetime.zone": (
        "须填写日期和时间",
        "A date and time is needed",
        (),
    ),
    "order.before": (
        "%1 早于 %2",
        "%1 is before %2",
        ("value", "other"),
    ),
    "reference.other_case": (
        "该%1不属于本案",
        "This %1 is not in this case",
        ("entity",),
    ),
    "case.code_spaces": (
        "案件编号不能含空格",
        "A case code has no spaces",
        (),
    ),
    "case.code_exists": (
        "已有编号为 %1 的案件",
        "A case with the code %1 exists",
        ("case_code",),
    ),
    "seizure.package_count": (
        "至少 1 包(不能为 %1)",
        "At least one package (not %1)",
        ("value",),
    ),
    "seizure.tare_over_gross": (
        "包装重量(%1 克)大于毛重(%2 克)",
        "The packaging (%1 g) weighs more than the gross (%2 g)",
        ("tare_mg", "gross_mg"),
    ),
    "seizure.net_mismatch": (
        "净重 %1 克不等于毛重 %2 克减包装重量 %3 克(应为 %4 克)",
        "The net weight %1 g is not the gross %2 g less the packaging %3 g (that is %4 g)",
        ("net_mg", "gross_mg", "tare_mg", "expected_mg"),
    ),
    "seizure.sent_before_seizure": (
        "送检日期 %1 早于查获日期 %2",
        "Sent for testing on %1, before the seizure on %2",
        ("sent", "seized"),
    ),
    "seizure.net_required": (
        "须填写净重(或毛重和包装重量)",
        "A net weight (or the gross and packaging weights) is required",
        (),
    ),
    "seizure.exhibit_differs": (
        "检材 %1 已在本案中，但以下内容不同：%2",
        "Exhibit %1 is already in the case with other values (%2)",
        ("exhibit", "fields"),
    ),
    "location.latitude": (
        "纬度应在 −90 至 90 之间，不能为 %1",
        "A latitude lies between −90 and 90, not %1",
        ("value",),
    ),
    "location.longitude": (
        "经度应在 −180 至 180 之间，不能为 %1",
        "A longitude lies between −180 and 180, not %1",
        ("value",),
    ),
    "link.end_kind": (
        "关系只能连接人员、车辆、地点、检材、涉案财物或事件，不能连接“%1”",
        "A link joins persons, vehicles, places, exhibits, assets or events, not “%1”",
        ("value",),
    ),
    "custody.item_type": (
        "保管交接记录只能针对检材或附件",
        "Custody entries are for exhibits or attachments",
        (),
    ),
    "vehicle.plate_or_vin": (
        "号牌号码和车辆识别代号至少填写一项",
        "A plate or a VIN is required",
        (),
    ),
    "vehicle.two_vehicles": (
        "号牌号码和车辆识别代号分属两辆不同的车辆",
        "The plate and the VIN belong to two different vehicles",
        (),
    ),
    "measure.kind": (
        "不是已知的强制措施",
        "Not a known measure",
        (),
    ),
    "measure.ends_before_start": (
        "截止日期早于起始日期",
        "Ends before it starts",
        (),
    ),
    "measure.extensions": (
        "延长次数超过法律规定",
        "More extensions than the law allows",
        (),
    ),
    "measure.detention_too_long": (
        "行政拘留 %1 日：一种违法行为最长 %2 日，数种违法行为合并执行最长 %3 日(%4)",
        (
            "Administrative detention of %1 days: at most %2 days for one offence and %3 days "
            "when penalties for several are combined (%4)"
        ),
        ("days", "single_max", "combined_max", "profile"),
    ),
    "measure.conclusion_without_date": (
        "请填写终结日期",
        "Give the day it was concluded",
        (),
    ),
    "measure.concluded_before_start": (
        "终结日期 %1 早于起始日期 %2",
        "Concluded on %1, before it started on %2",
        ("concluded", "starts"),
    ),
    "seizure.sampled_over_packages": (
        "取样 %1 包，但共只有 %2 包",
        "%1 packages sampled of only %2",
        ("sampled", "packages"),
    ),
    "user.police_no": (
        "警号只能为字母和数字，最多 20 位",
        "A police number is letters and digits, at most 20",
        (),
    ),
    "cell.number": (
        "“%1”不是数字",
        "“%1” is not a number",
        ("value",),
    ),
    "cell.date": (
        "“%1”不是日期(例如 2019-03-28 或 2019年3月28日)",
        "“%1” is not a date (e.g. 2019-03-28 or 2019年3月28日)",
        ("value",),
    ),
    "cell.calendar_date": (
        "“%1”不是实际存在的日期",
        "“%1” is not a real calendar date",
        ("value",),
    ),
    "cell.time": (
        "“%1”不是有效的时间",
        "“%1” is not a time of day",
        ("value",),
    ),
    "cell.date_range": (
        "日期 %1 不在 %2 至 %3 之间",
        "The date %1 is outside %2 … %3",
        ("value", "earliest", "latest"),
    ),
    "cell.weight": (
        "“%1”不是重量(例如 12.5克 或 1.2千克)",
        "“%1” is not a weight (e.g. 12.5克 or 1.2千克)",
        ("value",),
    ),
    "cell.weight_unit": (
        "“%1”不是重量单位",
        "“%1” is not a unit of weight",
        ("value",),
    ),
    "cell.money": (
        "“%1”不是金额",
        "“%1” is not an amount of money",
        ("value",),
    ),
    "cell.duration": (
        "“%1”不是通话时长(例如 125、00:02:05 或 2分5秒)",
        "“%1” is not a call duration (125, 00:02:05 or 2分5秒)",
        ("value",),
    ),
    "cell.phone": (
        "“%1”不是电话号码",
        "“%1” is not a telephone number",
        ("value",),
    ),
    "cell.choice": (
        "“%1”不是可选项",
        "“%1” is not one of the choices",
        ("value",),
    ),
    "cell.drug": (
        "“%1”不是本系统收录的毒品名称",
        "“%1” is not a drug the workbench knows",
        ("value",),
    ),
    "cell.yes_no": (
        "“%1”不是“是”或“否”",
        "“%1” is not yes or no (是/否)",
        ("value",),
    ),
    "cell.sex": (
        "“%1”不是性别(男/女)",
        "“%1” is not a sex (男/女)",
        ("value",),
    ),
    "cell.line_break": (
        "含有换行，此处不允许",
        "Contains a line break, which is not allowed here",
        (),
    ),
    "cell.imei": (
        "“%1”不是 IMEI 号(14 至 16 位数字)",
        "“%1” is not an IMEI (14 to 16 digits)",
        ("value",),
    ),
    "cell.account": (
        "账号“%1”超过 40 个字符",
        "The account “%1” is longer than 40 characters",
        ("value",),
    ),
    "cell.formula": (
        "%1 像是电子表格公式，已拒绝(请删除开头的 =、+、- 或 @)",
        "%1 looks like a spreadsheet formula: refused (remove the leading =, +, - or @)",
        ("value",),
    ),
    "bank.negative_in": (
        "金额为负数，却标记为收入(贷)",
        "A negative amount marked as money in (贷)",
        (),
    ),
    "import.no_rows": (
        "文件只有表头，没有数据行",
        "The file has a header row but no data rows",
        (),
    ),
    "mapping.unknown_field": (
        "列对应中的“%1”不是字段",
        "The mapping names “%1”, which is not a field",
        ("field",),
    ),
    "mapping.missing_column": (
        "文件中没有“%1”列",
        "The column “%1” is not in the file",
        ("column",),
    ),
    "mapping.required": (
        "必填字段“%1”没有对应的列",
        "No column is chosen for the required field %1",
        ("label",),
    ),
    "mapping.used_twice": (
        "“%1”列对应了两个字段",
        "The column “%1” is chosen for two fields",
        ("column",),
    ),
    "seizure.resolution": (
        "衡器分度值为 %1 克；净重 %2 克须使用 %3 克或更精确的衡器（%4）",
        "The scale reads to %1 g; a net weight of %2 g needs %3 g or finer (%4)",
        ("resolution_mg", "net_mg", "need_mg", "profile"),
    ),
    "seizure.test_late": (
        "%1 送检，已超过送检期限（%2）",
        "Sent for testing on %1, after the deadline (%2)",
        ("sent", "profile"),
    ),
    "seizure.sampling_short": (
        "共 %2 包，取样 %1 包，应取样 %3 包(公禁毒〔2016〕511号；%4，待核实规则)",
        (
            "%1 of %2 packages sampled; %3 should be (Gong Jin Du [2016] No. 511, %4, "
            "unconfirmed rule)"
        ),
        ("sampled", "packages", "proposed", "profile"),
    ),
    "seizure.purity_needed": (
        "未记录含量：液态、混合或半成品毒品应作含量鉴定(%1，待核实规则)",
        (
            "No purity recorded: liquid, mixed or semi-finished drugs need a purity test (%1, "
            "unconfirmed rule)"
        ),
        ("profile",),
    ),
    "vin.check_digit": (
        (
            "%1 的校验位应为 %2。校验位仅在部分市场(北美、中国)强制使用，"
            "进口车或旧车可能不符：请与实车核对(%3，待核实规则)"
        ),
        (
            "The check digit of %1 should be %2. The check digit is mandatory only in some "
            "markets (North America, China), so an imported or older vehicle may carry "
            "another: compare the number with the vehicle (%3, unconfirmed rule)"
        ),
        ("vin", "expected", "profile"),
    ),
    "plate.unrecognised": (
        "%1 不属于已知的号牌格式，已按录入保存：请与实车核对",
        (
            "%1 is not a plate form the workbench knows; it is kept as entered: compare it "
            "with the vehicle"
        ),
        ("plate",),
    ),
    "resident_id.region_unknown": (
        "地区码 %1 不在 GB/T 2260 代码表中：请核对号码(新设立的区县可能尚未收入代码表)",
        (
            "The region code %1 is not in the GB/T 2260 table: check the number (a district "
            "created recently may be missing from the table)"
        ),
        ("region",),
    ),
    "registry.future": (
        "晚于当前时间",
        "Lies in the future",
        (),
    ),
    "registry.too_early": (
        "日期过早，不合常理",
        "Implausibly early",
        (),
    ),
    "registry.before_birth": (
        "早于本人出生日期",
        "Before the person was born",
        (),
    ),
    "registry.decision_before_finding": (
        "早于所依据的查获时间",
        "Before the finding the decision rests on",
        (),
    ),
    "registry.order": (
        "早于其前一日期",
        "Before the date it follows",
        (),
    ),
    "registry.term": (
        "该决定不能设此期限",
        "Not a term this decision can have",
        (),
    ),
    "registry.days": (
        "行政拘留为 1 至 15 日，合并执行最长 20 日",
        "Administrative detention is 1 to 15 days, at most 20 combined",
        (),
    ),
    "registry.extension": (
        "最多延长 12 个月",
        "Extended by at most 12 months",
        (),
    ),
    "registry.after_planned_end": (
        "晚于期满日期：请改为登记延长",
        "After the planned end: record an extension instead",
        (),
    ),
    "registry.isolation_overlap": (
        "与该人员另一强制隔离戒毒期限重叠",
        "Overlaps another compulsory isolation of this person",
        (),
    ),
    "registry.handover": (
        "与该决定类型不符",
        "Does not belong to this decision",
        (),
    ),
    "registry.handover_twice": (
        "该决定已登记过此项交接",
        "Already recorded for this decision",
        (),
    ),
    "registry.not_released": (
        "强制隔离戒毒尚未解除：请先登记解除日期",
        "The isolation has not ended: record its end first",
        (),
    ),
    "registry.days_combined": (
        "%1 日：超过 15 日仅限合并执行(最长 20 日)",
        "%1 days: more than 15 only when detentions are combined (at most 20)",
        ("days",),
    ),
    "registry.days_unusual": (
        "%1 日：吸毒行政拘留一般为 10 至 15 日，情节较轻的不超过 5 日",
        "%1 days: detention for drug use is 10-15 days, at most 5 when minor",
        ("days",),
    ),
    "registry.release_before_minimum": (
        "%1 解除，早于可提前解除的时间(执行满一年后)",
        "Released on %1, before early release is possible (after one year)",
        ("ended",),
    ),
    "person.known_id": (
        "%1 已登记为 %2；保留该姓名，未改为 %3",
        "%1 is already on file as %2; that name is kept, not %3",
        ("id_number", "known", "given"),
    ),
    "import.duplicate_id": (
        "%1 在文件前面已出现，本行跳过",
        "%1 appears earlier in the file; this row is skipped",
        ("id_number",),
    ),
    "measure.detention_combined": (
        "行政拘留 %1 日：超过 %2 日仅适用于数种违法行为合并执行(%3)",
        (
            "Administrative detention of %1 days: more than %2 days only when penalties for "
            "several offences are combined (%3)"
        ),
        ("days", "single_max", "profile"),
    ),
    "measure.detention_drug_use": (
        "行政拘留 %1 日：吸毒行政拘留为 %2 至 %3 日，情节较轻的 %4 日以下(%5，待核实规则)",
        (
            "Administrative detention of %1 days: for drug use the law sets %2 to %3 days, at "
            "most %4 in minor cases (%5, unconfirmed rule)"
        ),
        ("days", "min", "max", "minor_max", "profile"),
    ),
}


def is_chinese(lang: str) -> bool:
    return lang.startswith("zh")


def shown(name: str, value: Any, lang: str, zone: str = DEFAULT_ZONE) -> str:
    """One value as the user reads it (grams, 元, percent, local time, labels)."""
    if isinstance(value, bool):
        return str(value)
    if name.endswith("_mg") and isinstance(value, int):
        return format_grams(value)
    if name.endswith("_fen") and isinstance(value, int):
        return format_cny(value)
    if name.endswith("_bp") and isinstance(value, int):
        return f"{bp_to_percent(value)} %"
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if name == "entity" and isinstance(value, str):
        return vocab.label(vocab.ENTITY_KINDS, value, "zh_CN" if is_chinese(lang) else "en")
    return "" if value is None else str(value)


def _value(params: Mapping[str, object], name: str, lang: str) -> Any:
    if name == "label":
        return params.get("label_zh" if is_chinese(lang) else "label_en", "")
    return params.get(name, "")


def coded_message(
    code: str,
    params: Mapping[str, object] | None,
    fallback: str,
    lang: str,
    zone: str = DEFAULT_ZONE,
) -> str:
    """The sentence for ``code`` in ``lang`` with ``params`` filled in; ``fallback`` (the
    English particulars) if the code has none."""
    entry = MESSAGES.get(code)
    if entry is None:
        return fallback
    zh, en, names = entry
    text = zh if is_chinese(lang) else en
    values = params or {}
    for number, name in reversed(list(enumerate(names, 1))):
        text = text.replace(f"%{number}", shown(name, _value(values, name, lang), lang, zone))
    return text


def warning_text(warning: object, lang: str, zone: str = DEFAULT_ZONE) -> str:
    """A service warning ("field: particulars", a ``FieldWarning`` when it has a code)
    in ``lang``: its sentence by code, else the particulars without the field name."""
    text = str(warning)
    plain = text.partition(": ")[2] or text
    code = getattr(warning, "code", "")
    return coded_message(code, getattr(warning, "params", None), plain, lang, zone)


__all__ = ["DEFAULT_ZONE", "MESSAGES", "coded_message", "shown", "warning_text"]
