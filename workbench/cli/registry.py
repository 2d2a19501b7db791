"""``registry add-finding`` and ``registry show``: the drug-user registry from a terminal.

A finding names its person by resident ID number; someone not yet on file needs
``--name``. Bad input (an impossible date, an unknown ID format, an unknown substance)
is refused naming the field, exit 5, nothing written.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from workbench.cli.base import EXIT_OK, Registrar
from workbench.cli.session import emit, lang, signed_in
from workbench.domain import vocab
from workbench.domain.coded_messages import warning_text
from workbench.importers import values as v
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.registry.entries import RegistryService
from workbench.services.registry.reading import PersonRecord, RegistryReader


def _parsed(field: str, parse: Any, text: str | None) -> Any:
    if text is None:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        raise InputRejected("finding", [FieldError(field, str(exc))]) from None


def cmd_add_finding(args: argparse.Namespace) -> int:
    values: dict[str, Any] = {
        "found_at": _parsed("found_at", v.parse_datetime, args.on),
        "substance": _parsed("substance", v.parse_drug, args.substance),
        "result": _parsed("result", v.vocab_parser(vocab.TEST_RESULTS, "result"), args.result),
    }
    optional = {
        "how_found": _parsed("how_found", v.vocab_parser(vocab.HOW_FOUND, "way"), args.how),
        "test_method": _parsed(
            "test_method", v.vocab_parser(vocab.TEST_METHODS, "method"), args.method
        ),
        "unit": args.unit,
        "place": args.place,
        "report_no": args.report_no,
        "case_code": args.case,
        "notes": args.notes,
    }
    values.update({k: value for k, value in optional.items() if value is not None})
    person: dict[str, Any] = {"id_number": args.id_number}
    if args.name:
        person["name"] = args.name
    with signed_in(args) as ctx:
        result = RegistryService(ctx).add_finding(person=person, **values)
    ref = result.value
    warnings = [str(w) for w in result.warnings]
    language = lang(args)
    said = [warning_text(w, language) for w in result.warnings]
    emit(
        args,
        {
            "finding_id": ref.finding_id,
            "person_id": ref.person_id,
            "new_person": ref.new_person,
            "warnings": warnings,
        },
        lambda: "\n".join(
            [_say("recorded", language, ref.finding_id, ref.person_id)]
            + [_say("warning", language, w) for w in said]
        ),
    )
    return EXIT_OK


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record_json(record: PersonRecord) -> dict[str, Any]:
    status = record.status
    return {
        "person": {k: _json_value(val) for k, val in record.person.items()},
        "status": status.status,
        "today": record.today.isoformat(),
        "cases": record.cases,
        "findings": [{k: _json_value(val) for k, val in f.items()} for f in record.findings],
        "decisions": [
            {
                **{k: _json_value(val) for k, val in d.items() if k != "handovers"},
                "handovers": [
                    {k: _json_value(val) for k, val in h.items()} for h in d["handovers"]
                ],
            }
            for d in record.decisions
        ],
        "dues": [
            {
                "kind": d.kind,
                "decision_id": d.decision_id,
                "decision_kind": d.decision_kind,
                "due": d.due.isoformat(),
                "done": d.done,
                "overdue": d.overdue,
                "days_left": d.days_left,
            }
            for d in status.dues
        ],
    }


# (zh_CN, en): the words of the text output around the vocabulary's labels.
_WORDS: dict[str, tuple[str, str]] = {
    "status": ("管控状态：{}", "status: {}"),
    "cases": ("   涉及案件：{}", "   cases: {}"),
    "due": ("到期 {}：{}({})[{}]", "due {}: {} ({}) [{}]"),
    "done": ("已完成", "done"),
    "overdue": ("已逾期", "OVERDUE"),
    "days_left": ("剩余 {} 天", "{} days"),
    "finding": ("查获 {} {} {} {} {}", "finding {} {} {} {} {}"),
    "decision": ("决定 {} {} {} 至 {} {}", "decision {} {} {} – {} {}"),
    "recorded": ("已登记第 {} 次查获(人员 {})", "recorded finding {} of person {}"),
    "warning": ("警告：{}", "warning: {}"),
}


def _say(key: str, language: str, *values: object) -> str:
    zh, en = _WORDS[key]
    return (zh if language.startswith("zh") else en).format(*values)


def _record_text(record: PersonRecord, language: str) -> str:
    p = record.person

    def lab(labels: vocab.Labels, key: str) -> str:
        return vocab.label(labels, key, language)

    status = lab(vocab.REGISTRY_STATUSES, record.status.status) if record.status.status else "—"
    cases = _say("cases", language, "、".join(record.cases)) if record.cases else ""
    lines = [
        f"{p['name']}  {p['id_number'] or ''}  {p['birth_date'] or ''}",
        "  " + _say("status", language, status) + cases,
    ]
    for d in record.status.dues:
        left = _say("days_left", language, d.days_left)
        mark = _say("done" if d.done else "overdue", language) if d.done or d.overdue else left
        due = (lab(vocab.DUE_KINDS, d.kind), lab(vocab.REHAB_DECISIONS, d.decision_kind))
        lines.append("  " + _say("due", language, d.due, *due, mark))
    for f in record.findings:
        when = f"{f['found_at'].astimezone(ZoneInfo(v.DEFAULT_ZONE)):%Y-%m-%d %H:%M}"
        how = lab(vocab.HOW_FOUND, f["how_found"])
        found = (lab(vocab.DRUGS, f["substance"]), lab(vocab.TEST_RESULTS, f["result"]))
        lines.append("  " + _say("finding", language, when, f["unit"], how, *found))
    for d in record.decisions:
        end = d["ended_on"] or d["planned_end_on"]
        kind = lab(vocab.REHAB_DECISIONS, d["kind"])
        where = d["place"] or d["office"]
        lines.append(
            "  " + _say("decision", language, d["decided_on"], kind, d["starts_on"], end, where)
        )
        for h in d["handovers"]:
            lines.append(
                f"    {h['handed_on']} {lab(vocab.HANDOVER_KINDS, h['kind'])} {h['received_by']}"
            )
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        reader = RegistryReader(ctx)
        record = reader.record(reader.person_id_for(args.id_number))
    language = args.lang or lang()
    emit(args, record_json(record), lambda: _record_text(record, language))
    return EXIT_OK


def register(r: Registrar) -> None:
    group = r.group("registry", "the drug-user registry (吸毒人员管理)")
    add = r.command(
        "add-finding", cmd_add_finding, "record that a person was found and tested", group
    )
    add.add_argument("--id-number", required=True, help="resident ID number of the person")
    add.add_argument("--name", help="the person's name (required for someone not on file)")
    add.add_argument("--on", required=True, metavar="DATETIME", help="when, local time")
    add.add_argument("--substance", required=True, help="drug key or name, e.g. methamphetamine")
    add.add_argument("--result", required=True, help="positive or negative")
    add.add_argument("--unit", help="the finding unit (派出所/大队)")
    add.add_argument("--how", help="how found: " + ", ".join(vocab.HOW_FOUND))
    add.add_argument("--method", help="test method: " + ", ".join(vocab.TEST_METHODS))
    add.add_argument("--place", help="where")
    add.add_argument("--report-no", help="test report number")
    add.add_argument("--case", help="the case file the finding was made in")
    add.add_argument("--notes")
    add.add_argument(
        "--lang", choices=("zh_CN", "en"), help="language of the output (default: the locale)"
    )
    show = r.command("show", cmd_show, "a person's registry record, status and due dates", group)
    show.add_argument("id_number", metavar="ID_NUMBER")
    show.add_argument("--lang", choices=("zh_CN", "en"))
