"""Validation messages in the user's language, chosen by the error's stable code.

The domain layer words its errors in English with the particulars ("check character
should be X, not 1"); beside a field the user reads the translated sentence for the
code, and the English particulars stay in the field's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workbench.domain.quantities import format_grams
from workbench.services.core.errors import FieldWarning

_BY_CODE = {
    "resident_id.length": QT_TRANSLATE_NOOP("validation", "A resident ID number has 18 characters"),
    "resident_id.characters": QT_TRANSLATE_NOOP(
        "validation", "Only digits, and X as the last character"
    ),
    "resident_id.province": QT_TRANSLATE_NOOP("validation", "The region code is not a province"),
    "resident_id.birth_date": QT_TRANSLATE_NOOP(
        "validation", "The birth date in the ID number is not a date"
    ),
    "resident_id.birth_date_future": QT_TRANSLATE_NOOP(
        "validation", "The birth date in the ID number is in the future"
    ),
    "resident_id.birth_date_early": QT_TRANSLATE_NOOP(
        "validation", "The birth date in the ID number is implausibly early"
    ),
    "resident_id.check_char": QT_TRANSLATE_NOOP(
        "validation", "The check character does not match: a digit is mistyped"
    ),
    "person.birth_date_mismatch": QT_TRANSLATE_NOOP(
        "validation", "Differs from the birth date in the ID number"
    ),
    "person.sex_mismatch": QT_TRANSLATE_NOOP("validation", "Differs from the sex in the ID number"),
    "vin.length": QT_TRANSLATE_NOOP("validation", "A VIN has 17 characters"),
    "vin.letters": QT_TRANSLATE_NOOP("validation", "A VIN never contains I, O or Q"),
    "vin.characters": QT_TRANSLATE_NOOP("validation", "Only letters and digits"),
    "plate.format": QT_TRANSLATE_NOOP("validation", "Not a Chinese plate number"),
    "plate.province": QT_TRANSLATE_NOOP(
        "validation", "A plate starts with a province abbreviation"
    ),
    "plate.office": QT_TRANSLATE_NOOP(
        "validation", "The issuing-office letter is missing or invalid"
    ),
    "mobile.format": QT_TRANSLATE_NOOP("validation", "Not a mobile or landline number"),
    "weight.invalid": QT_TRANSLATE_NOOP("validation", "Not a number"),
    "weight.negative": QT_TRANSLATE_NOOP("validation", "Cannot be negative"),
    "weight.precision": QT_TRANSLATE_NOOP("validation", "Finer than one milligram"),
    "weight.too_large": QT_TRANSLATE_NOOP("validation", "Implausibly large"),
    "money.invalid": QT_TRANSLATE_NOOP("validation", "Not a number"),
    "money.negative": QT_TRANSLATE_NOOP("validation", "Cannot be negative"),
    "money.precision": QT_TRANSLATE_NOOP("validation", "Finer than one fen"),
    "money.too_large": QT_TRANSLATE_NOOP("validation", "Implausibly large"),
    "purity.invalid": QT_TRANSLATE_NOOP("validation", "Not a number"),
    "purity.range": QT_TRANSLATE_NOOP("validation", "Between 0 and 100 %"),
    "purity.precision": QT_TRANSLATE_NOOP("validation", "Finer than 0.01 %"),
    "decimal.invalid": QT_TRANSLATE_NOOP("validation", "Not a number"),
    # the drug-user registry (services/registry/checks.py)
    "registry.future": QT_TRANSLATE_NOOP("validation", "Lies in the future"),
    "registry.too_early": QT_TRANSLATE_NOOP("validation", "Implausibly early"),
    "registry.before_birth": QT_TRANSLATE_NOOP("validation", "Before the person was born"),
    "registry.decision_before_finding": QT_TRANSLATE_NOOP(
        "validation", "Before the finding the decision rests on"
    ),
    "registry.order": QT_TRANSLATE_NOOP("validation", "Before the date it follows"),
    "registry.term": QT_TRANSLATE_NOOP("validation", "Not a term this decision can have"),
    "registry.days": QT_TRANSLATE_NOOP(
        "validation", "Administrative detention is 1 to 15 days, at most 20 combined"
    ),
    "registry.extension": QT_TRANSLATE_NOOP("validation", "Extended by at most 12 months"),
    "registry.after_planned_end": QT_TRANSLATE_NOOP(
        "validation", "After the planned end: record an extension instead"
    ),
    "registry.isolation_overlap": QT_TRANSLATE_NOOP(
        "validation", "Overlaps another compulsory isolation of this person"
    ),
    "registry.handover": QT_TRANSLATE_NOOP("validation", "Does not belong to this decision"),
    "registry.handover_twice": QT_TRANSLATE_NOOP(
        "validation", "Already recorded for this decision"
    ),
    "registry.not_released": QT_TRANSLATE_NOOP(
        "validation", "The isolation has not ended: record its end first"
    ),
    "required": QT_TRANSLATE_NOOP("validation", "Required"),
    "text.too_long": QT_TRANSLATE_NOOP("validation", "Too long"),
}


def field_message(message: str, code: str = "") -> str:
    """The sentence shown beside a field: translated by code, else the message itself."""
    template = _BY_CODE.get(code)
    return QCoreApplication.translate("validation", template) if template else message


# Warnings by code: %1, %2 … are the warning's values in the order given here.
_WARNINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "seizure.resolution": (
        QT_TRANSLATE_NOOP(
            "validation", "The scale reads to %1 g; a net weight of %2 g needs %3 g or finer (%4)"
        ),
        ("resolution_mg", "net_mg", "need_mg", "profile"),
    ),
    "seizure.test_late": (
        QT_TRANSLATE_NOOP("validation", "Sent for testing on %1, after the deadline (%2)"),
        ("sent", "profile"),
    ),
    "vin.check_digit": (
        QT_TRANSLATE_NOOP("validation", "The check digit of %1 does not match"),
        ("vin",),
    ),
    "registry.days_combined": (
        QT_TRANSLATE_NOOP(
            "validation", "%1 days: more than 15 only when detentions are combined (at most 20)"
        ),
        ("days",),
    ),
    "registry.days_unusual": (
        QT_TRANSLATE_NOOP(
            "validation", "%1 days: detention for drug use is 10-15 days, at most 5 when minor"
        ),
        ("days",),
    ),
    "registry.release_before_minimum": (
        QT_TRANSLATE_NOOP(
            "validation", "Released on %1, before early release is possible (after one year)"
        ),
        ("ended",),
    ),
    "person.known_id": (
        QT_TRANSLATE_NOOP("validation", "%1 is already on file as %2; that name is kept, not %3"),
        ("id_number", "known", "given"),
    ),
}


def warning_message(warning: str) -> str:
    """A service warning in the user's language (weights in grams); plain text if unknown."""
    if not isinstance(warning, FieldWarning) or warning.code not in _WARNINGS:
        return warning.partition(": ")[2] or warning
    template, names = _WARNINGS[warning.code]
    text = QCoreApplication.translate("validation", template)
    for number, name in reversed(list(enumerate(names, 1))):
        value = warning.params.get(name, "")
        shown = format_grams(value) if name.endswith("_mg") and isinstance(value, int) else value
        text = text.replace(f"%{number}", str(shown))
    return text
