"""Every reason a whole file is refused has a code, a Chinese and an English sentence.

The check reads the source: each ``ImportFileError(...)`` in the workbench must name its
code as a literal (or a choice of literals), pass its values by name, and every code must
have both sentences in ``importers/file_messages.py`` using only values the call gives.
A new raise with an English f-string, an unknown code or a missing value fails here.
"""

from __future__ import annotations

import ast
import copy
import pickle
import re
from pathlib import Path

import pytest

import workbench
from workbench.importers.errors import ImportFileError
from workbench.importers.file_messages import FILE_MESSAGES, column_letter, fields, file_message
from workbench.services.imports.importing import BadImportFile

ROOT = Path(workbench.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def _codes(node: ast.expr) -> list[str] | None:
    """The codes a call's first argument can be: a literal, or ``a if … else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _codes(node.body), _codes(node.orelse)
        if body is not None and orelse is not None:
            return body + orelse
    return None


def _is_import_file_error(call: ast.Call) -> bool:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name == "ImportFileError"


def problems(source: str, where: str) -> tuple[list[str], set[str]]:
    """What is wrong with the ImportFileError calls in ``source``, and the codes used."""
    found: list[str] = []
    used: set[str] = set()
    tree = ast.parse(source)
    # errors._rebuilt makes a copy of a raised error from its code and values (pickle)
    rebuilt = {
        id(call)
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef) and fn.name == "_rebuilt"
        for call in ast.walk(fn)
    }
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _is_import_file_error(node)):
            continue
        if id(node) in rebuilt:
            continue
        at = f"{where}:{node.lineno}"
        codes = _codes(node.args[0]) if len(node.args) == 1 else None
        if codes is None:
            found.append(f"{at}: ImportFileError needs one literal code as its only argument")
            continue
        if any(k.arg is None for k in node.keywords):
            found.append(f"{at}: pass the values by name, not **mapping")
            continue
        given = {str(k.arg) for k in node.keywords}
        for code in codes:
            used.add(code)
            if code not in FILE_MESSAGES:
                found.append(f"{at}: code {code!r} has no sentences in file_messages.py")
                continue
            zh, en = FILE_MESSAGES[code]
            if not zh or not en:
                found.append(f"{at}: code {code!r} lacks a Chinese or an English sentence")
            for lang in ("zh_CN", "en"):
                missing = fields(code, lang) - given
                if missing:
                    found.append(f"{at}: {code} ({lang}) needs {sorted(missing)}")
            unused = given - fields(code, "zh_CN") - fields(code, "en")
            if unused:
                found.append(f"{at}: {code} is given {sorted(unused)}, which no sentence shows")
    return found, used


def _all_sources() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(ROOT.parent)), path.read_text(encoding="utf-8"))
        for path in sorted(ROOT.rglob("*.py"))
    ]


def test_every_raise_site_has_a_code_with_both_sentences() -> None:
    found: list[str] = []
    used: set[str] = set()
    calls = 0
    for where, source in _all_sources():
        if "ImportFileError(" not in source:
            continue
        calls += source.count("ImportFileError(")
        more, codes = problems(source, where)
        found += more
        used |= codes
    assert found == []
    assert calls >= 30  # the readers' raise sites (about 37) were all seen
    assert sorted(set(FILE_MESSAGES) - used) == []  # no sentence left without a raise


def test_the_check_fails_on_an_uncoded_or_unknown_raise() -> None:
    bad = (
        "def f(name):\n"
        "    raise ImportFileError(f'{name}: the file is odd')\n"
        "def g(name):\n"
        "    raise errors.ImportFileError('file.odd', file=name)\n"
        "def h(name, code):\n"
        "    raise ImportFileError(code, file=name)\n"
        "def i(name):\n"
        "    raise ImportFileError('limit.too_many_columns', file=name, line=2)\n"
        "def j(name, values):\n"
        "    raise ImportFileError('file.empty', **values)\n"
    )
    found, _ = problems(bad, "bad.py")
    assert [f.split(":")[1] for f in found] == ["2", "4", "6", "8", "8", "10"], found
    assert "needs one literal code" in found[0]
    assert "'file.odd' has no sentences" in found[1]
    assert "needs one literal code" in found[2]
    assert "(zh_CN) needs ['columns', 'limit']" in found[3]
    assert "(en) needs ['columns', 'limit']" in found[4]
    assert "by name" in found[5]


def _sample(name: str) -> object:
    return "x" if name in ("file", "part", "detail", "reason", "encoding", "found", "before") else 3


@pytest.mark.parametrize("code", sorted(FILE_MESSAGES))
def test_each_sentence_names_the_file_and_place_in_chinese(code: str) -> None:
    zh, en = FILE_MESSAGES[code]
    assert CJK.search(zh) and not CJK.search(en)
    assert "file" in fields(code, "zh_CN")
    for place in ("line", "row", "column", "part"):  # a place in English is one in Chinese
        assert (place in fields(code, "en")) == (place in fields(code, "zh_CN")), place
    params = {name: _sample(name) for name in fields(code, "en") | fields(code, "zh_CN")}
    assert "{" not in file_message(code, params, "zh_CN")
    assert "{" not in file_message(code, params, "en")


def test_error_message_is_english_and_travels_with_its_code(tmp_path: Path) -> None:
    exc = ImportFileError("limit.cell_too_long_column", file="a.csv", line=12, column=3, limit=9)
    assert str(exc) == "a.csv: line 12, column 3: a cell is longer than 9 characters " + (
        "(the cell size limit)"
    )
    assert exc.message("zh_CN") == (
        "文件 a.csv 第 12 行 C 列(第 3 列)的单元格超过 9 个字符(单元格长度上限)"
    )
    for again in (copy.copy(exc), pickle.loads(pickle.dumps(exc))):
        assert (again.code, again.params, str(again)) == (exc.code, exc.params, str(exc))
    bad = BadImportFile.of(exc)
    assert (str(bad), bad.code, bad.params) == (str(exc), exc.code, exc.params)
    assert bad.message_in("zh_CN") == exc.message("zh_CN")
    assert bad.message_in("en") == str(exc)
    assert pickle.loads(pickle.dumps(bad)).message_in("zh_CN") == exc.message("zh_CN")
    assert BadImportFile("plain words").message_in("zh_CN") == "plain words"


def test_column_letters_and_sizes() -> None:
    assert [column_letter(n) for n in (1, 3, 26, 27, 52, 16_384)] == [
        "A",
        "C",
        "Z",
        "AA",
        "AZ",
        "XFD",
    ]
    exc = ImportFileError("file.too_large", file="大.csv", size=2 << 30, limit=1 << 30)
    assert "2.0 GiB; at most 1.0 GiB" in str(exc)
    assert exc.message("zh_CN").startswith("文件 大.csv 大小为 2.0 GiB,一次最多只能导入 1.0 GiB")
