"""Files kept inside the encrypted database, and the short-lived copies opened from it.

A copy handed to a viewer is plaintext on disk, so copies live in one private
directory, are overwritten before removal, and are removed when the window closes or
locks (and at interpreter exit as a last resort).
"""

from __future__ import annotations

import atexit
import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from workbench.domain.permissions import CASE_EDIT, CASE_READ
from workbench.models import Attachment, AttachmentLink, CustodyEntry
from workbench.services.core.changes import OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.core.lookup import case_by_code, case_code, get
from workbench.services.core.unit_of_work import column_values, unit_of_work

MAX_BYTES = 512 * 1024 * 1024
_copies_dir: Path | None = None


def _private_dir() -> Path:
    global _copies_dir
    if _copies_dir is None or not _copies_dir.exists():
        _copies_dir = Path(tempfile.mkdtemp(prefix="workbench-open-"))
        os.chmod(_copies_dir, 0o700)
        atexit.register(_wipe_all)
    return _copies_dir


def _wipe(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("r+b") as fh:
            fh.write(b"\0" * size)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


def _wipe_all() -> int:
    if _copies_dir is None or not _copies_dir.exists():
        return 0
    count = 0
    for item in _copies_dir.rglob("*"):
        if item.is_file():
            _wipe(item)
            count += 1
    shutil.rmtree(_copies_dir, ignore_errors=True)
    return count


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[\\/\x00-\x1f]", "_", name).strip(". ") or "attachment"
    return cleaned[:200]


@dataclass(frozen=True)
class AttachmentSnapshot:
    """A removed attachment, content included, so undo puts it back with the same id."""

    case_code: str
    row: dict[str, object]
    links: tuple[tuple[str, int], ...]


class AttachmentService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add(
        self,
        case_code: str,
        path: Path,
        description: str = "",
        links: Iterable[tuple[str, int]] = (),
    ) -> OpResult[int]:
        path = Path(path)
        if not path.is_file():
            raise InputRejected("attachment", [FieldError("file", f"{path} is not a file")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputRejected(
                "attachment",
                [FieldError("file", f"{path.name} is {size:,} bytes; at most {MAX_BYTES:,}")],
            )
        self.ctx.require(CASE_EDIT, case_code)
        content = path.read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, case_code)
            att = Attachment(
                case_id=case.id,
                filename=_safe_name(path.name),
                media_type=media,
                size=size,
                sha256=digest,
                content=content,
                description=description,
                added_at=self.ctx.clock(),
            )
            uow.session.add(att)
            uow.created("attachment", att, case.code)
            for entity, record_id in links:
                uow.session.add(
                    AttachmentLink(attachment_id=att.id, entity_type=entity, entity_id=record_id)
                )
        return OpResult(att.id, uow.changes)

    def remove(self, attachment_id: int) -> OpResult[AttachmentSnapshot]:
        """Take an attachment out of the case; refused once it has a chain of custody,
        because the custody record would then point at nothing."""
        with unit_of_work(self.ctx) as uow:
            s = uow.session
            att = get(s, Attachment, attachment_id, "attachment")
            held = s.scalar(
                select(func.count())
                .select_from(CustodyEntry)
                .where(CustodyEntry.item_type == "attachment", CustodyEntry.item_id == att.id)
            )
            if held:
                raise InputRejected(
                    "attachment",
                    [
                        FieldError(
                            "custody",
                            f"{att.filename} has {held} chain-of-custody entr"
                            f"{'y' if held == 1 else 'ies'}; it cannot be removed",
                        )
                    ],
                )
            code = case_code(s, att.case_id)
            links = tuple(
                (link.entity_type, link.entity_id)
                for link in s.scalars(
                    select(AttachmentLink).where(AttachmentLink.attachment_id == att.id)
                )
            )
            removed = AttachmentSnapshot(code, column_values(att), links)
            uow.deleted("attachment", att, code)
        return OpResult(removed, uow.changes)

    def restore(self, removed: AttachmentSnapshot) -> OpResult[int]:
        """Put a removed attachment back (undo of :meth:`remove`), same id and bytes."""
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, removed.case_code)
            att = Attachment(**{**removed.row, "case_id": case.id})
            uow.session.add(att)
            uow.created("attachment", att, case.code)
            for entity, record_id in removed.links:
                uow.session.add(
                    AttachmentLink(attachment_id=att.id, entity_type=entity, entity_id=record_id)
                )
        return OpResult(att.id, uow.changes)

    def open_copy(self, attachment_id: int) -> Path:
        """A private plaintext copy for a viewer; its SHA-256 is checked against the record."""
        with self.ctx.store.session() as s:
            att = get(s, Attachment, attachment_id, "attachment")
            self.ctx.require(CASE_READ, case_code(s, att.case_id), session=s)
            content, name, expected = att.content, att.filename, att.sha256
        if hashlib.sha256(content).hexdigest() != expected:
            raise InputRejected(
                "attachment",
                [FieldError("content", f"{name}: stored content does not match its SHA-256")],
            )
        folder = _private_dir() / str(attachment_id)
        folder.mkdir(mode=0o700, exist_ok=True)
        target = folder / _safe_name(name)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        return target

    def cleanup_copies(self) -> int:
        """Overwrite and remove every copy opened so far; returns how many."""
        return _wipe_all()
