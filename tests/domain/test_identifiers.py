from __future__ import annotations

from datetime import date

import pytest

from workbench.domain.errors import DomainError
from workbench.domain.identifiers import (
    PERMIT_REGIONS,
    PLATE_OFFICES,
    PLATE_PROVINCES,
    PROVINCE_CODES,
    Plate,
    ResidentId,
    Vin,
    check_person_identity,
    parse_mobile,
    parse_plate,
    parse_resident_id,
    parse_vin,
    resident_id_check_char,
    vin_check_digit,
)
from workbench.domain.regions import region_name

TODAY = date(2025, 6, 1)
VALID_IDS = ("11010519491231002X", "440524188001010014")


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _with_check(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def _id_error(text: str, today: date = TODAY) -> DomainError:
    with pytest.raises(DomainError) as excinfo:
        parse_resident_id(text, today=today)
    return excinfo.value


# -- resident ID --------------------------------------------------------------------


def test_check_char_of_the_examples() -> None:
    assert resident_id_check_char("11010519491231002") == "X"
    assert resident_id_check_char("44052418800101001") == "4"


def test_check_char_needs_17_digits() -> None:
    for bad in ("1101051949123100", "1101051949123100A", "110105194912310021"):
        with pytest.raises(DomainError) as excinfo:
            resident_id_check_char(bad)
        assert excinfo.value.code == "resident_id.characters"


def test_parses_the_examples() -> None:
    assert parse_resident_id(VALID_IDS[0], today=TODAY) == ResidentId(
        number="11010519491231002X", region="110105", birth_date=date(1949, 12, 31), sex="F"
    )
    assert parse_resident_id(VALID_IDS[1], today=TODAY) == ResidentId(
        number="440524188001010014", region="440524", birth_date=date(1880, 1, 1), sex="M"
    )


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002x",
        " 110105 19491231 002X ",
        _full_width("11010519491231002X"),
        _full_width("11010519491231002x"),
        "１１０１０５１９４９１２３１００２Ｘ\u3000",
    ],
)
def test_normalises_case_spaces_and_full_width(text: str) -> None:
    assert parse_resident_id(text, today=TODAY).number == "11010519491231002X"


def test_sex_from_17th_digit() -> None:
    male = _with_check("11010519900101001")
    female = _with_check("11010519900101002")
    assert parse_resident_id(male, today=TODAY).sex == "M"
    assert parse_resident_id(female, today=TODAY).sex == "F"


@pytest.mark.parametrize(
    ("text", "got"), [("11010519491231002", 17), ("", 0), ("11010519491231002X1", 19)]
)
def test_length(text: str, got: int) -> None:
    error = _id_error(text)
    assert error.code == "resident_id.length"
    assert error.message == f"resident ID must be 18 characters, got {got}"


@pytest.mark.parametrize("text", ["1101051949123100XX", "11010519491231A02X", "11010519491231002Y"])
def test_characters(text: str) -> None:
    assert _id_error(text).code == "resident_id.characters"


@pytest.mark.parametrize(
    "prefix", ["00", "10", "16", "20", "24", "30", "38", "47", "55", "66", "72", "71", "80", "84"]
)
def test_province_prefix_must_exist(prefix: str) -> None:
    error = _id_error(_with_check(prefix + "010519900101001"))
    assert error.code == "resident_id.province"
    assert prefix in error.message


@pytest.mark.parametrize("prefix", sorted(set(PROVINCE_CODES) - {"71", "81", "82"}))
def test_every_mainland_province_prefix_accepted(prefix: str) -> None:
    parsed = parse_resident_id(_with_check(prefix + "010519900101001"), today=TODAY)
    assert parsed.region[:2] == prefix
    assert parsed.kind == "resident"


def test_taiwan_code_71_is_never_issued() -> None:
    error = _id_error(_with_check("71000019900101001"))
    assert error.code == "resident_id.province"


@pytest.mark.parametrize(
    ("region", "place"), [("810000", "香港"), ("820000", "澳门"), ("830000", "台湾")]
)
def test_hong_kong_macau_taiwan_residence_permits(region: str, place: str) -> None:
    number = _with_check(region + "19900101003")
    parsed = parse_resident_id(number, today=TODAY)
    assert parsed.kind == "residence_permit"
    assert parsed.region == region and PERMIT_REGIONS[region] == place
    assert parsed.birth_date == date(1990, 1, 1) and parsed.sex == "M"
    assert parsed.region_known


@pytest.mark.parametrize("region", ["810100", "820001", "831000", "710000"])
def test_permit_regions_are_exact(region: str) -> None:
    error = _id_error(_with_check(region + "19900101003"))
    assert error.code in ("resident_id.permit_region", "resident_id.province")


