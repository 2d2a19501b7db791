"""Helpers for tests that need a modified copy of the packaged profile."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from workbench.domain.profile import JurisdictionProfile, load_profile_file

PACKAGED = "prc-2016.json"


def packaged_document() -> dict[str, Any]:
    text = resources.files("workbench.resources.profiles").joinpath(PACKAGED).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def write_profile(tmp_path: Path, document: Any, name: str = "test-profile.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def load_modified(tmp_path: Path, document: Any) -> JurisdictionProfile:
    return load_profile_file(write_profile(tmp_path, document))
