"""The registry's forms — a finding, a decision, a hand-over — as FormSpecs for the
shared RecordForm: fields checked as the user types by the registry's own preview, and
Operations (undoable) built on Save. Each spec is made for one person or decision,
since a new finding or decision needs to know whose it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from workbench.domain import vocab
from workbench.services.core.changes import Operation
from workbench.services.registry import operations as rops
from workbench.views.forms.spec import FieldSpec, FormData, FormSpec, Section

F = FieldSpec

FINDING_FIELDS = (
    F("found_at", QT_TRANSLATE_NOOP("forms", "Found at"), "datetime", required=True),
    F("substance", QT_TRANSLATE_NOOP("forms", "Substance"), "vocab", vocab.DRUGS, required=True,
      default="methamphetamine"),
    F("result", QT_TRANSLATE_NOOP("forms", "Test result"), "vocab", vocab.TEST_RESULTS,
      required=True, default="positive"),
    F("test_method", QT_TRANSLATE_NOOP("forms", "Test method"), "vocab", vocab.TEST_METHODS,
      required=True, default="urine"),
    F("how_found", QT_TRANSLATE_NOOP("forms", "How found"), "vocab", vocab.HOW_FOUND,
      required=True, default="venue_check"),
    F("unit", QT_TRANSLATE_NOOP("forms", "Finding unit")),
    F("place", QT_TRANSLATE_NOOP("forms", "Place")),
    F("report_no", QT_TRANSLATE_NOOP("forms", "Test report no.")),
    F("case_code", QT_TRANSLATE_NOOP("forms", "Case file"), empty_none=True,
      hint=QT_TRANSLATE_NOOP("forms", "code of the case it was made in, if any")),
    F("notes", QT_TRANSLATE_NOOP("forms", "Notes"), "long"),
)  # fmt: skip

NEW_PERSON_FIELDS = (
    F("id_number", QT_TRANSLATE_NOOP("forms", "Resident ID number"), required=True,
      hint=QT_TRANSLATE_NOOP("forms", "18 characters; fills birth date and sex")),
    F("name", QT_TRANSLATE_NOOP("forms", "Name"),
      hint=QT_TRANSLATE_NOOP("forms", "needed for someone not yet on file")),
)  # fmt: skip

DECISION_FIELDS = (
    F("finding_id", QT_TRANSLATE_NOOP("forms", "Rests on the finding"), "ref", ref="finding",
      required=True),
    F("kind", QT_TRANSLATE_NOOP("forms", "Decision"), "vocab", vocab.REHAB_DECISIONS,
      required=True, default="administrative_detention"),
    F("decided_on", QT_TRANSLATE_NOOP("forms", "Decided on"), "date", required=True),
    F("starts_on", QT_TRANSLATE_NOOP("forms", "Starts on"), "date", derivable=True),
    F("term_days", QT_TRANSLATE_NOOP("forms", "Days (detention)"), "int",
      hint=QT_TRANSLATE_NOOP("forms", "administrative detention only")),
    F("term_months", QT_TRANSLATE_NOOP("forms", "Months (community recovery)"), "int"),
    F("extension_months", QT_TRANSLATE_NOOP("forms", "Extension in months (isolation)"), "int"),
    F("ended_on", QT_TRANSLATE_NOOP("forms", "Ended on (early release, change)"), "date"),
    F("end_reason", QT_TRANSLATE_NOOP("forms", "End reason"), "vocab", vocab.END_REASONS),
    F("place", QT_TRANSLATE_NOOP("forms", "Place (detention house, centre)")),
    F("office", QT_TRANSLATE_NOOP("forms", "Township or street office")),
    F("unit", QT_TRANSLATE_NOOP("forms", "Deciding unit")),
    F("document_no", QT_TRANSLATE_NOOP("forms", "Decision no.")),
    F("notes", QT_TRANSLATE_NOOP("forms", "Notes"), "long"),
)  # fmt: skip

HANDOVER_FIELDS = (
    F("kind", QT_TRANSLATE_NOOP("forms", "Hand-over"), "vocab", vocab.HANDOVER_KINDS,
      required=True, default="release_filing"),
    F("handed_on", QT_TRANSLATE_NOOP("forms", "On"), "date", required=True),
    F("received_by", QT_TRANSLATE_NOOP("forms", "Received by")),
    F("office", QT_TRANSLATE_NOOP("forms", "Township or street office")),
    F("notes", QT_TRANSLATE_NOOP("forms", "Notes"), "long"),
)  # fmt: skip


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """A new record's values without the blanks, so the defaults apply."""
    return {k: v for k, v in values.items() if v not in (None, "")}


def finding_form(person_id: int | None) -> FormSpec:
    """A new finding of ``person_id``, or (None) of someone named by ID number; with
    ids {"record_id": …} the same spec edits one."""

    def build(data: FormData) -> list[Operation]:
        if data.editing:
            changed = data.changed["finding"]
            return [rops.update_finding(data.ids["record_id"], **changed)] if changed else []
        values = _given(data.values["finding"])
        if person_id is not None:
            return [rops.add_finding(person_id=person_id, **values)]
        return [rops.add_finding(person=_given(data.values["person"]), **values)]

    sections = [Section("finding", FINDING_FIELDS, preview="finding")]
    if person_id is None:
        sections.insert(
            0,
            Section(
                "person",
                NEW_PERSON_FIELDS,
                title=QT_TRANSLATE_NOOP("forms", "Person"),
                preview="person",
                new_only=True,
            ),
        )
        sections[1] = Section(
            "finding",
            FINDING_FIELDS,
            title=QT_TRANSLATE_NOOP("forms", "Finding"),
            preview="finding",
        )
    return FormSpec(
        entity="drug_use_finding",
        title_new=QT_TRANSLATE_NOOP("forms", "New drug-use finding"),
        title_edit=QT_TRANSLATE_NOOP("forms", "Edit drug-use finding"),
        sections=tuple(sections),
        build=build,
        subject="person.name" if person_id is None else "",
    )


def decision_form(person_id: int) -> FormSpec:
    def build(data: FormData) -> list[Operation]:
        if data.editing:
            changed = data.changed["decision"]
            return [rops.update_decision(data.ids["record_id"], **changed)] if changed else []
        return [rops.add_decision(person_id, **_given(data.values["decision"]))]

    return FormSpec(
        entity="rehab_decision",
        title_new=QT_TRANSLATE_NOOP("forms", "New decision"),
        title_edit=QT_TRANSLATE_NOOP("forms", "Edit decision"),
        sections=(Section("decision", DECISION_FIELDS, preview="decision"),),
        build=build,
    )


def handover_form(decision_id: int) -> FormSpec:
    def build(data: FormData) -> list[Operation]:
        return [rops.add_handover(decision_id, **_given(data.values["handover"]))]

    return FormSpec(
        entity="rehab_handover",
        title_new=QT_TRANSLATE_NOOP("forms", "Record a hand-over"),
        title_edit=QT_TRANSLATE_NOOP("forms", "Hand-over"),
        sections=(Section("handover", HANDOVER_FIELDS, preview="handover"),),
        build=build,
    )