def test_foreigner_permanent_residence_id_2023() -> None:
    # 9, Beijing's office (11), nationality 840, born 1990-01-02, sequence 002 (female)
    number = _with_check("91184019900102002")
    parsed = parse_resident_id(number, today=TODAY)
    assert parsed.kind == "foreign_permanent_resident"
    assert parsed.birth_date == date(1990, 1, 2) and parsed.sex == "F"
    assert parsed.province_code == "11"
    assert _id_error(_with_check("97184019900102002")).code == "resident_id.foreigner_province"
    assert _id_error(_with_check("90084019900102002")).code == "resident_id.foreigner_province"
    assert _id_error(number[:-1] + ("0" if number[-1] != "0" else "1")).code == (
        "resident_id.check_char"
    )


def test_region_below_province_level_from_gb_t_2260() -> None:
    assert parse_resident_id(_with_check("41041119900101001"), today=TODAY).region_known
    assert region_name("410411") == "湛河区"
    assert region_name("410402") == "新华区"
    # 河南 has no county 99: kept (the table may lag a new district) but flagged
    unknown = parse_resident_id(_with_check("41049919900101001"), today=TODAY)
    assert unknown.region_known is False
    # a code of a county since merged away still identifies a person
    assert parse_resident_id(_with_check("11010319500101001"), today=TODAY).region_known


def test_province_codes_are_the_34_province_level_regions() -> None:
    expected = {
        *map(str, range(11, 16)), "21", "22", "23", *map(str, range(31, 38)),
        *map(str, range(41, 47)), *map(str, range(50, 55)), *map(str, range(61, 66)),
        "71", "81", "82",
    }  # fmt: skip
    assert set(PROVINCE_CODES) == expected


@pytest.mark.parametrize("birth", ["19990230", "19990229", "19991301", "19990000", "20230431"])
def test_impossible_birth_date(birth: str) -> None:
    error = _id_error(_with_check("110105" + birth + "001"))
    assert error.code == "resident_id.birth_date"
    assert error.message == f"{birth} is not a date"


def test_leap_day_birth_date_accepted() -> None:
    assert parse_resident_id(_with_check("11010520000229001"), today=TODAY).birth_date == date(
        2000, 2, 29
    )


def test_future_birth_date() -> None:
    error = _id_error(_with_check("11010520250602001"))
    assert error.code == "resident_id.birth_date_future"
    assert "2025-06-02" in error.message
    # Born today is possible (newborns get numbers).
    assert parse_resident_id(_with_check("11010520250601001"), today=TODAY).birth_date == TODAY


def test_future_relative_to_real_today_by_default() -> None:
    with pytest.raises(DomainError) as excinfo:
        parse_resident_id(_with_check("11010599991231001"))
    assert excinfo.value.code == "resident_id.birth_date_future"


def test_birth_before_1800() -> None:
    assert _id_error(_with_check("11010517991231001")).code == "resident_id.birth_date_early"
    assert parse_resident_id(_with_check("11010518000101001"), today=TODAY).birth_date == date(
        1800, 1, 1
    )


def test_wrong_check_char() -> None:
    error = _id_error("110105194912310027")
    assert error.code == "resident_id.check_char"
    assert error.message == "check character should be X, not 7"
    error = _id_error("44052418800101001X")
    assert error.message == "check character should be 4, not X"


def test_every_single_digit_typo_is_caught() -> None:
    number = VALID_IDS[1]
    for i in range(6, 17):  # region digits may fail earlier with another code
        for digit in "0123456789":
            if digit == number[i]:
                continue
            typo = number[:i] + digit + number[i + 1 :]
            with pytest.raises(DomainError):
                parse_resident_id(typo, today=TODAY)


def test_age_on() -> None:
    rid = parse_resident_id(_with_check("11010520070615001"), today=TODAY)
    assert rid.age_on(date(2025, 6, 14)) == 17
    assert rid.age_on(date(2025, 6, 15)) == 18
    assert rid.province_code == "11"


def test_person_identity_agrees() -> None:
    assert check_person_identity(VALID_IDS[0], date(1949, 12, 31), "F") == []
    assert check_person_identity(VALID_IDS[0], None, None) == []
    assert check_person_identity(VALID_IDS[0], None, " f ") == []
    assert check_person_identity(VALID_IDS[1], date(1880, 1, 1), "") == []


