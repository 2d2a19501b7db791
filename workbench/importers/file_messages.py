"""Why a whole file cannot be imported, in English and Chinese, by a stable code.

Every ``ImportFileError`` carries a code from ``FILE_MESSAGES`` and plain values (the
file name, a line number, a column number, a limit, an encoding's name …); its English
text is the ``en`` sentence below, and ``file_message`` says the same in the user's
language. Qt-free on purpose: the command line (``workbench import --lang``, the locale)
and the import wizard read the same sentences. ``tests/importers/test_file_messages.py``
checks that every ``ImportFileError(...)`` in the package names a code that is here, in
both languages, with the values its sentences need.

A sentence is ``str.format`` text with three extra format specs: ``{n:,}`` groups
digits, ``{n:size}`` shows a byte count in KiB/MiB/GiB and ``{n:letter}`` shows a
1-based column number as the spreadsheet's column letter (3 → C).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any


def count(n: int) -> str:
    return f"{n:,}"


def size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def column_letter(column: int) -> str:
    """1 → A, 26 → Z, 27 → AA: the column as a spreadsheet heads it."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# code -> (zh_CN, en). The English is the exception's own message (tests match it).
FILE_MESSAGES: dict[str, tuple[str, str]] = {
    # the file itself
    "file.cannot_open": (
        "无法打开文件 {file}({reason})",
        "{file}: cannot open ({reason})",
    ),
    "file.not_a_file": (
        "{file} 不是一个文件(是文件夹或设备?)",
        "{file}: is not a file",
    ),
    # a saved column mapping (--mapping)
    "mapping.cannot_read": (
        "无法读取列对应文件 {file}({reason})",
        "cannot read mapping file {file}: {reason}",
    ),
    "mapping.not_utf8": (
        "列对应文件 {file} 不是 UTF-8 编码的文本",
        "mapping file {file}: not UTF-8 text",
    ),
    "mapping.not_json": (
        "列对应文件 {file} 不是有效的 JSON(第 {line} 行：{reason})",
        "mapping file {file}: not JSON ({reason}, line {line})",
    ),
    "mapping.other_kind": (
        "列对应文件 {file} 用于“{found_zh}”，不能用于“{kind_zh}”",
        "mapping file {file} is for {found_en}, not {kind_en}",
    ),
    "mapping.not_an_object": (
        "列对应文件 {file} 的内容应为“字段 → 列名”的对应关系",
        "mapping file {file}: expected an object of field → column header",
    ),
    "file.empty": (
        "文件 {file} 是空的(0 字节),没有可导入的内容",
        "{file}: the file is empty",
    ),
    "file.too_large": (
        "文件 {file} 大小为 {size:size},一次最多只能导入 {limit:size}(文件大小上限):"
        "请拆分成几个较小的文件再导入",
        "{file}: the file is {size:size}; at most {limit:size} can be imported at once "
        "(the file size limit) — split it into smaller files",
    ),
    # text files: encodings and binary data
    "text.binary": (
        "文件 {file} 含有二进制数据(第 {offset:,} 字节处是空字节),不是 CSV 文本表格",
        "{file}: contains binary data (a NUL byte at offset {offset}); "
        "this is not a CSV text table",
    ),
    "text.binary_near_line": (
        "文件 {file} 第 {line} 行附近含有二进制数据,不是 CSV 文本表格",
        "{file}: contains binary data near line {line}; this is not a CSV text table",
    ),
    "encoding.unknown": (
        "文件 {file}:不认识所选的文本编码“{encoding}”",
        "{file}: unknown encoding {encoding!r}",
    ),
    "encoding.undetected": (
        "文件 {file}:无法识别它的文本编码。它是文本表格吗?",
        "{file}: cannot tell the text encoding; is it a text table?",
    ),
    "encoding.mixed": (
        "文件 {file} 第 {line} 行是 {found} 编码的文本,而它前面的行是 {before} 编码"
        "(同一个文件混用了两种文本编码):请把整个文件另存为同一种编码后重新导入",
        "{file}: line {line} is {found} text but the lines before it are {before} "
        "(the file mixes text encodings): save the whole file in one encoding and import "
        "it again",
    ),
    "encoding.invalid_line": (
        "文件 {file} 第 {line} 行不是有效的 {encoding} 文本:请选择文件实际使用的文本编码",
        "{file}: line {line} is not valid {encoding} text (choose the file's encoding)",
    ),
    "encoding.invalid_line_mixed": (
        "文件 {file} 第 {line} 行不是有效的 {encoding} 文本(同一个文件混用了多种文本编码)",
        "{file}: line {line} is not valid {encoding} text (the file mixes text encodings)",
    ),
    "encoding.cut_character": (
        "文件 {file} 的最后一行在一个 {encoding} 字符中间被截断(文件可能不完整)",
        "{file}: the last line is cut in the middle of a {encoding} character",
    ),
    # the table's shape
    "table.no_header": (
        "文件 {file} 没有表头行",
        "{file}: the file has no header row",
    ),
    "table.cell_count": (
        "文件 {file} 第 {line} 行有 {cells} 个单元格,但表头只有 {expected} 列"
        "(是否有未加引号的分隔符,或多余的引号?)",
        "{file}: line {line} has {cells} cells but the header has {expected} "
        "(an unquoted separator or a stray quote?)",
    ),
    "table.unclosed_quote": (
        "文件 {file} 第 {line} 行开始的带引号单元格没有结束的引号(引号不成对)",
        "{file}: a quoted cell starting in row {line} is never closed (unbalanced quote)",
    ),
    "table.unreadable": (
        "文件 {file} 无法按表格读取(详情:{detail})",
        "{file}: cannot read as a table: {detail}",
    ),
    "table.unreadable_line": (
        "文件 {file} 第 {line} 行无法按表格读取(详情:{detail})",
        "{file}: line {line}: cannot read as a table ({detail})",
    ),
    "header.unnamed_column": (
        "文件 {file} 表头 {column:letter} 列(第 {column} 列)没有列名:请填写列名或删除该列",
        "{file}: column {column} of the header has no name",
    ),
    # limits of a text file or a sheet's rows
    "limit.too_many_rows": (
        "文件 {file} 第 {line} 行超出了可导入的最后一行(第 {last} 行;行数上限:"
        "表头之后最多 {limit:,} 行数据)",
        "{file}: line {line:,} is beyond the last row that can be imported, {last:,} "
        "(the rows limit: {limit:,} data rows after the header)",
    ),
    "limit.too_many_columns": (
        "文件 {file} 第 {line} 行有 {columns:,} 列,最多 {limit:,} 列(列数上限)",
        "{file}: line {line:,} has {columns:,} columns; at most {limit:,} (the columns limit)",
    ),
    "limit.cell_too_long": (
        "文件 {file} 第 {line} 行有一个单元格超过 {limit:,} 个字符(单元格长度上限)",
        "{file}: line {line:,}: a cell is longer than {limit:,} characters (the cell size limit)",
    ),
    "limit.cell_too_long_column": (
        "文件 {file} 第 {line} 行 {column:letter} 列(第 {column} 列)的单元格超过 {limit:,} "
        "个字符(单元格长度上限)",
        "{file}: line {line:,}, column {column}: a cell is longer than {limit:,} characters "
        "(the cell size limit)",
    ),
    "limit.cell_too_long_cell": (
        "文件 {file} 第 {line} 行 {column:letter} 列的单元格超过 {limit:,} 个字符(单元格长度上限)",
        "{file}: line {line:,}, column {column:letter}: a cell is longer than {limit:,} "
        "characters (the cell size limit)",
    ),
    # Excel workbooks
    "xlsx.not_xlsx": (
        "文件 {file} 不是 Excel .xlsx 工作簿",
        "{file}: is not an Excel .xlsx workbook",
    ),
    "xlsx.unreadable": (
        "文件 {file} 不是可读取的 .xlsx 工作簿,可能已损坏(详情:{detail})",
        "{file}: not a readable .xlsx workbook ({detail})",
    ),
    "xls.no_reader": (
        "文件 {file} 是旧版 Excel .xls 文件,本机没有安装读取它所需的 xlrd 组件:"
        "请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入",
        "{file}: old Excel .xls files need the xlrd reader, which is not installed here; "
        "save the sheet as .xlsx or CSV and import that",
    ),
    "xlsx.empty_sheet": (
        "文件 {file} 的第一个工作表是空的",
        "{file}: the workbook's first sheet is empty",
    ),
    "xlsx.too_many_parts": (
        "文件 {file} 的工作簿包含 {parts:,} 个部件,最多 {limit:,} 个(部件数上限)",
        "{file}: the workbook has {parts:,} parts; at most {limit:,} (the parts limit)",
    ),
    "xlsx.zip_ratio": (
        "文件 {file} 中的部件 {part} 解压后是压缩大小的 {ratio:,} 倍,最多 {limit:,} 倍"
        "(压缩比上限,防范“压缩炸弹”)",
        "{file}: the part {part} unpacks {ratio:,} times its packed size; at most {limit} "
        "times (the zip-bomb ratio limit)",
    ),
    "xlsx.part_too_large": (
        "文件 {file} 中的部件 {part} 解压后有 {size:,} 字节,最多 {limit:,} 字节"
        "({limit:size},解压后部件大小上限)",
        "{file}: the part {part} unpacks to {size:,} bytes; at most {limit:,} "
        "({limit:size}: the unpacked part size limit)",
    ),
    "xlsx.part_damaged": (
        "文件 {file} 中的部件 {part} 已损坏(详情:{detail})",
        "{file}: the part {part} is damaged ({detail})",
    ),
    "xlsx.part_cell_too_long": (
        "文件 {file} 中的部件 {part} 有一个单元格超过 {limit:,} 个字符(单元格长度上限)",
        "{file}: the part {part} holds a cell longer than {limit:,} characters "
        "(the cell size limit)",
    ),
    "xlsx.too_many_rows": (
        "文件 {file} 的工作表 {part} 超过 {limit:,} 行(行数上限)",
        "{file}: the sheet {part} holds more than {limit:,} rows (the rows limit)",
    ),
    "xlsx.too_many_elements": (
        "文件 {file} 的工作表 {part} 除行和单元格外还有超过 {limit:,} 个元素"
        "(合并单元格、超链接、格式等;元素数上限)",
        "{file}: the sheet {part} holds more than {limit:,} elements besides its rows and "
        "cells (merged cells, links, formats: the elements limit)",
    ),
    "xlsx.too_many_cells": (
        "文件 {file} 的工作表 {part} 超过 {limit:,} 个单元格(单元格总数上限)",
        "{file}: the sheet {part} holds more than {limit:,} cells (the cells limit)",
    ),
    "xlsx.row_too_many_cells": (
        "文件 {file} 的工作表 {part} 第 {row} 行超过 {limit:,} 个单元格(每行单元格数上限)",
        "{file}: row {row:,} of the sheet {part} holds more than {limit:,} cells "
        "(the cells-per-row limit)",
    ),
    "xlsx.declared_rows": (
        "文件 {file} 的工作表声明有 {rows:,} 行,最多 {limit:,} 行(行数上限)",
        "{file}: the sheet declares {rows:,} rows; at most {limit:,} (the rows limit)",
    ),
    "xlsx.declared_columns": (
        "文件 {file} 的工作表声明有 {columns:,} 列,最多 {limit:,} 列(列数上限)",
        "{file}: the sheet declares {columns:,} columns; at most {limit:,} (the columns limit)",
    ),
}


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec == "size" and isinstance(value, int):
            return size(value)
        if format_spec == "letter" and isinstance(value, int):
            return column_letter(value)
        if format_spec in ("size", "letter"):
            return str(value)
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def template(code: str, lang: str) -> str:
    """The sentence for ``code`` (KeyError for a code that has none)."""
    zh, en = FILE_MESSAGES[code]
    return zh if lang.startswith("zh") else en


def file_message(code: str, params: Mapping[str, object], lang: str) -> str:
    """The reason a file is refused, in ``lang`` ("zh_CN" or "en"), values filled in."""
    return _FORMATTER.vformat(template(code, lang), (), dict(params))


def fields(code: str, lang: str) -> set[str]:
    """The names of the values a sentence uses."""
    return {name for _, name, _, _ in _FORMATTER.parse(template(code, lang)) if name}
