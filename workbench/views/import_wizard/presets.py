"""Named column mappings kept in QSettings, per import kind."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from workbench.views.settings import Settings

_GROUP = "import_presets"


class PresetStore:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings or Settings().qsettings

    def names(self, kind: str) -> list[str]:
        self.qsettings.beginGroup(f"{_GROUP}/{kind}")
        try:
            return sorted(self.qsettings.childKeys())
        finally:
            self.qsettings.endGroup()

    def load(self, kind: str, name: str) -> dict[str, str]:
        raw = self.qsettings.value(f"{_GROUP}/{kind}/{name}", "{}")
        try:
            data = json.loads(str(raw))
        except json.JSONDecodeError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def save(self, kind: str, name: str, mapping: dict[str, str]) -> None:
        self.qsettings.setValue(f"{_GROUP}/{kind}/{name}", json.dumps(mapping, ensure_ascii=False))
        self.qsettings.sync()
