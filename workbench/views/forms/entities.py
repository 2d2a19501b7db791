"""The forms of the case file, one declaration each, and the operations they produce.

A form never writes: its ``build`` turns what the user entered into Operations for the
undo stack. Adding sends every field; editing sends only what changed, so an undo puts
back exactly what the user touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from workbench.domain import vocab
from workbench.services.casefile import operations as ops
from workbench.services.core.changes import Operation
from workbench.views.forms.spec import FieldSpec, FormData, FormSpec, Section

if TYPE_CHECKING:
    from workbench.views.forms.record_form import RecordForm

F = FieldSpec

SEXES: vocab.Labels = {"M": ("男", "male"), "F": ("女", "female")}
LINK_ENDS: vocab.Labels = {k: vocab.ENTITY_KINDS[k] for k in vocab.LINKABLE_KINDS}
CUSTODY_ITEMS: vocab.Labels = {k: vocab.ENTITY_KINDS[k] for k in ("seizure", "attachment")}


def _set(values: dict[str, Any]) -> dict[str, Any]:
    """A new record's values without the blanks, so the model defaults apply."""
    return {k: v for k, v in values.items() if v is not None}


def _records(entity: str) -> Any:
    """add_record / update_record for one of ``records.KINDS``."""

    def build(data: FormData) -> list[Operation]:
        if data.editing:
            changed = data.changed[entity]
            if not changed:
                return []
            return [ops.update_record(entity, data.ids["record_id"], **changed)]
        return [ops.add_record(data.case_code, entity, **_set(data.values[entity]))]

    return build


# -- case ------------------------------------------------------------------------------


def _build_case(data: FormData) -> list[Operation]:
    if not data.editing:
        values = _set(data.values["case"])
        return [ops.create_case(values.pop("code"), values.pop("title"), **values)]
    changed = dict(data.changed["case"])
    changed.pop("code", None)
    return [ops.update_case(data.case_code, **changed)] if changed else []