def test_person_identity_mismatches() -> None:
    problems = check_person_identity(VALID_IDS[0], date(1949, 12, 30), "M")
    assert [p.code for p in problems] == ["person.birth_date_mismatch", "person.sex_mismatch"]
    assert "1949-12-30" in problems[0].message and "1949-12-31" in problems[0].message
    assert problems[1].message == "sex is entered as M but the ID number says F"


def test_person_identity_with_bad_number_reports_only_that() -> None:
    problems = check_person_identity("110105194912310027", date(2000, 1, 1), "M")
    assert [p.code for p in problems] == ["resident_id.check_char"]


def test_person_identity_uses_given_today() -> None:
    number = _with_check("11010520250602001")
    assert check_person_identity(number, None, None, today=date(2025, 6, 2)) == []
    problems = check_person_identity(number, None, None, today=TODAY)
    assert [p.code for p in problems] == ["resident_id.birth_date_future"]


# -- VIN ------------------------------------------------------------------------------


def test_vin_example() -> None:
    assert vin_check_digit("LATPAB071W1005301") == "1"
    assert parse_vin("LATPAB071W1005301") == Vin("LATPAB071W1005301", check_ok=True)


def test_vin_check_digit_x() -> None:
    assert vin_check_digit("1M8GDM9AXKP042788") == "X"
    assert parse_vin("1m8gdm9axkp042788").check_ok


def test_vin_check_digit_ignores_position_nine() -> None:
    assert vin_check_digit("LATPAB07?W1005301") == "1"
    assert vin_check_digit("latpab070w1005301") == "1"


def test_vin_normalised() -> None:
    assert parse_vin(" latpab071w 1005301 ").number == "LATPAB071W1005301"
    assert parse_vin(_full_width("LATPAB071W1005301")).number == "LATPAB071W1005301"


@pytest.mark.parametrize("ninth", ["0", "2", "9", "X", "A"])
def test_wrong_vin_check_digit_is_only_a_flag(ninth: str) -> None:
    vin = parse_vin("LATPAB07" + ninth + "W1005301")
    assert vin == Vin("LATPAB07" + ninth + "W1005301", check_ok=False)


@pytest.mark.parametrize("letter", ["I", "O", "Q", "i", "o", "q"])
def test_vin_letters_i_o_q_rejected(letter: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        parse_vin("LATPAB071W" + letter + "005301")
    assert excinfo.value.code == "vin.letters"
    assert letter.upper() in excinfo.value.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("LATPAB071W100530", "vin.length"),
        ("LATPAB071W10053011", "vin.length"),
        ("", "vin.length"),
        ("LATPAB071W-005301", "vin.characters"),
        ("LATPAB07?W1005301", "vin.characters"),
    ],
)
def test_malformed_vin(text: str, code: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        parse_vin(text)
    assert excinfo.value.code == code


# -- plates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("豫D12345", Plate("豫D12345", "豫", "D")),
        ("豫AB1234", Plate("豫AB1234", "豫", "A")),
        ("豫A1234Z", Plate("豫A1234Z", "豫", "A")),
        ("豫DD12345", Plate("豫DD12345", "豫", "D", "new_energy")),
        ("豫AF12345", Plate("豫AF12345", "豫", "A", "new_energy")),
        ("豫ADA1234", Plate("豫ADA1234", "豫", "A", "new_energy")),
        ("豫D12345F", Plate("豫D12345F", "豫", "D", "new_energy")),
        ("京A12345D", Plate("京A12345D", "京", "A", "new_energy")),
        ("粤Z12345", Plate("粤Z12345", "粤", "Z")),
        # Issue 12: the further energy letters allocated after D and F
        ("豫DA12345", Plate("豫DA12345", "豫", "D", "new_energy")),
        ("沪AG12345", Plate("沪AG12345", "沪", "A", "new_energy")),
        ("苏E12345K", Plate("苏E12345K", "苏", "E", "new_energy")),
        # Issue 12: the real suffixed, national and military forms
        ("豫D1234警", Plate("豫D1234警", "豫", "D", "police")),
        ("豫D·A123警", Plate("豫DA123警", "豫", "D", "police")),
        ("豫D1234学", Plate("豫D1234学", "豫", "D", "coach")),
        ("豫D1234挂", Plate("豫D1234挂", "豫", "D", "trailer")),
        ("粤Z·1234港", Plate("粤Z1234港", "粤", "Z", "hong_kong")),
        ("粤Z1234澳", Plate("粤Z1234澳", "粤", "Z", "macau")),
        ("沪A0001领", Plate("沪A0001领", "沪", "A", "consulate")),
        ("川A1234应急", Plate("川A1234应急", "川", "A", "emergency")),
        ("使014001", Plate("使014001", "", "", "embassy")),
        ("WJ豫1234X", Plate("WJ豫1234X", "豫", "", "armed_police")),
        ("WJ·12345", Plate("WJ12345", "", "", "armed_police")),
        ("VA12345", Plate("VA12345", "", "", "military")),
        ("KB·23456", Plate("KB23456", "", "", "military")),
    ],
)
def test_valid_plates(text: str, plate: Plate) -> None:
    parsed = parse_plate(text)
    assert parsed == plate
    assert parsed.recognised
    assert parsed.new_energy == (plate.kind == "new_energy")


