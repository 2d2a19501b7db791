"""``cases`` and ``case show|new|grant|revoke|members``: the case files and who works on them."""

from __future__ import annotations

import argparse

from workbench.cli.base import EXIT_OK, Registrar
from workbench.cli.columns import fit
from workbench.cli.session import add_lang_option, emit, lang, signed_in
from workbench.domain import vocab
from workbench.domain.quantities import format_cny, format_grams
from workbench.domain.tiers import TIER_LABELS
from workbench.reports.formatting import decimal_text
from workbench.services.accounts.access import AccessService
from workbench.services.casefile.cases import CaseService, CaseSummary

# The words of the text listings, (zh_CN, en); vocabulary labels come from domain.vocab.
_WORDS: dict[str, tuple[str, str]] = {
    "suspects_n": ("名犯罪嫌疑人", "suspects"),
    "no_cases": ("没有案件", "no cases"),
    "level": ("级别", "level"),
    "status": ("状态", "status"),
    "unit": ("办案单位", "unit"),
    "persons": ("人员", "persons"),
    "suspects": ("犯罪嫌疑人", "suspects"),
    "arrested": ("已逮捕", "arrested"),
    "vehicles": ("车辆", "vehicles"),
    "seizures": ("检材", "seizures"),
    "assets": ("涉案财物", "assets"),
    "locations": ("地点", "locations"),
    "events": ("事件", "events"),
    "links": ("关系", "links"),
    "grams": ("{g} 克", "{g} g"),
    "precursor": ("{g} 克(易制毒化学品)", "{g} g (precursor)"),
    "equivalent": ("折合海洛因", "heroin equivalent"),
    "not_included": ("不含:{items}", "not included: {items}"),
    "cash": ("现金", "cash"),
    "yuan": ("{amount} 元", "¥{amount}"),
    "concluded": ("已于{date}{how}", "concluded on {date} ({how})"),
}


def _w(key: str, language: str, **fields: object) -> str:
    zh, en = _WORDS[key]
    text = zh if language.startswith("zh") else en
    return text.format(**fields) if fields else text


def cmd_cases(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        rows = CaseService(ctx).list()
    language = lang(args)
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
            return _w("no_cases", language)
        return "\n".join(
            f"{fit(r.code, 16)} {fit(vocab.label(vocab.CASE_LEVELS, r.level, language), 28)} "
            f"{fit(vocab.label(vocab.CASE_STATUSES, r.status, language), 22)} "
            f"{r.suspects:>4} {_w('suspects_n', language)}  {r.title}"
            for r in rows
        )

    emit(args, data, text)
    return EXIT_OK


def _summary_text(summary: CaseSummary, language: str) -> str:
    c = summary.counts
    w = language
    sep = ":" if w.startswith("zh") else ": "
    lines = [
        f"{summary.code}  {summary.title}",
        f"  {_w('level', w)}{sep}{vocab.label(vocab.CASE_LEVELS, summary.level, w)}   "
        f"{_w('status', w)}{sep}{vocab.label(vocab.CASE_STATUSES, summary.status, w)}",
        f"  {_w('unit', w)}{sep}{summary.unit}",
        "  " + "  ".join(f"{_w(k, w) if k in _WORDS else k}{sep}{v}" for k, v in c.items()),
    ]
    for drug, mg in sorted(summary.drug_totals_mg.items()):
        grams = _w("grams", w, g=format_grams(mg))
        lines.append(f"  {vocab.label(vocab.DRUGS, drug, w)}{sep}{grams}")
    if summary.drug_totals_mg:
        lines.append(f"  {_equivalent_text(summary, w)}")
    for drug, mg in sorted(summary.precursor_totals_mg.items()):
        grams = _w("precursor", w, g=format_grams(mg))
        lines.append(f"  {vocab.label(vocab.PRECURSORS, drug, w)}{sep}{grams}")
    lines.append(
        f"  {_w('cash', w)}{sep}{_w('yuan', w, amount=format_cny(summary.cash_total_fen))}"
    )
    for kind, n in sorted(summary.measures.items()):
        lines.append(f"  {vocab.label(vocab.MEASURES, kind, w)}{sep}{n}")
    if summary.concluded_on is not None:
        how = vocab.label(vocab.CONCLUSIONS, summary.conclusion, w)
        lines.append(f"  {_w('concluded', w, date=summary.concluded_on.isoformat(), how=how)}")
    return "\n".join(lines)


def _equivalent_text(summary: CaseSummary, language: str) -> str:
    """ "折合海洛因 6.23 克,少量 (prc-2016 v2016.2)(不含:大麻油 999 克)"."""
    zh = language.startswith("zh")
    grams = _w("grams", language, g=decimal_text(summary.heroin_equivalent_g))
    tier = TIER_LABELS[summary.tier][0 if zh else 1] if summary.tier else ""
    text = f"{_w('equivalent', language)} {grams}" + (("," if zh else ", ") + tier if tier else "")
    text += f" ({summary.profile_label})"
    if summary.excluded_mg:
        items = ("、" if zh else ", ").join(
            f"{vocab.label(vocab.DRUGS, d, language)} {_w('grams', language, g=format_grams(mg))}"
            for d, mg in sorted(summary.excluded_mg.items())
        )
        text += ("(" if zh else " (") + _w("not_included", language, items=items) + ")"
    return text


def cmd_case_show(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        summary = CaseService(ctx).summary(args.code)
    language = lang(args)
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
    add_lang_option(r.command("cases", cmd_cases, "list the case files"))
    case = r.group("case", "one case file")
    show = r.command("show", cmd_case_show, "a case's key figures", case)
    show.add_argument("code")
    add_lang_option(show)
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
