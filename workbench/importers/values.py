"""Cell parsers for the formats task forces receive: Chinese dates, units, 万元, full-width.

Each parser takes the cell text and returns a typed value in model units (mg, fen, aware
datetimes) or raises :class:`CellError` (a ``ValueError``) whose English message can be
shown beside the cell and whose code and values let a window say it in Chinese.
Numbers go through ``Decimal`` only: a float never touches a weight or an amount.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from workbench.domain import vocab
from workbench.domain.errors import DomainError
from workbench.domain.quantities import grams_to_mg, percent_to_bp, yuan_to_fen


class CellError(ValueError):
    """A cell that cannot be read: ``code`` ("cell.date" …) and ``params`` (the text as
    found and what the reason needs) beside the English message."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


DEFAULT_ZONE = "Asia/Shanghai"
EARLIEST = date(1950, 1, 1)
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (after its 1900 leap-year bug)


def clean(text: object) -> str:
    """Cell text with full-width digits, letters and punctuation folded (NFKC), trimmed."""
    if text is None:
        return ""
    value = str(text)
    if not value.isascii():
        value = unicodedata.normalize("NFKC", value)
    return value.strip()


def _number(text: str, noun: str) -> Decimal:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError("cell.number", f"{noun} {text!r} is not a number", value=text) from None
    if not number.is_finite():
        raise CellError("cell.number", f"{noun} {text!r} is not a number", value=text)
    return number


# -- dates and times -------------------------------------------------------------------

_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?:[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<m8>\d{2})(?P<d8>\d{2}))"
)
_TIME = re.compile(
    r"(?P<h>\d{1,2})\s*[:时點点]\s*(?P<mi>\d{1,2})\s*(?:分\s*|:)?(?:(?P<s>\d{1,2})\s*秒?)?"
    r"(?:\.(?P<f>\d{1,6}))?|(?P<h6>\d{2})(?P<mi6>\d{2})(?P<s6>\d{2})|(?P<h1>\d{1,2})\s*[时点]"
)
_SERIAL = re.compile(r"\d{1,5}(\.\d+)?")


def parse_datetime_parts(text: str) -> tuple[date, time | None]:
    """A date and maybe a time of day from any of the accepted spellings."""
    value = clean(text)
    if not value:
        raise CellError("field.required", "is empty")
    if _SERIAL.fullmatch(value) and len(value.split(".")[0]) <= 5:
        serial = _number(value, "Excel date")
        days = int(serial)
        if days < 1:
            raise CellError("cell.date", f"{value!r} is not a date", value=value)
        seconds = round((serial - days) * 86400)
        moment = datetime.combine(_EXCEL_EPOCH, time()) + timedelta(days=days, seconds=seconds)
        return moment.date(), (moment.time() if seconds else None)
    m = _DATE.match(value)
    if m is None:
        raise CellError(
            "cell.date",
            f"{value!r} is not a date (expected e.g. 2019-03-28 or 2019年3月28日)",
            value=value,
        )
    month, day = (m["m"], m["d"]) if m["m"] else (m["m8"], m["d8"])
    try:
        found = date(int(m["y"]), int(month), int(day))
    except ValueError:
        raise CellError(
            "cell.calendar_date", f"{value!r} is not a real calendar date", value=value
        ) from None
    rest = value[m.end() :].strip().lstrip("T").strip()
    if not rest:
        return found, None
    t = _TIME.fullmatch(rest)
    if t is None:
        raise CellError("cell.time", f"{value!r}: cannot read the time {rest!r}", value=rest)
    if t["h"]:
        h, mi, s = t["h"], t["mi"], t["s"]
    elif t["h6"]:
        h, mi, s = t["h6"], t["mi6"], t["s6"]
    else:
        h, mi, s = t["h1"], "0", "0"
    micros = int((t["f"] or "0").ljust(6, "0")) if t["h"] else 0
    try:
        return found, time(int(h), int(mi), int(s or 0), micros)
    except ValueError:
        raise CellError(
            "cell.time", f"{value!r}: {rest!r} is not a time of day", value=rest
        ) from None


def _in_range(found: date, today: date | None, earliest: date = EARLIEST) -> None:
    latest = (today or date.today()) + timedelta(days=1)
    if not earliest <= found <= latest:
        raise CellError(
            "cell.date_range",
            f"date {found.isoformat()} is out of range ({earliest} … {latest})",
            value=found.isoformat(),
            earliest=earliest.isoformat(),
            latest=latest.isoformat(),
        )


