"""Editing with undo on real widgets and a real encrypted database: forms checked as the
user types, Operations pushed through the undo stack, every step audited."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QUrl
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from workbench.services.bundle import Services
from workbench.services.casefile import operations as ops
from workbench.services.casefile.operations import OperationRunner
from workbench.services.casefile.tables import TableService
from workbench.services.core.audit import AuditService
from workbench.services.core.changes import Changes
from workbench.services.core.context import Context
from workbench.store import PassphraseKey, Store
from workbench.views.editing import TABLE_FORMS, EditingController, install_editing
from workbench.views.forms import FORMS, RecordForm
from workbench.views.forms.editors import DateTimeEditor, QuantityEditor, TextEditor
from workbench.views.main_window import MainWindow
from workbench.views.undo import OperationCommand, UndoController

CASE = "TF-2026-001"
INVALID_ID = "110105194912310021"  # check character should be X
VALID_ID = "11010519491231002X"  # born 1949-12-31, female


@pytest.fixture
def case_ctx(ctx: Context) -> Context:
    Services(ctx).cases.create(CASE, "测试专案", level="city_target")
    return ctx


@pytest.fixture
def window(qtbot: QtBot, case_ctx: Context) -> Iterator[MainWindow]:
    win = MainWindow(case_ctx, lang="en")
    qtbot.addWidget(win)
    install_editing(win)
    win.open_case(CASE)
    win.show_view("persons")
    win.show()
    yield win
    win.undo_stack.clear()


def editing(win: MainWindow) -> EditingController:
    controller: EditingController = win.editing  # type: ignore[attr-defined]
    return controller


def driving(
    qtbot: QtBot, controller: EditingController, drive: Callable[[RecordForm], None]
) -> list[RecordForm]:
    """Replace the modal exec() with ``drive`` (which types and saves or cancels)."""
    shown: list[RecordForm] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, RecordForm)
        dialog.confirm_discard = lambda: True  # Escape on an edited form: "discard" answered
        shown.append(dialog)
        dialog.show()
        dialog.activateWindow()  # as exec() would: the dialog has the keyboard
        qtbot.waitActive(dialog)
        drive(dialog)
        return dialog.result()

    controller.run_dialog = run
    return shown


def line(form: RecordForm, section: str, key: str) -> Any:
    editor = form.editors[(section, key)]
    assert isinstance(editor, TextEditor)
    return editor.edit


def type_into(qtbot: QtBot, widget: Any, text: str) -> None:
    """Type like a user: keys for ASCII, an input-method commit for Chinese (QTest's
    keyClicks only knows Latin-1 keys)."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def retype(qtbot: QtBot, widget: Any, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    type_into(qtbot, widget, text)


def rows(win: MainWindow, entity: str) -> list[dict[str, Any]]:
    return TableService(win.services.ctx).fetch(CASE, entity)


# -- the suspect, the ID number, undo and redo ------------------------------------------


