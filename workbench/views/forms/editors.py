"""One small editor widget per field kind, all with the same face to the form.

Every editor emits ``changed`` on user edits, returns its value in model units from
``value()`` (int mg, int fen, int basis points, aware UTC datetimes, vocabulary keys)
and raises ``Unparsable`` for text that is not a value yet, so the form can show the
reason beside the field like any other validation error. Quantities never pass
through float: the text goes straight to ``workbench.domain.quantities``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QRegularExpression,
    Qt,
    QTime,
)
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from workbench.domain import quantities, vocab
from workbench.domain.errors import DomainError
from workbench.views.formatting import DEFAULT_ZONE
from workbench.views.forms.spec import FieldSpec
from workbench.views.i18n import current_language

WORKSTATION_ZONE = ZoneInfo(DEFAULT_ZONE)
_LIST_SPLIT = re.compile(r"[,，、;；]+")


def translated(text: str) -> str:
    """A label declared elsewhere with QT_TRANSLATE_NOOP("forms", …), translated now."""
    return QCoreApplication.translate("forms", text)


class Unparsable(ValueError):
    """The text in an editor is not (yet) a value; the message is shown to the user."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


class Editor(QWidget):
    """Base: a container whose focus goes to the one control that takes input."""

    changed = QtSignal()

    def __init__(self, spec: FieldSpec, control: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.control = control
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(control, 1)
        self.setFocusProxy(control)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def display_text(self) -> str:
        """What the user sees, for the undo text ("Edit person 张某")."""
        value = self.value()
        return "" if value is None else str(value)

    def set_read_only(self, read_only: bool) -> None:
        self.control.setEnabled(not read_only)

    def mark(self, message: str | None, detail: str = "") -> None:
        """Red border and tooltip (the message, then the particulars) or clear them."""
        invalid = message is not None
        if self.control.property("invalid") != invalid:
            self.control.setProperty("invalid", invalid)
            self.control.style().unpolish(self.control)
            self.control.style().polish(self.control)
        tip = message or ""
        if message and detail and detail != message:
            tip = f"{message}\n{detail}"
        self.control.setToolTip(tip)


class TextEditor(Editor):
    def __init__(self, spec: FieldSpec) -> None:
        self.edit = QLineEdit()
        super().__init__(spec, self.edit)
        # wide enough for an 18-character ID number or a VIN with room to spare
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 24))
        if spec.hint:
            self.edit.setPlaceholderText(translated(spec.hint))
        self.edit.textEdited.connect(self.changed)

    def value(self) -> str | None:
        text = self.edit.text()
        if self.spec.empty_none and not text.strip():
            return None
        return text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class LongTextEditor(Editor):
    def __init__(self, spec: FieldSpec) -> None:
        self.edit = QPlainTextEdit()
        super().__init__(spec, self.edit)
        self.edit.setTabChangesFocus(True)
        lines = self.edit.fontMetrics().lineSpacing()
        self.edit.setFixedHeight(lines * 3 + 12)
        self.edit.textChanged.connect(self.changed)

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText("" if value is None else str(value))
        self.edit.blockSignals(False)


class ListEditor(TextEditor):
    """Several values in one line, separated by commas (either width) or 、."""

    def value(self) -> list[str]:  # type: ignore[override]
        return [part.strip() for part in _LIST_SPLIT.split(self.edit.text()) if part.strip()]

    def set_value(self, value: Any) -> None:
        self.edit.setText(", ".join(value or []))


class VocabEditor(Editor):
    """Labels in the current language; the stable key is the item data."""

    def __init__(self, spec: FieldSpec) -> None:
        self.combo = QComboBox()
        super().__init__(spec, self.combo)
        assert spec.vocab is not None
        lang = current_language()
        if not spec.required:
            self.combo.addItem("", None)
        for key in spec.vocab:
            self.combo.addItem(vocab.label(spec.vocab, key, lang), key)
        self.combo.activated.connect(lambda _index: self.changed.emit())

    def value(self) -> str | None:
        data = self.combo.currentData()
        return None if data is None else str(data)

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and value is not None:  # a key from a newer vocabulary: show, keep
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))

    def display_text(self) -> str:
        return self.combo.currentText()


class RefEditor(Editor):
    """Another record of the case by id, chosen by its display name."""

    def __init__(self, spec: FieldSpec) -> None:
        self.combo = QComboBox()
        super().__init__(spec, self.combo)
        self.combo.setMinimumContentsLength(16)
        self.combo.activated.connect(lambda _index: self.changed.emit())
        self.set_choices([])

    def set_choices(self, choices: Sequence[tuple[int, str]]) -> None:
        current = self.value()
        self.combo.clear()
        self.combo.addItem("", None)  # a required one stays empty until the user picks
        for record_id, text in choices:
            self.combo.addItem(text, record_id)
        if current is not None:
            self.set_value(current)

    def value(self) -> int | None:
        data = self.combo.currentData()
        return None if data is None else int(data)

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and value is not None:
            self.combo.addItem(f"#{value}", value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))

    def display_text(self) -> str:
        return self.combo.currentText()


