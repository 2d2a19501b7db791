"""The one dialog every entity form is: fields from a FormSpec, checked as the user types.

Each change re-runs the services' own checks through ``ValidationPreview`` (nothing is
written), marks the offending field with the reason beside it, and keeps Save disabled
while anything is wrong; warnings are shown but do not block. On Save the dialog only
builds Operations — the caller pushes them onto the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from workbench.views.forms.editors import (
    DateEditor,
    DateTimeEditor,
    Editor,
    RefEditor,
    Unparsable,
    day_moment,
    make_editor,
    translated,
)
from workbench.views.forms.messages import field_message, warning_message
from workbench.views.forms.spec import FieldSpec, FormData, FormSpec, Section

if TYPE_CHECKING:
    from workbench.services.casefile.preview import Preview
    from workbench.services.core.changes import Operation

Key = tuple[str, str]  # (section, field)
Checker = Callable[[str, Mapping[str, Any]], "Preview"]  # ValidationPreview.check
Choices = Callable[[str], Sequence[tuple[int, str]]]  # entity kind -> (id, label)
Notices = Callable[[str, Mapping[str, Any]], list[str]]  # section, values -> sentences

ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#8a5a00"
STYLE = f"""
*[invalid="true"] {{ border: 1px solid {ERROR_COLOUR}; border-radius: 2px; }}
QLabel[role="error"] {{ color: {ERROR_COLOUR}; }}
QLabel[role="warning"] {{ color: {WARNING_COLOUR}; }}
"""


class RecordForm(QDialog):
    """A form for one record. ``initial`` holds values per section; with ``ids`` (the
    record's ids, e.g. ``{"record_id": 7}``) the form edits, else it adds.

    When editing, fields missing from ``initial`` are hidden: what the form could not
    show it must not overwrite.
    """

    def __init__(
        self,
        spec: FormSpec,
        check: Checker,
        case_code: str,
        *,
        initial: Mapping[str, Mapping[str, Any]] | None = None,
        ids: Mapping[str, int] | None = None,
        choices: Choices | None = None,
        default_day: date | None = None,
        notices: Notices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``default_day``: where a new record's dates start (today, or a day of an old
        case); never Qt's 2000-01-01."""
        super().__init__(parent)
        self.spec = spec
        self.default_day = default_day
        self._notices = notices  # more to say about a section's values ("already on file")
        self._check = check
        self.case_code = case_code
        self.ids = dict(ids or {})
        self._choices = choices or (lambda _kind: [])
        self.editors: dict[Key, Editor] = {}
        self.error_labels: dict[Key, QLabel] = {}
        self.touched: set[Key] = set()
        self._auto: set[Key] = set()  # derivable fields still following the derivation
        self._initial: dict[Key, Any] = {}
        self._filling = False
        self._save_tried = False
        self.errors: dict[Key | str, str] = {}
        self.warnings: list[str] = []
        # Escape or the window's close button on an edited form asks first (tests answer).
        self.confirm_discard: Callable[[], bool] = self._ask_discard

        title = spec.title_edit if self.editing else spec.title_new
        self.setWindowTitle(translated(title))
        self.setStyleSheet(STYLE)
        self._build(initial or {})
        self._start_auto()
        self.validate()

    @property
    def editing(self) -> bool:
        return bool(self.ids)

    # -- building ------------------------------------------------------------------

    def _build(self, initial: Mapping[str, Mapping[str, Any]]) -> None:
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        layout.addLayout(columns)
        several = len(self.spec.sections) > 1
        for section in self.spec.sections:
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            values = initial.get(section.name, {})
            for field in section.fields:
                if self.editing and field.key not in values:
                    continue
                self._add_row(form, section, field, values)
            if several:
                box = QGroupBox(translated(section.title))
                box.setLayout(form)
                stretch = len(section.fields)  # the longer section gets the room
                columns.addWidget(box, stretch, Qt.AlignmentFlag.AlignTop)
            else:
                columns.addLayout(form)
        self.problems = QLabel()
        self.problems.setProperty("role", "error")
        self.problems.setWordWrap(True)
        self.warning_label = QLabel()
        self.warning_label.setProperty("role", "warning")
        self.warning_label.setWordWrap(True)
        layout.addWidget(self.problems)
        layout.addWidget(self.warning_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        first = next(iter(self.editors.values()), None)
        if first is not None:
            first.setFocus()

    def _add_row(
        self, form: QFormLayout, section: Section, field: FieldSpec, values: Mapping[str, Any]
    ) -> None:
        key = (section.name, field.key)
        editor = make_editor(field)
        if self.default_day is not None and isinstance(editor, DateEditor | DateTimeEditor):
            editor.set_default_day(
                day_moment(self.default_day, with_time=isinstance(editor, DateTimeEditor))
            )
        self.editors[key] = editor
        if field.kind == "ref" and not field.ref.startswith("@"):
            assert isinstance(editor, RefEditor)
            editor.set_choices(self._choices(field.ref))
        value = values.get(field.key, None if self.editing else field.default)
        self._filling = True
        if field.kind == "ref" and field.ref.startswith("@"):
            self.refresh_choices(section.name, field.ref[1:])
        editor.set_value(value)
        self._filling = False
        self._initial[key] = self._safe_value(editor)
        if self.editing and (section.new_only or field.fixed):
            editor.set_read_only(True)
        editor.changed.connect(lambda k=key: self._user_changed(k))
        error = QLabel()
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.hide()
        self.error_labels[key] = error
        cell = QWidget()
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        cell_layout.addWidget(editor)
        cell_layout.addWidget(error)
        text = translated(field.label) + (" *" if field.required else "")
        label = QLabel(text)
        label.setBuddy(editor)
        form.addRow(label, cell)

    def refresh_choices(self, section: str, kind_key: str) -> None:
        """A ref whose kind another field names (link ends, custody items) follows it."""
        kind_editor = self.editors.get((section, kind_key))
        kind = kind_editor.value() if kind_editor is not None else None
        for field in self.spec.section(section).fields:
            target = self.editors.get((section, field.key))
            if field.ref == f"@{kind_key}" and isinstance(target, RefEditor):
                target.set_choices(self._choices(kind) if kind else [])

    def _start_auto(self) -> None:
        """Derivable fields follow the derivation if empty or equal to what it gives."""
        for section in self.spec.sections:
            derivable = [f.key for f in section.fields if f.derivable]
            if not derivable or section.preview is None:
                continue
            values = self._section_values(section)
            for name in derivable:
                values[name] = None
            derived = self._check(section.preview, values).derived
            for name in derivable:
                key = (section.name, name)
                if key not in self.editors:
                    continue
                current = self._safe_value(self.editors[key])
                if current is None or derived.get(name) == current:
                    self._auto.add(key)

    # -- reading ---------------------------------------------------------------------

    @staticmethod
    def _safe_value(editor: Editor) -> Any:
        try:
            return editor.value()
        except Unparsable:
            return None

    def peek(self, section: str, key: str) -> Any:
        """A field's value, or None if it is empty or not a value yet."""
        editor = self.editors.get((section, key))
        return None if editor is None else self._safe_value(editor)

    def fill(self, section: str, key: str, value: Any) -> None:
        """Set a field for the user (derived values); does not count as their edit."""
        editor = self.editors.get((section, key))
        if editor is None:
            return
        self._filling = True
        try:
            editor.set_value(value)
        finally:
            self._filling = False

    def _section_values(self, section: Section) -> dict[str, Any]:
        out = {}
        for field in section.fields:
            editor = self.editors.get((section.name, field.key))
            if editor is not None:
                out[field.key] = self._safe_value(editor)
        return out

    def values(self) -> dict[str, dict[str, Any]]:
        """Every shown field per section, in model units."""
        return {s.name: self._section_values(s) for s in self.spec.sections}

    def changed_values(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for section in self.spec.sections:
            out[section.name] = {
                k: v
                for k, v in self._section_values(section).items()
                if v != self._initial.get((section.name, k))
            }
        return out

    def subject(self) -> str:
        """The text that names the record in the undo text ("张某", "S-001")."""
        if not self.spec.subject:
            return ""
        section, key = self.spec.subject.split(".")
        editor = self.editors.get((section, key))
        return editor.display_text() if editor is not None else ""

    # -- validation ------------------------------------------------------------------

    def _user_changed(self, key: Key) -> None:
        if self._filling:
            return
        self.touched.add(key)
        self._auto.discard(key)
        section, name = key
        for field in self.spec.section(section).fields:
            if field.ref == f"@{name}":
                self.refresh_choices(section, name)
                break
        if self.spec.on_change is not None:
            self.spec.on_change(self, section, name)
        self.validate()

    def validate(self) -> bool:
        """Run every check; mark fields; enable Save only without errors."""
        errors: dict[Key | str, str] = {}
        quiet: set[Key] = set()  # empty required fields the user has not reached yet
        details: dict[Key, str] = {}  # the English particulars, for tooltips
        warnings: list[str] = []
        required = QCoreApplication.translate("forms", "Required")
        for section in self.spec.sections:
            values: dict[str, Any] = {}
            for field in section.fields:
                key = (section.name, field.key)
                editor = self.editors.get(key)
                if editor is None:
                    continue
                try:
                    value = editor.value()
                except Unparsable as exc:
                    errors[key] = field_message(str(exc), exc.code)
                    details[key] = str(exc)
                    continue
                if key in self._auto:
                    value = None
                if field.required and (
                    value is None or (isinstance(value, str) and not value.strip())
                ):
                    errors[key] = required
                    if key not in self.touched and not self._save_tried:
                        quiet.add(key)
                values[field.key] = value
            if section.preview is None or (self.editing and section.new_only):
                continue
            preview = self._check(section.preview, values)
            self._apply_derived(section, preview.derived)
            for problem in preview.errors:
                name = problem.field.split("[")[0]
                key = (section.name, name)
                if key in self.editors:
                    errors.setdefault(
                        key, field_message(problem.message, problem.code, problem.params)
                    )
                    details.setdefault(key, problem.message)
                else:
                    shown = field_message(problem.message, problem.code, problem.params)
                    errors.setdefault(problem.field, f"{problem.field}: {shown}")
            warnings += [self._labelled(section, w) for w in preview.warnings]
            if self._notices is not None:
                warnings += self._notices(section.name, values)
        if self.spec.extra_check is not None:
            for section_name, name, message in self.spec.extra_check(self.values()):
                key = (section_name, name)
                errors.setdefault(key, translated(message))
                if key not in self.touched and not self._save_tried:
                    quiet.add(key)
        self._show(errors, warnings, quiet, details)
        return not errors

    def _labelled(self, section: Section, warning: str) -> str:
        """ "scale_resolution_mg: …" reads "Scale resolution: …" (in the user's language)."""
        name = warning.partition(": ")[0]
        field = next((f for f in section.fields if f.key == name), None)
        text = warning_message(warning)
        return f"{translated(field.label)}: {text}" if field is not None else text

    def _apply_derived(self, section: Section, derived: Mapping[str, Any]) -> None:
        for field in section.fields:
            key = (section.name, field.key)
            if field.derivable and key in self._auto:
                self.fill(section.name, field.key, derived.get(field.key))

    def _show(
        self,
        errors: dict[Key | str, str],
        warnings: list[str],
        quiet: set[Key],
        details: dict[Key, str],
    ) -> None:
        """Errors beside their fields (a required field only once the user was there)."""
        self.errors, self.warnings = errors, warnings
        for key, editor in self.editors.items():
            message = None if key in quiet else errors.get(key)
            editor.mark(message, details.get(key, ""))
            label = self.error_labels[key]
            label.setText(message or "")
            label.setVisible(message is not None)
        general = [m for k, m in errors.items() if isinstance(k, str)]
        self.problems.setText("\n".join(general))
        self.problems.setVisible(bool(general))
        self.warning_label.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warning_label.setVisible(bool(warnings))
        self.save_button.setEnabled(not errors)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show a message that just appeared (wrapped labels do not raise a
        window's minimum height by themselves); never shrink under the user."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        if layout.hasHeightForWidth():
            wanted = layout.totalHeightForWidth(self.width())
        else:
            wanted = layout.totalSizeHint().height()
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    # -- result ----------------------------------------------------------------------

    def accept(self) -> None:
        self._save_tried = True
        if self.validate():
            super().accept()

    def is_edited(self) -> bool:
        """Whether the user changed anything Save would keep (or typed a half value)."""
        for key in self.touched:
            try:
                value = self.editors[key].value()
            except Unparsable:
                return True
            if value != self._initial.get(key):
                return True
        return False

    def reject(self) -> None:
        """Escape, Cancel or closing the window: an edited form asks before discarding."""
        if self.is_edited() and not self.confirm_discard():
            return
        super().reject()

    def _ask_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard changes?"),
            self.tr("You changed this form. Close it without saving the changes?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirm_discard")
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("&Discard changes"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("&Keep editing"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Discard

    def operations(self) -> list[Operation]:
        """What Save means, as Operations for the undo stack (empty if nothing changed)."""
        data = FormData(self.case_code, self.values(), self.changed_values(), self.ids)
        return self.spec.build(data)

    def operation(self) -> Operation:
        """The single Operation of a form that produces one (every add does)."""
        found = self.operations()
        if len(found) != 1:
            raise ValueError(f"{self.spec.entity} form produced {len(found)} operations")
        return found[0]
