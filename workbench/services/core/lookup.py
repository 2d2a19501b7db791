"""Finding the rows a service works on, with NotFound naming what was asked for."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.models import CaseFile
from workbench.services.core.errors import NotFound

M = TypeVar("M")


def case_by_code(session: Session, code: str) -> CaseFile:
    case = session.execute(select(CaseFile).where(CaseFile.code == code)).scalar_one_or_none()
    if case is None:
        raise NotFound(f"no case with code {code!r}")
    return case


def get[M](session: Session, model: type[M], record_id: int, entity: str) -> M:
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFound(f"no {entity} with id {record_id}")
    return obj


def case_code(session: Session, case_id: int) -> str:
    return get(session, CaseFile, case_id, "case").code
