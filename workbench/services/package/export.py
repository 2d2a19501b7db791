"""The prosecution package: gather a case into plain values, build the PDF, audit the export.

Same data, same bytes: the document is dated from the audit trail's last change and the
export entries are left out of the audit statement (they record exports, not case
data), so exporting twice gives identical files and the second export's entry carries
the same SHA-256 as the first. "Prepared by" names the exporting user.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, select

from workbench.domain.permissions import CASE_EXPORT
from workbench.models import AuditEntry
from workbench.reports.builder import (
    BuildCancelled,
    BuildOptions,
    BuildResult,
    CancelFn,
    ProgressFn,
    build_package,
)
from workbench.reports.formatting import DEFAULT_ZONE
from workbench.reports.model import PackageData
from workbench.reports.sections import SECTION_KEYS
from workbench.services.analysis.network import NetworkService
from workbench.services.analysis.timeline import TimelineService
from workbench.services.casefile.records import Cancelled
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.core.lookup import case_by_code
from workbench.services.core.unit_of_work import unit_of_work
from workbench.services.package.data import ChainBroken, PackageReader, redact_picture


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    size: int
    pages: int
    open_items: int
    audit_seq: int  # the export's own audit entry
    font_warning: str | None


class PackageService:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone

    def gather(self, case_code: str, *, redact: bool = False) -> PackageData:
        """Everything the package prints (see :class:`PackageReader`); ChainBroken if the
        audit trail does not verify. Only those who may export the case read it whole."""
        self.ctx.require(CASE_EXPORT, case_code)
        return PackageReader(self.ctx, self.zone).gather(case_code, redact=redact)

    def _with_timeline(
        self, data: PackageData, lang: str, sections: Collection[str] | None
    ) -> PackageData:
        """The chronology's chart reads the timeline as of the document's date, so the same
        data gives the same drawing (and the same bytes) whenever it is exported."""
        if sections is not None and "events" not in sections:
            return data
        timeline = TimelineService(self.ctx).case_timeline(
            data.header.code, lang=lang, zone=self.zone, today=data.document_date
        )
        return replace(data, timeline=timeline)

    def _with_link_chart(
        self, data: PackageData, lang: str, sections: Collection[str] | None, redact: bool
    ) -> PackageData:
        """The link chart at the case's saved positions (else a deterministic layout);
        numbers and accounts of persons who are not suspects masked when redacting."""
        if sections is not None and "linkchart" not in sections:
            return data
        picture = NetworkService(self.ctx, self.zone).picture(data.header.code, lang)
        return replace(data, link_chart=redact_picture(picture) if redact else picture)

    def _charts(
        self, data: PackageData, lang: str, sections: Collection[str] | None, redact: bool
    ) -> PackageData:
        data = self._with_timeline(data, lang, sections)
        return self._with_link_chart(data, lang, sections, redact)

    # -- writing -------------------------------------------------------------------

    def build(
        self,
        case_code: str,
        out: BinaryIO,
        *,
        lang: str = "zh_CN",
        redact: bool = False,
        sections: Collection[str] | None = None,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> BuildResult:
        """The PDF to ``out`` without auditing (previews, benchmarks); use :meth:`export`
        for a file that leaves the workstation."""
        data = self._charts(self.gather(case_code, redact=redact), lang, sections, redact)
        return build_package(
            data,
            out,
            BuildOptions(lang=lang, sections=sections),
            progress=progress,
            cancelled=cancelled,
        )

    def export(
        self,
        case_code: str,
        path: Path,
        *,
        lang: str = "zh_CN",
        redact: bool = False,
        sections: Collection[str] | None = None,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> ExportResult:
        """Write the package to ``path`` atomically and audit it with the file's SHA-256,
        in one call: a failed or cancelled export leaves no file and no entry."""
        target = Path(path)
        _check_request(target, lang, sections)
        data = self._charts(self.gather(case_code, redact=redact), lang, sections, redact)
        options = BuildOptions(lang=lang, sections=sections)
        try:
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".part", dir=target.parent
            )
        except OSError as exc:
            raise _cannot_write(target, exc) from None
        tmp = Path(tmp_name)
        moved = committed = False
        try:
            with os.fdopen(fd, "wb") as fh:
                try:
                    result = build_package(
                        data, fh, options, progress=progress, cancelled=cancelled
                    )
                except BuildCancelled:
                    raise Cancelled("export cancelled; no file was written") from None
                fh.flush()
                os.fsync(fh.fileno())
            digest, size = _sha256(tmp)
            with unit_of_work(self.ctx) as uow:
                case = case_by_code(uow.session, case_code)
                audited = {
                    "file": target.name,
                    "sha256": digest,
                    "size": size,
                    "pages": result.pages,
                    "lang": lang,
                    "redacted": redact,
                    "sections": sorted(sections) if sections is not None else "all",
                    "open_items": len(data.open_items),
                    "audit_head_seq": data.audit.head_seq,
                    "font_embedded": result.font.embedded,
                }
                uow.audit("export", "case", case.id, case.code, audited)
                # Renamed inside the transaction: if the rename fails nothing is committed;
                # if the commit fails the file is removed again below.
                os.replace(tmp, target)
                moved = True
            committed = True
        except BaseException as exc:
            tmp.unlink(missing_ok=True)
            if moved and not committed:
                target.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _cannot_write(target, exc) from exc
            raise
        seq = self._last_export_seq(case_code)
        return ExportResult(
            target, digest, size, result.pages, len(data.open_items), seq, result.font.warning
        )

    def _last_export_seq(self, case_code: str) -> int:
        with self.ctx.store.session() as s:
            return int(
                s.execute(
                    select(func.max(AuditEntry.seq)).where(
                        AuditEntry.action == "export", AuditEntry.case_code == case_code
                    )
                ).scalar_one()
                or 0
            )


def _cannot_write(target: Path, exc: OSError) -> InputRejected:
    return InputRejected(
        "export", [FieldError("out", f"cannot write {target}: {exc.strerror or exc}")]
    )


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


__all__ = ["ChainBroken", "ExportResult", "PackageService"]


def _check_request(target: Path, lang: str, sections: Collection[str] | None) -> None:
    """Refuse (nothing written) a language, folder or section list that cannot work."""
    if lang not in ("zh_CN", "en"):
        raise InputRejected("export", [FieldError("lang", f"unknown language {lang!r}")])
    if not target.parent.is_dir():
        raise InputRejected("export", [FieldError("out", f"{target.parent} is not a directory")])
    unknown = sorted(set(sections or ()) - set(SECTION_KEYS))
    if unknown:
        expected = ", ".join(SECTION_KEYS)
        raise InputRejected(
            "export",
            [FieldError("sections", f"unknown {', '.join(unknown)}; expected some of {expected}")],
        )
    if target.is_dir():
        raise InputRejected("export", [FieldError("out", f"{target} is a directory")])
