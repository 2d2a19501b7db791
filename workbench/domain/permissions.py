"""Who may do what: the role × permission × case-membership rules, as pure data.

Roles (``vocab.USER_ROLES``): an investigator edits the cases they are a member of; a
case lead also manages those cases' members, exports their prosecution package and may
delete them; an auditor reads every case and the audit trail and changes nothing; an
admin manages users and case memberships, and reads or edits a case only as its member
(then with a case lead's rights). The drug-user registry and the brigade statistics
concern no single case: investigators, case leads and admins edit the registry, auditors
read it, and every role reads the statistics. The services ask through ``Context.require``.
"""

from __future__ import annotations

from dataclasses import dataclass

CASE_READ = "case.read"
CASE_EDIT = "case.edit"
CASE_IMPORT = "case.import"  # the same rule as case.edit
CASE_CREATE = "case.create"
CASE_DELETE = "case.delete"
CASE_MEMBERS = "case.members"
CASE_EXPORT = "case.export"
AUDIT_READ = "audit.read"
USERS_MANAGE = "users.manage"
REGISTRY_READ = "registry.read"  # the drug-user registry (吸毒人员管理)
REGISTRY_EDIT = "registry.edit"
STATS_READ = "stats.read"  # brigade statistics: figures over every case and the registry

PERMISSIONS = frozenset(
    {
        CASE_READ,
        CASE_EDIT,
        CASE_IMPORT,
        CASE_CREATE,
        CASE_DELETE,
        CASE_MEMBERS,
        CASE_EXPORT,
        AUDIT_READ,
        USERS_MANAGE,
        REGISTRY_READ,
        REGISTRY_EDIT,
        STATS_READ,
    }
)

# Permissions that concern one case and are granted through membership of it.
_MEMBER_GRANTS: dict[str, frozenset[str]] = {
    "investigator": frozenset({CASE_READ, CASE_EDIT, CASE_IMPORT, AUDIT_READ}),
    "case_lead": frozenset(
        {CASE_READ, CASE_EDIT, CASE_IMPORT, CASE_MEMBERS, CASE_EXPORT, CASE_DELETE, AUDIT_READ}
    ),
    "admin": frozenset(
        {CASE_READ, CASE_EDIT, CASE_IMPORT, CASE_MEMBERS, CASE_EXPORT, CASE_DELETE, AUDIT_READ}
    ),
    "auditor": frozenset({CASE_READ, AUDIT_READ}),
}
# Permissions a role holds on every case.
_ANY_CASE_GRANTS: dict[str, frozenset[str]] = {
    "auditor": frozenset({CASE_READ, AUDIT_READ}),
    "admin": frozenset({CASE_MEMBERS}),
}
# Permissions a role holds where no case is concerned (an admin's audit view leaves out
# the cases they are no member of; ``FULL_AUDIT_ROLES``).
# The registry and the statistics belong to no case: investigators and case leads read
# and edit the registry, auditors read it, admins do all; every role reads statistics
# (their drill-down lists only records of cases the user may read).
_REGISTRY_WORK = frozenset({REGISTRY_READ, REGISTRY_EDIT, STATS_READ})
_NO_CASE_GRANTS: dict[str, frozenset[str]] = {
    "investigator": frozenset({CASE_CREATE}) | _REGISTRY_WORK,
    "case_lead": frozenset({CASE_CREATE}) | _REGISTRY_WORK,
    "admin": frozenset({CASE_CREATE, USERS_MANAGE, AUDIT_READ}) | _REGISTRY_WORK,
    "auditor": frozenset({CASE_READ, AUDIT_READ, REGISTRY_READ, STATS_READ}),
}
# Roles whose audit view is the whole trail; the others see the entries of their cases
# and the entries that belong to no case (sign-ins, user management).
FULL_AUDIT_ROLES = frozenset({"auditor"})

_ACTIONS = {
    CASE_READ: "read case files",
    CASE_EDIT: "change case files",
    CASE_IMPORT: "import into case files",
    CASE_CREATE: "create case files",
    CASE_DELETE: "delete case files",
    CASE_MEMBERS: "manage the members of case files",
    CASE_EXPORT: "export prosecution packages",
    AUDIT_READ: "read the audit trail",
    USERS_MANAGE: "manage users",
    REGISTRY_READ: "read the drug-user registry",
    REGISTRY_EDIT: "change the drug-user registry",
    STATS_READ: "read the brigade statistics",
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""


def decide(
    role: str, permission: str, *, case_code: str | None = None, is_member: bool = False
) -> Decision:
    """May a ``role`` holder (a member of ``case_code`` or not) do ``permission``?"""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    if permission in _ANY_CASE_GRANTS.get(role, frozenset()):
        return Decision(True)
    if case_code is None and permission in _NO_CASE_GRANTS.get(role, frozenset()):
        return Decision(True)
    if case_code is not None and is_member and permission in _MEMBER_GRANTS.get(role, frozenset()):
        return Decision(True)
    action = _ACTIONS[permission]
    role_label = role.replace("_", " ")
    if case_code is not None and permission in _MEMBER_GRANTS.get(role, frozenset()):
        # Worded so it holds whether or not the case exists (no probing of case codes).
        return Decision(
            False, f"no case {case_code} that you are a member of: only members may {action}"
        )
    where = f" (case {case_code})" if case_code else ""
    return Decision(False, f"the role {role_label} may not {action}{where}")


def action_text(permission: str) -> str:
    return _ACTIONS[permission]
