"""Validation messages in the user's language, chosen by the error's stable code.

The services word their errors and warnings in English with the particulars ("net 7990000
mg is not gross …"); each carries a code and its values in model units. Beside a field,
in a refused change and in the import wizard the user reads the translated sentence for
the code, with weights in grams, money in 元 and times in the workstation's zone; the
English particulars stay in the tooltip. A code without a sentence here shows the English.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workbench.domain import vocab
from workbench.domain.quantities import bp_to_percent, format_cny, format_grams
from workbench.importers.report import Issue
from workbench.services.core.errors import FieldError, FieldWarning, InputRejected, ServiceError
from workbench.views.formatting import DEFAULT_ZONE
from workbench.views.i18n import current_language

# code -> (sentence, the names of its values in the order %1, %2 … stand for them).
# Names ending _mg are shown in grams, _fen in 元, _bp in percent; dates and times as the
# workstation reads them; "entity" as the record kind's label; "label" in the language.
_MESSAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    # identifiers
    "resident_id.length": (
        QT_TRANSLATE_NOOP("validation", "A resident ID number has 18 characters"),
        (),
    ),
    "resident_id.characters": (
        QT_TRANSLATE_NOOP("validation", "Only digits, and X as the last character"),
        (),
    ),
    "resident_id.province": (
        QT_TRANSLATE_NOOP(
            "validation", "The first two digits are not a province code used in ID numbers"
        ),
        (),
    ),
    "resident_id.permit_region": (
        QT_TRANSLATE_NOOP(
            "validation",
            "A Hong Kong, Macau or Taiwan residence permit number starts 810000, 820000 or 830000",
        ),
        (),
    ),
    "resident_id.foreigner_province": (
        QT_TRANSLATE_NOOP(
            "validation",
            "A foreigner's permanent-residence ID starts with 9 and a mainland province code",
        ),
        (),
    ),
    "resident_id.birth_date": (
        QT_TRANSLATE_NOOP("validation", "The birth date in the ID number is not a date"),
        (),
    ),
    "resident_id.birth_date_future": (
        QT_TRANSLATE_NOOP("validation", "The birth date in the ID number is in the future"),
        (),
    ),
    "resident_id.birth_date_early": (
        QT_TRANSLATE_NOOP("validation", "The birth date in the ID number is implausibly early"),
        (),
    ),
    "resident_id.check_char": (
        QT_TRANSLATE_NOOP("validation", "The check character does not match: a digit is mistyped"),
        (),
    ),
    "person.birth_date_mismatch": (
        QT_TRANSLATE_NOOP("validation", "Differs from the birth date in the ID number"),
        (),
    ),
    "person.sex_mismatch": (
        QT_TRANSLATE_NOOP("validation", "Differs from the sex in the ID number"),
        (),
    ),
    "person.sex": (QT_TRANSLATE_NOOP("validation", "Male or female"), ()),
    "person.already_in_case": (
        QT_TRANSLATE_NOOP("validation", "%1 is already a person of case %2"),
        ("name", "case"),
    ),
    "vin.length": (QT_TRANSLATE_NOOP("validation", "A VIN has 17 characters"), ()),
    "vin.letters": (QT_TRANSLATE_NOOP("validation", "A VIN never contains I, O or Q"), ()),
    "vin.characters": (QT_TRANSLATE_NOOP("validation", "Only letters and digits"), ()),
    "plate.format": (
        QT_TRANSLATE_NOOP(
            "validation",
            "Not a plate: after the province and office letter come 5 letters or digits "
            "(6 on new-energy plates, or 4 and 警, 学, 挂 …)",
        ),
        (),
    ),
    "plate.province": (
        QT_TRANSLATE_NOOP("validation", "A plate starts with a province abbreviation"),
        (),
    ),
    "plate.office": (
        QT_TRANSLATE_NOOP("validation", "The issuing-office letter is missing or invalid"),
        (),
    ),
    "plate.letters": (QT_TRANSLATE_NOOP("validation", "Plates never use the letters I and O"), ()),
    "mobile.format": (QT_TRANSLATE_NOOP("validation", "Not a mobile or landline number"), ()),
    # numbers and quantities
    "weight.invalid": (QT_TRANSLATE_NOOP("validation", "Not a number"), ()),
    "weight.negative": (QT_TRANSLATE_NOOP("validation", "Cannot be negative"), ()),
    "weight.precision": (QT_TRANSLATE_NOOP("validation", "Finer than one milligram"), ()),
    "weight.too_large": (QT_TRANSLATE_NOOP("validation", "Implausibly large"), ()),
    "money.invalid": (QT_TRANSLATE_NOOP("validation", "Not a number"), ()),
    "money.negative": (QT_TRANSLATE_NOOP("validation", "Cannot be negative"), ()),
    "money.precision": (QT_TRANSLATE_NOOP("validation", "Finer than one fen"), ()),
    "money.too_large": (QT_TRANSLATE_NOOP("validation", "Implausibly large"), ()),
    "purity.invalid": (QT_TRANSLATE_NOOP("validation", "Not a number"), ()),
    "purity.range": (QT_TRANSLATE_NOOP("validation", "Between 0 and 100 %"), ()),
    "purity.precision": (QT_TRANSLATE_NOOP("validation", "Finer than 0.01 %"), ()),
    "decimal.invalid": (QT_TRANSLATE_NOOP("validation", "Not a number"), ()),
    "number.whole": (QT_TRANSLATE_NOOP("validation", "%1 is not a whole number"), ("value",)),
    "number.negative": (QT_TRANSLATE_NOOP("validation", "Cannot be negative"), ()),
    # any field
    "field.required": (QT_TRANSLATE_NOOP("validation", "Required"), ()),
    "field.unknown": (QT_TRANSLATE_NOOP("validation", "Not a field of this record"), ()),
    "text.too_long": (
        QT_TRANSLATE_NOOP("validation", "%1 characters long; at most %2"),
        ("length", "max"),
    ),
    "vocab.unknown": (
        QT_TRANSLATE_NOOP("validation", "“%1” is not one of the choices"),
        ("value",),
    ),
    "date.invalid": (QT_TRANSLATE_NOOP("validation", "Not a date"), ()),
    "datetime.zone": (QT_TRANSLATE_NOOP("validation", "A date and time is needed"), ()),
    "order.before": (
        QT_TRANSLATE_NOOP("validation", "%1 is before %2"),
        ("value", "other"),
    ),
    "reference.other_case": (
        QT_TRANSLATE_NOOP("validation", "This %1 is not in this case"),
        ("entity",),
    ),
    # records
    "case.code_spaces": (QT_TRANSLATE_NOOP("validation", "A case code has no spaces"), ()),
    "case.code_exists": (
        QT_TRANSLATE_NOOP("validation", "A case with the code %1 exists"),
        ("case_code",),
    ),
    "seizure.package_count": (
        QT_TRANSLATE_NOOP("validation", "At least one package (not %1)"),
        ("value",),
    ),
    "seizure.tare_over_gross": (
        QT_TRANSLATE_NOOP("validation", "The packaging (%1 g) weighs more than the gross (%2 g)"),
        ("tare_mg", "gross_mg"),
    ),
    "seizure.net_mismatch": (
        QT_TRANSLATE_NOOP(
            "validation",
            "The net weight %1 g is not the gross %2 g less the packaging %3 g (that is %4 g)",
        ),
        ("net_mg", "gross_mg", "tare_mg", "expected_mg"),
    ),
    "seizure.sent_before_seizure": (
        QT_TRANSLATE_NOOP("validation", "Sent for testing on %1, before the seizure on %2"),
        ("sent", "seized"),
    ),
    "seizure.net_required": (
        QT_TRANSLATE_NOOP(
            "validation", "A net weight (or the gross and packaging weights) is required"
        ),
        (),
    ),
    "seizure.exhibit_differs": (
        QT_TRANSLATE_NOOP("validation", "Exhibit %1 is already in the case with other values (%2)"),
        ("exhibit", "fields"),
    ),
    "location.latitude": (
        QT_TRANSLATE_NOOP("validation", "A latitude lies between −90 and 90, not %1"),
        ("value",),
    ),
    "location.longitude": (
        QT_TRANSLATE_NOOP("validation", "A longitude lies between −180 and 180, not %1"),
        ("value",),
    ),
    "link.end_kind": (
        QT_TRANSLATE_NOOP(
            "validation",
            "A link joins persons, vehicles, places, exhibits, assets or events, not “%1”",
        ),
        ("value",),
    ),
    "custody.item_type": (
        QT_TRANSLATE_NOOP("validation", "Custody entries are for exhibits or attachments"),
        (),
    ),
    "vehicle.plate_or_vin": (QT_TRANSLATE_NOOP("validation", "A plate or a VIN is required"), ()),
    "vehicle.two_vehicles": (
        QT_TRANSLATE_NOOP("validation", "The plate and the VIN belong to two different vehicles"),
        (),
    ),
    "measure.kind": (QT_TRANSLATE_NOOP("validation", "Not a known measure"), ()),
    "measure.ends_before_start": (
        QT_TRANSLATE_NOOP("validation", "Ends before it starts"),
        (),
    ),
    "measure.extensions": (
        QT_TRANSLATE_NOOP("validation", "More extensions than the law allows"),
        (),
    ),
    "measure.detention_too_long": (
        QT_TRANSLATE_NOOP(
            "validation",
            "Administrative detention of %1 days: at most %2 days for one offence and %3 days "
            "when penalties for several are combined (%4)",
        ),
        ("days", "single_max", "combined_max", "profile"),
    ),
    "measure.conclusion_without_date": (
        QT_TRANSLATE_NOOP("validation", "Give the day it was concluded"),
        (),
    ),
    "measure.concluded_before_start": (
        QT_TRANSLATE_NOOP("validation", "Concluded on %1, before it started on %2"),
        ("concluded", "starts"),
    ),
    "seizure.sampled_over_packages": (
        QT_TRANSLATE_NOOP("validation", "%1 packages sampled of only %2"),
        ("sampled", "packages"),
    ),
    "user.police_no": (
        QT_TRANSLATE_NOOP("validation", "A police number is letters and digits, at most 20"),
        (),
    ),
    # import cells and mappings
    "cell.number": (QT_TRANSLATE_NOOP("validation", "“%1” is not a number"), ("value",)),
    "cell.date": (
        QT_TRANSLATE_NOOP("validation", "“%1” is not a date (e.g. 2019-03-28 or 2019年3月28日)"),
        ("value",),
    ),
    "cell.calendar_date": (
        QT_TRANSLATE_NOOP("validation", "“%1” is not a real calendar date"),
        ("value",),
    ),
    "cell.time": (QT_TRANSLATE_NOOP("validation", "“%1” is not a time of day"), ("value",)),
    "cell.date_range": (
        QT_TRANSLATE_NOOP("validation", "The date %1 is outside %2 … %3"),
        ("value", "earliest", "latest"),
    ),
    "cell.weight": (
        QT_TRANSLATE_NOOP("validation", "“%1” is not a weight (e.g. 12.5克 or 1.2千克)"),
        ("value",),
    ),
    "cell.weight_unit": (
        QT_TRANSLATE_NOOP("validation", "“%1” is not a unit of weight"),
        ("value",),
    ),
    "cell.money": (QT_TRANSLATE_NOOP("validation", "“%1” is not an amount of money"), ("value",)),
    "cell.duration": (
        QT_TRANSLATE_NOOP("validation", "“%1” is not a call duration (125, 00:02:05 or 2分5秒)"),
        ("value",),
    ),
    "cell.phone": (QT_TRANSLATE_NOOP("validation", "“%1” is not a telephone number"), ("value",)),
    "cell.choice": (QT_TRANSLATE_NOOP("validation", "“%1” is not one of the choices"), ("value",)),
    "cell.drug": (
        QT_TRANSLATE_NOOP("validation", "“%1” is not a drug the workbench knows"),
        ("value",),
    ),
    "cell.yes_no": (QT_TRANSLATE_NOOP("validation", "“%1” is not yes or no (是/否)"), ("value",)),
    "cell.sex": (QT_TRANSLATE_NOOP("validation", "“%1” is not a sex (男/女)"), ("value",)),
    "cell.line_break": (
        QT_TRANSLATE_NOOP("validation", "Contains a line break, which is not allowed here"),
        (),
    ),
    "cell.imei": (
        QT_TRANSLATE_NOOP("validation", "“%1” is not an IMEI (14 to 16 digits)"),
        ("value",),
    ),
    "cell.account": (
        QT_TRANSLATE_NOOP("validation", "The account “%1” is longer than 40 characters"),
        ("value",),
    ),
    "cell.formula": (
        QT_TRANSLATE_NOOP(
            "validation",
            "%1 looks like a spreadsheet formula: refused (remove the leading =, +, - or @)",
        ),
        ("value",),
    ),
    "bank.negative_in": (
        QT_TRANSLATE_NOOP("validation", "A negative amount marked as money in (贷)"),
        (),
    ),
    "import.no_rows": (
        QT_TRANSLATE_NOOP("validation", "The file has a header row but no data rows"),
        (),
    ),
    "mapping.unknown_field": (
        QT_TRANSLATE_NOOP("validation", "The mapping names “%1”, which is not a field"),
        ("field",),
    ),
    "mapping.missing_column": (
        QT_TRANSLATE_NOOP("validation", "The column “%1” is not in the file"),
        ("column",),
    ),
    "mapping.required": (
        QT_TRANSLATE_NOOP("validation", "No column is chosen for the required field %1"),
        ("label",),
    ),
    "mapping.used_twice": (
        QT_TRANSLATE_NOOP("validation", "The column “%1” is chosen for two fields"),
        ("column",),
    ),
    # warnings
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
    "seizure.sampling_short": (
        QT_TRANSLATE_NOOP(
            "validation",
            "%1 of %2 packages sampled; %3 should be "
            "(Gong Jin Du [2016] No. 511, %4, unconfirmed rule)",
        ),
        ("sampled", "packages", "proposed", "profile"),
    ),
    "seizure.purity_needed": (
        QT_TRANSLATE_NOOP(
            "validation",
            "No purity recorded: liquid, mixed or semi-finished drugs need a purity test "
            "(%1, unconfirmed rule)",
        ),
        ("profile",),
    ),
    "vin.check_digit": (
        QT_TRANSLATE_NOOP(
            "validation",
            "The check digit of %1 should be %2. The check digit is mandatory only in some "
            "markets (North America, China), so an imported or older vehicle may carry "
            "another: compare the number with the vehicle (%3, unconfirmed rule)",
        ),
        ("vin", "expected", "profile"),
    ),
    "plate.unrecognised": (
        QT_TRANSLATE_NOOP(
            "validation",
            "%1 is not a plate form the workbench knows; it is kept as entered: "
            "compare it with the vehicle",
        ),
        ("plate",),
    ),
    "resident_id.region_unknown": (
        QT_TRANSLATE_NOOP(
            "validation",
            "The region code %1 is not in the GB/T 2260 table: check the number (a district "
            "created recently may be missing from the table)",
        ),
        ("region",),
    ),
    # the drug-user registry (services/registry/checks.py)
    "registry.future": (QT_TRANSLATE_NOOP("validation", "Lies in the future"), ()),
    "registry.too_early": (QT_TRANSLATE_NOOP("validation", "Implausibly early"), ()),
    "registry.before_birth": (QT_TRANSLATE_NOOP("validation", "Before the person was born"), ()),
    "registry.decision_before_finding": (
        QT_TRANSLATE_NOOP("validation", "Before the finding the decision rests on"),
        (),
    ),
    "registry.order": (QT_TRANSLATE_NOOP("validation", "Before the date it follows"), ()),
    "registry.term": (QT_TRANSLATE_NOOP("validation", "Not a term this decision can have"), ()),
    "registry.days": (
        QT_TRANSLATE_NOOP(
            "validation", "Administrative detention is 1 to 15 days, at most 20 combined"
        ),
        (),
    ),
    "registry.extension": (QT_TRANSLATE_NOOP("validation", "Extended by at most 12 months"), ()),
    "registry.after_planned_end": (
        QT_TRANSLATE_NOOP("validation", "After the planned end: record an extension instead"),
        (),
    ),
    "registry.isolation_overlap": (
        QT_TRANSLATE_NOOP("validation", "Overlaps another compulsory isolation of this person"),
        (),
    ),
    "registry.handover": (QT_TRANSLATE_NOOP("validation", "Does not belong to this decision"), ()),
    "registry.handover_twice": (
        QT_TRANSLATE_NOOP("validation", "Already recorded for this decision"),
        (),
    ),
    "registry.not_released": (
        QT_TRANSLATE_NOOP("validation", "The isolation has not ended: record its end first"),
        (),
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
    "import.duplicate_id": (
        QT_TRANSLATE_NOOP("validation", "%1 appears earlier in the file; this row is skipped"),
        ("id_number",),
    ),
    "measure.detention_combined": (
        QT_TRANSLATE_NOOP(
            "validation",
            "Administrative detention of %1 days: more than %2 days only when penalties "
            "for several offences are combined (%3)",
        ),
        ("days", "single_max", "profile"),
    ),
    "measure.detention_drug_use": (
        QT_TRANSLATE_NOOP(
            "validation",
            "Administrative detention of %1 days: for drug use the law sets %2 to %3 days, "
            "at most %4 in minor cases (%5, unconfirmed rule)",
        ),
        ("days", "min", "max", "minor_max", "profile"),
    ),
}


def _language() -> str:
    return current_language()


def _shown(name: str, value: Any) -> str:
    """One value as the user reads it (grams, 元, percent, local time, labels)."""
    zh = _language().startswith("zh")
    if isinstance(value, bool):
        return str(value)
    if name.endswith("_mg") and isinstance(value, int):
        return format_grams(value)
    if name.endswith("_fen") and isinstance(value, int):
        return format_cny(value)
    if name.endswith("_bp") and isinstance(value, int):
        return f"{bp_to_percent(value)} %"
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo(DEFAULT_ZONE)).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if name == "entity" and isinstance(value, str):
        return vocab.label(vocab.ENTITY_KINDS, value, "zh_CN" if zh else "en")
    return "" if value is None else str(value)


def _params_for(params: Mapping[str, object], name: str) -> Any:
    if name == "label":
        return params.get("label_zh" if _language().startswith("zh") else "label_en", "")
    return params.get(name, "")


def coded_message(code: str, params: Mapping[str, object] | None, fallback: str) -> str:
    """The sentence for ``code`` with ``params`` filled in; ``fallback`` if it has none."""
    entry = _MESSAGES.get(code)
    if entry is None:
        return fallback
    template, names = entry
    text = QCoreApplication.translate("validation", template)
    values = params or {}
    for number, name in reversed(list(enumerate(names, 1))):
        text = text.replace(f"%{number}", _shown(name, _params_for(values, name)))
    return text


def field_message(message: str, code: str = "", params: Mapping[str, object] | None = None) -> str:
    """The sentence shown beside a field: translated by code, else the message itself."""
    return coded_message(code, params, message)


def error_message(error: FieldError) -> str:
    return coded_message(error.code, error.params, error.message)


def warning_message(warning: str) -> str:
    """A service warning in the user's language (weights in grams); plain text if unknown."""
    plain = warning.partition(": ")[2] or warning
    if not isinstance(warning, FieldWarning):
        return plain
    return coded_message(warning.code, warning.params, plain)


def issue_message(issue: Issue) -> str:
    """An import report's reason in the user's language (the English when it has no code)."""
    return coded_message(issue.code, issue.params, issue.message)


def service_error_message(exc: object) -> str:
    """A service's refusal in the user's language where it carries a coded reason (a file
    the import cannot read: importers/file_messages.py, shared with the command line);
    otherwise its own words."""
    if isinstance(exc, ServiceError):
        return exc.message_in(_language())
    return str(exc)


def rejection_message(exc: InputRejected) -> str:
    """A refused change: each problem on its own line, translated where a code allows."""
    return "\n".join(error_message(e) for e in exc.errors)
