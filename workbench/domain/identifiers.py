"""Resident ID, VIN, plate and mobile number checks.

Identifiers are the join keys between cases, so a typo silently splits one person or one
car into two. Everything is normalised (NFKC for full-width input from Chinese IMEs,
separators removed, upper case) before it is checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from workbench.domain.errors import DomainError
from workbench.domain.regions import region_known

# ---------------------------------------------------------------------------------------
# Resident identity card number (GB 11643-1999)

PROVINCE_CODES: Mapping[str, str] = MappingProxyType(
    {
        "11": "北京",
        "12": "天津",
        "13": "河北",
        "14": "山西",
        "15": "内蒙古",
        "21": "辽宁",
        "22": "吉林",
        "23": "黑龙江",
        "31": "上海",
        "32": "江苏",
        "33": "浙江",
        "34": "安徽",
        "35": "福建",
        "36": "江西",
        "37": "山东",
        "41": "河南",
        "42": "湖北",
        "43": "湖南",
        "44": "广东",
        "45": "广西",
        "46": "海南",
        "50": "重庆",
        "51": "四川",
        "52": "贵州",
        "53": "云南",
        "54": "西藏",
        "61": "陕西",
        "62": "甘肃",
        "63": "青海",
        "64": "宁夏",
        "65": "新疆",
        "71": "台湾",
        "81": "香港",
        "82": "澳门",
    }
)
"""The 34 province-level regions of GB/T 2260."""

# Residence permits of Hong Kong, Macau and Taiwan residents (港澳台居民居住证, 2018) carry
# these region codes; 71 (Taiwan's own GB/T 2260 code) is never issued in an ID number.
PERMIT_REGIONS: Mapping[str, str] = MappingProxyType(
    {"810000": "香港", "820000": "澳门", "830000": "台湾"}
)
_NOT_ISSUED = frozenset({"71", "81", "82"})
# The 2023 foreigner's permanent-residence ID card (外国人永久居留身份证): 9, the
# province code of the issuing office, a 3-digit nationality code, then as GB 11643.
_FOREIGNER_PREFIX = "9"

ID_KINDS: tuple[str, ...] = ("resident", "residence_permit", "foreign_permanent_resident")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_DIGITS = frozenset("0123456789")  # str.isdigit() also accepts "²" and other scripts
_EARLIEST_BIRTH = date(1800, 1, 1)


def _normalise(text: str) -> str:
    """NFKC turns full-width digits and letters into ASCII; all whitespace goes."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def resident_id_check_char(first17: str) -> str:
    """The GB 11643-1999 check character for the first 17 digits."""
    if len(first17) != 17 or not set(first17) <= _DIGITS:
        raise DomainError(
            "resident_id.characters",
            f"the first 17 characters must be digits, got {first17!r}",
        )
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class ResidentId:
    """A checked resident ID with the facts it encodes."""

    number: str
    region: str
    birth_date: date
    sex: str  # "M" / "F": odd 17th digit = male
    kind: str = "resident"  # one of ID_KINDS
    region_known: bool | None = True  # in the GB/T 2260 table (None: no table to ask)

    @property
    def province_code(self) -> str:
        """Province of issue: of the region, or of the office for a foreigner's card."""
        return self.number[1:3] if self.kind == "foreign_permanent_resident" else self.region[:2]

    def age_on(self, day: date) -> int:
        """Completed years on ``day``; minors are handled differently in law."""
        had_birthday = (day.month, day.day) >= (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (0 if had_birthday else 1)


def parse_resident_id(text: str, *, today: date | None = None) -> ResidentId:
    """Normalise and fully check an 18-character resident ID number."""
    number = _normalise(text).upper()
    if len(number) != 18:
        raise DomainError(
            "resident_id.length", f"resident ID must be 18 characters, got {len(number)}"
        )
    first17, last = number[:17], number[17]
    bad = [ch for ch in first17 if ch not in _DIGITS]
    if bad or not (last in _DIGITS or last == "X"):
        shown = bad[0] if bad else last
        raise DomainError(
            "resident_id.characters",
            f"resident ID may hold only digits and a final X, found {shown!r}",
        )
    kind, known = _id_region(number)
    digits = number[6:14]
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise DomainError("resident_id.birth_date", f"{digits} is not a date") from None
    reference = today if today is not None else date.today()
    if born > reference:
        raise DomainError(
            "resident_id.birth_date_future",
            f"birth date {born.isoformat()} is in the future",
        )
    if born < _EARLIEST_BIRTH:
        raise DomainError(
            "resident_id.birth_date_early",
            f"birth date {born.isoformat()} is before 1800-01-01",
        )
    expected = resident_id_check_char(first17)
    if last != expected:
        raise DomainError(
            "resident_id.check_char", f"check character should be {expected}, not {last}"
        )
    sex = "M" if int(number[16]) % 2 else "F"
    return ResidentId(number, number[:6], born, sex, kind, known)


def _id_region(number: str) -> tuple[str, bool | None]:
    """The kind of ID number its first six digits make, and whether GB/T 2260 knows the
    region (a code the table lacks is a warning: the table may lag a new district)."""
    if number.startswith(_FOREIGNER_PREFIX):
        if number[1:3] not in PROVINCE_CODES or number[1:3] in _NOT_ISSUED:
            raise DomainError(
                "resident_id.foreigner_province",
                f"a foreigner's permanent-residence ID starts 9 and a mainland province code, "
                f"not {number[1:3]}",
            )
        return "foreign_permanent_resident", True
    if number[:2] in ("81", "82", "83"):
        if number[:6] not in PERMIT_REGIONS:
            raise DomainError(
                "resident_id.permit_region",
                f"a Hong Kong, Macau or Taiwan residence-permit number starts 810000, 820000 "
                f"or 830000, not {number[:6]}",
            )
        return "residence_permit", True
    if number[:2] not in PROVINCE_CODES or number[:2] in _NOT_ISSUED:
        raise DomainError(
            "resident_id.province",
            f"resident ID starts with {number[:2]}, which is not a province-level region code "
            "used in ID numbers",
        )
    return "resident", region_known(number[:6])


def check_person_identity(
    id_number: str, birth_date: date | None, sex: str | None, *, today: date | None = None
) -> list[DomainError]:
    """Every problem with a person's ID number and the values entered beside it.

    An unparseable ID is reported on its own: there is nothing to compare against.
    """
    try:
        resident = parse_resident_id(id_number, today=today)
    except DomainError as error:
        return [error]
    problems: list[DomainError] = []
    if birth_date is not None and birth_date != resident.birth_date:
        problems.append(
            DomainError(
                "person.birth_date_mismatch",
                f"birth date is entered as {birth_date.isoformat()} but the ID number says "
                f"{resident.birth_date.isoformat()}",
            )
        )
    if sex is not None and sex.strip() and sex.strip().upper() != resident.sex:
        problems.append(
            DomainError(
                "person.sex_mismatch",
                f"sex is entered as {sex.strip()} but the ID number says {resident.sex}",
            )
        )
    return problems


# ---------------------------------------------------------------------------------------
# Vehicle identification number (ISO 3779 / GB 16735)

_VIN_VALUES: Mapping[str, int] = MappingProxyType(
    {
        **{str(d): d for d in range(10)},
        **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
        **dict(zip("JKLMN", range(1, 6), strict=True)),
        "P": 7,
        "R": 9,
        **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
    }
)
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class Vin:
    """A well-formed VIN; ``check_ok`` False means the caller should warn, not refuse."""

    number: str
    check_ok: bool


def _vin_chars(vin: str, *, check_position: bool = True) -> None:
    if len(vin) != 17:
        raise DomainError("vin.length", f"VIN must be 17 characters, got {len(vin)}")
    for index, ch in enumerate(vin):
        if index == 8 and not check_position:
            continue
        if ch in "IOQ":
            raise DomainError("vin.letters", f"VIN never contains the letter {ch} (I, O, Q)")
        if ch not in _VIN_VALUES:
            raise DomainError(
                "vin.characters", f"VIN may hold only letters and digits, found {ch!r}"
            )


def vin_check_digit(vin17: str) -> str:
    """The check digit (position 9) a VIN should carry; position 9 itself has weight 0."""
    vin = vin17.upper()
    _vin_chars(vin, check_position=False)  # a placeholder there is fine: its weight is 0
    total = sum(
        _VIN_VALUES[ch] * weight
        for ch, weight in zip(vin, _VIN_WEIGHTS, strict=True)
        if weight  # position 9, the check digit itself
    )
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def parse_vin(text: str) -> Vin:
    """Normalise a VIN; malformed ones raise, a wrong check digit only sets ``check_ok``."""
    number = _normalise(text).upper()
    _vin_chars(number)
    return Vin(number=number, check_ok=vin_check_digit(number) == number[8])


# ---------------------------------------------------------------------------------------
# Licence plates (GA 36)

PLATE_PROVINCES: Mapping[str, str] = MappingProxyType(
    {
        "京": "11",
        "津": "12",
        "冀": "13",
        "晋": "14",
        "蒙": "15",
        "辽": "21",
        "吉": "22",
        "黑": "23",
        "沪": "31",
        "苏": "32",
        "浙": "33",
        "皖": "34",
        "闽": "35",
        "赣": "36",
        "鲁": "37",
        "豫": "41",
        "鄂": "42",
        "湘": "43",
        "粤": "44",
        "桂": "45",
        "琼": "46",
        "渝": "50",
        "川": "51",
        "贵": "52",
        "云": "53",
        "藏": "54",
        "陕": "61",
        "甘": "62",
        "青": "63",
        "宁": "64",
        "新": "65",
    }
)
"""Mainland province abbreviation -> the province code used in resident IDs."""

PLATE_OFFICES: Mapping[str, str] = MappingProxyType(
    {
        "豫A": "郑州",
        "豫B": "开封",
        "豫C": "洛阳",
        "豫D": "平顶山",
        "豫E": "安阳",
        "豫F": "鹤壁",
        "豫G": "新乡",
        "豫H": "焦作",
        "豫J": "濮阳",
        "豫K": "许昌",
        "豫L": "漯河",
        "豫M": "三门峡",
        "豫N": "商丘",
        "豫P": "周口",
        "豫Q": "驻马店",
        "豫R": "南阳",
        "豫S": "信阳",
        "豫U": "济源",
    }
)
"""Issuing-office code -> city, for the offices the workbench is sure of."""

_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # A-Z without I and O
_PLATE_SEPARATORS = str.maketrans("", "", "·•‧・.-‐‑–—_")
_ALNUM = f"[{_PLATE_LETTERS}0-9]"
# Energy letters of new-energy plates: D and F first, A B C E (electric) and G H J K
# (hybrid) allocated since. [check]: the allocation is read from news reports of GA 36.
_ENERGY = "ABCDEFGHJK"
_ORDINARY = re.compile(f"{_ALNUM}{{5}}")
_NEW_ENERGY_SMALL = re.compile(f"[{_ENERGY}]{_ALNUM}[0-9]{{4}}")
_NEW_ENERGY_LARGE = re.compile(f"[0-9]{{5}}[{_ENERGY}]")
# Four letters/digits and a character saying what kind of vehicle it is.
_SUFFIXES: Mapping[str, str] = MappingProxyType(
    {
        "警": "police",
        "学": "coach",
        "挂": "trailer",
        "港": "hong_kong",
        "澳": "macau",
        "领": "consulate",
        "应急": "emergency",
    }
)
_SUFFIXED = re.compile(f"({_ALNUM}{{4}})(警|学|挂|港|澳|领|应急)")
_EMBASSY = re.compile("使[0-9]{6}")
_ARMED_POLICE = re.compile(f"WJ([{''.join(PLATE_PROVINCES)}]?)([0-9]{{4}}{_ALNUM})")
_MILITARY = re.compile(f"[{_PLATE_LETTERS}]{{2}}[0-9]{{5}}")
# Looks like a plate, but not a form we know: shown with a warning, never refused.
_PLAUSIBLE = re.compile(f"{_ALNUM}{{5,6}}|{_ALNUM}{{4}}[\u4e00-\u9fff]{{1,2}}")

PLATE_KINDS: tuple[str, ...] = (
    "ordinary",
    "new_energy",
    *_SUFFIXES.values(),
    "embassy",
    "armed_police",
    "military",
    "unrecognised",
)


@dataclass(frozen=True)
class Plate:
    """A checked plate; ``office`` is the issuing-office letter, e.g. "D" of 豫D.

    ``kind`` is one of ``PLATE_KINDS``; "unrecognised" is a plate that looks plausible
    but matches no form we know: the caller warns, it does not refuse. Embassy, armed-
    police and military plates have no province office (``province``/``office`` "")."""

    number: str
    province: str
    office: str
    kind: str = "ordinary"

    @property
    def new_energy(self) -> bool:
        return self.kind == "new_energy"

    @property
    def recognised(self) -> bool:
        return self.kind != "unrecognised"

    @property
    def office_code(self) -> str:
        return self.province + self.office

    @property
    def office_city(self) -> str | None:
        return PLATE_OFFICES.get(self.office_code)


def _national_plate(number: str) -> Plate | None:
    """Plates without a province office: embassy, armed police (WJ), military."""
    if _EMBASSY.fullmatch(number):
        return Plate(number, "", "", "embassy")
    armed = _ARMED_POLICE.fullmatch(number)
    if armed:
        return Plate(number, armed.group(1), "", "armed_police")
    if _MILITARY.fullmatch(number):
        return Plate(number, "", "", "military")
    return None


def _serial_kind(rest: str) -> str | None:
    """The kind of plate the part after the office letter makes, None if malformed."""
    if _ORDINARY.fullmatch(rest):
        return "ordinary"
    if _NEW_ENERGY_SMALL.fullmatch(rest) or _NEW_ENERGY_LARGE.fullmatch(rest):
        return "new_energy"
    suffixed = _SUFFIXED.fullmatch(rest)
    if suffixed:
        return _SUFFIXES[suffixed.group(2)]
    if _PLAUSIBLE.fullmatch(rest):
        return "unrecognised"
    return None


def parse_plate(text: str) -> Plate:
    """Normalise "豫D·12345" / "豫d 12345" to "豫D12345" and check its format.

    Every real form is accepted (ordinary, new-energy, 警 学 挂 港 澳 领 应急, 使, WJ,
    military); one that looks like a plate but is none of them comes back with kind
    "unrecognised" (a warning); wrong length, I/O or no such province are refused."""
    number = _normalise(text).translate(_PLATE_SEPARATORS).upper()
    if not number:
        raise DomainError("plate.format", "plate number is empty")
    national = _national_plate(number)
    if national is not None:
        return national
    province = number[0]
    if province not in PLATE_PROVINCES:
        raise DomainError(
            "plate.province", f"plate must start with a province abbreviation, not {province!r}"
        )
    office = number[1:2]
    if not office or office not in _PLATE_LETTERS:
        raise DomainError(
            "plate.office",
            f"the issuing-office letter must be A-Z except I and O, not {office or 'nothing'!r}",
        )
    rest = number[2:]
    bad = next((ch for ch in rest if ch in "IO"), None)
    if bad is not None:
        raise DomainError("plate.letters", f"plates never use the letter {bad} (I and O)")
    kind = _serial_kind(rest)
    if kind is None:
        raise DomainError(
            "plate.format",
            f"{rest!r} after {province}{office} is not a plate serial: 5 letters or digits, "
            "6 for new-energy plates, or 4 and a suffix such as 警 or 挂",
        )
    return Plate(number=number, province=province, office=office, kind=kind)


# ---------------------------------------------------------------------------------------
# Mobile numbers

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_COUNTRY_PREFIXES = ("(+86)", "(86)", "+86", "0086", "86", "0")


def parse_mobile(text: str) -> str:
    """Normalise a mainland mobile number to its 11 digits: (+86), +86, 0086, 86 or a
    leading 0 before them, spaces and hyphens go."""
    number = _normalise(text).replace("-", "")
    for prefix in _COUNTRY_PREFIXES:
        rest = number.removeprefix(prefix)
        if rest != number and len(rest) == 11 and rest.isascii() and rest.isdigit():
            number = rest
            break
    if not _MOBILE.fullmatch(number):
        raise DomainError(
            "mobile.format",
            f"{text.strip()!r} is not a mainland mobile number (11 digits starting 13-19)",
        )
    return number