@pytest.mark.parametrize(
    "text",
    [
        "豫DL12345",  # L is not an allocated energy letter
        "豫D1234AD",
        "豫DD1234A",
        "豫D123456",
        "豫D1234临",  # a temporary-looking suffix the workbench does not know
    ],
)
def test_plausible_but_unrecognised_plates_are_kept(text: str) -> None:
    plate = parse_plate(text)
    assert plate.kind == "unrecognised"
    assert not plate.recognised
    assert plate.number == text


@pytest.mark.parametrize(
    "text", ["豫D·12345", "豫d12345", "豫 D 12345", "豫D-12345", "豫Ｄ１２３４５", " 豫D・12345 "]
)
def test_plate_normalised(text: str) -> None:
    assert parse_plate(text).number == "豫D12345"


def test_plate_office_city() -> None:
    plate = parse_plate("豫D12345")
    assert plate.office_code == "豫D"
    assert plate.office_city == "平顶山"
    assert parse_plate("京A12345").office_city is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("豫DI2345", "plate.letters"),
        ("豫DO2345", "plate.letters"),
        ("豫D1234I警", "plate.letters"),
        ("豫D1234", "plate.format"),  # too short
        ("豫D1234567", "plate.format"),  # too long
        ("豫DDA1234B", "plate.format"),
        ("豫D123警", "plate.format"),
        ("豫D12#45", "plate.format"),
        ("使12345", "plate.province"),
        ("WJ1234", "plate.province"),
        ("V12345", "plate.province"),
        ("", "plate.format"),
        ("  ·", "plate.format"),
        ("豫I12345", "plate.office"),
        ("豫O12345", "plate.office"),
        ("豫112345", "plate.office"),
        ("豫", "plate.office"),
        ("港A12345", "plate.province"),
        ("D12345", "plate.province"),
    ],
)
def test_bad_plates(text: str, code: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        parse_plate(text)
    assert excinfo.value.code == code


def test_plate_provinces_are_the_31_mainland_ones() -> None:
    assert set(PLATE_PROVINCES) == set(
        "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
    )
    assert set(PLATE_PROVINCES.values()) <= set(PROVINCE_CODES)
    assert len(set(PLATE_PROVINCES.values())) == 31
    assert PLATE_PROVINCES["豫"] == "41"


def test_plate_offices() -> None:
    for code, city in {"豫A": "郑州", "豫B": "开封", "豫C": "洛阳", "豫D": "平顶山"}.items():
        assert PLATE_OFFICES[code] == city
    for code in PLATE_OFFICES:
        assert parse_plate(code + "12345").office_code == code


# -- mobile numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "13800138000",
        "+86 138-0013-8000",
        "+8613800138000",
        "+86-138-0013-8000",
        "008613800138000",
        "0086 138 0013 8000",
        "8613800138000",
        "138 0013 8000",
        "１３８００１３８０００",
        "＋８６ １３８００１３８０００",
        "(+86)13800138000",
        "(+86) 138 0013 8000",
        "（＋８６）１３８００１３８０００",
        "(86)13800138000",
        "013800138000",
        "0138-0013-8000",
    ],
)
def test_mobile_normalised(text: str) -> None:
    assert parse_mobile(text) == "13800138000"


@pytest.mark.parametrize("second", "3456789")
def test_mobile_second_digit(second: str) -> None:
    assert parse_mobile(f"1{second}800138000") == f"1{second}800138000"


@pytest.mark.parametrize(
    "text",
    [
        "12800138000",
        "10800138000",
        "23800138000",
        "1380013800",
        "138001380001",
        "86138001380",  # "86" is only a prefix when 11 digits follow
        "+861380013800",
        "+85213800138000",
        "",
        "abc",
        "138O0138000",
        "١٣٨٠٠١٣٨٠٠٠",  # Arabic-Indic digits are digits to \\d, not to us
        "+86 (138) 0013 8000",
        "0013800138000",
        "(+86)013800138000",
        "(+852)13800138000",
    ],
)
def test_bad_mobile(text: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        parse_mobile(text)
    assert excinfo.value.code == "mobile.format"
