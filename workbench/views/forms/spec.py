"""Declarative form descriptions: one list of fields per entity instead of ten dialogs.

A field's ``key`` is the model field the services take (``net_mg``, ``id_number``), so
the errors ``ValidationPreview`` names land on the right widget without a mapping.
Labels are English source strings marked with ``QT_TRANSLATE_NOOP("forms", …)`` where
they are declared and translated when the form is built.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench.domain.vocab import Labels

if TYPE_CHECKING:
    from workbench.services.core.changes import Operation

# Editor kinds a field may have (see editors.make_editor).
KINDS = frozenset(
    {
        "text",  # one line of text
        "long",  # several lines (notes, descriptions)
        "list",  # comma-separated list of strings (aliases, phones)
        "vocab",  # controlled vocabulary, key stored, label shown
        "ref",  # id of another record of the case (person, location …)
        "bool",
        "int",
        "date",
        "datetime",  # shown in the workstation zone, returned aware UTC
        "grams",  # exact grams in, int mg out
        "yuan",  # exact yuan in, int fen out
        "percent",  # exact percent in, int basis points out
        "decimal",  # exact Decimal (coordinates)
    }
)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # English source text, context "forms"
    kind: str = "text"
    vocab: Labels | None = None
    # For "ref": the entity kind of the target ("person"), or "@other_key" when another
    # field of the same section says which kind it is (link ends, custody items).
    ref: str = ""
    required: bool = False
    empty_none: bool = False  # an empty text is None (unique identifiers)
    minimum: int = 0  # "int" fields
    fixed: bool = False  # shown read-only when editing (a record's handle)
    derivable: bool = False  # filled from ``Preview.derived`` until the user edits it
    hint: str = ""  # placeholder text, English source, context "forms"
    default: Any = None  # initial value of a new record

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r} for {self.key}")
        if self.kind == "vocab" and self.vocab is None:
            raise ValueError(f"vocab field {self.key} needs a vocabulary")


@dataclass(frozen=True)
class Section:
    """Fields checked together by ``ValidationPreview.check(preview, values)``."""

    name: str  # values are grouped under this name ("person", "party" …)
    fields: tuple[FieldSpec, ...]
    title: str = ""  # English group-box title; "" for a single-section form
    preview: str | None = None  # preview entity, None if the section has no checks
    new_only: bool = False  # shown read-only when editing (no update operation exists)


@dataclass
class FormData:
    """What the dialog hands to a spec's ``build`` function."""

    case_code: str
    values: dict[str, dict[str, Any]]  # per section, every visible field
    changed: dict[str, dict[str, Any]]  # per section, fields that differ from the initial
    ids: Mapping[str, int] = field(default_factory=dict)  # record_id, person_id, party_id …

    @property
    def editing(self) -> bool:
        return bool(self.ids)


BuildFn = Callable[[FormData], "list[Operation]"]
CheckFn = Callable[[dict[str, dict[str, Any]]], "list[tuple[str, str, str]]"]


@dataclass(frozen=True)
class FormSpec:
    entity: str  # vocab.ENTITY_KINDS key, for titles
    title_new: str  # English, context "forms"
    title_edit: str
    sections: tuple[Section, ...]
    build: BuildFn
    subject: str = ""  # "section.key" whose text names the record in the undo text
    # Extra rules the preview does not know: returns (section, key, English message).
    extra_check: CheckFn | None = None
    # Called after the user changed (section, key): fills values that follow from it.
    on_change: Callable[[Any, str, str], None] | None = None

    def section(self, name: str) -> Section:
        return next(s for s in self.sections if s.name == name)