def parse_date(text: str, *, today: date | None = None, earliest: date = EARLIEST) -> date:
    found, _ = parse_datetime_parts(text)
    _in_range(found, today, earliest)
    return found


def parse_datetime(text: str, zone: str = DEFAULT_ZONE, *, today: date | None = None) -> datetime:
    """An aware UTC datetime; a cell without a time means midnight local time."""
    found, at = parse_datetime_parts(text)
    _in_range(found, today)
    local = datetime.combine(found, at or time(), tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC)


# -- quantities ------------------------------------------------------------------------

_WEIGHT_UNITS = {
    "mg": Decimal("0.001"),
    "毫克": Decimal("0.001"),
    "g": Decimal(1),
    "克": Decimal(1),
    "kg": Decimal(1000),
    "千克": Decimal(1000),
    "公斤": Decimal(1000),
}
_WEIGHT = re.compile(r"(?P<n>[-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+)\s*(?P<u>[a-zA-Z克毫千公斤]*)")


def parse_weight_mg(text: str, default_unit: str = "g") -> int:
    """``12.5g``, ``1.2 千克``, ``3公斤``, ``500`` (in ``default_unit``) → milligrams."""
    value = clean(text)
    m = _WEIGHT.fullmatch(value)
    if m is None:
        raise CellError(
            "cell.weight",
            f"{value!r} is not a weight (expected e.g. 12.5g or 1.2千克)",
            value=value,
        )
    unit = (m["u"] or default_unit).lower()
    factor = _WEIGHT_UNITS.get(unit)
    if factor is None:
        raise CellError(
            "cell.weight_unit", f"unknown weight unit {m['u']!r} in {value!r}", value=m["u"]
        )
    grams = _number(m["n"].replace(",", ""), "weight") * factor
    if grams < 0:
        raise CellError("weight.negative", f"negative weight {value!r}", value=value)
    try:
        return grams_to_mg(grams)
    except DomainError as exc:
        raise CellError(exc.code, exc.message, value=value) from None


_MONEY_NOISE = str.maketrans("", "", ",¥$ \u00a0")


def parse_money_fen(text: str, *, allow_negative: bool = False) -> int:
    """``¥1,234.50``, ``2.5万元``, ``300元``, ``RMB 12`` → fen (exact)."""
    value = clean(text)
    number_text = value.upper().replace("RMB", "").replace("CNY", "").translate(_MONEY_NOISE)
    factor = Decimal(1)
    if number_text.endswith("元"):
        number_text = number_text[:-1]
    if number_text.endswith("万"):
        number_text, factor = number_text[:-1], Decimal(10000)
    if not number_text:
        raise CellError("cell.money", f"{value!r} is not an amount of money", value=value)
    amount = _number(number_text, "amount") * factor
    if amount < 0 and not allow_negative:
        raise CellError("money.negative", f"negative amount {value!r}", value=value)
    try:
        fen = yuan_to_fen(abs(amount))
    except DomainError as exc:
        raise CellError(exc.code, exc.message, value=value) from None
    return -fen if amount < 0 else fen


def parse_int(text: str, noun: str = "number") -> int:
    value = clean(text).replace(",", "")
    if not re.fullmatch(r"[-+]?\d+", value):
        raise CellError("number.whole", f"{noun} {value!r} is not a whole number", value=value)
    return int(value)


def parse_percent_bp(text: str) -> int:
    value = clean(text).rstrip("%").strip()
    try:
        return percent_to_bp(value)
    except DomainError as exc:
        raise CellError(exc.code, exc.message, value=value) from None


_DURATION_HMS = re.compile(r"(\d+):(\d{1,2}):(\d{1,2})")
_DURATION_ZH = re.compile(r"(?:(\d+)\s*(?:小时|时))?\s*(?:(\d+)\s*分(?:钟)?)?\s*(?:(\d+)\s*秒)?")


def parse_duration_s(text: str) -> int:
    """``125``, ``125秒``, ``00:02:05``, ``2分5秒`` → seconds."""
    value = clean(text)
    if value.isdigit():
        return int(value)
    m = _DURATION_HMS.fullmatch(value)
    if m:
        return int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3])
    z = _DURATION_ZH.fullmatch(value)
    if value and z and any(z.groups()):
        h, mi, s = (int(g or 0) for g in z.groups())
        return h * 3600 + mi * 60 + s
    raise CellError(
        "cell.duration",
        f"{value!r} is not a call duration (seconds, 00:02:05 or 2分5秒)",
        value=value,
    )


