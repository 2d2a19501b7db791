"""``audit verify|log``: the hash-chained edit trail."""

from __future__ import annotations

import argparse

from workbench.cli.base import EXIT_OK, IntegrityFailure, Registrar
from workbench.cli.columns import fit
from workbench.cli.session import add_lang_option, emit, emit_json, lang, signed_in
from workbench.domain import vocab
from workbench.services.casefile.cases import CaseService
from workbench.services.core.audit import AuditService


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        report = AuditService(ctx).verify()
    data = {
        "ok": report.ok,
        "entries": report.count,
        "head_hash": report.head_hash,
        "problem": None
        if report.problem is None
        else {
            "seq": report.problem.seq,
            "kind": report.problem.kind,
            "message": report.problem.message,
        },
    }
    if report.problem is not None:
        if args.json:
            emit_json(data)
        raise IntegrityFailure(f"audit chain broken: {report.problem.message}")
    emit(
        args, data, lambda: f"audit chain verified: {report.count} entries, head {report.head_hash}"
    )
    return EXIT_OK


def cmd_audit_log(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        if args.case:
            CaseService(ctx).summary(args.case)  # NotFound for an unknown code
        records = AuditService(ctx).log(args.case)
    language = lang(args)

    def text() -> str:
        return "\n".join(
            f"{r.seq:>6} {r.at} {fit(r.user, 12)} "
            f"{fit(vocab.label(vocab.AUDIT_ACTIONS, r.action, language), 14)} "
            f"{fit(vocab.label(vocab.ENTITY_KINDS, r.entity, language), 12)} "
            f"{fit(r.entity_id or '', 8)} {r.case_code or ''}"
            for r in records
        ) or ("没有审计记录" if language.startswith("zh") else "no entries")

    emit(args, [r.as_json() for r in records], text)
    return EXIT_OK


def register(r: Registrar) -> None:
    audit = r.group("audit", "the audit trail")
    r.command("verify", cmd_audit_verify, "recompute the hash chain", audit)
    alog = r.command("log", cmd_audit_log, "list audit entries", audit)
    alog.add_argument("--case", help="only this case's entries")
    add_lang_option(alog)
