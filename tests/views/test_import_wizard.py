"""The Import wizard under pytest-qt: real pages, real worker thread, real database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.views.conftest import make_window
from tests.views.test_i18n import untranslated, visible_texts
from workbench.models import CallRecord, Link
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.core.context import Context
from workbench.views.i18n import install_translators, remove_translators
from workbench.views.import_wizard import ImportWizard
from workbench.views.import_wizard.presets import PresetStore
from workbench.views.main_window import MainWindow

CASE = "WIZ-1"
SHOTS = (
    Path(os.environ.get("WORKBENCH_WIZARD_SHOTS", ""))
    if os.environ.get("WORKBENCH_WIZARD_SHOTS")
    else None
)

HEADER = "主叫号码,被叫号码,开始时间,通话时长,呼叫类型,基站\n"
ROWS = [
    "13800001111,13900002222,2019-03-28 08:00:00,10,主叫,4101-1\n",
    "13800001111,13900002222,2019年3月29日 9时,2分5秒,主叫,4101-2\n",
    "13900002222,13800001111,20190330 101010,5,被叫,\n",
    "13800001111,10086,2019/3/30 11:00,60,主叫,\n",
]


@pytest.fixture
def window(qtbot: QtBot, ctx: Context) -> Iterator[MainWindow]:
    CaseService(ctx).create(CASE, "话单导入")
    PersonService(ctx).add_to_case(CASE, {"name": "刘某", "phones": ["13800001111"]})
    PersonService(ctx).add_to_case(CASE, {"name": "毛某", "phones": ["13900002222"]})
    w = make_window(qtbot, ctx)
    w.open_case(CASE)
    yield w
    w.close()


def _calls(tmp_path: Path, rows: list[str] = ROWS, name: str = "话单.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((HEADER + "".join(rows)).encode("gbk"))
    return path


def _open(window: MainWindow, path: Path, kind: str = "calls") -> ImportWizard:
    wizard = window.open_import_wizard()
    assert isinstance(wizard, ImportWizard)
    wizard.file_page.path_edit.setText(str(path))
    wizard.file_page.kind_combo.setCurrentIndex(wizard.file_page.kind_combo.findData(kind))
    return wizard


def _shot(wizard: ImportWizard, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        wizard.grab().save(str(SHOTS / f"{name}.png"))


def _count(ctx: Context, model: type) -> int:  # type: ignore[type-arg]
    with ctx.store.session() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_wizard_previews_maps_checks_and_imports(
    qtbot: QtBot, window: MainWindow, ctx: Context, tmp_path: Path
) -> None:
    assert window.import_action.isEnabled()
    window.show_view("links")
    links = window.case_view.model("links")
    qtbot.waitUntil(lambda: not links.is_stale())
    assert links.total() == 0
    wizard = _open(window, _calls(tmp_path))
    _shot(wizard, "en-1-file")
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    table = wizard.preview_page.table
    assert (table.rowCount(), table.columnCount()) == (4, 6)
    assert table.horizontalHeaderItem(0).text() == "主叫号码"
    assert table.item(1, 2).text() == "2019年3月29日 9时"
    assert "gb18030" in wizard.preview_page.info.text()
    _shot(wizard, "en-2-preview")
    wizard.next()
    page = wizard.mapping_page
    assert page.mapping() == {
        "caller": "主叫号码",
        "callee": "被叫号码",
        "started_at": "开始时间",
        "duration_s": "通话时长",
        "direction": "呼叫类型",
        "cell": "基站",
    }
    page.combos["cell"].setCurrentIndex(0)  # edited: the cell column is not imported
    page.save_preset("运营商A")
    assert PresetStore().load("calls", "运营商A") == {
        k: v for k, v in page.mapping().items() if k != "cell"
    }
    page.combos["caller"].setCurrentIndex(0)
    assert not page.isComplete() and "Caller" in page.message.text()
    page.preset_combo.setCurrentIndex(page.preset_combo.findData("运营商A"))
    page.load_preset()
    assert page.isComplete() and "cell" not in page.mapping()
    _shot(wizard, "en-3-mapping")
    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(check.isComplete, timeout=20_000)
    assert "4 rows read: 4 new, 0 already in the case" in check.summary.text()
    assert check.errors.rowCount() == 0
    assert _count(ctx, CallRecord) == 0  # the check is a dry run
    _shot(wizard, "en-4-check")
    with qtbot.waitSignal(wizard.imported, timeout=20_000) as imported:
        wizard.next()
    qtbot.waitUntil(wizard.run_page.isComplete, timeout=20_000)
    assert "call_record" in imported.args[0].entities
    assert "4 added" in wizard.run_page.summary.text()
    _shot(wizard, "en-5-done")
    assert _count(ctx, CallRecord) == 4
    with ctx.store.session() as s:
        assert s.scalars(select(CallRecord.cell)).all() == ["", "", "", ""]
        assert s.execute(select(func.count()).select_from(Link)).scalar_one() == 2
    # The links tab on screen was refreshed from the import's changes.
    qtbot.waitUntil(lambda: links.total() == 2, timeout=5_000)
    wizard.accept()


def test_rejected_rows_are_listed_and_block_the_import(
    qtbot: QtBot, window: MainWindow, ctx: Context, tmp_path: Path
) -> None:
    bad = [
        *ROWS,
        "13800001111,abc,2019-02-30 08:00:00,10,主叫,\n",
        "=cmd|' /C calc'!A0,1,2,3,4,5\n",
    ]
    wizard = _open(window, _calls(tmp_path, bad))
    wizard.next()
    wizard.next()
    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.report is not None, timeout=20_000)
    assert not check.isComplete()
    errors = check.errors
    cells = [
        (errors.item(r, 0).text(), errors.item(r, 1).text(), errors.item(r, 2).text())
        for r in range(errors.rowCount())
    ]
    # the reasons are the sentences of views/forms/messages.py (in Chinese under zh_CN)
    assert ("6", "被叫号码", "“abc” is not a telephone number") in cells
    assert ("6", "开始时间", "“2019-02-30 08:00:00” is not a real calendar date") in cells
    assert errors.item(0, 2).toolTip()  # the service's own words stay in the tooltip
    assert any(line == "7" and "formula" in reason for line, _, reason in cells)
    assert "problems" in check.summary.text()
    report_csv = tmp_path / "report.csv"
    check.save_report(str(report_csv))
    import csv

    with report_csv.open(encoding="utf-8-sig", newline="") as fh:
        saved = list(csv.reader(fh))
    assert len(saved) == 1 + errors.rowCount()
    assert any("formula" in row[3] for row in saved)
    assert not any(cell.startswith(("=", "+", "@")) for row in saved for cell in row)
    _shot(wizard, "en-4-rejected")
    assert _count(ctx, CallRecord) == 0
    wizard.reject()


def test_a_bad_file_stays_on_the_first_page_with_its_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    wizard = _open(window, empty)
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.message.text() == "empty.csv: the file is empty"
    wizard.reject()


def test_cancel_during_the_import_writes_nothing(
    qtbot: QtBot, window: MainWindow, ctx: Context, tmp_path: Path
) -> None:
    stamp = "2019-03-28 {:02d}:{:02d}:{:02d}"
    rows = [
        f"13800001111,139{i:08d},{stamp.format(i // 3600 % 24, i // 60 % 60, i % 60)},1,主叫,\n"
        for i in range(160_000)
    ]
    wizard = _open(window, _calls(tmp_path, rows))
    for _ in range(3):
        wizard.next()
    qtbot.waitUntil(wizard.check_page.isComplete, timeout=120_000)
    wizard.next()
    job = wizard.run_page.job
    qtbot.waitUntil(lambda: job.bar.value() > 0, timeout=60_000)
    job.cancel_button.click()
    qtbot.waitUntil(lambda: not job.running(), timeout=120_000)
    assert "Cancelled" in wizard.run_page.summary.text()
    assert not wizard.run_page.isComplete()
    assert _count(ctx, CallRecord) == 0
    wizard.reject()


def test_wizard_pages_in_chinese(
    qtbot: QtBot, window: MainWindow, ctx: Context, tmp_path: Path, qapp: QCoreApplication
) -> None:
    install_translators("zh_CN")
    try:
        wizard = ImportWizard(window.services, CASE, "zh_CN", window)
        qtbot.addWidget(wizard)
        wizard.file_page.path_edit.setText(str(_calls(tmp_path)))
        kinds = wizard.file_page.kind_combo
        kinds.setCurrentIndex(kinds.findData("calls"))
        assert kinds.currentText() == "话单"
        wizard.show()
        data = [CASE, str(tmp_path), "话单.csv", "gb18030", "UTF-8", "GB18030/GBK", "IMEI"]
        assert untranslated(visible_texts(wizard), data) == []
        _shot(wizard, "zh-1-file")
        for name in ("zh-2-preview", "zh-3-mapping", "zh-4-check"):
            before = wizard.currentPage()
            wizard.next()
            assert wizard.currentPage() is not before, name
            if name == "zh-4-check":
                qtbot.waitUntil(wizard.check_page.isComplete, timeout=20_000)
            texts = [(w, t) for w, t in visible_texts(wizard) if not any(c.isdigit() for c in t)]
            assert untranslated(texts, data) == [], name
            _shot(wizard, name)
        assert wizard.windowTitle() == f"导入到 {CASE}"
        wizard.reject()
    finally:
        remove_translators()


def test_a_refused_file_is_named_in_chinese(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, qapp: QCoreApplication
) -> None:
    """A file-level refusal (here: GBK lines, then a UTF-8 one) reads in Chinese with the
    file and its line; the English particulars stay in the tooltip."""
    mixed = tmp_path / "话单.csv"
    mixed.write_bytes((HEADER + ROWS[0] + ROWS[1]).encode("gbk") + ROWS[2].encode("utf-8"))
    install_translators("zh_CN")
    try:
        wizard = ImportWizard(window.services, CASE, "zh_CN", window)
        qtbot.addWidget(wizard)
        wizard.file_page.path_edit.setText(str(mixed))
        kinds = wizard.file_page.kind_combo
        kinds.setCurrentIndex(kinds.findData("calls"))
        wizard.show()
        wizard.next()
        assert wizard.currentPage() is wizard.file_page
        message = wizard.file_page.message
        assert message.text() == (
            "文件 话单.csv 第 4 行是 UTF-8 编码的文本,而它前面的行是 GBK/GB18030 编码"
            "(同一个文件混用了两种文本编码):请把整个文件另存为同一种编码后重新导入"
        )
        assert message.toolTip().startswith("话单.csv: line 4 is UTF-8 text but the lines")
        data = [CASE, str(tmp_path), "话单.csv", "UTF-8", "GB18030/GBK", "IMEI"]
        assert untranslated(visible_texts(wizard), data) == []
        qtbot.waitUntil(lambda: message.height() > 1.5 * message.fontMetrics().height())  # wrapped
        _shot(wizard, "zh-5-refused-file")
        wizard.reject()
    finally:
        remove_translators()
