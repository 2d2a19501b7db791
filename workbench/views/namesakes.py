"""Saying who a person is, so two 郭某 are told apart: birth date, ID number partly
masked, role — in search results, in the new-person form's "already on file" notice and
in the other-case flags of the persons table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from workbench.domain import vocab
from workbench.services.casefile.namesakes import KnownPerson, NamesakeService
from workbench.views.i18n import arg, current_language


def identity_text(birth: date | None, id_masked: str, role: str, lang: str) -> str:
    """ "1976-09-14 · 4104************11 · 主犯" (empty parts left out)."""
    parts = [
        birth.isoformat() if birth else "",
        id_masked,
        vocab.label(vocab.PARTY_ROLES, role, lang) if role else "",
    ]
    return " · ".join(p for p in parts if p)


def cases_text(cases: tuple[tuple[str, str], ...], lang: str) -> str:
    """ "PDS-2019-001（主犯）、PDS-2019-002（上线(供货人)）" """
    zh = lang.startswith("zh")
    shown = []
    for code, role in cases:
        label = vocab.label(vocab.PARTY_ROLES, role, lang) if role else ""
        shown.append(
            f"{code}（{label}）" if zh and label else f"{code} ({label})" if label else code
        )
    return ("、" if zh else ", ").join(shown)


def known_person_notice(known: KnownPerson, lang: str) -> str:
    """The form's notice for an ID number already on file: who it is and where."""
    text = arg(
        QCoreApplication.translate(
            "Namesakes",
            "This ID number is already on file: %1, born %2, ID %3. Saving adds that "
            "same person to this case.",
        ),
        known.name,
        known.birth_date.isoformat() if known.birth_date else "—",
        known.id_masked,
    )
    if known.cases:
        on_file = QCoreApplication.translate("Namesakes", "On file in: %1.")
        text += " " + arg(on_file, cases_text(known.cases, lang))
    if known.other_cases:
        text += " " + QCoreApplication.translate(
            "Namesakes", "Also in %n case file(s) you cannot open.", "", known.other_cases
        )
    return text


def person_notices(
    namesakes: NamesakeService,
) -> Callable[[str, Mapping[str, Any]], list[str]]:
    """For a new-person form: the notice while the ID number typed is one on file (one
    query per complete, valid number; nothing for a number still being typed)."""
    cache: dict[str, KnownPerson | None] = {}

    def notices(section: str, values: Mapping[str, Any]) -> list[str]:
        number = values.get("id_number")
        if section != "person" or not isinstance(number, str) or len(number.strip()) < 18:
            return []
        key = number.strip().upper()
        if key not in cache:
            cache[key] = namesakes.by_id_number(key)
        known = cache[key]
        return [] if known is None else [known_person_notice(known, current_language())]

    return notices
