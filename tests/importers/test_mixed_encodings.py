"""A file that switches text encoding is refused at the first line that does not fit,
in either order, inside or beyond the sample the encoding is detected from (issue 13 #2)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from workbench.importers.reading import ImportFileError, inspect_file, preview

HEADER = "姓名,身份证号,性别,住址\n"
ROWS = [
    "刘某,11010519491231002X,女,平顶山市新华区\n",
    "毛某,440524188001010014,男,汝州市\n",
    "李四,440524188001010014,女,鲁山县\n",
]


def _lines(rows: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    names = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
    places = ["平顶山市新华区", "汝州市", "鲁山县", "郑州市金水区", "三门峡市", "高平市"]
    return [
        f"{rng.choice(names)}{rng.choice(given)}{rng.choice(given)},"
        f"11010519491231002X,{rng.choice('男女')},{rng.choice(places)}\n"
        for _ in range(rows)
    ]


@pytest.mark.parametrize("rows_before", [2, 40_000], ids=["in the sample", "beyond it"])
def test_gbk_then_utf8_is_refused_at_the_first_utf8_line(tmp_path: Path, rows_before: int) -> None:
    path = tmp_path / "persons.csv"
    body = _lines(rows_before)
    path.write_bytes((HEADER + "".join(body)).encode("gbk") + ROWS[2].encode("utf-8"))
    with pytest.raises(ImportFileError) as caught:
        inspect_file(path)
    line = rows_before + 2
    assert (
        f"line {line} is UTF-8 text but the lines before it are GBK/GB18030 "
        "(the file mixes text encodings)" in str(caught.value)
    )


@pytest.mark.parametrize("rows_before", [2, 40_000], ids=["in the sample", "beyond it"])
def test_utf8_then_gbk_is_refused_at_the_first_gbk_line(tmp_path: Path, rows_before: int) -> None:
    path = tmp_path / "persons.csv"
    body = _lines(rows_before)
    path.write_bytes((HEADER + "".join(body)).encode("utf-8") + ROWS[2].encode("gbk"))
    with pytest.raises(ImportFileError, match="the file mixes text encodings") as caught:
        inspect_file(path)
    assert f"line {rows_before + 2} is " in str(caught.value)


def test_a_long_gbk_file_is_not_taken_for_a_mixed_one(tmp_path: Path) -> None:
    """The UTF-8 search must not fire on plain GBK: 60,000 rows of names and places."""
    path = tmp_path / "persons.csv"
    body = _lines(60_000, seed=7)
    path.write_bytes((HEADER + "".join(body)).encode("gbk"))
    source = inspect_file(path)
    assert source.encoding == "gb18030" and source.lines == 60_001
    assert preview(source)["姓名"].tolist()[:1] == [body[0].split(",")[0]]


def test_one_encoding_with_a_bom_or_override_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "persons.csv"
    path.write_bytes((HEADER + "".join(ROWS)).encode("utf-8-sig"))
    assert preview(inspect_file(path))["姓名"].tolist() == ["刘某", "毛某", "李四"]
    path.write_bytes((HEADER + "".join(ROWS)).encode("gbk"))
    assert preview(inspect_file(path, encoding="GBK"))["姓名"].tolist() == ["刘某", "毛某", "李四"]


def test_utf8_that_decodes_as_gbk_mojibake_is_refused(tmp_path: Path) -> None:
    """The issue's file: 李四 in UTF-8 is valid GB18030 (鏉庡洓) and was imported so."""
    assert "李四".encode().decode("gb18030") == "鏉庡洓"
    path = tmp_path / "persons.csv"
    gbk = (HEADER + "".join(ROWS[:2])).encode("gbk")
    path.write_bytes(gbk + "李四,440524188001010014,,\n".encode())
    with pytest.raises(ImportFileError, match="line 4 is UTF-8 text but the lines before"):
        inspect_file(path)
    path.write_bytes(
        gbk * 1
        + b"".join(r.encode("gbk") for r in _lines(30_000))
        + "李四,440524188001010014,,\n".encode()
    )
    with pytest.raises(ImportFileError, match="line 30004 is UTF-8 text but the lines before"):
        inspect_file(path)
