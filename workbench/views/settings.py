"""Per-user settings (QSettings) behind typed accessors, and the dialog that edits them.

Only paths and preferences are stored: never a passphrase, never case data. Tests and
screenshot runs point ``$WORKBENCH_SETTINGS`` at an ini file so nothing reaches ~/.config.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

ORGANISATION = "TaskForceWorkbench"
APPLICATION = "Workbench"
LANGUAGES = ("system", "zh_CN", "en")
MAX_RECENT = 10
DEFAULT_AUTO_LOCK_MINUTES = 10
AUTO_LOCK_RANGE = (1, 480)  # never "off": an unattended workstation must lock
DEFAULT_CLIPBOARD_SECONDS = 30
CLIPBOARD_RANGE = (5, 600)


def _clamp(value: int, bounds: tuple[int, int]) -> int:
    return max(bounds[0], min(bounds[1], value))


class Settings:
    """Typed access to the workbench's QSettings; every value has a safe default."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            override = os.environ.get("WORKBENCH_SETTINGS")
            if override:
                qsettings = QSettings(override, QSettings.Format.IniFormat)
            else:
                qsettings = QSettings(ORGANISATION, APPLICATION)
        self.qsettings = qsettings

    def _int(self, key: str, default: int, bounds: tuple[int, int]) -> int:
        raw = self.qsettings.value(key, default)
        try:
            return _clamp(int(raw), bounds)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return default

    # -- window layout -------------------------------------------------------------

    def save_window(self, window: QMainWindow, name: str = "main") -> None:
        self.qsettings.setValue(f"window/{name}/geometry", window.saveGeometry())
        self.qsettings.setValue(f"window/{name}/state", window.saveState())

    def restore_window(self, window: QMainWindow, name: str = "main") -> bool:
        """Restore geometry and dock/toolbar state; False when nothing was saved."""
        geometry = self.qsettings.value(f"window/{name}/geometry")
        state = self.qsettings.value(f"window/{name}/state")
        restored = False
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            restored = window.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and not state.isEmpty():
            restored = window.restoreState(state) or restored
        return restored

    # -- recent files --------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Most recent first; paths only, never credentials."""
        raw = self.qsettings.value("recent/files", [])
        if isinstance(raw, str):  # an ini file holding a single entry
            raw = [raw]
        if not isinstance(raw, list):
            return []
        return [Path(p) for p in raw if isinstance(p, str) and p][:MAX_RECENT]

    def add_recent_file(self, path: Path | str) -> None:
        target = Path(path).expanduser().absolute()
        files = [target] + [p for p in self.recent_files() if p != target]
        self._set_recent(files)

    def remove_recent_file(self, path: Path | str) -> None:
        target = Path(path).expanduser().absolute()
        self._set_recent([p for p in self.recent_files() if p != target])

    def _set_recent(self, files: list[Path]) -> None:
        self.qsettings.setValue("recent/files", [str(p) for p in files[:MAX_RECENT]])

    # -- preferences ---------------------------------------------------------------

    @property
    def language(self) -> str:
        """ "system", "zh_CN" or "en"."""
        value = self.qsettings.value("ui/language", "system")
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}; expected one of {LANGUAGES}")
        self.qsettings.setValue("ui/language", value)

    @property
    def auto_lock_minutes(self) -> int:
        return self._int("session/auto_lock_minutes", DEFAULT_AUTO_LOCK_MINUTES, AUTO_LOCK_RANGE)

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, value: int) -> None:
        self.qsettings.setValue("session/auto_lock_minutes", _clamp(int(value), AUTO_LOCK_RANGE))

    @property
    def clipboard_clear_seconds(self) -> int:
        return self._int(
            "session/clipboard_clear_seconds", DEFAULT_CLIPBOARD_SECONDS, CLIPBOARD_RANGE
        )

    @clipboard_clear_seconds.setter
    def clipboard_clear_seconds(self, value: int) -> None:
        self.qsettings.setValue(
            "session/clipboard_clear_seconds", _clamp(int(value), CLIPBOARD_RANGE)
        )

    @property
    def export_folder(self) -> Path:
        """Where the last prosecution package went (home until then, or once it is gone)."""
        saved = self.qsettings.value("export/folder", "")
        folder = Path(str(saved)) if saved else Path.home()
        return folder if folder.is_dir() else Path.home()

    @export_folder.setter
    def export_folder(self, value: Path | str) -> None:
        self.qsettings.setValue("export/folder", str(value))

    def sync(self) -> None:
        self.qsettings.sync()


class SettingsDialog(QDialog):
    """Language and session safety. A new language applies from the next start."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))

        self.language_combo = QComboBox()
        for code, text in (
            ("system", self.tr("Follow the system")),
            ("zh_CN", "简体中文"),  # each language named in itself
            ("en", "English"),
        ):
            self.language_combo.addItem(text, code)
        self.language_combo.setCurrentIndex(LANGUAGES.index(settings.language))

        self.auto_lock_spin = QSpinBox()
        self.auto_lock_spin.setRange(*AUTO_LOCK_RANGE)
        self.auto_lock_spin.setSuffix(self.tr(" min"))
        self.auto_lock_spin.setValue(settings.auto_lock_minutes)

        self.clipboard_spin = QSpinBox()
        self.clipboard_spin.setRange(*CLIPBOARD_RANGE)
        self.clipboard_spin.setSuffix(self.tr(" s"))
        self.clipboard_spin.setValue(settings.clipboard_clear_seconds)

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language_combo)
        form.addRow(self.tr("Loc&k after idle:"), self.auto_lock_spin)
        form.addRow(self.tr("&Clear copied ID numbers after:"), self.clipboard_spin)
        note = QLabel(self.tr("A new language takes effect the next time the workbench starts."))
        note.setWordWrap(True)
        note.setEnabled(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def accept(self) -> None:
        self.settings.language = self.language()
        self.settings.auto_lock_minutes = self.auto_lock_spin.value()
        self.settings.clipboard_clear_seconds = self.clipboard_spin.value()
        self.settings.sync()
        super().accept()
