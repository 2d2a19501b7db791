"""``cases`` and ``case show|new|grant|revoke|members``: the case files and who works on them."""

from __future__ import annotations

import argparse

from workbench.cli.base import EXIT_OK, Registrar
from workbench.cli.session import emit, lang, signed_in
from workbench.domain import vocab
from workbench.domain.quantities import format_cny, format_grams
from workbench.services.accounts.access import AccessService
from workbench.services.casefile.cases import CaseService, CaseSummary


def cmd_cases(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        rows = CaseService(ctx).list()
    language = lang()
    data = [
        {
            "code": r.code,
            "title": r.title,
            "nickname": r.nickname,
            "level": r.level,
            "status": r.status,
            "opened_on": r.opened_on.isoformat() if r.opened_on else None,
            "persons": r.persons,
            "suspects": r.suspects,
        }
        for r in rows
    ]

    def text() -> str:
        if not rows:
            return "no cases"
        return "\n".join(
            f"{r.code:<16} {vocab.label(vocab.CASE_LEVELS, r.level, language):<28} "
            f"{vocab.label(vocab.CASE_STATUSES, r.status, language):<22} "
            f"{r.suspects:>4} suspects  {r.title}"
            for r in rows
        )

    emit(args, data, text)
    return EXIT_OK


def _summary_text(summary: CaseSummary, language: str) -> str:
    c = summary.counts
    lines = [
        f"{summary.code}  {summary.title}",
        f"  level: {vocab.label(vocab.CASE_LEVELS, summary.level, language)}   "
        f"status: {vocab.label(vocab.CASE_STATUSES, summary.status, language)}",
        f"  unit: {summary.unit}",
        "  " + "  ".join(f"{k}: {v}" for k, v in c.items()),
    ]
    for drug, mg in sorted(summary.drug_totals_mg.items()):
        lines.append(f"  {vocab.label(vocab.DRUGS, drug, language)}: {format_grams(mg)} g")
    for drug, mg in sorted(summary.precursor_totals_mg.items()):
        lines.append(
            f"  {vocab.label(vocab.PRECURSORS, drug, language)}: {format_grams(mg)} g (precursor)"
        )
    lines.append(f"  cash: ¥{format_cny(summary.cash_total_fen)}")
    for kind, n in sorted(summary.measures.items()):
        lines.append(f"  {vocab.label(vocab.MEASURES, kind, language)}: {n}")
    return "\n".join(lines)


def cmd_case_show(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        summary = CaseService(ctx).summary(args.code)
    language = lang()
    emit(args, summary.as_json(), lambda: _summary_text(summary, language))
    return EXIT_OK


def cmd_case_new(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        fields = {"level": args.level} if args.level else {}
        result = CaseService(ctx).create(args.code, args.title, **fields)
    emit(
        args,
        {"id": result.value, "code": args.code, "warnings": list(result.warnings)},
        lambda: f"created case {args.code}",
    )
    return EXIT_OK


def cmd_case_grant(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        AccessService(ctx).grant(args.code, args.name)
    emit(
        args,
        {"case": args.code, "member": args.name},
        lambda: f"{args.name} may now work on {args.code}",
    )
    return EXIT_OK


def cmd_case_revoke(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        AccessService(ctx).revoke(args.code, args.name)
    emit(args, {"case": args.code, "removed": args.name}, lambda: f"{args.name} left {args.code}")
    return EXIT_OK


def cmd_case_members(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        names = AccessService(ctx).members_of(args.code)
    emit(args, names, lambda: "\n".join(names) or "no members")
    return EXIT_OK


def register(r: Registrar) -> None:
    r.command("cases", cmd_cases, "list the case files")
    case = r.group("case", "one case file")
    show = r.command("show", cmd_case_show, "a case's key figures", case)
    show.add_argument("code")
    new = r.command("new", cmd_case_new, "create a case file", case)
    new.add_argument("--code", required=True)
    new.add_argument("--title", required=True)
    new.add_argument("--level", choices=list(vocab.CASE_LEVELS))

    grant = r.command("grant", cmd_case_grant, "let a user work on a case", case)
    grant.add_argument("code")
    grant.add_argument("name", help="the user name")
    revoke = r.command("revoke", cmd_case_revoke, "take a user off a case", case)
    revoke.add_argument("code")
    revoke.add_argument("name", help="the user name")
    members = r.command("members", cmd_case_members, "the users who may work on a case", case)
    members.add_argument("code")
