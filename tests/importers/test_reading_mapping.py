"""Reading files as text tables and guessing which column is which."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.importers.kinds import BANK, CALLS, PERSONS, SEIZURES
from workbench.importers.mapping import (
    check_mapping,
    dump_mapping,
    guess_mapping,
    load_mapping_file,
)
from workbench.importers.reading import ImportFileError, inspect_file, preview, read_chunks

TEXT = "姓名,身份证号\n刘某,11010519491231002X\n毛某,440524188001010014\n"


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, detected: str) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(TEXT.encode(encoding))
    source = inspect_file(path)
    assert source.encoding == detected
    frame = preview(source)
    assert list(frame.columns) == ["姓名", "身份证号"]
    assert frame["姓名"].tolist() == ["刘某", "毛某"]
    assert list(frame.index) == [2, 3]


def test_encoding_override_and_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(TEXT.encode("gbk"))
    assert inspect_file(path, encoding="GBK").encoding == "gb18030"
    with pytest.raises(ImportFileError, match="line 1 is not valid UTF-8"):
        inspect_file(path, encoding="utf-8")
    with pytest.raises(ImportFileError, match="unknown encoding"):
        inspect_file(path, encoding="klingon")


def test_mixed_encoding_beyond_the_sample_is_found_by_line(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    row = "刘某,11010519491231002X\n"
    body = ("姓名,身份证号\n" + row * 60_000).encode() + row.encode("gbk")
    path.write_bytes(body)
    with pytest.raises(
        ImportFileError,
        match=r"line 60002 is GBK/GB18030 text but the lines before it are UTF-8 .*mixes",
    ):
        inspect_file(path)


def test_ids_stay_text_never_numbers(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("账号,金额\n0062220000111122223333,0012.50\n", encoding="utf-8")
    (frame,) = list(read_chunks(inspect_file(path)))
    assert frame.iloc[0].tolist() == ["0062220000111122223333", "0012.50"]


def test_headers_are_guessed_in_chinese_and_english() -> None:
    assert guess_mapping(["主叫号码", "被叫号码", "通话开始时间", "时长(秒)", "IMEI"], CALLS) == {
        "caller": "主叫号码",
        "callee": "被叫号码",
        "started_at": "通话开始时间",
        "duration_s": "时长(秒)",
        "imei": "IMEI",
    }
    assert guess_mapping(["Caller", "Callee", "Start time", "Duration (s)"], CALLS) == {
        "caller": "Caller",
        "callee": "Callee",
        "started_at": "Start time",
        "duration_s": "Duration (s)",
    }
    got = guess_mapping(["交易卡号", "交易时间", "交易金额(元)", "借贷标志", "对方户名"], BANK)
    assert got == {
        "account": "交易卡号",
        "counterparty_name": "对方户名",
        "at": "交易时间",
        "amount_fen": "交易金额(元)",
        "direction": "借贷标志",
    }
    assert guess_mapping(["检材编号", "毒品种类", "净重（克）"], SEIZURES) == {
        "exhibit_no": "检材编号",
        "drug": "毒品种类",
        "net_mg": "净重（克）",
    }


def test_mapping_checks_and_preset_files(tmp_path: Path) -> None:
    headers = ["姓名", "电话"]
    assert check_mapping({"name": "姓名"}, headers, PERSONS) == []
    problems = check_mapping({"phones": "电话", "bogus": "姓名", "notes": "nope"}, headers, PERSONS)
    assert problems == [
        "mapping: 'bogus' is not a field of persons",
        "mapping: column 'nope' (for notes) is not in the file",
        "mapping: no column for the required field name (姓名/Name)",
    ]
    preset = tmp_path / "m.json"
    preset.write_text(dump_mapping("persons", {"name": "姓名"}), encoding="utf-8")
    assert load_mapping_file(preset, "persons") == {"name": "姓名"}
    with pytest.raises(ValueError, match="is for persons, not call records"):
        load_mapping_file(preset, "calls")
    preset.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not JSON"):
        load_mapping_file(preset)