class BoolEditor(Editor):
    def __init__(self, spec: FieldSpec) -> None:
        self.box = QCheckBox()
        super().__init__(spec, self.box)
        self.box.toggled.connect(lambda _on: self.changed.emit())

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class IntEditor(Editor):
    """A whole number; with ``empty_none`` one step below the minimum reads "—" (not
    recorded) and is None."""

    def __init__(self, spec: FieldSpec) -> None:
        self.spin = QSpinBox()
        super().__init__(spec, self.spin)
        self._empty = spec.minimum - 1 if spec.empty_none else None
        self.spin.setRange(spec.minimum if self._empty is None else self._empty, 1_000_000)
        if self._empty is not None:
            self.spin.setSpecialValueText("—")
        self.spin.valueChanged.connect(lambda _v: self.changed.emit())

    def value(self) -> int | None:
        number = self.spin.value()
        return None if number == self._empty else number

    def set_value(self, value: Any) -> None:
        empty = self.spec.minimum if self._empty is None else self._empty
        self.spin.setValue(int(value) if value is not None else empty)


_UNKNOWN = QDateTime(QDate(1900, 1, 1), QTime(0, 0))  # shown as "—" when not known
_SEPARATORS = frozenset("-/.: ")


class TypedDateTimeEdit(QDateTimeEdit):
    """A date(-time) edit that takes a whole date typed in one go ("2019-03-28 14:30").

    Qt moves to the next section by itself once a section is full (after the four
    digits of the year), and then also on the separator the user types next — so
    "2019-03-28" would land the 03 in the day. A separator right after such an automatic
    move is swallowed. Keyboard focus starts on the first section, so typing replaces
    the date shown from its beginning.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._advanced = False  # the last key filled a section and Qt moved on

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text and text in _SEPARATORS and self._advanced:
            self._advanced = False
            event.accept()
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._advanced = bool(text) and text.isdigit() and self.currentSectionIndex() != before

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._advanced = False
        if event.reason() != Qt.FocusReason.MouseFocusReason and self.sectionCount():
            self.setCurrentSectionIndex(0)
            self.setSelectedSection(self.sectionAt(0))


class _OptionalEditor(Editor):
    """A date or date-time: required ones are plain edits, optional ones get a check
    box in front (Qt's date edits cannot be empty), so "not known" stays expressible
    and is shown as "—" rather than as a date nobody entered. Ticking the box shows
    the default day (today, or a day of the case: :meth:`set_default_day`)."""

    def __init__(self, spec: FieldSpec, edit: QDateTimeEdit, default: QDateTime) -> None:
        self.edit = edit
        self.box: QCheckBox | None = None
        self._last = default  # what checking the box brings back
        self._default = default
        edit.setMinimumDateTime(_UNKNOWN)
        edit.setCalendarPopup(True)
        if spec.required:
            super().__init__(spec, edit)
            edit.setDateTime(default)
        else:
            self.box = QCheckBox()
            self.box.setToolTip(QCoreApplication.translate("forms", "Known"))
            super().__init__(spec, edit)
            self._layout.insertWidget(0, self.box)
            self.setFocusProxy(self.box)
            edit.setSpecialValueText("—")
            edit.setDateTime(_UNKNOWN)  # "—" until ticked; then today, never 2000-01-01
            edit.setEnabled(False)
            self.box.toggled.connect(self._toggled)
        edit.dateTimeChanged.connect(lambda _dt: self.changed.emit())

    def _show_known(self, known: bool) -> None:
        self.edit.blockSignals(True)
        if known:
            self.edit.setDateTime(self._last)
        else:
            if self.edit.isEnabled() and self.edit.dateTime() != _UNKNOWN:
                self._last = self.edit.dateTime()  # a date the user saw, back on re-tick
            self.edit.setDateTime(_UNKNOWN)
        self.edit.setEnabled(known)
        self.edit.blockSignals(False)

    def set_default_day(self, moment: QDateTime) -> None:
        """What a new record's field starts at (before ``set_value``): a required field
        shows it at once, an optional one when its box is ticked."""
        self._default = self._last = moment
        if self.box is None:
            self.edit.blockSignals(True)
            self.edit.setDateTime(moment)
            self.edit.blockSignals(False)

    def _toggled(self, on: bool) -> None:
        self._show_known(on)
        if on:
            self.edit.setFocus()
        self.changed.emit()

    def known(self) -> bool:
        return self.box is None or self.box.isChecked()

    def _set(self, value: QDateTime | None) -> None:
        if value is not None:
            self._last = value
            self.edit.blockSignals(True)
            self.edit.setDateTime(value)
            self.edit.blockSignals(False)
        if self.box is not None:
            self.box.blockSignals(True)
            self.box.setChecked(value is not None)
            self.box.blockSignals(False)
            self._show_known(value is not None)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        if self.box is not None:
            self.box.setEnabled(not read_only)


class DateEditor(_OptionalEditor):
    def __init__(self, spec: FieldSpec) -> None:
        edit = TypedDateTimeEdit()
        edit.setDisplayFormat("yyyy-MM-dd")
        today = datetime.now(WORKSTATION_ZONE).date()  # the workstation's day, as the times
        super().__init__(
            spec, edit, QDateTime(QDate(today.year, today.month, today.day), QTime(0, 0))
        )

    def value(self) -> date | None:
        if not self.known():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: Any) -> None:
        if isinstance(value, date):
            self._set(QDateTime(QDate(value.year, value.month, value.day), QTime(0, 0)))
        else:
            self._set(None)


class DateTimeEditor(_OptionalEditor):
    """Entered in the workstation's zone (Asia/Shanghai), returned as aware UTC."""

    def __init__(self, spec: FieldSpec) -> None:
        edit = TypedDateTimeEdit()
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        now = datetime.now(WORKSTATION_ZONE)
        super().__init__(spec, edit, _qdatetime(now.replace(second=0, microsecond=0)))

    def value(self) -> datetime | None:
        if not self.known():
            return None
        qdt = self.edit.dateTime()
        d, t = qdt.date(), qdt.time()
        local = datetime(
            d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=WORKSTATION_ZONE
        )
        return local.astimezone(UTC)

    def set_value(self, value: Any) -> None:
        if isinstance(value, datetime):
            aware = value if value.tzinfo else value.replace(tzinfo=UTC)
            self._set(_qdatetime(aware.astimezone(WORKSTATION_ZONE)))
        else:
            self._set(None)


def day_moment(day: date, *, with_time: bool) -> QDateTime:
    """A default for a date(-time) field on ``day``: the current time of day when it is
    today, midnight otherwise (a day of an old case)."""
    now = datetime.now(WORKSTATION_ZONE)
    if with_time and day == now.date():
        return _qdatetime(now.replace(second=0, microsecond=0))
    return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))


