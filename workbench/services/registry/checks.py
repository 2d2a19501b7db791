"""Field checks for findings, decisions and hand-overs, in model units.

Each checker returns the values normalised, errors (refused) and warnings (shown),
naming the field and with a stable code so a form can say it in the user's language.
Cross-record rules (a decision before its finding, overlapping isolation terms) take
the facts they need as arguments; the service reads them in its transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from workbench.domain import vocab
from workbench.domain.errors import DomainError
from workbench.domain.profile import RehabRule
from workbench.domain.registry_status import early_release_from, planned_end
from workbench.services.casefile.validation import Checked
from workbench.services.core.errors import FieldWarning

DEFAULT_ZONE = "Asia/Shanghai"
EARLIEST = date(1950, 1, 1)

FINDING_FIELDS = frozenset(
    {
        "found_at",
        "place",
        "unit",
        "how_found",
        "test_method",
        "substance",
        "result",
        "report_no",
        "case_code",
        "source",
        "notes",
    }
)
DECISION_FIELDS = frozenset(
    {
        "finding_id",
        "kind",
        "decided_on",
        "starts_on",
        "term_days",
        "term_months",
        "extension_months",
        "ended_on",
        "end_reason",
        "place",
        "office",
        "unit",
        "document_no",
        "source",
        "notes",
    }
)
HANDOVER_FIELDS = frozenset({"kind", "handed_on", "received_by", "office", "notes"})

_TEXT_LIMITS = {
    "place": 400,
    "unit": 200,
    "report_no": 100,
    "source": 200,
    "office": 200,
    "document_no": 100,
    "received_by": 200,
    "notes": 4000,
}


def local_day(moment: datetime, zone: str = DEFAULT_ZONE) -> date:
    return moment.astimezone(ZoneInfo(zone)).date()


def _texts(c: Checked) -> None:
    for name, limit in _TEXT_LIMITS.items():
        value = c.values.get(name)
        if value is None:
            continue
        text = str(value).strip()
        if len(text) > limit:
            c.error(
                name,
                f"is {len(text)} characters long; at most {limit}",
                "text.too_long",
                length=len(text),
                max=limit,
            )
        c.values[name] = text


def _not_future(c: Checked, name: str, day: date | None, today: date) -> None:
    if day is not None and day > today:
        c.error(name, f"{day} is in the future (today is {today})", "registry.future")


def check_finding(
    values: Mapping[str, Any],
    *,
    now: datetime,
    born: date | None = None,
    zone: str = DEFAULT_ZONE,
    required: bool = True,
) -> Checked:
    """A finding: when (not in the future, not before the person was born), the test."""
    c = Checked(dict(values))
    for name in ("substance", "result") if required else ():
        if c.values.get(name) in (None, ""):
            c.error(name, "is required", "field.required")
    if required and c.values.get("found_at") is None:
        c.error("found_at", "is required", "field.required")
    c.in_vocab("substance", vocab.DRUGS)
    c.in_vocab("result", vocab.TEST_RESULTS)
    c.in_vocab("how_found", vocab.HOW_FOUND)
    c.in_vocab("test_method", vocab.TEST_METHODS)
    c.aware("found_at")
    _texts(c)
    found = c.values.get("found_at")
    if isinstance(found, datetime) and found.tzinfo is not None:
        day = local_day(found, zone)
        if found > now:
            c.error(
                "found_at",
                f"{found.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} is in the future",
                "registry.future",
            )
        elif day < EARLIEST:
            c.error("found_at", f"{day} is implausibly early", "registry.too_early")
        elif born is not None and day < born:
            c.error(
                "found_at",
                f"{day} is before the person was born ({born})",
                "registry.before_birth",
            )
    return c


@dataclass(frozen=True)
class OtherIsolation:
    """Another compulsory isolation of the same person (for the overlap rule)."""

    id: int
    starts_on: date
    end: date


def check_decision(
    values: Mapping[str, Any],
    *,
    found_on: date | None,
    today: date,
    rule: RehabRule,
    isolations: Sequence[OtherIsolation] = (),
    required: bool = True,
) -> Checked:
    """A decision; ``values`` is the whole record as it will be. ``found_on``: the local
    day of the finding it rests on. Fills ``starts_on`` (the decision day) and the
    derived ``planned_end_on``."""
    c = Checked(dict(values))
    for name in ("term_days", "term_months"):  # 0 from a form's spin box: not given
        if c.values.get(name) == 0:
            c.values[name] = None
    if required:
        for name in ("kind", "decided_on", "finding_id"):
            if c.values.get(name) is None:
                c.error(name, "is required", "field.required")
    c.in_vocab("kind", vocab.REHAB_DECISIONS)
    if c.values.get("end_reason"):  # "" or None: none recorded
        c.in_vocab("end_reason", vocab.END_REASONS)
    for name in ("decided_on", "starts_on", "ended_on"):
        c.a_date(name)
    for name in ("term_days", "term_months", "extension_months"):
        c.non_negative_int(name)
    _texts(c)
    if c.errors:
        return c
    if c.values.get("starts_on") is None and c.values.get("decided_on") is not None:
        c.values["starts_on"] = c.values["decided_on"]
    _dates(c, found_on, today)
    if c.errors or c.values.get("kind") is None:
        return c
    _term(c, rule)
    if not c.errors:
        _ending(c, rule, today)
    if not c.errors and c.values["kind"] == "compulsory_isolation":
        _no_overlap(c, isolations)
    return c


def _dates(c: Checked, found_on: date | None, today: date) -> None:
    decided, starts = c.values.get("decided_on"), c.values.get("starts_on")
    if decided is None:
        return
    _not_future(c, "decided_on", decided, today)
    if decided < EARLIEST:
        c.error("decided_on", f"{decided} is implausibly early", "registry.too_early")
    if found_on is not None and decided < found_on:
        c.error(
            "decided_on",
            f"{decided} is before its finding on {found_on}",
            "registry.decision_before_finding",
        )
    if starts is not None and starts < decided:
        c.error("starts_on", f"{starts} is before the decision on {decided}", "registry.order")


def _term(c: Checked, rule: RehabRule) -> None:
    """Term lengths the law allows; the planned end from them (first day counted)."""
    kind = c.values["kind"]
    days, months = c.values.get("term_days"), c.values.get("term_months")
    extension = c.values.get("extension_months") or 0
    if kind == "administrative_detention":
        _detention_days(c, days, rule)
        for name in ("term_months", "extension_months"):
            if c.values.get(name):
                c.error(name, "applies to rehabilitation terms, not to detention", "registry.term")
    else:
        if days:
            c.error("term_days", "applies to administrative detention only", "registry.term")
        fixed = {
            "compulsory_isolation": rule.compulsory_isolation_years * 12,
            "community_rehab": rule.community_rehab_years * 12,
        }
        longest = rule.community_recovery_max_years * 12
        if kind in fixed and months not in (None, fixed[kind]):
            c.error("term_months", f"is {fixed[kind]} months by law, not {months}", "registry.term")
        elif kind == "community_recovery" and months is not None and not 1 <= months <= longest:
            c.error("term_months", f"must be 1-{longest} months, got {months}", "registry.term")
        cap = rule.compulsory_isolation_extension_max_years * 12
        if kind != "compulsory_isolation" and extension:
            c.error("extension_months", "only compulsory isolation is extended", "registry.term")
        elif extension > cap:
            c.error(
                "extension_months", f"at most {cap} months, got {extension}", "registry.extension"
            )
    if c.errors:
        return
    try:
        c.values["planned_end_on"] = planned_end(
            kind,
            c.values["starts_on"],
            rule,
            term_days=days,
            term_months=months,
            extension_months=extension,
        )
    except DomainError as exc:
        c.error("term_days", exc.message, exc.code)


def _detention_days(c: Checked, days: int | None, rule: RehabRule) -> None:
    combined_max = 20  # 治安管理处罚法 Art. 16: combined detentions at most 20 days
    if days is None or days < 1:
        c.error("term_days", "administrative detention needs its days (1-15)", "registry.days")
    elif days > combined_max:
        c.error(
            "term_days",
            f"{days} days is more than the {combined_max} days of combined detentions",
            "registry.days",
        )
    elif days > rule.administrative_detention_max_days:
        c.warnings.append(
            FieldWarning(
                "term_days",
                f"{days} days: more than {rule.administrative_detention_max_days} days only when "
                f"detentions are combined",
                "registry.days_combined",
                days=days,
            )
        )
    elif (
        rule.administrative_detention_minor_max_days
        < days
        < (rule.administrative_detention_min_days)
    ):
        c.warnings.append(
            FieldWarning(
                "term_days",
                f"{days} days: detention for drug use is {rule.administrative_detention_min_days}-"
                f"{rule.administrative_detention_max_days} days, at most "
                f"{rule.administrative_detention_minor_max_days} when minor",
                "registry.days_unusual",
                days=days,
            )
        )


def _ending(c: Checked, rule: RehabRule, today: date) -> None:
    ended, reason = c.values.get("ended_on"), c.values.get("end_reason")
    if ended is None:
        if reason:
            c.error("ended_on", "is required when an end reason is given", "field.required")
        if "end_reason" in c.values:
            c.values["end_reason"] = ""
        return
    _not_future(c, "ended_on", ended, today)
    starts, planned = c.values["starts_on"], c.values["planned_end_on"]
    if ended < starts:
        c.error("ended_on", f"{ended} is before the start on {starts}", "registry.order")
    elif ended > planned:
        c.error(
            "ended_on",
            f"{ended} is after the planned end on {planned}; record an extension instead",
            "registry.after_planned_end",
        )
    if not reason:
        c.values["end_reason"] = "completed" if ended == planned else "early_release"
    if c.values["kind"] == "compulsory_isolation" and ended < early_release_from(starts, rule):
        c.warnings.append(
            FieldWarning(
                "ended_on",
                f"released on {ended}, before the {rule.compulsory_isolation_early_release_years}"
                f" year(s) after which early release is possible",
                "registry.release_before_minimum",
                ended=ended.isoformat(),
            )
        )


def _no_overlap(c: Checked, isolations: Sequence[OtherIsolation]) -> None:
    starts = c.values["starts_on"]
    end = c.values.get("ended_on") or c.values["planned_end_on"]
    for other in isolations:
        if starts <= other.end and other.starts_on <= end:
            c.error(
                "starts_on",
                f"the term {starts} – {end} overlaps the compulsory isolation "
                f"{other.starts_on} – {other.end} (decision {other.id})",
                "registry.isolation_overlap",
            )
            return


def check_handover(
    values: Mapping[str, Any],
    *,
    decision_kind: str | None,
    decided_on: date | None,
    ended: date | None,
    done: frozenset[str] = frozenset(),
    today: date,
    required: bool = True,
) -> Checked:
    """出所备案 belongs to a compulsory isolation that has ended; 社区接收 to community
    rehabilitation or recovery. Neither before the decision, nor twice."""
    c = Checked(dict(values))
    if required:
        for name in ("kind", "handed_on"):
            if c.values.get(name) is None:
                c.error(name, "is required", "field.required")
    c.in_vocab("kind", vocab.HANDOVER_KINDS)
    c.a_date("handed_on")
    _texts(c)
    if c.errors:
        return c
    kind, on = c.values.get("kind"), c.values.get("handed_on")
    if kind == "release_filing" and decision_kind not in (None, "compulsory_isolation"):
        c.error("kind", "a release is filed for compulsory isolation only", "registry.handover")
    if kind == "community_reception" and decision_kind not in (
        None,
        "community_rehab",
        "community_recovery",
    ):
        c.error(
            "kind",
            "the community receives community rehabilitation or recovery only",
            "registry.handover",
        )
    if kind in done:
        c.error("kind", "is already recorded for this decision", "registry.handover_twice")
    if isinstance(on, date):
        _not_future(c, "handed_on", on, today)
        if decided_on is not None and on < decided_on:
            c.error("handed_on", f"{on} is before the decision on {decided_on}", "registry.order")
        if kind == "release_filing" and ended is not None and on < ended:
            c.error("handed_on", f"{on} is before the release on {ended}", "registry.order")
    return c
