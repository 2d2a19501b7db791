"""The Chinese catalogue is complete and current, the compiled .qm matches it, and the
window built in zh_CN shows no English a translator missed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from workbench.services.core.context import Context
from workbench.store import PassphraseKey, Store
from workbench.views.i18n import (
    arg,
    available_languages,
    current_language,
    install_translators,
    remove_translators,
    resolve_language,
)
from workbench.views.settings import Settings, SettingsDialog

ROOT = Path(__file__).resolve().parents[2]
I18N_DIR = ROOT / "workbench/resources/i18n"  # the source catalogues lupdate refreshes
TS = I18N_DIR / "workbench_zh_CN.ts"
QM = I18N_DIR / "workbench_zh_CN.qm"
BIN = Path(sys.executable).parent

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
WORD = re.compile(r"[A-Za-z]{2,}")
# Text that is data or a proper noun, never interface language.
ALLOWED_WORDS = {"SHA", "VIN", "ID", "MDMA", "GHB", "PDF", "CNY", "mg", "kg", "Ctrl", "Shift"}
ALLOWED_WORDS |= {"English"}  # each language is named in itself in the language list
DATA_PATTERNS = (
    re.compile(r"\b[A-Z]{2,5}-\d{4}-\d{3}\b"),  # case codes
    re.compile(r"\b[A-HJ-NPR-Z0-9]{17}\b"),  # VINs
    re.compile(r"\S+\.(db|wbdb|sqlite)\b"),  # database file names
    re.compile(r"/\S+"),  # paths
)


def messages(path: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def translation_texts(message: ET.Element) -> list[str]:
    element = message.find("translation")
    assert element is not None
    forms = element.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [element.text or ""]


def lupdate_sources() -> list[str]:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "workbench/views").rglob("*.py"))
    if (ROOT / "workbench/app.py").exists():
        files.append("workbench/app.py")
    return files


def tool(name: str) -> str:
    found = shutil.which(name) or str(BIN / name)
    if not Path(found).exists():
        pytest.skip(f"{name} is not installed")
    return found


# -- the catalogue --------------------------------------------------------------------


def test_chinese_catalogue_has_no_unfinished_entries() -> None:
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert 'type="vanished"' not in text and 'type="obsolete"' not in text
    entries = list(messages(TS))
    assert len(entries) > 100
    for context, message in entries:
        source = message.findtext("source") or ""
        for translated in translation_texts(message):
            where = f"{context}: {source!r}"
            assert translated.strip() or source.strip() in {"", ";"}, f"empty: {where}"
            markers = set(re.findall(r"%\d|%n", source))
            assert set(re.findall(r"%\d|%n", translated)) == markers, f"placeholders: {where}"
            if re.search(r"&[^&\s]", source):
                assert "&" in translated, f"accelerator lost: {where}"
            if source.strip() and WORD.search(source):
                assert CJK.search(translated) or not WORD.search(translated.replace("%n", "")), (
                    f"still English: {where} -> {translated!r}"
                )


def test_catalogue_covers_every_string_in_the_sources(tmp_path: Path) -> None:
    """lupdate over today's sources finds nothing new: `make translations` is up to date."""
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
            *lupdate_sources(),
            "-ts",
            str(copy),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    unfinished = [
        f"{context}: {message.findtext('source')!r}"
        for context, message in messages(copy)
        if message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == [], "run `make translations` and translate:\n" + "\n".join(unfinished)


def test_compiled_catalogue_matches_the_source(tmp_path: Path) -> None:
    out = tmp_path / QM.name
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert QM.read_bytes() == out.read_bytes(), "run `make translations` to recompile"


# -- installing a language ------------------------------------------------------------


@pytest.fixture
def chinese(qapp: QCoreApplication) -> Iterator[str]:
    language = install_translators("zh_CN")
    yield language
    remove_translators()
    QLocale.setDefault(QLocale.system())


def test_languages_and_resolution() -> None:
    assert "zh_CN" in available_languages() and "en" in available_languages()
    china = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    taiwan = QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan)
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert resolve_language("system", china) == "zh_CN"
    assert resolve_language("system", taiwan) == "zh_CN"
    assert resolve_language("system", german) == "en"
    assert resolve_language("en", china) == "en"
    assert resolve_language("fr") == "en"
    assert arg("%2 of %1 (%10)", *range(1, 11)) == "2 of 1 (10)"


def test_chinese_installs_ours_and_qts(chinese: str) -> None:
    assert chinese == "zh_CN" and current_language() == "zh_CN"
    assert QCoreApplication.translate("UnlockDialog", "&Unlock") == "解锁(&U)"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # qtbase
    assert QLocale().language() == QLocale.Language.Chinese
    remove_translators()
    assert QCoreApplication.translate("UnlockDialog", "&Unlock") == "&Unlock"


