"""Field checks for every entity, in model units (mg, fen, aware UTC datetimes).

Each checker takes the proposed field values, returns them normalised, and collects
errors (the change is refused) and warnings (shown, change allowed) naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from workbench.domain import vocab
from workbench.domain.errors import DomainError
from workbench.domain.identifiers import (
    check_person_identity,
    parse_mobile,
    parse_plate,
    parse_resident_id,
    parse_vin,
    vin_check_digit,
)
from workbench.domain.profile import JurisdictionProfile, load_profile
from workbench.domain.provisional import (
    detention_length,
    purity_needed,
    sampling_shortfall,
    term_days,
)
from workbench.domain.regions import SOURCE as REGION_SOURCE
from workbench.domain.weighing import (
    required_resolution_mg,
    resolution_ok,
    sample_count,
    test_is_late,
)
from workbench.services.core.errors import FieldError, FieldWarning, InputRejected

LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


@dataclass
class Checked:
    values: dict[str, Any]
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, name: str, message: str, code: str = "", **params: object) -> None:
        self.errors.append(FieldError(name, message, code, params))

    def raise_if_errors(self, entity: str) -> None:
        if self.errors:
            raise InputRejected(entity, self.errors)

    # -- generic field checks ------------------------------------------------------

    def required_text(self, name: str, max_len: int = 400) -> None:
        value = self.values.get(name)
        if value is None or not str(value).strip():
            self.error(name, "is required", "field.required")
            return
        text = str(value).strip()
        if len(text) > max_len:
            self.error(
                name,
                f"is {len(text)} characters long; at most {max_len}",
                "text.too_long",
                length=len(text),
                max=max_len,
            )
        self.values[name] = text

    def in_vocab(self, name: str, labels: vocab.Labels, *, required: bool = False) -> None:
        if name not in self.values:
            if required:
                self.error(name, "is required", "field.required")
            return
        value = self.values[name]
        if value not in labels:
            allowed = ", ".join(labels)
            self.error(
                name,
                f"unknown value {value!r}; expected one of: {allowed}",
                "vocab.unknown",
                value=value,
            )

    def non_negative_int(self, name: str, *, nullable: bool = True) -> None:
        value = self.values.get(name)
        if value is None:
            if not nullable and name in self.values:
                self.error(name, "is required", "field.required")
            return
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(name, f"must be a whole number, got {value!r}", "number.whole", value=value)
        elif value < 0:
            self.error(name, f"must not be negative, got {value}", "number.negative", value=value)

    def aware(self, name: str) -> None:
        value = self.values.get(name)
        if value is None:
            return
        if not isinstance(value, datetime) or value.tzinfo is None:
            self.error(name, "must be a date and time with a time zone", "datetime.zone")

    def a_date(self, name: str) -> None:
        value = self.values.get(name)
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            self.error(name, f"must be a date, got {value!r}", "date.invalid", value=value)

    def ordered(self, first: str, second: str) -> None:
        a, b = self.values.get(first), self.values.get(second)
        if a is not None and b is not None and type(a) is type(b) and b < a:
            self.error(
                second,
                f"{b} is before {first} {a}",
                "order.before",
                value=b,
                other=a,
                other_field=first,
            )


def reject_unknown_fields(values: Mapping[str, Any], allowed: frozenset[str], entity: str) -> None:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise InputRejected(
            entity, [FieldError(name, "is not a field", "field.unknown") for name in unknown]
        )


def _domain[T](check: Checked, name: str, fn: Callable[[], T]) -> T | None:
    try:
        return fn()
    except DomainError as exc:
        check.error(name, exc.message, exc.code)
        return None


# -- entities ----------------------------------------------------------------------


def check_case(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    if "code" in c.values:
        c.required_text("code", 64)
        code = c.values.get("code", "")
        if isinstance(code, str) and re.search(r"\s", code):
            c.error("code", "must not contain spaces", "case.code_spaces")
    if "title" in c.values:
        c.required_text("title", 400)
    c.in_vocab("level", vocab.CASE_LEVELS)
    c.in_vocab("status", vocab.CASE_STATUSES)
    c.in_vocab("category", vocab.CASE_CATEGORIES)
    c.a_date("opened_on")
    c.a_date("closed_on")
    c.a_date("concluded_on")
    c.a_date("solved_on")
    c.ordered("opened_on", "closed_on")
    c.ordered("opened_on", "solved_on")
    if not c.errors and ("conclusion" in c.values or "concluded_on" in c.values):
        _conclusion(c, c.values)
    return c


def check_member(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    c.required_text("name", 100)
    c.in_vocab("task_role", vocab.TASK_ROLES)
    return c


def check_person(values: Mapping[str, Any], *, today: date | None = None) -> Checked:
    """ID number checked and normalised; birth date and sex derived or cross-checked."""
    c = Checked(dict(values))
    if "name" in c.values:
        c.required_text("name", 100)
    raw_id = c.values.get("id_number")
    if raw_id is not None and str(raw_id).strip():
        rid = _domain(c, "id_number", lambda: parse_resident_id(str(raw_id), today=today))
        if rid is not None:
            c.values["id_number"] = rid.number
            if rid.region_known is False:
                c.warnings.append(
                    FieldWarning(
                        "id_number",
                        f"region code {rid.region} is not in GB/T 2260 ({REGION_SOURCE}); "
                        "check the number, or the table may not have a new district yet",
                        "resident_id.region_unknown",
                        region=rid.region,
                    )
                )
            birth, sex = c.values.get("birth_date"), c.values.get("sex")
            for problem in check_person_identity(rid.number, birth, sex):
                name = "birth_date" if "birth" in problem.code else "sex"
                c.error(name, problem.message, problem.code)
            c.values.setdefault("birth_date", rid.birth_date)
            c.values.setdefault("sex", rid.sex)
            if c.values["birth_date"] is None:
                c.values["birth_date"] = rid.birth_date
            if c.values["sex"] is None:
                c.values["sex"] = rid.sex
    elif "id_number" in c.values:
        c.values["id_number"] = None
    if c.values.get("sex") not in (None, "M", "F"):
        c.error(
            "sex", f"must be M or F, got {c.values['sex']!r}", "person.sex", value=c.values["sex"]
        )
    c.a_date("birth_date")
    phones = c.values.get("phones")
    if phones is not None:
        normalised = []
        for i, phone in enumerate(phones):
            text = str(phone).strip()
            if LANDLINE.match(text):
                normalised.append(text)
                continue
            number = _domain(c, f"phones[{i}]", partial(parse_mobile, text))
            if number is not None:
                normalised.append(str(number))
        c.values["phones"] = normalised
    if "aliases" in c.values:
        c.values["aliases"] = [str(a).strip() for a in c.values["aliases"] or [] if str(a).strip()]
    return c


def check_party(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    c.in_vocab("role", vocab.PARTY_ROLES)
    c.in_vocab("status", vocab.PARTY_STATUSES)
    c.a_date("prosecuted_on")
    return c


def check_measure(
    values: Mapping[str, Any], *, complete: Mapping[str, Any] | None = None
) -> Checked:
    """``complete`` is the record as it will be after the change (for the term's length)."""
    c = Checked(dict(values))
    c.in_vocab("kind", vocab.MEASURES, required="kind" in values)
    for name in ("decided_on", "starts_on", "ends_on", "concluded_on"):
        c.a_date(name)
    c.ordered("starts_on", "ends_on")
    c.non_negative_int("extension_steps")
    if not c.errors:  # the cross-field rules need sound dates, not the person yet
        full = {**(complete or {}), **c.values}
        _conclusion(c, full)
        if full.get("kind") == "administrative_detention":
            _detention_length(c, full)
    if "person_id" in c.values and not isinstance(c.values["person_id"], int):
        c.error("person_id", "is required", "field.required")
    return c


def _conclusion(c: Checked, full: Mapping[str, Any]) -> None:
    """A measure or case concluded on a day, for a reason (vocab.CONCLUSIONS)."""
    if "conclusion" in c.values and c.values["conclusion"] is None:
        c.values["conclusion"] = ""
    conclusion, concluded_on = full.get("conclusion") or "", full.get("concluded_on")
    if conclusion and conclusion not in vocab.CONCLUSIONS:
        c.in_vocab("conclusion", vocab.CONCLUSIONS)
    elif conclusion and concluded_on is None:
        c.error(
            "concluded_on",
            "is required when a conclusion is given",
            "measure.conclusion_without_date",
        )
    elif concluded_on is not None and not conclusion:
        c.error("conclusion", "is required when a conclusion date is given", "field.required")
    start = full.get("starts_on") or full.get("opened_on")
    if isinstance(concluded_on, date) and isinstance(start, date) and concluded_on < start:
        c.error(
            "concluded_on",
            f"concluded on {concluded_on}, before it started on {start}",
            "measure.concluded_before_start",
            concluded=concluded_on,
            starts=start,
        )


def _detention_length(c: Checked, full: Mapping[str, Any]) -> None:
    """Administrative detention: 1-15 days for one offence, at most 20 combined (refused
    beyond); 16-20 only when combined, and for drug use 10-15 ([check]) are warnings."""
    starts, ends = full.get("starts_on"), full.get("ends_on")
    if not isinstance(starts, date) or not isinstance(ends, date) or ends < starts:
        return
    profile = load_profile()
    r = profile.rehab
    length = detention_length(term_days(starts, ends), profile)
    params: dict[str, object] = {
        "days": length.days,
        "single_max": r.administrative_detention_limit_max_days,
        "combined_max": r.administrative_detention_combined_max_days,
        "profile": profile.label,
    }
    if length.refused:
        c.error(
            "ends_on",
            f"administrative detention of {length.days} days: at most "
            f"{r.administrative_detention_limit_max_days} days for one offence and "
            f"{r.administrative_detention_combined_max_days} combined ({profile.label})",
            "measure.detention_too_long",
            **params,
        )
    elif length.combined:
        c.warnings.append(
            FieldWarning(
                "ends_on",
                f"administrative detention of {length.days} days: more than "
                f"{r.administrative_detention_limit_max_days} only when penalties for several "
                f"offences are combined ({profile.label})",
                "measure.detention_combined",
                **params,
            )
        )
    elif length.drug_use:
        c.warnings.append(
            FieldWarning(
                "ends_on",
                f"administrative detention of {length.days} days: for drug use "
                f"{r.administrative_detention_min_days}-{r.administrative_detention_max_days} "
                f"days, at most {r.administrative_detention_minor_max_days} if minor "
                f"({profile.label}, unconfirmed rule)",
                "measure.detention_drug_use",
                days=length.days,
                min=r.administrative_detention_min_days,
                max=r.administrative_detention_max_days,
                minor_max=r.administrative_detention_minor_max_days,
                profile=profile.label,
            )
        )


def check_vehicle(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    plate = c.values.get("plate")
    if plate:
        parsed = _domain(c, "plate", lambda: parse_plate(str(plate)))
        if parsed is not None:
            c.values["plate"] = parsed.number
            if not parsed.recognised:
                c.warnings.append(
                    FieldWarning(
                        "plate",
                        f"{parsed.number} is not a plate form the workbench knows; kept as "
                        "entered, check it against the vehicle",
                        "plate.unrecognised",
                        plate=parsed.number,
                    )
                )
    elif "plate" in c.values:
        c.values["plate"] = None
    vin = c.values.get("vin")
    if vin:
        parsed_vin = _domain(c, "vin", lambda: parse_vin(str(vin)))
        if parsed_vin is not None:
            c.values["vin"] = parsed_vin.number
            if not parsed_vin.check_ok:
                profile = load_profile()
                c.warnings.append(
                    FieldWarning(
                        "vin",
                        f"check digit of {parsed_vin.number} does not match (should be "
                        f"{vin_check_digit(parsed_vin.number)}); the check digit is mandatory "
                        "only in some markets (North America, China), so an imported or older "
                        f"vehicle may carry a different one ({profile.label}, unconfirmed rule)",
                        "vin.check_digit",
                        vin=parsed_vin.number,
                        expected=vin_check_digit(parsed_vin.number),
                        profile=profile.label,
                    )
                )
    elif "vin" in c.values:
        c.values["vin"] = None
    return c


def check_case_vehicle(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    c.a_date("seized_on")
    return c


def check_seizure(
    values: Mapping[str, Any], *, complete: Mapping[str, Any], propose: bool = False
) -> Checked:
    """``complete`` is the record as it will be after the change (for cross-field rules).

    ``propose`` (a form being filled in): an empty "packages sampled" gets the number
    公禁毒〔2016〕511号 asks for, as a derived value the user may change."""
    c = Checked(dict(values))
    _seizure_fields(c, values)
    packages = {**complete, **c.values}.get("package_count") or 1
    if propose and c.values.get("sampled_count") is None and isinstance(packages, int):
        c.values["sampled_count"] = sample_count(max(packages, 0), load_profile())
    if c.errors:
        return c
    full = {**complete, **c.values}
    profile = load_profile()
    _seizure_weights(c, full)
    _sampling(c, full, profile)
    _seizure_testing(c, full, profile)
    _seizure_test_dates(c, full, profile)
    return c


def _seizure_fields(c: Checked, values: Mapping[str, Any]) -> None:
    """Each field on its own: vocabularies, whole numbers, ranges, dates."""
    if "exhibit_no" in c.values:
        c.required_text("exhibit_no", 64)
    c.in_vocab("drug", vocab.SUBSTANCES, required="drug" in values)
    c.in_vocab("form", vocab.SEIZURE_FORMS)
    c.in_vocab("status", vocab.SEIZURE_STATUSES)
    for name in ("gross_mg", "tare_mg", "scale_resolution_mg", "sampled_count"):
        c.non_negative_int(name)
    c.non_negative_int("net_mg", nullable=False)
    count = c.values.get("package_count")
    if count is not None and (not isinstance(count, int) or count < 1):
        c.error(
            "package_count",
            f"must be at least 1, got {count!r}",
            "seizure.package_count",
            value=count,
        )
    purity = c.values.get("purity_bp")
    if purity is not None and (not isinstance(purity, int) or not 0 <= purity <= 10000):
        c.error(
            "purity_bp",
            f"purity must be between 0 and 100 %, got {purity!r}",
            "purity.range",
            value_bp=purity,
        )
    c.aware("seized_at")
    c.a_date("sent_for_test_on")


def _seizure_weights(c: Checked, full: Mapping[str, Any]) -> None:
    """Net is gross less packaging, to the milligram."""
    gross, tare, net = full.get("gross_mg"), full.get("tare_mg"), full.get("net_mg")
    if gross is None or tare is None:
        return
    if tare > gross:
        c.error(
            "tare_mg",
            f"packaging {tare} mg is heavier than the gross {gross} mg",
            "seizure.tare_over_gross",
            tare_mg=tare,
            gross_mg=gross,
        )
    elif net is not None and net != gross - tare:
        c.error(
            "net_mg",
            f"net {net} mg is not gross {gross} mg − packaging {tare} mg",
            "seizure.net_mismatch",
            net_mg=net,
            gross_mg=gross,
            tare_mg=tare,
            expected_mg=gross - tare,
        )


def _seizure_testing(c: Checked, full: Mapping[str, Any], profile: JurisdictionProfile) -> None:
    """Warnings of the weighing profile: a purity test and a fine enough scale."""
    if purity_needed(
        str(full.get("form") or ""), full.get("purity_bp"), death_penalty_possible=False
    ):
        c.warnings.append(
            FieldWarning(
                "purity_bp",
                f"no purity recorded: a {full.get('form')} drug needs a purity test "
                f"({profile.label}, unconfirmed rule)",
                "seizure.purity_needed",
                profile=profile.label,
            )
        )
    net, resolution = full.get("net_mg"), full.get("scale_resolution_mg")
    if net is not None and resolution is not None and not resolution_ok(net, resolution, profile):
        need = required_resolution_mg(net, profile)
        c.warnings.append(
            FieldWarning(
                "scale_resolution_mg",
                f"{resolution} mg is coarser than the {need} mg required "
                f"for a net weight of {net} mg ({profile.label})",
                "seizure.resolution",
                resolution_mg=resolution,
                need_mg=need,
                net_mg=net,
                profile=profile.label,
            )
        )


def _seizure_test_dates(c: Checked, full: Mapping[str, Any], profile: JurisdictionProfile) -> None:
    """Sent for testing on or after the seizure, and within the profile's deadline."""
    seized_at, sent = full.get("seized_at"), full.get("sent_for_test_on")
    if not isinstance(seized_at, datetime) or not isinstance(sent, date):
        return
    seized_on = seized_at.date()
    if sent < seized_on:
        c.error(
            "sent_for_test_on",
            f"{sent} is before the seizure on {seized_on}",
            "seizure.sent_before_seizure",
            sent=sent.isoformat(),
            seized=seized_on.isoformat(),
        )
    elif test_is_late(seized_on, sent, profile, complex_case=bool(full.get("complex_case"))):
        c.warnings.append(
            FieldWarning(
                "sent_for_test_on",
                f"{sent} is later than the testing deadline ({profile.label})",
                "seizure.test_late",
                sent=sent.isoformat(),
                profile=profile.label,
            )
        )


def _sampling(c: Checked, full: Mapping[str, Any], profile: JurisdictionProfile) -> None:
    """Packages sampled against the package count (公禁毒〔2016〕511号, [check] counts)."""
    packages, sampled = full.get("package_count") or 1, full.get("sampled_count")
    if sampled is not None and sampled > packages:
        c.error(
            "sampled_count",
            f"{sampled} packages sampled of only {packages}",
            "seizure.sampled_over_packages",
            sampled=sampled,
            packages=packages,
        )
        return
    proposed = sample_count(packages, profile)
    if sampling_shortfall(packages, sampled, profile) is not None:
        c.warnings.append(
            FieldWarning(
                "sampled_count",
                f"{sampled} of {packages} packages sampled; {proposed} should be "
                f"({profile.label}, unconfirmed rule)",
                "seizure.sampling_short",
                sampled=sampled,
                packages=packages,
                proposed=proposed,
                profile=profile.label,
            )
        )


def check_attribution(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    c.in_vocab("basis", vocab.ATTRIBUTION_BASES, required=True)
    return c


def check_asset(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    c.in_vocab("kind", vocab.ASSET_KINDS, required="kind" in values)
    c.in_vocab("action", vocab.ASSET_ACTIONS)
    c.non_negative_int("amount_fen", nullable=False)
    c.a_date("seized_on")
    return c


def check_location(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    if "name" in c.values:
        c.required_text("name", 200)
    c.in_vocab("kind", vocab.LOCATION_KINDS)
    for name, bound in (("lat", 90), ("lon", 180)):
        value = c.values.get(name)
        if value is None:
            continue
        if not isinstance(value, Decimal):
            c.error(
                name,
                f"must be an exact decimal, got {type(value).__name__}",
                "decimal.invalid",
            )
        elif not -bound <= value <= bound:
            c.error(
                name,
                f"{value} is outside ±{bound}",
                "location.latitude" if name == "lat" else "location.longitude",
                value=str(value),
                bound=bound,
            )
    return c


def check_event(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    if "title" in c.values:
        c.required_text("title", 400)
    c.in_vocab("kind", vocab.EVENT_KINDS, required="kind" in values)
    c.in_vocab("precision", vocab.TIME_PRECISIONS)
    c.aware("occurred_at")
    c.aware("ends_at")
    if not c.errors:
        c.ordered("occurred_at", "ends_at")
    return c


def check_link(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    c.in_vocab("kind", vocab.LINK_KINDS, required="kind" in values)
    for end in ("a_type", "b_type"):
        if end in c.values and c.values[end] not in vocab.LINKABLE_KINDS:
            c.error(end, f"cannot link a {c.values[end]!r}", "link.end_kind", value=c.values[end])
    c.a_date("starts_on")
    c.a_date("ends_on")
    c.ordered("starts_on", "ends_on")
    return c


def check_custody(values: Mapping[str, Any]) -> Checked:
    c = Checked(dict(values))
    if c.values.get("item_type") not in ("seizure", "attachment"):
        c.error("item_type", "must be seizure or attachment", "custody.item_type")
    c.required_text("to_holder", 200)
    c.aware("at")
    return c