def _qdatetime(local: datetime) -> QDateTime:
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, 0))


class QuantityEditor(TextEditor):
    """Exact decimal text → integer units via ``workbench.domain.quantities``."""

    def __init__(
        self,
        spec: FieldSpec,
        places: int,
        unit: str,
        parse: Callable[[str], Any],
        show: Callable[[Any], str],
        *,
        signed: bool = False,
    ) -> None:
        super().__init__(spec)
        self._parse, self._show = parse, show
        sign = "-?" if signed else ""
        pattern = rf"^{sign}\d{{0,15}}([.]\d{{0,{places}}})?$"
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern)))
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.unit = QLabel(unit)
        self.unit.setMinimumWidth(self.unit.fontMetrics().horizontalAdvance("mm"))
        self._layout.addWidget(self.unit)

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return self._parse(text)
        except DomainError as exc:
            raise Unparsable(exc.message, exc.code) from None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else self._show(value))

    def display_text(self) -> str:
        return self.edit.text()


def _decimal(text: str) -> Decimal:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise DomainError("decimal.invalid", f"{text!r} is not a number") from None
    if not number.is_finite():
        raise DomainError("decimal.invalid", f"{text!r} is not a number")
    return number


def make_editor(spec: FieldSpec) -> Editor:
    """The editor widget for one field spec."""
    if spec.kind == "text":
        return TextEditor(spec)
    if spec.kind == "long":
        return LongTextEditor(spec)
    if spec.kind == "list":
        return ListEditor(spec)
    if spec.kind == "vocab":
        return VocabEditor(spec)
    if spec.kind == "ref":
        return RefEditor(spec)
    if spec.kind == "bool":
        return BoolEditor(spec)
    if spec.kind == "int":
        return IntEditor(spec)
    if spec.kind == "date":
        return DateEditor(spec)
    if spec.kind == "datetime":
        return DateTimeEditor(spec)
    if spec.kind == "grams":
        return QuantityEditor(
            spec,
            3,
            QCoreApplication.translate("forms", "g"),
            quantities.grams_to_mg,
            quantities.format_grams,
        )
    if spec.kind == "yuan":
        return QuantityEditor(
            spec,
            2,
            QCoreApplication.translate("forms", "yuan"),
            quantities.yuan_to_fen,
            quantities.format_cny,
        )
    if spec.kind == "percent":
        return QuantityEditor(
            spec, 2, "%", quantities.percent_to_bp, lambda bp: str(quantities.bp_to_percent(bp))
        )
    if spec.kind == "decimal":
        return QuantityEditor(spec, 7, "", _decimal, str, signed=True)
    raise ValueError(f"no editor for {spec.kind!r}")