def test_english_plurals(qapp: QCoreApplication) -> None:
    from workbench.views.search_dialog import SearchDialog

    install_translators("en")
    try:
        dialog = SearchDialog()
        assert dialog.tr("%n case(s)", "", 1) == "1 case"
        assert dialog.tr("%n case(s)", "", 3) == "3 cases"
        dialog.deleteLater()
    finally:
        remove_translators()


# -- walking the widgets --------------------------------------------------------------


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a person reads: labels, buttons, actions and menus,
    tabs, group and dock titles, placeholders, combo items, headers, window titles."""
    yield "title", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        if isinstance(widget, QLabel):
            yield kind, re.sub(r"<[^>]+>", "", widget.text())
        elif isinstance(widget, QAbstractButton):
            yield kind, widget.text()
        elif isinstance(widget, QGroupBox):
            yield kind, widget.title()
        elif isinstance(widget, QDockWidget | QDialog):
            yield kind, widget.windowTitle()
        elif isinstance(widget, QLineEdit):
            yield "placeholder", widget.placeholderText()
        elif isinstance(widget, QTabBar):
            yield from ((kind, widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            yield from ((kind, widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QMenu):
            yield "menu", widget.title()
            yield from (("action", a.text()) for a in widget.actions())
        header = widget.horizontalHeader() if isinstance(widget, QTableView) else None
        header = widget.header() if isinstance(widget, QTreeView) else header
        if header is not None and not header.isHidden() and widget.model() is not None:
            for section in range(header.count()):
                if not header.isSectionHidden(section):
                    title = widget.model().headerData(
                        section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
                    )
                    yield f"{kind} header", str(title or "")
    yield from (("window action", a.text()) for a in root.actions())


def untranslated(texts: Iterable[tuple[str, str]], data: Iterable[str] = ()) -> list[str]:
    found = []
    values = [d for d in data if d]
    for where, text in texts:
        if not text or CJK.search(text):
            continue
        rest = text.replace("&", "")
        for value in values:
            rest = rest.replace(value, " ")
        for pattern in DATA_PATTERNS:
            rest = pattern.sub(" ", rest)
        words = [w for w in WORD.findall(rest) if w not in ALLOWED_WORDS]
        if words:
            found.append(f"{where}: {text!r}")
    return sorted(set(found))


@pytest.fixture
def settings(private_settings: Path) -> Settings:
    """The private ini file of tests/views/conftest.py, as the window's Settings() sees it."""
    return Settings(QSettings(str(private_settings), QSettings.Format.IniFormat))


def test_my_dialogs_in_chinese(
    qtbot: QtBot, chinese: str, demo_db: Path, settings: Settings
) -> None:
    from workbench.views.search_dialog import SearchDialog
    from workbench.views.session_lock import LockScreen
    from workbench.views.unlock_dialog import UnlockDialog

    settings.add_recent_file(demo_db)
    unlock = UnlockDialog(settings, user="tester")
    unlock.new_passphrase_edit.setText("abc")
    unlock.repeat_edit.setText("abd")
    unlock.passphrase_edit.setText("wrong")
    unlock.accept()  # the wrong-passphrase message, in Chinese
    assert "口令错误" in unlock.error_label.text()
    lock = LockScreen()
    lock.arm(demo_db, "tester")
    search = SearchDialog()
    for widget in (unlock, lock, search, SettingsDialog(settings)):
        qtbot.addWidget(widget)
        assert untranslated(visible_texts(widget), [str(demo_db), "tester"]) == []
    assert unlock.windowTitle() == "解锁 — 专案组工作台"


VIEWS = (
    "overview",
    "persons",
    "vehicles",
    "seizures",
    "assets",
    "locations",
    "events",
    "links",
    "attachments",
    "audit",
)


def test_main_window_in_chinese_has_no_english(
    qtbot: QtBot, chinese: str, demo_db: Path, settings: Settings
) -> None:
    app_module = pytest.importorskip("workbench.app")
    store = Store.open(demo_db, PassphraseKey(PASSPHRASE))
    try:
        window = app_module.build_window(Context(store, "tester"), "zh_CN")
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        data = ["tester", demo_db.name]
        problems: set[str] = set()
        for code in ("PDS-2019-001", "PDS-2019-003"):
            window.open_case(code)
            for view in VIEWS:
                window.show_view(view)
                qtbot.wait(10)
                problems.update(untranslated(visible_texts(window), data))
        assert sorted(problems) == [], "\n".join(sorted(problems))
        assert "专案组工作台" in window.windowTitle()
    finally:
        store.close()


