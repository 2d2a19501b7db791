"""The role × permission × membership table."""

from __future__ import annotations

import pytest

from workbench.domain import permissions as p
from workbench.domain import vocab


@pytest.mark.parametrize(
    ("role", "permission", "member", "allowed"),
    [
        ("investigator", p.CASE_READ, True, True),
        ("investigator", p.CASE_READ, False, False),
        ("investigator", p.CASE_EDIT, True, True),
        ("investigator", p.CASE_MEMBERS, True, False),
        ("investigator", p.CASE_EXPORT, True, False),
        ("case_lead", p.CASE_MEMBERS, True, True),
        ("case_lead", p.CASE_EXPORT, True, True),
        ("case_lead", p.CASE_EXPORT, False, False),
        ("case_lead", p.CASE_IMPORT, True, True),
        ("auditor", p.CASE_READ, False, True),
        ("auditor", p.AUDIT_READ, False, True),
        ("auditor", p.CASE_EDIT, True, False),
        ("auditor", p.CASE_IMPORT, True, False),
        ("auditor", p.CASE_EXPORT, True, False),
        ("admin", p.CASE_READ, False, False),
        ("admin", p.CASE_READ, True, True),
        ("admin", p.CASE_MEMBERS, False, True),
        ("admin", p.AUDIT_READ, False, False),  # a case's trail is case data
    ],
)
def test_case_permissions(role: str, permission: str, member: bool, allowed: bool) -> None:
    decision = p.decide(role, permission, case_code="C-1", is_member=member)
    assert decision.allowed is allowed
    assert bool(decision.reason) is not allowed


def test_permissions_without_a_case() -> None:
    assert p.decide("admin", p.USERS_MANAGE).allowed
    assert p.decide("admin", p.AUDIT_READ).allowed  # sign-ins, user changes, own cases
    for role in ("investigator", "case_lead", "auditor"):
        assert not p.decide(role, p.USERS_MANAGE).allowed
    assert not p.decide("auditor", p.CASE_CREATE).allowed
    assert p.decide("investigator", p.CASE_CREATE).allowed
    denied = p.decide("auditor", p.CASE_EDIT, case_code="C-1", is_member=False)
    assert denied.reason == "the role auditor may not change case files (case C-1)"


def test_every_role_is_known_and_permissions_are_checked() -> None:
    for role in vocab.USER_ROLES:
        assert p.decide(role, p.CASE_READ, case_code="C", is_member=True).allowed
    with pytest.raises(ValueError, match="unknown permission"):
        p.decide("admin", "case.frobnicate")


@pytest.mark.parametrize(
    ("role", "read", "edit"),
    [
        ("investigator", True, True),
        ("case_lead", True, True),
        ("auditor", True, False),
        ("admin", True, True),
    ],
)
def test_registry_rights(role: str, read: bool, edit: bool) -> None:
    """Investigators and case leads edit the registry, auditors read it, admins do all."""
    assert p.decide(role, p.REGISTRY_READ).allowed is read
    assert p.decide(role, p.REGISTRY_EDIT).allowed is edit
    assert p.decide(role, p.STATS_READ).allowed
    if not edit:
        reason = p.decide(role, p.REGISTRY_EDIT).reason
        assert reason == "the role auditor may not change the drug-user registry"
