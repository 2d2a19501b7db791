"""Whom to ask and whom to add: AccessService.contacts (anyone signed in), members with
roles, and the candidates a case lead or admin may grant (refused to others)."""

from __future__ import annotations

import pytest

from workbench.services.accounts.access import AccessService
from workbench.services.accounts.users import UserService
from workbench.services.casefile.cases import CaseService
from workbench.services.core.context import Context
from workbench.services.core.errors import PermissionDenied

CASE = "TF-2026-001"


def test_contacts_members_and_candidates(ctx: Context) -> None:
    users = UserService(ctx)
    users.add("zhao", "case_lead", "赵建国")
    users.add("li", "investigator")
    CaseService(ctx).create(CASE, "测试专案")
    access = AccessService(ctx)
    assert [(p.name, p.role) for p in access.contacts()] == [
        ("tester", "admin"),
        ("zhao", "case_lead"),
    ]
    assert [p.name for p in access.members(CASE)] == ["tester"]
    assert [p.name for p in access.candidates(CASE)] == ["li", "zhao"]  # active, not members
    access.grant(CASE, "li")
    assert [p.name for p in access.candidates(CASE)] == ["zhao"]

    as_li = Context(ctx.store, "li")
    assert [p.name for p in AccessService(as_li).contacts()] == ["tester", "zhao"]
    with pytest.raises(PermissionDenied):
        AccessService(as_li).candidates(CASE)  # an investigator grants nobody