# -- numbers and vocabularies ----------------------------------------------------------

_PHONE_NOISE = str.maketrans("", "", " -()\u00a0")


def parse_phone(text: str) -> str:
    """Digits of a telephone number, +86/0086 stripped; landlines and short numbers kept."""
    value = clean(text).translate(_PHONE_NOISE)
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    if value.startswith("86") and len(value) == 13:
        value = value[2:]
    if not value.isascii() or not value.isdigit() or not 3 <= len(value) <= 20:
        raise CellError(
            "cell.phone", f"{clean(text)!r} is not a telephone number", value=clean(text)
        )
    return value


CALL_DIRECTIONS = {
    "out": "out",
    "o": "out",
    "mo": "out",
    "outgoing": "out",
    "主叫": "out",
    "呼出": "out",
    "拨出": "out",
    "in": "in",
    "i": "in",
    "mt": "in",
    "incoming": "in",
    "被叫": "in",
    "呼入": "in",
    "接听": "in",
    "来电": "in",
}
MONEY_DIRECTIONS = {
    "out": "out",
    "debit": "out",
    "dr": "out",
    "d": "out",
    "借": "out",
    "支出": "out",
    "转出": "out",
    "付": "out",
    "出": "out",
    "in": "in",
    "credit": "in",
    "cr": "in",
    "c": "in",
    "贷": "in",
    "收入": "in",
    "转入": "in",
    "收": "in",
    "进": "in",
}


def parse_choice(text: str, choices: dict[str, str], noun: str) -> str:
    value = clean(text).lower()
    found = choices.get(value)
    if found is None:
        raise CellError("cell.choice", f"unknown {noun} {clean(text)!r}", value=clean(text))
    return found


# Street names and lab shorthand for the controlled drug vocabulary.
_DRUG_NAMES = {
    "冰毒": "methamphetamine",
    "甲基苯丙胺": "methamphetamine",
    "麻古": "methamphetamine",
    "k粉": "ketamine",
    "摇头丸": "mdma",
    "白粉": "heroin",
    "大麻": "cannabis_leaf",
    "杜冷丁": "pethidine",
    "度冷丁": "pethidine",
    "甲喹酮": "methaqualone",
    "安定": "diazepam",
    "舒乐安定": "estazolam",
    "利眠宁": "chlordiazepoxide",
    "海乐神": "triazolam",
    "罂粟壳": "poppy_husk",
    "恰特": "khat",
    "巧茶": "khat",
    "苯甲酸钠咖啡因": "caffeine_sodium_benzoate",
}


def _vocab_lookup(labels: vocab.Labels) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, (zh, en) in labels.items():
        table[key.lower()] = key
        table[en.lower()] = key
        table[zh.lower()] = key
        table[re.sub(r"[((].*?[))]", "", zh).lower()] = key
    return table


_DRUGS = {**_vocab_lookup(vocab.SUBSTANCES), **_DRUG_NAMES}


def parse_drug(text: str) -> str:
    value = clean(text).lower()
    found = _DRUGS.get(value)
    if found is None:
        raise CellError("cell.drug", f"unknown drug {clean(text)!r}", value=clean(text))
    return found


def vocab_parser(labels: vocab.Labels, noun: str) -> Callable[[str], str]:
    table = _vocab_lookup(labels)

    def parse(text: str) -> str:
        found = table.get(clean(text).lower())
        if found is None:
            raise CellError("cell.choice", f"unknown {noun} {clean(text)!r}", value=clean(text))
        return found

    return parse


_TRUE = {"1", "y", "yes", "true", "是", "√", "✓", "有"}
_FALSE = {"0", "n", "no", "false", "否", "×", "无", ""}


def parse_bool(text: str) -> bool:
    value = clean(text).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError("cell.yes_no", f"{clean(text)!r} is not yes/no (是/否)", value=clean(text))


def parse_sex(text: str) -> str:
    value = clean(text).lower()
    if value in ("男", "m", "male"):
        return "M"
    if value in ("女", "f", "female"):
        return "F"
    raise CellError("cell.sex", f"{clean(text)!r} is not a sex (男/女)", value=clean(text))


def split_list(text: str) -> list[str]:
    """``a、b;c`` → [a, b, c]: phone and alias lists in one cell."""
    return [p.strip() for p in re.split(r"[,;、;,/\n]+", clean(text)) if p.strip()]