def test_service_warnings_are_said_in_chinese_in_grams(chinese: str) -> None:
    from workbench.services.core.errors import FieldWarning
    from workbench.views.forms.messages import warning_message

    warning = FieldWarning(
        "scale_resolution_mg",
        "1000 mg is coarser than the 10 mg required for a net weight of 986400 mg (p)",
        "seizure.resolution",
        resolution_mg=1000,
        need_mg=10,
        net_mg=986_400,
        profile="prc-2016 v2016.2",
    )
    assert str(warning).startswith("scale_resolution_mg: 1000 mg")  # plain text elsewhere
    assert warning_message(warning) == (
        "衡器分度值为 1 克；净重 986.4 克须使用 0.01 克或更精确的衡器（prc-2016 v2016.2）"
    )
    assert warning_message("vin: something uncoded") == "something uncoded"


def test_errors_and_import_reasons_are_said_in_chinese_in_grams(chinese: str) -> None:
    """Issue 12: never "net 7990000 mg is not gross …" in front of a Chinese user."""
    from workbench.importers.report import Issue
    from workbench.services.core.errors import FieldError, FieldWarning, InputRejected
    from workbench.views.forms.messages import (
        field_message,
        issue_message,
        rejection_message,
        warning_message,
    )

    params = {
        "net_mg": 7_990_000,
        "gross_mg": 8_000_000,
        "tare_mg": 15_000,
        "expected_mg": 7_985_000,
    }
    net = FieldError("net_mg", "net 7990000 mg is not gross …", "seizure.net_mismatch", params)
    assert field_message(net.message, net.code, net.params) == (
        "净重 7990 克不等于毛重 8000 克减包装重量 15 克(应为 7985 克)"
    )
    tare = FieldError(
        "tare_mg", "…", "seizure.tare_over_gross", {"tare_mg": 2500, "gross_mg": 1000}
    )
    sent = FieldError(
        "sent_for_test_on",
        "…",
        "seizure.sent_before_seizure",
        {"sent": date(2019, 3, 29), "seized": date(2019, 3, 30)},
    )
    lat = FieldError("lat", "…", "location.latitude", {"value": "91"})
    end = FieldError("a_type", "…", "link.end_kind", {"value": "user"})
    text = rejection_message(InputRejected("seizure", [tare, sent, lat, end]))
    assert text.splitlines() == [
        "包装重量(2.5 克)大于毛重(1 克)",
        "送检日期 2019-03-29 早于查获日期 2019-03-30",
        "纬度应在 −90 至 90 之间，不能为 91",
        "关系只能连接人员、车辆、地点、检材、涉案财物或事件，不能连接“user”",
    ]
    cell = Issue(3, "查获时间", "…", code="cell.calendar_date", params={"value": "2019-02-30"})
    assert issue_message(cell) == "“2019-02-30”不是实际存在的日期"
    mapped = Issue(None, "", "mapping: no column …", code="mapping.required",
                   params={"label_zh": "净重", "label_en": "net weight"})  # fmt: skip
    assert issue_message(mapped) == "必填字段“净重”没有对应的列"
    vin = FieldWarning("vin", "…", "vin.check_digit", vin="LATPAB071W1005302", expected="3",
                       profile="prc-2016 v2016.2")  # fmt: skip
    assert "校验位仅在部分市场(北美、中国)强制使用" in warning_message(vin)
    assert "LATPAB071W1005302 的校验位应为 3" in warning_message(vin)
    # a message without a code keeps the service's words
    assert field_message("something else", "") == "something else"


def test_overview_names_what_the_equivalent_leaves_out_in_chinese(
    qtbot: QtBot, chinese: str, ctx: Context
) -> None:
    from workbench.services.bundle import Services
    from workbench.services.casefile.cases import CaseService
    from workbench.services.casefile.records import RecordService
    from workbench.views.overview_tab import OverviewTab

    CaseService(ctx).create("OV-1", "混合毒品案")
    for n, (drug, mg) in enumerate((("heroin", 9_000), ("cannabis_oil", 999_000))):
        RecordService(ctx).add("OV-1", "seizure", exhibit_no=f"OV-{n}", drug=drug, net_mg=mg,
                               package_count=3)  # fmt: skip
    tab = OverviewTab(Services(ctx), "zh_CN")
    qtbot.addWidget(tab)
    tab.set_case("OV-1")
    excluded = tab.findChild(QLabel, "excluded")
    assert excluded is not None and excluded.text() == "大麻油 999 克"
    assert tab.findChild(QGroupBox, "findings").title() == "警示(2 项)"
    assert "没有记录取样包数" in tab.findings_label.text()
