"""The case view: one tab per part of the case file, each table a lazy RecordTableModel.

Tabs are named by the views of ``workbench gui --view``; a tab may hold more than one
table (Persons also lists the compulsory measures, Seizures the chain of custody).
Other modules add tabs (the timeline) with :meth:`CaseView.add_tab`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.services.bundle import Services
from workbench.views.formatting import DEFAULT_ZONE
from workbench.views.overview_tab import OverviewTab
from workbench.views.record_table import RecordTable
from workbench.views.table_model import RecordTableModel

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

# Which tables each tab holds, the first being the tab's own entity.
TAB_TABLES: dict[str, tuple[str, ...]] = {
    "persons": ("persons", "measures"),
    "vehicles": ("vehicles",),
    "seizures": ("seizures", "custody"),
    "assets": ("assets",),
    "locations": ("locations",),
    "events": ("events",),
    "links": ("links",),
    "attachments": ("attachments",),
    "audit": ("audit",),
}

# A table shows names from other records: it is stale when any of these changed
# (audit-entity keys, see vocab.ENTITY_KINDS). The audit table follows every change.
TABLE_DEPENDS: dict[str, frozenset[str]] = {
    "persons": frozenset({"person", "party", "measure"}),
    "measures": frozenset({"measure", "person", "party"}),
    "vehicles": frozenset({"vehicle", "case_vehicle", "person"}),
    "seizures": frozenset({"seizure", "attribution", "location", "person"}),
    "custody": frozenset({"custody", "seizure", "attachment"}),
    "assets": frozenset({"asset", "person"}),
    "locations": frozenset({"location"}),
    "events": frozenset({"event"}),
    "links": frozenset(
        {"link", "person", "vehicle", "location", "seizure", "event", "asset", "party"}
    ),
    "attachments": frozenset({"attachment"}),
}


# Search hits name a record by its own kind and id; which table row holds it.
HIT_TABLES: dict[str, tuple[str, str]] = {
    "person": ("persons", "person_id"),
    "vehicle": ("vehicles", "vehicle_id"),
    "seizure": ("seizures", "id"),
}


class CaseView(QTabWidget):
    """Emits ``view_changed(name)`` when the user switches tabs (name from VIEWS or added)."""

    view_changed = Signal(str)

    def __init__(
        self,
        services: Services,
        lang: str,
        zone: str = DEFAULT_ZONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_view")
        self.setDocumentMode(True)
        self.services = services
        self.lang = lang
        self._case: str | None = None
        self._names: list[str] = []
        self._refreshers: dict[str, Callable[[], None]] = {}
        self._stale_tabs: set[str] = set()
        self.models: dict[str, RecordTableModel] = {}
        self.tables: dict[str, RecordTable] = {}

        self.overview = OverviewTab(services, lang, zone)
        titles = {
            "overview": self.tr("Overview"),
            "persons": self.tr("Persons"),
            "vehicles": self.tr("Vehicles"),
            "seizures": self.tr("Seizures"),
            "assets": self.tr("Assets"),
            "locations": self.tr("Locations"),
            "events": self.tr("Events"),
            "links": self.tr("Links"),
            "attachments": self.tr("Attachments"),
            "audit": self.tr("Audit"),
        }
        subtitles = {
            "measures": self.tr("Compulsory measures"),
            "custody": self.tr("Chain of custody"),
        }
        self.add_tab("overview", self.overview, titles["overview"], self.overview.refresh)
        self._titles = subtitles
        self._pages: dict[str, QWidget] = {}
        for name, entities in TAB_TABLES.items():
            for entity in entities:
                self.models[entity] = RecordTableModel(
                    services.tables, entity, lang=lang, zone=zone, parent=self
                )
            # The tables are built when their tab is first shown: most sessions look at a
            # few tabs, and each table widget costs a millisecond or two at start-up.
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages[name] = page
            self.add_tab(name, page, titles[name])
        self.currentChanged.connect(self._tab_changed)
        # The table last focused in each tab: menus take the focus while they are open.
        self._last_table: dict[str, str] = {}
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- tabs ----------------------------------------------------------------------

    def add_tab(
        self,
        name: str,
        widget: QWidget,
        title: str,
        refresh: Callable[[], None] | None = None,
        after: str | None = None,
    ) -> int:
        """Add a named tab (at the end, or right ``after`` another); ``refresh`` is called
        on every refresh of the case while the tab is shown, else when it is next shown."""
        widget.setObjectName(widget.objectName() or f"tab_{name}")
        position = self._names.index(after) + 1 if after in self._names else len(self._names)
        self._names.insert(position, name)  # before the tab exists: currentChanged may fire
        index = self.insertTab(position, widget, title)
        if refresh is not None:
            self._refreshers[name] = refresh
        return index

    def _build_tables(self, name: str) -> None:
        """Put tab ``name``'s tables on its page (once)."""
        page = self._pages.get(name)
        entities = TAB_TABLES.get(name, ())
        if page is None or not entities or entities[0] in self.tables:
            return
        widgets = []
        for entity in entities:
            table = RecordTable(self.models[entity], self._titles.get(entity, ""))
            self.tables[entity] = table
            widgets.append(table)
        content: QWidget = widgets[0]
        if len(widgets) > 1:
            content = QSplitter(Qt.Orientation.Vertical)
            for w in widgets:
                content.addWidget(w)
            content.setStretchFactor(0, 3)
            content.setStretchFactor(1, 2)
        page.layout().addWidget(content)
        content.setVisible(True)  # a layout shows a late child only on the next event loop

    def record_table(self, entity: str) -> RecordTable:
        """The table widget of ``entity``, built if its tab has not been shown yet."""
        for name, entities in TAB_TABLES.items():
            if entity in entities:
                self._build_tables(name)
        return self.tables[entity]

    def view_names(self) -> tuple[str, ...]:
        return tuple(self._names)

    def show_view(self, name: str) -> None:
        if name not in self._names:
            raise KeyError(f"no view {name!r}; expected one of {', '.join(self._names)}")
        self.setCurrentIndex(self._names.index(name))

    def current_view(self) -> str:
        index = self.currentIndex()
        return self._names[index] if 0 <= index < len(self._names) else ""

    def current_entity(self) -> str:
        """The entity the user is working on: the focused table of the current tab, else the
        tab's own table; "overview" (or an added tab's name) where there is no table.
        """
        name = self.current_view()
        entities = TAB_TABLES.get(name)
        if not entities:
            return name
        last = self._last_table.get(name)
        return last if last in entities else entities[0]

    def table_view(self, entity: str) -> QTableView:
        """The table of ``entity``; its rows are loaded if its tab had not been shown."""
        table = self.record_table(entity)
        self.models[entity].ensure_loaded()
        return table.view

    def model(self, entity: str) -> RecordTableModel:
        """The model of ``entity``, loaded (see :meth:`table_view`)."""
        self.models[entity].ensure_loaded()
        return self.models[entity]

    def select_record(self, entity: str, record_id: int) -> bool:
        """Show and select a record: ``entity`` is a table ("persons") with its row id, or
        a search hit's kind ("person", "vehicle", "seizure") with that record's own id.
        The row is found without reading the rows before it (its position under the
        table's order and filter, from the database); False if the filter hides it.
        """
        table, key = HIT_TABLES.get(entity, (entity, "id"))
        if table not in self.models:
            return False
        model = self.model(table)
        row = model.row_of_id(record_id, key=key)
        if row is None:
            return False
        for name, entities in TAB_TABLES.items():
            if table in entities:
                self.show_view(name)
        view = self.record_table(table).view
        view.selectRow(row)
        view.scrollTo(model.index(row, 0))
        view.setFocus()
        return True

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        for name, entities in TAB_TABLES.items():
            for entity in entities:
                table = self.tables.get(entity)
                if table is not None and new is table.view:
                    self._last_table[name] = entity
                    return

    def _tab_changed(self, index: int) -> None:
        if 0 <= index < len(self._names):
            self._load_current()
            self.view_changed.emit(self._names[index])

    # -- the case ------------------------------------------------------------------

    def case_code(self) -> str | None:
        return self._case

    def set_services(self, services: Services) -> None:
        """A new session (after unlocking): every table reads through its services."""
        self.services = services
        self.overview.set_services(services)
        for model in self.models.values():
            model.set_tables(services.tables)

    # Only the tab in front reads the database; the others are marked stale and read
    # when they are shown (a case with 10,000 persons need not load them to show events).

    def set_case(self, code: str | None) -> None:
        self._case = code
        self.overview.set_case(code, load=False)
        for model in self.models.values():
            if model.case_code == code:
                model.mark_stale()
            else:
                model.set_case(code, load=False)
        self._stale_tabs = set(self._refreshers)
        self._load_current()

    def refresh(self, entities: Iterable[str] | None = None) -> None:
        """Re-read what ``entities`` (audit-entity keys) touched; None re-reads everything."""
        if self._case is None:
            return
        touched = None if entities is None else frozenset(entities)
        for entity, model in self.models.items():
            if entity == "audit" or touched is None or TABLE_DEPENDS[entity] & touched:
                model.mark_stale()
        self._stale_tabs = set(self._refreshers)
        self._load_current()

    def clear(self) -> None:
        """Drop every row from memory (the window is locking)."""
        self._case = None
        self.overview.clear()
        for model in self.models.values():
            model.clear()
        self._stale_tabs = set()

    def _load_current(self) -> None:
        name = self.current_view()
        self._build_tables(name)
        for entity in TAB_TABLES.get(name, ()):
            self.models[entity].ensure_loaded()
        if name in self._stale_tabs:
            self._stale_tabs.discard(name)
            self._refreshers[name]()
