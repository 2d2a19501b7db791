"""What each import kind reads: its fields, how a cell becomes a value, known headers.

Headers are matched after folding (full-width, case, spaces, a trailing unit in
brackets), so "金额(元)", "交易金额" and "Amount" all find ``amount``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from workbench.domain import vocab
from workbench.importers import values as v


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label_en: str
    label_zh: str
    parse: Callable[[str], Any]
    headers: tuple[str, ...] = ()
    required: bool = False
    multiline: bool = False  # may hold line breaks (notes); other fields may not

    def label(self, lang: str) -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en


@dataclass(frozen=True)
class KindSpec:
    key: str
    label_en: str
    label_zh: str
    fields: tuple[FieldSpec, ...]
    # "case": rows go into one case file; "registry": into the drug-user registry, where
    # a case is optional (the findings then name it as the case they were made in).
    scope: str = "case"

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.required)

    def label(self, lang: str) -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en


def _text(max_len: int) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip()
        if len(value) > max_len:
            raise v.CellError(
                "text.too_long",
                f"is {len(value)} characters long; at most {max_len}",
                length=len(value),
                max=max_len,
            )
        return value

    return parse


def _birth_date(text: str) -> date:
    return v.parse_date(text, earliest=date(1900, 1, 1))


def event_time(text: str) -> tuple[datetime, str]:
    """The moment and how precisely it is known: a cell without a time is a day."""
    _, at = v.parse_datetime_parts(text)
    return v.parse_datetime(text), "minute" if at is not None else "day"


def _money_signed(text: str) -> int:
    return v.parse_money_fen(text, allow_negative=True)


def _call_direction(text: str) -> str:
    return v.parse_choice(text, v.CALL_DIRECTIONS, "call direction")


def _money_direction(text: str) -> str:
    return v.parse_choice(text, v.MONEY_DIRECTIONS, "direction (借/贷, in/out)")


def _imei(text: str) -> str:
    value = v.clean(text).replace(" ", "")
    if value and not (value.isdigit() and 14 <= len(value) <= 16):
        raise v.CellError("cell.imei", f"{value!r} is not an IMEI (14–16 digits)", value=value)
    return value


def _account(text: str) -> str:
    value = v.clean(text).replace(" ", "").replace("-", "")
    if len(value) > 40:
        raise v.CellError(
            "cell.account", f"account {value!r} is longer than 40 characters", value=value
        )
    return value


def _f(
    key: str, en: str, zh: str, parse: Callable[[str], Any], *headers: str, **kw: Any
) -> FieldSpec:
    return FieldSpec(key, en, zh, parse, (key, en.lower(), zh, *headers), **kw)


PERSONS = KindSpec(
    "persons",
    "persons",
    "人员",
    (
        _f("name", "Name", "姓名", _text(100), "名字", "嫌疑人", "人员姓名", required=True),
        _f(
            "id_number",
            "ID number",
            "身份证号",
            _text(40),
            "身份证号码",
            "公民身份号码",
            "证件号码",
            "身份证",
            "id",
            "id no",
        ),
        _f("sex", "Sex", "性别", v.parse_sex, "gender"),
        _f("birth_date", "Birth date", "出生日期", _birth_date, "出生年月日", "生日", "dob"),
        _f("aliases", "Aliases", "别名", v.split_list, "绰号", "外号", "曾用名", "alias"),
        _f("ethnicity", "Ethnicity", "民族", _text(40)),
        _f("education", "Education", "文化程度", _text(40), "学历"),
        _f("occupation", "Occupation", "职业", _text(200), "工作单位", "职业或工作单位"),
        _f("birthplace", "Birthplace", "出生地", _text(200), "籍贯"),
        _f(
            "household_address", "Household address", "户籍地", _text(400), "户籍地址", "户籍所在地"
        ),
        _f("current_address", "Current address", "现住址", _text(400), "住址", "现住地", "address"),
        _f("phones", "Phones", "联系电话", v.split_list, "电话", "手机", "手机号", "phone"),
        _f("prior_record", "Prior record", "前科", _text(4000), "违法犯罪经历", multiline=True),
        _f("role", "Role", "角色", v.vocab_parser(vocab.PARTY_ROLES, "role"), "涉案角色", "身份"),
        _f("is_suspect", "Suspect", "是否嫌疑人", v.parse_bool, "犯罪嫌疑人", "suspect?"),
        _f("status", "Status", "状态", v.vocab_parser(vocab.PARTY_STATUSES, "status"), "处理情况"),
        _f("notes", "Notes", "备注", _text(4000), "说明", multiline=True),
    ),
)

VEHICLES = KindSpec(
    "vehicles",
    "vehicles",
    "车辆",
    (
        _f("plate", "Plate", "车牌号", _text(16), "号牌号码", "车牌", "车牌号码", "license plate"),
        _f("vin", "VIN", "车辆识别代号", _text(17), "车架号", "识别代号"),
        _f("make", "Make", "品牌", _text(100), "厂牌", "车辆品牌"),
        _f("model", "Model", "型号", _text(100), "车型"),
        _f("colour", "Colour", "颜色", _text(40), "车身颜色", "color"),
        _f("seized", "Seized", "是否扣押", v.parse_bool, "扣押"),
        _f("seized_on", "Seized on", "扣押日期", v.parse_date, "扣押时间"),
        _f("notes", "Notes", "备注", _text(4000), multiline=True),
    ),
)

SEIZURES = KindSpec(
    "seizures",
    "seizures",
    "毒品检材",
    (
        _f(
            "exhibit_no",
            "Exhibit no.",
            "检材编号",
            _text(64),
            "编号",
            "物证编号",
            "exhibit",
            required=True,
        ),
        _f("drug", "Drug", "毒品种类", v.parse_drug, "毒品名称", "种类", "品名", required=True),
        _f("form", "Form", "形态", v.vocab_parser(vocab.SEIZURE_FORMS, "form"), "物理形态"),
        _f(
            "package_count",
            "Packages",
            "包数",
            lambda t: v.parse_int(t, "package count"),
            "件数",
            "数量",
        ),
        _f("gross_mg", "Gross weight", "毛重", v.parse_weight_mg, "含包装重量", "gross"),
        _f("tare_mg", "Packaging", "包装重", v.parse_weight_mg, "皮重", "包装重量", "tare"),
        _f("net_mg", "Net weight", "净重", v.parse_weight_mg, "重量", "净含量", "net", "weight"),
        _f("scale_resolution_mg", "Scale resolution", "天平分度值", v.parse_weight_mg, "分度值"),
        _f("purity_bp", "Purity", "含量", v.parse_percent_bp, "纯度", "含量(%)"),
        _f("seized_at", "Seized at", "查获时间", v.parse_datetime, "缴获时间", "扣押时间", "时间"),
        _f(
            "lab_report_no",
            "Lab report no.",
            "鉴定书编号",
            _text(100),
            "鉴定文书号",
            "检验报告编号",
        ),
        _f("sent_for_test_on", "Sent for test", "送检日期", v.parse_date, "送检时间"),
        _f("status", "Status", "状态", v.vocab_parser(vocab.SEIZURE_STATUSES, "status")),
        _f("notes", "Notes", "备注", _text(4000), "特征", multiline=True),
    ),
)

ASSETS = KindSpec(
    "assets",
    "assets",
    "涉案财物",
    (
        _f(
            "kind",
            "Kind",
            "财物类别",
            v.vocab_parser(vocab.ASSET_KINDS, "asset kind"),
            "类别",
            "种类",
            required=True,
        ),
        _f(
            "amount_fen",
            "Amount",
            "金额",
            v.parse_money_fen,
            "价值",
            "数额",
            "amount (cny)",
            required=True,
        ),
        _f("action", "Action", "措施", v.vocab_parser(vocab.ASSET_ACTIONS, "action"), "处理措施"),
        _f("seized_on", "Date", "日期", v.parse_date, "扣押日期", "冻结日期", "seized on"),
        _f("account", "Account", "账号", _account, "卡号", "银行账号"),
        _f("bank", "Bank", "开户行", _text(200), "银行"),
        _f("document_no", "Document no.", "文书号", _text(100), "法律文书号"),
        _f(
            "description",
            "Description",
            "描述",
            _text(4000),
            "名称",
            "说明",
            "备注",
            multiline=True,
        ),
    ),
)

EVENTS = KindSpec(
    "events",
    "events",
    "事件",
    (
        _f(
            "occurred_at",
            "Time",
            "时间",
            event_time,
            "发生时间",
            "日期",
            "date",
            required=True,
        ),
        _f(
            "kind",
            "Kind",
            "事件类型",
            v.vocab_parser(vocab.EVENT_KINDS, "event kind"),
            "类型",
            required=True,
        ),
        _f("title", "Title", "标题", _text(400), "事件", "摘要", required=True),
        _f("description", "Description", "描述", _text(4000), "详情", "内容", multiline=True),
        _f("source", "Source", "来源", _text(4000), "出处"),
    ),
)

CALLS = KindSpec(
    "calls",
    "call records",
    "话单",
    (
        _f(
            "caller",
            "Caller",
            "主叫号码",
            v.parse_phone,
            "主叫",
            "本机号码",
            "calling number",
            "a",
            required=True,
        ),
        _f(
            "callee",
            "Callee",
            "被叫号码",
            v.parse_phone,
            "被叫",
            "对方号码",
            "called number",
            "b",
            required=True,
        ),
        _f(
            "started_at",
            "Start",
            "开始时间",
            v.parse_datetime,
            "通话时间",
            "起始时间",
            "通话开始时间",
            "start time",
            required=True,
        ),
        _f(
            "duration_s",
            "Duration",
            "通话时长",
            v.parse_duration_s,
            "时长",
            "时长(秒)",
            "duration (s)",
        ),
        _f(
            "direction", "Direction", "呼叫类型", _call_direction, "通话类型", "主被叫", "call type"
        ),
        _f("cell", "Cell", "基站", _text(64), "基站号", "小区号", "cell id", "lac/ci", "基站位置"),
        _f("imei", "IMEI", "IMEI", _imei, "串号", "设备号"),
    ),
)

BANK = KindSpec(
    "bank",
    "bank statements",
    "银行流水",
    (
        _f(
            "account",
            "Account",
            "账号",
            _account,
            "本方账号",
            "交易卡号",
            "卡号",
            "查询账号",
            required=True,
        ),
        _f("holder_name", "Holder", "户名", _text(100), "本方户名", "账户名称", "account name"),
        _f(
            "counterparty_account",
            "Counterparty account",
            "对方账号",
            _account,
            "对手账号",
            "对方卡号",
        ),
        _f(
            "counterparty_name",
            "Counterparty",
            "对方户名",
            _text(200),
            "对手户名",
            "对方名称",
            "counterparty name",
        ),
        _f(
            "at",
            "Time",
            "交易时间",
            v.parse_datetime,
            "交易日期",
            "记账日期",
            "date",
            required=True,
        ),
        _f("amount_fen", "Amount", "交易金额", _money_signed, "金额", "发生额", required=True),
        _f("direction", "Direction", "借贷标志", _money_direction, "收付标志", "借贷方向", "收支"),
        _f("channel", "Channel", "交易渠道", _text(64), "渠道", "交易方式", "摘要"),
        _f("memo", "Memo", "备注", _text(400), "附言", "用途", multiline=True),
    ),
)

FINDINGS = KindSpec(
    "findings",
    "drug-use findings",
    "吸毒人员查获记录",
    (
        _f(
            "id_number",
            "ID number",
            "身份证号",
            _text(40),
            "公民身份号码",
            "身份证号码",
            "证件号码",
            "身份证",
            required=True,
        ),
        _f("name", "Name", "姓名", _text(100), "吸毒人员", "人员姓名"),
        _f(
            "found_at",
            "Found at",
            "查获时间",
            v.parse_datetime,
            "查获日期",
            "检测时间",
            "时间",
            "日期",
            required=True,
        ),
        _f(
            "substance",
            "Substance",
            "毒品种类",
            v.parse_drug,
            "检出毒品",
            "吸食毒品种类",
            "毒品",
            required=True,
        ),
        _f(
            "result",
            "Result",
            "检测结果",
            v.vocab_parser(vocab.TEST_RESULTS, "test result"),
            "结果",
            required=True,
        ),
        _f("unit", "Unit", "查获单位", _text(200), "单位", "办案单位"),
        _f(
            "how_found",
            "How found",
            "查获方式",
            v.vocab_parser(vocab.HOW_FOUND, "way found"),
            "方式",
        ),
        _f(
            "test_method",
            "Test method",
            "检测方法",
            v.vocab_parser(vocab.TEST_METHODS, "test method"),
            "检测方式",
        ),
        _f("place", "Place", "查获地点", _text(400), "地点"),
        _f("report_no", "Report no.", "检测报告编号", _text(100), "报告编号", "检测编号"),
        _f("notes", "Notes", "备注", _text(4000), multiline=True),
    ),
    scope="registry",
)

KINDS: dict[str, KindSpec] = {
    k.key: k for k in (PERSONS, VEHICLES, SEIZURES, ASSETS, EVENTS, CALLS, BANK, FINDINGS)
}