def test_add_suspect_invalid_then_valid_id_undo_redo_audited(
    qtbot: QtBot, window: MainWindow
) -> None:
    controller = editing(window)
    seen: dict[str, Any] = {}

    def drive(form: RecordForm) -> None:
        type_into(qtbot, line(form, "person", "name"), "张某")
        id_edit = line(form, "person", "id_number")
        qtbot.keyClicks(id_edit, INVALID_ID)
        # Invalid: Save disabled, the field marked, the reason beside it.
        seen["save_enabled"] = form.save_button.isEnabled()
        seen["marked"] = id_edit.property("invalid")
        label = form.error_labels[("person", "id_number")]
        seen["reason"] = label.text() if label.isVisible() else ""
        seen["tooltip"] = id_edit.toolTip()
        seen["birth_before"] = form.peek("person", "birth_date")
        retype(qtbot, id_edit, VALID_ID)
        seen["birth"] = form.peek("person", "birth_date")
        seen["sex"] = form.peek("person", "sex")
        seen["marked_after"] = id_edit.property("invalid")
        suspect = form.editors[("party", "is_suspect")].control
        suspect.setFocus()
        qtbot.keyClick(suspect, Qt.Key.Key_Space)
        qtbot.keyClick(id_edit, Qt.Key.Key_Return)  # Enter saves

    shown = driving(qtbot, controller, drive)
    window.case_view.table_view("persons").setFocus()
    assert controller.new_record() is True

    assert shown and shown[0].result() == QDialog.DialogCode.Accepted
    assert seen["save_enabled"] is False
    assert seen["marked"] is True
    assert "check character" in seen["reason"]
    assert "check character" in seen["tooltip"]
    assert seen["birth_before"] is None
    assert seen["birth"] == date(1949, 12, 31)
    assert seen["sex"] == "F"
    assert seen["marked_after"] is False

    [row] = rows(window, "persons")
    assert (row["name"], row["id_number"], row["is_suspect"]) == ("张某", VALID_ID, True)
    assert (row["birth_date"], row["sex"]) == (date(1949, 12, 31), "F")
    assert window.case_view.model("persons").total() == 1
    undo, redo = controller.undo.undo_action, controller.undo.redo_action
    assert undo.text() == "&Undo Add person 张某"
    assert undo.shortcut() == QKeySequence("Ctrl+Z")
    assert [s.toString() for s in redo.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert undo in window.edit_menu.actions() and redo in window.edit_menu.actions()

    undo.trigger()
    assert rows(window, "persons") == []
    assert window.case_view.model("persons").total() == 0  # the window was refreshed
    assert redo.isEnabled() and redo.text() == "&Redo Add person 张某"

    redo.trigger()
    [again] = rows(window, "persons")
    assert again["id"] == row["id"] and again["person_id"] == row["person_id"]
    assert window.case_view.model("persons").total() == 1

    log = [(e.action, e.entity) for e in AuditService(window.services.ctx).log(CASE)]
    assert log == [
        ("create", "case"),
        ("create", "person"),
        ("create", "party"),  # the add
        ("delete", "party"),
        ("delete", "person"),  # the undo, through the service
        ("restore", "person"),
        ("restore", "party"),  # the redo, same ids
    ]
    assert AuditService(window.services.ctx).verify().ok


def test_edit_row_with_enter_then_undo(qtbot: QtBot, window: MainWindow) -> None:
    controller = editing(window)
    controller.undo.push(ops.add_person(CASE, {"name": "李某", "id_number": VALID_ID}))

    def drive(form: RecordForm) -> None:
        assert form.editing and form.errors == {}
        assert form.peek("person", "birth_date") == date(1949, 12, 31)
        retype(qtbot, line(form, "person", "name"), "李某某")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    shown = driving(qtbot, controller, drive)
    view = window.case_view.table_view("persons")
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter on a row edits it

    assert len(shown) == 1
    assert rows(window, "persons")[0]["name"] == "李某某"
    assert controller.undo.undo_action.text() == "&Undo Edit person 李某某"
    controller.undo.undo_action.trigger()
    assert rows(window, "persons")[0]["name"] == "李某"
    # persons are shared between cases; the edit is audited under the case it came from
    edits = [(e.action, e.entity) for e in AuditService(window.services.ctx).log(CASE)][-2:]
    assert edits == [("update", "person"), ("update", "person")]


def test_escape_cancels_and_nothing_is_pushed(qtbot: QtBot, window: MainWindow) -> None:
    controller = editing(window)

    def drive(form: RecordForm) -> None:
        type_into(qtbot, line(form, "person", "name"), "王某")
        qtbot.keyClick(line(form, "person", "name"), Qt.Key.Key_Escape)

    driving(qtbot, controller, drive)
    window.case_view.table_view("persons").setFocus()
    assert controller.new_record() is False
    assert rows(window, "persons") == [] and window.undo_stack.count() == 0


def test_delete_asks_and_undo_restores(qtbot: QtBot, window: MainWindow) -> None:
    controller = editing(window)
    controller.undo.push(ops.add_person(CASE, {"name": "毛某"}, role="supplier"))
    view = window.case_view.table_view("persons")
    view.setFocus()
    view.selectRow(0)
    questions: list[str] = []
    controller.confirm = lambda q: questions.append(q) is not None  # says no
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(questions) == 1 and "毛某" in questions[0]
    assert len(rows(window, "persons")) == 1

    controller.confirm = lambda q: True
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert rows(window, "persons") == []
    assert controller.undo.undo_action.text() == "&Undo Remove 毛某 from the case"
    controller.undo.undo_action.trigger()
    [back] = rows(window, "persons")
    assert (back["name"], back["role"]) == ("毛某", "supplier")


# -- OperationCommand against the real runner ------------------------------------------


def test_operation_command_redo_undo_keep_inverses(qtbot: QtBot, case_ctx: Context) -> None:
    changes: list[Changes] = []
    errors: list[str] = []
    controller = UndoController(OperationRunner(case_ctx), changes.append, on_error=errors.append)
    command = controller.push(ops.add_record(CASE, "location", name="凌云路北段小区"))
    assert isinstance(command, OperationCommand)
    assert command.text() == "Add location 凌云路北段小区"
    tables = TableService(case_ctx)
    assert [r["name"] for r in tables.fetch(CASE, "locations")] == ["凌云路北段小区"]
    assert changes[-1].touches("location") and CASE in changes[-1].cases

    controller.stack.undo()
    assert tables.fetch(CASE, "locations") == []
    controller.stack.redo()
    controller.stack.undo()
    controller.stack.redo()
    [loc] = tables.fetch(CASE, "locations")
    assert loc["id"] == command.values[0]  # restored with the same id every time
    actions = [e.action for e in AuditService(case_ctx).log(CASE) if e.entity == "location"]
    assert actions == ["create", "delete", "restore", "delete", "restore"]
    assert errors == []


def test_failing_operation_is_reported_and_not_pushed(qtbot: QtBot, case_ctx: Context) -> None:
    errors: list[str] = []
    controller = UndoController(OperationRunner(case_ctx), lambda c: None, on_error=errors.append)
    before = len(AuditService(case_ctx).log())
    bad = ops.add_record(
        CASE, "seizure", exhibit_no="1-1", drug="heroin", gross_mg=1000, tare_mg=100, net_mg=800
    )
    assert controller.push(bad) is None
    assert controller.stack.count() == 0 and not controller.stack.canUndo()
    assert len(errors) == 1 and "net" in errors[0]
    assert len(AuditService(case_ctx).log()) == before  # nothing written, nothing audited


def test_failing_undo_drops_the_command(qtbot: QtBot, case_ctx: Context) -> None:
    errors: list[str] = []
    runner = OperationRunner(case_ctx)
    controller = UndoController(runner, lambda c: None, on_error=errors.append)
    command = controller.push(ops.add_record(CASE, "location", name="宾馆"))
    assert command is not None
    runner.run(ops.delete_record("location", command.values[0]))  # behind the stack's back
    controller.stack.undo()
    assert errors and "location" in errors[0]
    assert controller.stack.count() == 0  # dropped, not left claiming to be undone


# -- seizure weights -------------------------------------------------------------------


def test_seizure_form_computes_net_and_rejects_a_wrong_one(qtbot: QtBot, case_ctx: Context) -> None:
    services = Services(case_ctx)
    form = RecordForm(FORMS["seizure"], services.preview.check, CASE)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(line(form, "seizure", "exhibit_no"), "PDS-1-01")
    qtbot.keyClicks(line(form, "seizure", "gross_mg"), "1025.5")
    qtbot.keyClicks(line(form, "seizure", "tare_mg"), "25.25")
    net = line(form, "seizure", "net_mg")
    assert net.text() == "1000.25"  # gross − packaging, exactly
    assert form.save_button.isEnabled()

    retype(qtbot, net, "1000")
    assert not form.save_button.isEnabled()
    assert net.property("invalid") is True
    # in grams, with what it should be (issue 12), never "net 1000000 mg"
    assert form.error_labels[("seizure", "net_mg")].text() == (
        "The net weight 1000 g is not the gross 1025.5 g less the packaging 25.25 g "
        "(that is 1000.25 g)"
    )

    retype(qtbot, line(form, "seizure", "gross_mg"), "1025")  # net typed by hand: kept
    assert net.text() == "1000" and not form.save_button.isEnabled()  # 1025 − 25.25 ≠ 1000
    retype(qtbot, line(form, "seizure", "tare_mg"), "25")
    assert net.text() == "1000" and form.save_button.isEnabled()
    qtbot.keyClicks(line(form, "seizure", "purity_bp"), "78.35")
    op = form.operation()
    values = op.args["values"]
    assert (values["gross_mg"], values["tare_mg"], values["net_mg"]) == (1025000, 25000, 1000000)
    assert values["purity_bp"] == 7835
    assert values["sampled_count"] == 1  # proposed from one package
    assert all(not isinstance(v, float) for v in values.values())

    OperationRunner(case_ctx).run(op)
    [row] = TableService(case_ctx).fetch(CASE, "seizures")
    assert row["net_mg"] == 1000000
    form.confirm_discard = lambda: True  # the test closes the form it filled in


def test_quantity_fields_refuse_more_places_than_the_unit(qtbot: QtBot, case_ctx: Context) -> None:
    form = RecordForm(FORMS["asset"], Services(case_ctx).preview.check, CASE)
    qtbot.addWidget(form)
    amount = line(form, "asset", "amount_fen")
    qtbot.keyClicks(amount, "2060000.125")  # the validator stops at two places
    assert amount.text() == "2060000.12"
    assert form.peek("asset", "amount_fen") == 206000012


def test_datetimes_are_entered_in_shanghai_and_kept_in_utc(qtbot: QtBot, case_ctx: Context) -> None:
    form = RecordForm(FORMS["event"], Services(case_ctx).preview.check, CASE)
    qtbot.addWidget(form)
    editor = form.editors[("event", "occurred_at")]
    assert isinstance(editor, DateTimeEditor)
    editor.edit.setDateTime(QDateTime(QDate(2019, 3, 30), QTime(15, 30)))
    assert editor.value() == datetime(2019, 3, 30, 7, 30, tzinfo=UTC)
    editor.set_value(datetime(2019, 3, 28, 16, 5, tzinfo=UTC))
    assert editor.edit.dateTime().toString("yyyy-MM-dd HH:mm") == "2019-03-29 00:05"


# -- every form opens on the demo data without complaint --------------------------------


@pytest.mark.parametrize(
    "entity",
    [
        "persons",
        "measures",
        "vehicles",
        "seizures",
        "assets",
        "locations",
        "events",
        "links",
    ],
)
def test_edit_forms_open_clean_on_demo_rows(qtbot: QtBot, demo_ctx: Context, entity: str) -> None:
    win = MainWindow(demo_ctx, lang="en")
    qtbot.addWidget(win)
    controller = install_editing(win)
    win.open_case("PDS-2019-001")
    table_rows = TableService(demo_ctx).fetch("PDS-2019-001", entity, None, 0, 3)
    if not table_rows:
        pytest.skip(f"the demo case has no {entity}")
    for row in table_rows:
        form = controller.form(TABLE_FORMS[entity], controller.target(entity, row))
        qtbot.addWidget(form)
        assert form.errors == {}, (entity, row["id"], form.errors)
        assert form.operations() == []  # nothing changed, nothing to push
        if entity == "persons":  # fields that are not table columns are shown too
            assert form.peek("person", "birthplace").startswith(("河南省", "山西省"))


def test_case_form_edits_the_open_case(qtbot: QtBot, window: MainWindow) -> None:
    controller = editing(window)

    def drive(form: RecordForm) -> None:
        assert line(form, "case", "code").isReadOnly()  # the code is the case's handle
        retype(qtbot, line(form, "case", "nickname"), "3·28")
        form.accept()

    driving(qtbot, controller, drive)
    window.show_view("overview")
    assert controller.edit_current() is True
    assert window.services.cases.get(CASE).nickname == "3·28"
    assert controller.undo.undo_action.text() == f"&Undo Edit case {CASE}"


def test_new_case_by_keyboard_opens_it_and_undo_removes_it_while_empty(
    qtbot: QtBot, window: MainWindow
) -> None:
    controller = editing(window)

    def drive(form: RecordForm) -> None:
        assert not form.save_button.isEnabled()  # code and title are required
        type_into(qtbot, line(form, "case", "code"), "PDS-2026-007")
        type_into(qtbot, line(form, "case", "title"), "新建测试案")
        qtbot.keyClick(line(form, "case", "title"), Qt.Key.Key_Return)

    driving(qtbot, controller, drive)
    assert controller.new_case() is True
    assert window.current_case_code() == "PDS-2026-007"
    assert "PDS-2026-007" in [r.code for r in window.services.cases.list()]
    assert controller.undo.undo_action.text() == "&Undo New case PDS-2026-007"

    controller.undo.stack.undo()  # still empty: the case goes, and the window closes it
    assert "PDS-2026-007" not in [r.code for r in window.services.cases.list()]
    assert window.current_case_code() is None
    controller.undo.stack.redo()
    assert window.services.cases.get("PDS-2026-007").title == "新建测试案"

    # Recorded outside the undo stack (an import, another window): undo must not take it.
    window.services.records.add("PDS-2026-007", "location", name="窝点")
    errors: list[str] = []
    controller.undo.on_error = errors.append
    controller.undo.stack.undo()
    assert "PDS-2026-007" in [r.code for r in window.services.cases.list()]
    assert errors and "not empty (1 location)" in errors[0]


# -- attachments and custody -----------------------------------------------------------


def test_attachment_added_encrypted_opened_and_wiped(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = editing(window).attachments
    assert panel is not None
    source = tmp_path / "称量记录.txt"
    source.write_bytes("毛重 1025.5 g\n".encode())
    window.show_view("attachments")
    attachment_id = panel.add_file(source, "weighing record")
    assert attachment_id is not None
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert digest in panel.sha_label.text()
    plain = source.read_bytes()
    assert plain not in window.services.ctx.store.path.read_bytes()  # stored encrypted

    opened: list[QUrl] = []
    panel.open_url = lambda url: opened.append(url) is None
    copy = panel.open_selected()
    assert copy is not None and copy.read_bytes() == plain
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert opened == [QUrl.fromLocalFile(str(copy))]
    window.close()  # closing the window wipes every copy
    assert not copy.exists()


def test_attachment_add_and_remove_undo_and_redo(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    controller = editing(window)
    panel = controller.attachments
    assert panel is not None
    source = tmp_path / "现场照片.jpg"
    source.write_bytes(b"\xff\xd8 photo bytes")
    window.show_view("attachments")
    attachment_id = panel.add_file(source, "scene photo")
    assert attachment_id is not None
    assert controller.undo.undo_action.text().startswith("&Undo")
    assert [r["id"] for r in rows(window, "attachments")] == [attachment_id]

    controller.undo.stack.undo()  # the file leaves the case ...
    assert rows(window, "attachments") == []
    source.unlink()  # ... and redo does not need the original file any more
    controller.undo.stack.redo()
    [row] = rows(window, "attachments")
    assert row["id"] == attachment_id  # the same record, so later steps still point at it
    assert row["sha256"] == hashlib.sha256(b"\xff\xd8 photo bytes").hexdigest()

    panel.select(attachment_id)
    controller.confirm = lambda question: "现场照片.jpg" in question
    assert panel.remove_selected() is True
    assert rows(window, "attachments") == []
    controller.undo.stack.undo()
    assert [r["id"] for r in rows(window, "attachments")] == [attachment_id]
    actions = [e.action for e in window.services.audit.log(CASE) if e.entity == "attachment"]
    assert actions == ["create", "delete", "create", "delete", "create"]


def test_custody_entry_for_an_exhibit(qtbot: QtBot, window: MainWindow) -> None:
    controller = editing(window)
    command = controller.undo.push(
        ops.add_record(CASE, "seizure", exhibit_no="JC-01", drug="methamphetamine", net_mg=500)
    )
    assert command is not None
    seizure_id = command.values[0]

    def drive(form: RecordForm) -> None:
        assert form.peek("custody", "item_type") == "seizure"
        assert form.peek("custody", "item_id") == seizure_id
        type_into(qtbot, line(form, "custody", "from_holder"), "刑警支队 张某")
        type_into(qtbot, line(form, "custody", "to_holder"), "物证室 李某")
        qtbot.keyClick(line(form, "custody", "to_holder"), Qt.Key.Key_Return)

    driving(qtbot, controller, drive)
    assert controller.add_custody("seizure", seizure_id) is True
    [entry] = rows(window, "custody")
    assert (entry["item"], entry["to_holder"]) == ("JC-01", "物证室 李某")


# -- looking at it -----------------------------------------------------------------------


def test_screenshots_of_person_and_seizure_forms(
    qtbot: QtBot, case_ctx: Context, tmp_path: Path
) -> None:
    """Saved for a person to look at: WORKBENCH_SHOTS_DIR=/tmp/shots keeps them."""
    services = Services(case_ctx)
    shots = Path(os.environ.get("WORKBENCH_SHOTS_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    person = RecordForm(FORMS["person"], services.preview.check, CASE)
    qtbot.addWidget(person)
    person.show()
    type_into(qtbot, line(person, "person", "name"), "张某")
    qtbot.keyClicks(line(person, "person", "id_number"), INVALID_ID)
    assert person.error_labels[("person", "id_number")].isVisible()
    assert person.grab().save(str(shots / "person_form_invalid_id.png"))

    seizure = RecordForm(FORMS["seizure"], services.preview.check, CASE)
    qtbot.addWidget(seizure)
    seizure.show()
    qtbot.keyClicks(line(seizure, "seizure", "exhibit_no"), "PDS-2019-001-01")
    qtbot.keyClicks(line(seizure, "seizure", "gross_mg"), "1025.5")
    qtbot.keyClicks(line(seizure, "seizure", "tare_mg"), "25.5")
    qtbot.keyClicks(line(seizure, "seizure", "scale_resolution_mg"), "1")
    assert isinstance(seizure.editors[("seizure", "net_mg")], QuantityEditor)
    assert seizure.grab().save(str(shots / "seizure_form.png"))
    for form in (person, seizure):
        form.confirm_discard = lambda: True  # the test closes the forms it filled in


def test_undo_is_off_while_locked_and_uses_the_new_session_after(
    qtbot: QtBot, window: MainWindow, db_path: Path, key: PassphraseKey
) -> None:
    controller = editing(window)
    assert controller.undo.push(ops.add_record(CASE, "location", name="出租房")) is not None
    window.lock()
    assert not controller.undo.undo_action.isEnabled()
    assert controller.undo.push(ops.add_record(CASE, "location", name="宾馆")) is None

    store = Store.open(db_path, key)
    try:
        window.unlock(Context(store, "tester"))
        assert controller.undo.undo_action.isEnabled()
        controller.undo.undo_action.trigger()  # runs on the reopened database
        assert rows(window, "locations") == []
    finally:
        window.close()
        store.close()


def test_seizure_form_proposes_the_packages_to_sample(qtbot: QtBot, case_ctx: Context) -> None:
    """Issue 12: 公禁毒〔2016〕511号's count is proposed from the package count; sampling
    fewer is allowed with a warning naming the profile."""
    form = RecordForm(FORMS["seizure"], Services(case_ctx).preview.check, CASE)
    qtbot.addWidget(form)
    form.show()
    sampled = form.editors[("seizure", "sampled_count")]
    packages = form.editors[("seizure", "package_count")]
    assert sampled.value() == 1
    for count, proposed in ((8, 8), (25, 10), (150, 12)):
        packages.set_value(count)
        form._user_changed(("seizure", "package_count"))
        assert sampled.value() == proposed, count
    assert not form.warnings
    qtbot.keyClicks(line(form, "seizure", "exhibit_no"), "PDS-1-09")
    qtbot.keyClicks(line(form, "seizure", "net_mg"), "300")
    assert sampled.value() == 12 and not form.warnings
    sampled.set_value(5)
    form._user_changed(("seizure", "sampled_count"))
    assert any("5 of 150 packages sampled; 12 should be" in w for w in form.warnings)
    assert any("prc-2016 v2016.2" in w for w in form.warnings)
    sampled.set_value(151)
    form._user_changed(("seizure", "sampled_count"))
    assert not form.save_button.isEnabled()
    form.confirm_discard = lambda: True  # the test closes the form it filled in
