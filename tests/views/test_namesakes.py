"""Two 郭某 told apart: search results, the new-person form's "already on file" notice
and the persons table's other-case flags show the birth date, the ID number partly
masked and the role — on real widgets over a copy of the demo database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.views.conftest import CASE, make_window
from workbench.domain.identifiers import resident_id_check_char
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.tables import TableService
from workbench.services.core.context import Context
from workbench.views.editing import install_editing
from workbench.views.forms import RecordForm
from workbench.views.forms.editors import TextEditor
from workbench.views.main_window import MainWindow
from workbench.views.search_dialog import SearchDialog
from workbench.views.table_model import RecordTableModel

OTHER = "PDS-2019-003"


def resident_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


FIRST = resident_id("41040219800101001")  # born 1980-01-01
SECOND = resident_id("41042519920615002")  # born 1992-06-15


@pytest.fixture
def two_guo(demo_ctx: Context) -> Context:
    persons = PersonService(demo_ctx)
    persons.add_to_case(CASE, {"name": "郭某", "id_number": FIRST}, role="buyer")
    persons.add_to_case(OTHER, {"name": "郭某", "id_number": SECOND}, role="user")
    persons.add_to_case(OTHER, {"name": "郭某", "id_number": FIRST}, role="supplier")
    return demo_ctx


@pytest.fixture
def window(qtbot: QtBot, two_guo: Context) -> Iterator[MainWindow]:
    win = make_window(qtbot, two_guo, lang="en")
    install_editing(win)
    yield win
    win.close()


def test_search_results_tell_the_two_apart(qtbot: QtBot, two_guo: Context) -> None:
    dialog = SearchDialog(TableServiceSearch(two_guo))
    qtbot.addWidget(dialog)
    dialog.query_edit.setText("郭某")
    dialog.run_search()
    rows = {
        (dialog.results.topLevelItem(i).text(0), dialog.results.topLevelItem(i).text(3))
        for i in range(dialog.results.topLevelItemCount())
    }
    assert (CASE, f"1980-01-01 · 4104************{FIRST[-2:]} · buyer") in rows
    assert (OTHER, f"1992-06-15 · 4104************{SECOND[-2:]} · drug user") in rows
    assert (OTHER, f"1980-01-01 · 4104************{FIRST[-2:]} · supplier") in rows
    shown = " ".join(t for _case, t in rows)
    assert FIRST not in shown and SECOND not in shown  # never the whole number


class TableServiceSearch:
    """The search service of the window's own bundle (what Ctrl+K uses)."""

    def __init__(self, ctx: Context) -> None:
        from workbench.services.bundle import Services

        self._search = Services(ctx).search

    def search(self, text: str, limit: int = 100) -> list[object]:
        return list(self._search.search(text, limit))


def test_a_known_id_number_is_said_before_saving(qtbot: QtBot, window: MainWindow) -> None:
    window.open_case("PDS-2019-002")
    form: RecordForm = window.editing.form("person")  # type: ignore[attr-defined]
    qtbot.addWidget(form)
    form.confirm_discard = lambda: True
    form.show()
    editor = form.editors[("person", "id_number")]
    assert isinstance(editor, TextEditor)
    editor.edit.setText(FIRST[:10])
    editor.changed.emit()
    assert not any("already on file" in w for w in form.warnings)  # still typing
    editor.edit.setText(FIRST)
    editor.changed.emit()
    [notice] = [w for w in form.warnings if "already on file" in w]
    assert "郭某" in notice and "1980-01-01" in notice and f"4104************{FIRST[-2:]}" in notice
    assert f"{CASE} (buyer)" in notice and f"{OTHER} (supplier)" in notice
    assert FIRST not in notice
    assert form.warning_label.isVisible() and "郭某" in form.warning_label.text()


def test_other_case_flags_say_the_role_there_and_who_it_is(window: MainWindow) -> None:
    window.open_case(CASE)
    window.show_view("persons")
    model: RecordTableModel = window.case_view.model("persons")
    rows = TableService(window.services.ctx).fetch(CASE, "persons", None, 0, 500)
    row = next(i for i, r in enumerate(rows) if r.get("id_number") == FIRST)
    flag = model.index(row, model.columnCount() - 1)
    assert model.data(flag) == f"{OTHER} (supplier)"
    tip = str(model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole))
    assert f"{OTHER} (supplier)" in tip and "1980-01-01" in tip
    assert f"4104************{FIRST[-2:]}" in tip
