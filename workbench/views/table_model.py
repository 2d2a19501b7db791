"""A random-access paged Qt table model over TableService: sorting and filtering in SQL.

A case can hold 100,000 events. ``rowCount`` is the whole count (one COUNT per case,
filter or sort), and a row is read when a view asks for it: row ``r`` lives on page
``r // page_size``, fetched with one ``LIMIT … OFFSET …`` the first time one of its cells
is wanted and kept in a small LRU cache of pages (``max_pages`` of them), so scrolling to
the end reads the last page and nothing in between, and memory stays bounded however far
the user scrolls. Cell text is formatted once per cached row, when first painted (in
:mod:`workbench.views.formatting`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from workbench.domain.masking import mask_id
from workbench.services.casefile.tables import Column, TableQuery, TableService
from workbench.views.formatting import DEFAULT_ZONE, CellFormatter
from workbench.views.i18n import arg
from workbench.views.namesakes import cases_text, identity_text

PAGE_SIZE = 256
MAX_PAGES = 40  # 10,240 rows at most in memory, whatever the table's size
MAX_POSITION_QUERIES = 20  # a refresh asks where at most this many selected records went
FLAG_KEY = "other_cases"
FLAGGED_ENTITIES = frozenset({"persons", "vehicles"})
FLAG_BACKGROUND = QColor(255, 236, 179)  # amber: "seen elsewhere", not an error
_TOOLTIP_CHARS = 60  # longer cells get the full text as a tooltip

Index = QModelIndex | QPersistentModelIndex

# Roles as plain ints: data() compares them for every cell painted.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def locale_formatter(lang: str, zone: str = DEFAULT_ZONE) -> CellFormatter:
    """A CellFormatter grouping digits the way QLocale does for ``lang``."""
    locale = QLocale(lang)
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return CellFormatter(
        lang=lang,
        zone=zone,
        group=lambda n: locale.toString(n),
        decimal_point=locale.decimalPoint(),
    )


class _Page:
    """Rows as the service returned them, and their cells once formatted."""

    __slots__ = ("cells", "rows")

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.cells: list[tuple[str, ...] | None] = [None] * len(rows)


class RecordTableModel(QAbstractTableModel):
    """Rows of one entity of one case, read a page at a time when first shown.

    Persons and vehicles get a trailing "Other cases" column: rows whose person or
    vehicle also appears in another case are tinted and name those cases.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1  # the record id the edit operations take
    RawRole = Qt.ItemDataRole.UserRole + 2  # the stored value (int mg, key, aware datetime)
    RowRole = Qt.ItemDataRole.UserRole + 3  # the whole row dict

    #: total number of rows matching the current filter changed (after reload/filter)
    total_changed = Signal(int)

    def __init__(
        self,
        tables: TableService,
        entity: str,
        *,
        lang: str = "zh_CN",
        zone: str = DEFAULT_ZONE,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tables = tables
        self.entity = entity
        self.page_size = max(1, page_size)
        self.max_pages = max(2, max_pages)  # a selection spanning a page boundary fits
        self._zone = zone
        self._lang = lang
        self._formatter = locale_formatter(lang, zone)
        self._columns: tuple[Column, ...] = tables.columns(entity)
        self._flagged = entity in FLAGGED_ENTITIES
        self._case: str | None = None
        self._query = TableQuery()
        self._pages: OrderedDict[int, _Page] = OrderedDict()  # least recently used first
        self._hot: tuple[int, int, _Page] | None = None  # (first row, end, page) last read
        self._column_count = len(self._columns) + (1 if self._flagged else 0)
        self._alignments = tuple(self._alignment(c.kind) for c in self._columns) + (
            (None,) if self._flagged else ()
        )
        self._total = 0  # rows the views are told of
        self._count = 0  # rows the query has: differs from _total only inside _refresh
        self._stale = False
        self._flag_icon: QIcon | None = None

    # -- configuration -------------------------------------------------------------

    @property
    def case_code(self) -> str | None:
        return self._case

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def query(self) -> TableQuery:
        return self._query

    def columns(self) -> tuple[Column, ...]:
        """The service's columns (the flag column, when present, comes after them)."""
        return self._columns

    def column_keys(self) -> list[str]:
        keys = [c.key for c in self._columns]
        return [*keys, FLAG_KEY] if self._flagged else keys

    def column_index(self, key: str) -> int:
        return self.column_keys().index(key)

    def set_tables(self, tables: TableService) -> None:
        """Point the model at another session's service (after unlocking); then reload."""
        self._tables = tables

    def set_case(self, code: str | None, *, load: bool = True) -> None:
        """Show ``code``'s rows; ``load=False`` only marks the model stale (hidden tabs)."""
        if code == self._case and not self._stale:
            return
        self._case = code
        self._query = TableQuery(sort=self._query.sort, descending=self._query.descending)
        if load:
            self.reload(keep_loaded=False)
        else:
            self._drop_rows()
            self._stale = code is not None

    def mark_stale(self) -> None:
        """The rows may be out of date: re-read them on the next :meth:`ensure_loaded`."""
        self._stale = self._case is not None

    def is_stale(self) -> bool:
        return self._stale

    def ensure_loaded(self) -> None:
        if self._stale:
            self.reload()

    def set_filter(self, text: str) -> None:
        text = text.strip()
        if text == self._query.text:
            return
        self._query = TableQuery(text, self._query.sort, self._query.descending)
        self.reload(keep_loaded=False)

    def filter_text(self) -> str:
        return self._query.text

    def set_language(self, lang: str) -> None:
        """Re-format the cells (and headers) in ``lang``; rows, selection and scroll stay."""
        self._lang = lang
        self._formatter = locale_formatter(lang, self._zone)
        for page in self._pages.values():
            page.cells = [None] * len(page.rows)
        columns = self.columnCount()
        if columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._total and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, columns - 1))

    def total(self) -> int:
        """Rows matching the current filter (all of them are rows of the model)."""
        return self._total

    def loaded(self) -> int:
        """Rows held in memory: those of the cached pages."""
        return sum(len(page.rows) for page in self._pages.values())

    def cached_pages(self) -> list[int]:
        """Numbers of the pages in memory, least recently used first."""
        return list(self._pages)

    def reload(self, keep_loaded: bool = True) -> None:
        """Re-count and forget every cached page.

        ``keep_loaded`` (a refresh after an edit): the view keeps its scroll position and
        its selection follows the selected records to their new rows (rows appended or
        removed at the end, then a layout change). Otherwise (another case, filter or
        order) the model is reset.
        """
        self._stale = False
        if keep_loaded and self._case is not None and self._total:
            self._refresh()
        else:
            self.beginResetModel()
            self._forget()
            self._total = self._count = 0
            if self._case is not None:
                self._total = self._count = self._tables.count(self._case, self.entity, self._query)
            self.endResetModel()
        self.total_changed.emit(self._total)

    def clear(self) -> None:
        """Forget every row (locking the window): nothing of the case stays in memory."""
        self._case = None
        self._stale = False
        self._query = TableQuery()
        self._drop_rows()

    def _drop_rows(self) -> None:
        self.beginResetModel()
        self._forget()
        self._total = self._count = 0
        self.endResetModel()
        self.total_changed.emit(0)

    def _refresh(self) -> None:
        assert self._case is not None
        root = QModelIndex()
        old_total = self._total
        new_total = self._count = self._tables.count(self._case, self.entity, self._query)
        if new_total > old_total:  # grow first, so moved records can land in the new rows
            self.beginInsertRows(root, old_total, new_total - 1)
            self._total = new_total
            self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        # Asked only now: the selection model keeps its rows as persistent indexes made
        # when the layout change is announced. The cached rows are still the old ones;
        # an index on a row no longer cached keeps its row number.
        persistent = self.persistentIndexList()
        ids = [self._cached_id(p.row()) for p in persistent]
        self._forget()
        finder = _Finder(self, new_total)
        moved = []
        for index, record_id in zip(persistent, ids, strict=True):
            row = index.row() if record_id is None else finder.row(record_id, index.row())
            if row is None or row >= new_total:
                moved.append(QModelIndex())
            else:
                moved.append(self.index(row, index.column()))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        if new_total < old_total:  # the rows left at the end go last
            self.beginRemoveRows(root, new_total, old_total - 1)
            self._total = new_total
            self.endRemoveRows()

    def _cached_id(self, row: int) -> int | None:
        page = self._pages.get(row // self.page_size)
        if page is None or row % self.page_size >= len(page.rows):
            return None
        return int(page.rows[row % self.page_size]["id"])

    # -- rows ----------------------------------------------------------------------

    def _page(self, number: int, total: int | None = None) -> _Page | None:
        """Page ``number``, from the cache or read now (evicting the least recently used)."""
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        total = self._count if total is None else total
        if self._case is None or number < 0 or number * self.page_size >= total:
            return None
        rows = self._tables.fetch(
            self._case,
            self.entity,
            self._query,
            number * self.page_size,
            self.page_size,
            total=total,
        )
        page = self._pages[number] = _Page(rows)
        while len(self._pages) > self.max_pages:
            _, evicted = self._pages.popitem(last=False)
            if self._hot is not None and self._hot[2] is evicted:
                self._hot = None
        return page

    def _forget(self) -> None:
        self._pages.clear()
        self._hot = None

    def _located(self, row: int) -> tuple[_Page, int] | None:
        if row < 0 or row >= self._total:
            return None
        number = row // self.page_size
        page = self._page(number)
        i = row % self.page_size
        if page is None or i >= len(page.rows):  # the table shrank under us
            return None
        first = number * self.page_size
        self._hot = (first, first + len(page.rows), page)
        return page, i

    def _row(self, row: int) -> dict[str, Any]:
        located = self._located(row)
        if located is None:
            raise IndexError(f"no row {row} in {self.entity} ({self._total} rows)")
        page, i = located
        return page.rows[i]

    def record_id(self, row: int) -> int:
        return int(self._row(row)["id"])

    def row_record(self, row: int) -> dict[str, Any]:
        """A copy of the row as the service returned it (model units, vocabulary keys)."""
        return dict(self._row(row))

    def row_of_id(self, record_id: int, key: str = "id") -> int | None:
        """The row holding ``record_id`` (None if filtered out or gone).

        ``key`` may name another id of the rows ("person_id" in persons). A row not in
        the cache is found by the service (its position under the current order and
        filter), without reading the rows before it.
        """
        for number, page in self._pages.items():
            for i, row in enumerate(page.rows):
                if row.get(key) == record_id:
                    return number * self.page_size + i
        return self._position(record_id, key)

    def _position(self, record_id: int, key: str = "id") -> int | None:
        if self._case is None:
            return None
        row = self._tables.position(self._case, self.entity, self._query, record_id, key=key)
        return row if row is not None and row < self._count else None

    def _format(self, row: dict[str, Any]) -> tuple[str, ...]:
        fmt = self._formatter.format
        cells = [fmt(c.kind, row.get(c.key), row) for c in self._columns]
        if self._flagged:
            cells.append(self._others_text(row))
        return tuple(cells)

    @staticmethod
    def _cell(
        page: _Page, i: int, c: int, format_: Callable[[dict[str, Any]], tuple[str, ...]]
    ) -> str:
        cells = page.cells[i]
        if cells is None:
            cells = page.cells[i] = format_(page.rows[i])
        return cells[c]

    # -- QAbstractItemModel --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._column_count

    def _alignment(self, kind: str) -> Qt.AlignmentFlag | None:
        """None for text: the delegate's own alignment (left, centred vertically)."""
        if self._formatter.is_numeric(kind):
            return _RIGHT
        if kind == "bool":
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Painting asks for seven roles of every visible cell: this is the hot path, so
        # roles are plain ints and the page last read is kept at hand.
        if role not in _ROLES:
            return None
        if role in _FLAG_ROLES and not self._flagged:
            return None  # no tint, no icon: only persons and vehicles have them
        if role == _ALIGN:
            c = index.column()
            return self._alignments[c] if 0 <= c < self._column_count else None
        r = index.row()
        hot = self._hot
        if hot is not None and hot[0] <= r < hot[1]:
            page, i = hot[2], r - hot[0]
        else:
            located = self._located(r)
            if located is None:
                return None
            page, i = located
        c = index.column()
        if role == _DISPLAY:
            cells = page.cells[i]
            if cells is None:
                cells = page.cells[i] = self._format(page.rows[i])
            return cells[c] if 0 <= c < len(cells) else None
        if not 0 <= c < self._column_count:
            return None
        row = page.rows[i]
        others = row.get(FLAG_KEY) if self._flagged else None
        flag_col = self._flagged and c == len(self._columns)
        if role == _TOOLTIP:
            if others:
                return self._others_tip(row)
            text = self._cell(page, i, c, self._format)
            return text if len(text) > _TOOLTIP_CHARS else None
        if role == _BACKGROUND:
            return QBrush(FLAG_BACKGROUND) if others else None
        if role == _FOREGROUND:
            # the tint is light in every palette: keep dark text on it, even in dark mode
            return QBrush(QColor(0, 0, 0)) if others else None
        if role == _DECORATION:
            # beside the first column too: the codes column may be scrolled out of sight
            return self._icon() if others and (flag_col or c == 0) else None
        if role == self.IdRole:
            return row["id"]
        if role == self.RawRole:
            return others if flag_col else row.get(self._columns[c].key)
        if role == self.RowRole:
            return dict(row)
        return None

    def _others_text(self, row: dict[str, Any]) -> str:
        """The other cases, with the person's role in each where the row is a person."""
        roles = row.get("other_roles")
        if roles:
            return cases_text(tuple(tuple(r) for r in roles), self._lang)  # type: ignore[misc]
        return ", ".join(row.get(FLAG_KEY) or ())

    def _others_tip(self, row: dict[str, Any]) -> str:
        """Where else the person or vehicle is on file and, for a person, what shows it is
        the same one (birth date, ID number partly masked) rather than a namesake."""
        text = arg(self.tr("Also in case files: %1"), self._others_text(row))
        if "other_roles" in row:
            who = identity_text(
                row.get("birth_date"), mask_id(row.get("id_number")), "", self._lang
            )
            if who:
                text += "\n" + arg(self.tr("The same person on file: %1"), who)
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if section == len(self._columns) and self._flagged:
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Case files in which the same person or vehicle also appears")
            return self.tr("Other cases")
        if 0 <= section < len(self._columns):
            return self._columns[section].label(self._lang)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in SQL; column -1 (or the flag column) restores the table's own order."""
        descending = order == Qt.SortOrder.DescendingOrder
        key = self._columns[column].key if 0 <= column < len(self._columns) else None
        if key is None:
            descending = False
        new = TableQuery(self._query.text, key, descending)
        if new == self._query:
            return
        self._query = new
        self.reload(keep_loaded=False)

    # -- helpers -------------------------------------------------------------------

    def _icon(self) -> QIcon | None:
        if self._flag_icon is None:
            app = QApplication.instance()
            if not isinstance(app, QApplication):
                return None
            style = app.style()
            self._flag_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        return self._flag_icon


class _Finder:
    """Where records went after a refresh: first on the page they were on and its
    neighbours (an edit moves a record a row or so), else asked of the service, at most
    MAX_POSITION_QUERIES times (then a selected record far away is let go)."""

    def __init__(self, model: RecordTableModel, total: int) -> None:
        self.model, self.total = model, total
        self.rows: dict[int, int | None] = {}  # None: asked, and gone (or filtered out)
        self.read: set[int] = set()
        self.queries = MAX_POSITION_QUERIES

    def row(self, record_id: int, near: int) -> int | None:
        if record_id not in self.rows:
            size = self.model.page_size
            number = near // size
            for n in (number, number + 1, number - 1):
                if n in self.read or n < 0 or n * size >= self.total:
                    continue
                self.read.add(n)
                page = self.model._page(n, self.total)
                for i, row in enumerate(page.rows if page else ()):
                    self.rows.setdefault(int(row["id"]), n * size + i)
                if record_id in self.rows:
                    break
        if record_id not in self.rows and self.queries > 0:
            self.queries -= 1
            self.rows[record_id] = self.model._position(record_id)
        return self.rows.get(record_id)


_FLAG_ROLES = frozenset({_BACKGROUND, _FOREGROUND, _DECORATION})
_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _BACKGROUND,
        _FOREGROUND,
        _DECORATION,
        _ALIGN,
        int(RecordTableModel.IdRole),
        int(RecordTableModel.RawRole),
        int(RecordTableModel.RowRole),
    }
)