CASE = FormSpec(
    entity="case",
    title_new=QT_TRANSLATE_NOOP("forms", "New case"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit case"),
    sections=(
        Section(
            "case",
            (
                F("code", QT_TRANSLATE_NOOP("forms", "Code"), required=True, fixed=True),
                F("title", QT_TRANSLATE_NOOP("forms", "Title"), required=True),
                F("nickname", QT_TRANSLATE_NOOP("forms", "Nickname")),
                F(
                    "category",
                    QT_TRANSLATE_NOOP("forms", "Category"),
                    "vocab",
                    vocab.CASE_CATEGORIES,
                    required=True,
                    default="other",
                ),
                F(
                    "level",
                    QT_TRANSLATE_NOOP("forms", "Level"),
                    "vocab",
                    vocab.CASE_LEVELS,
                    required=True,
                    default="ordinary",
                ),
                F(
                    "status",
                    QT_TRANSLATE_NOOP("forms", "Case status"),
                    "vocab",
                    vocab.CASE_STATUSES,
                    required=True,
                    default="open",
                ),
                F("unit", QT_TRANSLATE_NOOP("forms", "Unit")),
                F("opened_on", QT_TRANSLATE_NOOP("forms", "Opened on"), "date"),
                F("solved_on", QT_TRANSLATE_NOOP("forms", "Solved on"), "date"),
                F("closed_on", QT_TRANSLATE_NOOP("forms", "Closed on"), "date"),
                F(
                    "conclusion",
                    QT_TRANSLATE_NOOP("forms", "Concluded by"),
                    "vocab",
                    vocab.CONCLUSIONS,
                ),
                F("concluded_on", QT_TRANSLATE_NOOP("forms", "Concluded on"), "date"),
                F("lead", QT_TRANSLATE_NOOP("forms", "Lead")),
                F("source", QT_TRANSLATE_NOOP("forms", "Case source"), "long"),
                F("summary", QT_TRANSLATE_NOOP("forms", "Summary"), "long"),
            ),
            preview="case",
        ),
    ),
    build=_build_case,
    subject="case.code",
)

# -- person and their part in the case -------------------------------------------------


def _build_person(data: FormData) -> list[Operation]:
    if not data.editing:
        return [ops.add_person(data.case_code, _set(data.values["person"]), **data.values["party"])]
    out = []
    if data.changed["person"]:
        out.append(
            ops.update_person(
                data.ids["person_id"], case_code=data.case_code, **data.changed["person"]
            )
        )
    if data.changed["party"]:
        out.append(ops.update_party(data.ids["party_id"], **data.changed["party"]))
    return out


PERSON = FormSpec(
    entity="person",
    title_new=QT_TRANSLATE_NOOP("forms", "New person"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit person"),
    sections=(
        Section(
            "person",
            (
                F("name", QT_TRANSLATE_NOOP("forms", "Name"), required=True),
                F(
                    "id_number",
                    QT_TRANSLATE_NOOP("forms", "Resident ID number"),
                    empty_none=True,
                    hint=QT_TRANSLATE_NOOP("forms", "18 characters; fills birth date and sex"),
                ),
                F(
                    "birth_date",
                    QT_TRANSLATE_NOOP("forms", "Date of birth"),
                    "date",
                    derivable=True,
                ),
                F("sex", QT_TRANSLATE_NOOP("forms", "Sex"), "vocab", SEXES, derivable=True),
                F(
                    "aliases",
                    QT_TRANSLATE_NOOP("forms", "Aliases"),
                    "list",
                    hint=QT_TRANSLATE_NOOP("forms", "separated by commas"),
                ),
                F(
                    "phones",
                    QT_TRANSLATE_NOOP("forms", "Phones"),
                    "list",
                    hint=QT_TRANSLATE_NOOP("forms", "separated by commas"),
                ),
                F("ethnicity", QT_TRANSLATE_NOOP("forms", "Ethnicity")),
                F("education", QT_TRANSLATE_NOOP("forms", "Education")),
                F("occupation", QT_TRANSLATE_NOOP("forms", "Occupation")),
                F("birthplace", QT_TRANSLATE_NOOP("forms", "Birthplace")),
                F("household_address", QT_TRANSLATE_NOOP("forms", "Household address")),
                F("current_address", QT_TRANSLATE_NOOP("forms", "Current address")),
                F("prior_record", QT_TRANSLATE_NOOP("forms", "Prior penalties"), "long"),
                F("notes", QT_TRANSLATE_NOOP("forms", "Notes on the person"), "long"),
            ),
            title=QT_TRANSLATE_NOOP("forms", "Person"),
            preview="person",
        ),
        Section(
            "party",
            (
                F(
                    "role",
                    QT_TRANSLATE_NOOP("forms", "Role"),
                    "vocab",
                    vocab.PARTY_ROLES,
                    required=True,
                    default="other",
                ),
                F("is_suspect", QT_TRANSLATE_NOOP("forms", "Criminal suspect"), "bool"),
                F(
                    "status",
                    QT_TRANSLATE_NOOP("forms", "Custody status"),
                    "vocab",
                    vocab.PARTY_STATUSES,
                    required=True,
                    default="not_applicable",
                ),
                F(
                    "prosecuted_on",
                    QT_TRANSLATE_NOOP("forms", "Sent for prosecution on"),
                    "date",
                ),
                F("notes", QT_TRANSLATE_NOOP("forms", "Notes in this case"), "long"),
            ),
            title=QT_TRANSLATE_NOOP("forms", "In this case"),
            preview="party",
        ),
    ),
    build=_build_person,
    subject="person.name",
)

# -- measure ---------------------------------------------------------------------------

MEASURE = FormSpec(
    entity="measure",
    title_new=QT_TRANSLATE_NOOP("forms", "New measure"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit measure"),
    sections=(
        Section(
            "measure",
            (
                F(
                    "person_id",
                    QT_TRANSLATE_NOOP("forms", "Person"),
                    "ref",
                    ref="person",
                    required=True,
                ),
                F(
                    "kind",
                    QT_TRANSLATE_NOOP("forms", "Measure"),
                    "vocab",
                    vocab.MEASURES,
                    required=True,
                    default="criminal_detention",
                ),
                F("decided_on", QT_TRANSLATE_NOOP("forms", "Decided on"), "date"),
                F("starts_on", QT_TRANSLATE_NOOP("forms", "Starts on"), "date"),
                F("ends_on", QT_TRANSLATE_NOOP("forms", "Ends on"), "date"),
                F("extension_steps", QT_TRANSLATE_NOOP("forms", "Extensions"), "int"),
                F("document_no", QT_TRANSLATE_NOOP("forms", "Document no.")),
                F("place", QT_TRANSLATE_NOOP("forms", "Place")),
                F(
                    "conclusion",
                    QT_TRANSLATE_NOOP("forms", "Concluded by"),
                    "vocab",
                    vocab.CONCLUSIONS,
                ),
                F("concluded_on", QT_TRANSLATE_NOOP("forms", "Concluded on"), "date"),
                F("notes", QT_TRANSLATE_NOOP("forms", "Notes"), "long"),
            ),
            preview="measure",
        ),
    ),
    build=_records("measure"),
    subject="measure.person_id",
)

# -- vehicle ---------------------------------------------------------------------------


def _build_vehicle(data: FormData) -> list[Operation]:
    if not data.editing:
        return [
            ops.add_vehicle(
                data.case_code, _set(data.values["vehicle"]), **_set(data.values["case_vehicle"])
            )
        ]
    out = []
    if data.changed["vehicle"]:
        out.append(
            ops.update_vehicle(
                data.ids["vehicle_id"], case_code=data.case_code, **data.changed["vehicle"]
            )
        )
    if data.changed["case_vehicle"]:
        out.append(
            ops.update_case_vehicle(data.ids["case_vehicle_id"], **data.changed["case_vehicle"])
        )
    return out


def _plate_or_vin(values: dict[str, dict[str, Any]]) -> list[tuple[str, str, str]]:
    vehicle = values.get("vehicle", {})
    if "plate" in vehicle and not vehicle.get("plate") and not vehicle.get("vin"):
        return [("vehicle", "plate", QT_TRANSLATE_NOOP("forms", "A plate or a VIN is required"))]
    return []


VEHICLE = FormSpec(
    entity="vehicle",
    title_new=QT_TRANSLATE_NOOP("forms", "New vehicle"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit vehicle"),
    sections=(
        Section(
            "vehicle",
            (
                F(
                    "plate",
                    QT_TRANSLATE_NOOP("forms", "Plate"),
                    empty_none=True,
                    hint=QT_TRANSLATE_NOOP("forms", "e.g. 豫D12345"),
                ),
                F("vin", QT_TRANSLATE_NOOP("forms", "VIN"), empty_none=True),
                F("make", QT_TRANSLATE_NOOP("forms", "Make")),
                F("model", QT_TRANSLATE_NOOP("forms", "Model")),
                F("colour", QT_TRANSLATE_NOOP("forms", "Colour")),
                F("owner_id", QT_TRANSLATE_NOOP("forms", "Owner"), "ref", ref="person"),
                F("notes", QT_TRANSLATE_NOOP("forms", "Notes on the vehicle"), "long"),
            ),
            title=QT_TRANSLATE_NOOP("forms", "Vehicle"),
            preview="vehicle",
        ),
        Section(
            "case_vehicle",
            (
                F("seized", QT_TRANSLATE_NOOP("forms", "Seized"), "bool"),
                F("seized_on", QT_TRANSLATE_NOOP("forms", "Seized on"), "date"),
                F("notes", QT_TRANSLATE_NOOP("forms", "Notes in this case"), "long"),
            ),
            title=QT_TRANSLATE_NOOP("forms", "In this case"),
        ),
    ),
    build=_build_vehicle,
    subject="vehicle.plate",
    extra_check=_plate_or_vin,
)

# -- seizure ---------------------------------------------------------------------------


def _net_follows(form: RecordForm, section: str, key: str) -> None:
    """Net = gross − packaging, filled in until the user types a net weight themselves."""
    if section != "seizure" or key not in ("gross_mg", "tare_mg"):
        return
    if ("seizure", "net_mg") in form.touched:
        return
    gross, tare = form.peek("seizure", "gross_mg"), form.peek("seizure", "tare_mg")
    if isinstance(gross, int) and isinstance(tare, int) and gross >= tare:
        form.fill("seizure", "net_mg", gross - tare)


SEIZURE = FormSpec(
    entity="seizure",
    title_new=QT_TRANSLATE_NOOP("forms", "New exhibit"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit exhibit"),
    sections=(
        Section(
            "seizure",
            (
                F("exhibit_no", QT_TRANSLATE_NOOP("forms", "Exhibit no."), required=True),
                F(
                    "drug",
                    QT_TRANSLATE_NOOP("forms", "Drug"),
                    "vocab",
                    vocab.SUBSTANCES,
                    required=True,
                    default="methamphetamine",
                ),
                F(
                    "form",
                    QT_TRANSLATE_NOOP("forms", "Form"),
                    "vocab",
                    vocab.SEIZURE_FORMS,
                    required=True,
                    default="crystal",
                ),
                F(
                    "package_count",
                    QT_TRANSLATE_NOOP("forms", "Packages"),
                    "int",
                    minimum=1,
                    default=1,
                ),
                F(
                    "sampled_count",
                    QT_TRANSLATE_NOOP("forms", "Packages sampled"),
                    "int",
                    empty_none=True,
                    derivable=True,  # proposed from the package count (公禁毒〔2016〕511号)
                ),
                F("gross_mg", QT_TRANSLATE_NOOP("forms", "Gross weight"), "grams"),
                F("tare_mg", QT_TRANSLATE_NOOP("forms", "Packaging"), "grams"),
                F("net_mg", QT_TRANSLATE_NOOP("forms", "Net weight"), "grams", required=True),
                F("scale_resolution_mg", QT_TRANSLATE_NOOP("forms", "Scale resolution"), "grams"),
                F("purity_bp", QT_TRANSLATE_NOOP("forms", "Purity"), "percent"),
                F("seized_at", QT_TRANSLATE_NOOP("forms", "Seized at"), "datetime"),
                F("location_id", QT_TRANSLATE_NOOP("forms", "Location"), "ref", ref="location"),
                F("from_person_id", QT_TRANSLATE_NOOP("forms", "Seized from"), "ref", ref="person"),
                F("lab_report_no", QT_TRANSLATE_NOOP("forms", "Lab report no.")),
                F("sent_for_test_on", QT_TRANSLATE_NOOP("forms", "Sent for testing on"), "date"),
                F(
                    "status",
                    QT_TRANSLATE_NOOP("forms", "Exhibit status"),
                    "vocab",
                    vocab.SEIZURE_STATUSES,
                    required=True,
                    default="sealed",
                ),
                F(
                    "complex_case",
                    QT_TRANSLATE_NOOP("forms", "Complex case (7 days to test)"),
                    "bool",
                ),
                F("notes", QT_TRANSLATE_NOOP("forms", "Notes"), "long"),
            ),
            preview="seizure",
        ),
    ),
    build=_records("seizure"),
    subject="seizure.exhibit_no",
    on_change=_net_follows,
)

# -- asset, location, event, link, custody --------------------------------------------

ASSET = FormSpec(
    entity="asset",
    title_new=QT_TRANSLATE_NOOP("forms", "New asset"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit asset"),
    sections=(
        Section(
            "asset",
            (
                F(
                    "kind",
                    QT_TRANSLATE_NOOP("forms", "Kind"),
                    "vocab",
                    vocab.ASSET_KINDS,
                    required=True,
                    default="cash",
                ),
                F("amount_fen", QT_TRANSLATE_NOOP("forms", "Amount"), "yuan", required=True),
                F(
                    "action",
                    QT_TRANSLATE_NOOP("forms", "Action"),
                    "vocab",
                    vocab.ASSET_ACTIONS,
                    required=True,
                    default="seized",
                ),
                F("seized_on", QT_TRANSLATE_NOOP("forms", "Seized or frozen on"), "date"),
                F("from_person_id", QT_TRANSLATE_NOOP("forms", "From"), "ref", ref="person"),
                F("account", QT_TRANSLATE_NOOP("forms", "Account")),
                F("bank", QT_TRANSLATE_NOOP("forms", "Bank")),
                F("document_no", QT_TRANSLATE_NOOP("forms", "Document no.")),
                F("description", QT_TRANSLATE_NOOP("forms", "Description"), "long"),
            ),
            preview="asset",
        ),
    ),
    build=_records("asset"),
    subject="asset.document_no",
)

LOCATION = FormSpec(
    entity="location",
    title_new=QT_TRANSLATE_NOOP("forms", "New location"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit location"),
    sections=(
        Section(
            "location",
            (
                F("name", QT_TRANSLATE_NOOP("forms", "Name"), required=True),
                F(
                    "kind",
                    QT_TRANSLATE_NOOP("forms", "Kind"),
                    "vocab",
                    vocab.LOCATION_KINDS,
                    required=True,
                    default="other",
                ),
                F("address", QT_TRANSLATE_NOOP("forms", "Address")),
                F("lat", QT_TRANSLATE_NOOP("forms", "Latitude"), "decimal"),
                F("lon", QT_TRANSLATE_NOOP("forms", "Longitude"), "decimal"),
                F("notes", QT_TRANSLATE_NOOP("forms", "Notes"), "long"),
            ),
            preview="location",
        ),
    ),
    build=_records("location"),
    subject="location.name",
)

EVENT = FormSpec(
    entity="event",
    title_new=QT_TRANSLATE_NOOP("forms", "New event"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit event"),
    sections=(
        Section(
            "event",
            (
                F(
                    "kind",
                    QT_TRANSLATE_NOOP("forms", "Kind"),
                    "vocab",
                    vocab.EVENT_KINDS,
                    required=True,
                    default="other",
                ),
                F("title", QT_TRANSLATE_NOOP("forms", "Title"), required=True),
                F("occurred_at", QT_TRANSLATE_NOOP("forms", "When"), "datetime", required=True),
                F(
                    "precision",
                    QT_TRANSLATE_NOOP("forms", "Known to the"),
                    "vocab",
                    vocab.TIME_PRECISIONS,
                    required=True,
                    default="minute",
                ),
                F("ends_at", QT_TRANSLATE_NOOP("forms", "Until"), "datetime"),
                F("description", QT_TRANSLATE_NOOP("forms", "Description"), "long"),
                F("source", QT_TRANSLATE_NOOP("forms", "Source"), "long"),
            ),
            preview="event",
        ),
    ),
    build=_records("event"),
    subject="event.title",
)

LINK = FormSpec(
    entity="link",
    title_new=QT_TRANSLATE_NOOP("forms", "New link"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit link"),
    sections=(
        Section(
            "link",
            (
                F(
                    "a_type",
                    QT_TRANSLATE_NOOP("forms", "From kind"),
                    "vocab",
                    LINK_ENDS,
                    required=True,
                    default="person",
                ),
                F("a_id", QT_TRANSLATE_NOOP("forms", "From"), "ref", ref="@a_type", required=True),
                F(
                    "kind",
                    QT_TRANSLATE_NOOP("forms", "Relation"),
                    "vocab",
                    vocab.LINK_KINDS,
                    required=True,
                    default="accomplice",
                ),
                F(
                    "b_type",
                    QT_TRANSLATE_NOOP("forms", "To kind"),
                    "vocab",
                    LINK_ENDS,
                    required=True,
                    default="person",
                ),
                F("b_id", QT_TRANSLATE_NOOP("forms", "To"), "ref", ref="@b_type", required=True),
                F("starts_on", QT_TRANSLATE_NOOP("forms", "From date"), "date"),
                F("ends_on", QT_TRANSLATE_NOOP("forms", "To date"), "date"),
                F("evidence", QT_TRANSLATE_NOOP("forms", "Evidence"), "long"),
            ),
            preview="link",
        ),
    ),
    build=_records("link"),
    subject="link.kind",
)

CUSTODY = FormSpec(
    entity="custody",
    title_new=QT_TRANSLATE_NOOP("forms", "New custody entry"),
    title_edit=QT_TRANSLATE_NOOP("forms", "Edit custody entry"),
    sections=(
        Section(
            "custody",
            (
                F(
                    "item_type",
                    QT_TRANSLATE_NOOP("forms", "Item kind"),
                    "vocab",
                    CUSTODY_ITEMS,
                    required=True,
                    default="seizure",
                ),
                F(
                    "item_id",
                    QT_TRANSLATE_NOOP("forms", "Item"),
                    "ref",
                    ref="@item_type",
                    required=True,
                ),
                F("from_holder", QT_TRANSLATE_NOOP("forms", "Handed over by")),
                F("to_holder", QT_TRANSLATE_NOOP("forms", "Received by"), required=True),
                F("at", QT_TRANSLATE_NOOP("forms", "When"), "datetime", required=True),
                F("place", QT_TRANSLATE_NOOP("forms", "Place")),
                F("purpose", QT_TRANSLATE_NOOP("forms", "Purpose"), "long"),
            ),
            preview="custody",
        ),
    ),
    build=_records("custody"),
    subject="custody.item_id",
)

FORMS: dict[str, FormSpec] = {
    spec.entity: spec
    for spec in (CASE, PERSON, MEASURE, VEHICLE, SEIZURE, ASSET, LOCATION, EVENT, LINK, CUSTODY)
}
