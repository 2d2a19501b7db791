"""What the database itself enforces on the server, seen through raw psycopg
connections as the users' own login roles: no app code in between."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from tests.conftest import PASSPHRASE
from tests.server.conftest import ADMIN, Server, add_user, signed_in_as
from workbench.services.accounts.access import AccessService
from workbench.services.accounts.users import UserService, sign_in
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context


@pytest.fixture
def server_lead(server_url: str) -> Iterator[Context]:
    ctx = sign_in(server_url, ADMIN, PASSPHRASE)
    CaseService(ctx).create("T-1", "测试案件")
    CaseService(ctx).create("T-2", "另一案件")
    RecordService(ctx).add("T-1", "location", name="据点")
    RecordService(ctx).add("T-2", "location", name="仓库")
    add_user(ctx, "member", "investigator")
    add_user(ctx, "outsider", "investigator")
    add_user(ctx, "auditor1", "auditor")
    AccessService(ctx).grant("T-1", "member")
    yield ctx
    ctx.store.close()


def _codes(conn: psycopg.Connection[object]) -> list[str]:
    return [r[0] for r in conn.execute("SELECT code FROM case_file ORDER BY code")]


def test_row_level_security_by_membership(
    pg: Server, server_url: str, server_lead: Context
) -> None:
    with pg.connect_as(server_url, "outsider") as outsider:
        assert _codes(outsider) == []
        assert outsider.execute("SELECT count(*) FROM location").fetchone() == (0,)
        assert outsider.execute("SELECT count(*) FROM case_access").fetchone() == (0,)
        # Only entries of no case (sign-ins, users) are visible in the audit trail.
        cases_seen = outsider.execute(
            "SELECT count(*) FROM audit_entry WHERE case_code IS NOT NULL"
        ).fetchone()
        assert cases_seen == (0,)
        # Writing into a case one is no member of is refused by the database.
        case_id = 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            outsider.execute(
                "INSERT INTO location (case_id, name, address, kind, notes) "
                "VALUES (%s, 'x', '', 'other', '')",
                (case_id,),
            )
        # An UPDATE of rows it cannot see changes nothing.
        assert outsider.execute("UPDATE location SET name = 'y'").rowcount == 0
    with pg.connect_as(server_url, "member") as member:
        assert _codes(member) == ["T-1"]
        assert [r[0] for r in member.execute("SELECT name FROM location")] == ["据点"]
    # The app shows each of them the same.
    outsider_ctx = signed_in_as(server_url, "outsider")
    try:
        assert CaseService(outsider_ctx).list() == []
    finally:
        outsider_ctx.store.close()


def test_auditor_reads_everything_and_writes_nothing(
    pg: Server, server_url: str, server_lead: Context
) -> None:
    with pg.connect_as(server_url, "auditor1") as auditor:
        assert _codes(auditor) == ["T-1", "T-2"]
        assert auditor.execute("SELECT count(*) FROM location").fetchone() == (2,)
        for statement in (
            "UPDATE location SET name = 'x'",
            "DELETE FROM location",
            "INSERT INTO person (name) VALUES ('x')",
            "UPDATE case_file SET title = 'x'",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                auditor.execute(statement)


def test_audit_trail_is_insert_only(pg: Server, server_url: str, server_lead: Context) -> None:
    # The application roles hold no UPDATE, DELETE or TRUNCATE grant on it ...
    with pg.connect_as(server_url, ADMIN) as admin:
        for statement in (
            "UPDATE audit_entry SET action = 'x'",
            "DELETE FROM audit_entry",
            "TRUNCATE audit_entry",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                admin.execute(statement)
        # ... and may only write entries in their own name.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            admin.execute(
                'INSERT INTO audit_entry (seq, at, "user", action, entity, changes, '
                "prev_hash, hash) VALUES (99999, '', 'member', 'x', 'x', '{}', '', 'h')"
            )
    # ... and even the owner (who bypasses grants and policies) meets the trigger.
    database = server_url.rsplit("/", 1)[1]
    with pg.superuser(database) as owner:
        for statement in ("UPDATE audit_entry SET action = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                owner.execute(statement)
    assert AuditService(server_lead).verify().ok


def test_verify_as_a_member_checks_the_links_of_hidden_entries(
    server_url: str, server_lead: Context
) -> None:
    member = signed_in_as(server_url, "member")
    try:
        report = AuditService(member).verify()
    finally:
        member.store.close()
    full = AuditService(server_lead).verify()
    assert report.ok and full.ok
    assert report.hidden == 2  # T-2's: its creation and its location, linked, not readable
    assert full.hidden == 0
    assert (report.count, report.head_hash) == (full.count, full.head_hash)


def test_user_management_on_the_server(pg: Server, server_url: str, server_lead: Context) -> None:
    users = UserService(server_lead)
    users.set_role("member", "case_lead")
    users.change_passphrase("member", "a new passphrase")
    with pg.connect_as(server_url, "member", "a new passphrase") as member:
        groups = {
            r[0]
            for r in member.execute(
                "SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'member'"
            )
        }
        assert groups == {"workbench_case_lead"}
    users.remove("outsider")
    with pytest.raises(psycopg.OperationalError):
        pg.connect_as(server_url, "outsider")
    assert AuditService(server_lead).verify().ok


def test_change_feed_announces_readable_cases_only(server_url: str, server_lead: Context) -> None:
    from workbench.services.core.changefeed import ChangeFeed

    member, outsider = signed_in_as(server_url, "member"), signed_in_as(server_url, "outsider")
    feeds = {
        name: ChangeFeed(c)
        for name, c in (("member", member), ("outsider", outsider), ("lead", server_lead))
    }
    try:
        RecordService(server_lead).add("T-1", "location", name="新据点")
        got = feeds["member"].wait(5.0)
        assert got is not None
        assert got.cases == {"T-1"} and "location" in got.entities
        assert feeds["outsider"].wait(0.5) is None  # T-1's id is dropped: not readable
        assert feeds["lead"].wait(0.5) is None  # one's own changes are applied already
        RecordService(member).add("T-1", "location", name="成员添加")
        lead_got = feeds["lead"].wait(5.0)
        assert lead_got is not None and lead_got.cases == {"T-1"}
    finally:
        for feed in feeds.values():
            feed.close()
        member.store.close()
        outsider.store.close()


def test_a_change_past_the_app_without_its_audit_entry_never_commits(
    pg: Server, server_url: str, server_lead: Context
) -> None:
    before = AuditService(server_lead).verify()
    with pg.connect_as(server_url, "member") as member:
        # A member may write to their case (row-level security lets them) but not
        # without an audit entry in the same transaction: refused at commit.
        for statement in (
            "UPDATE location SET name = '改过'",
            "INSERT INTO location (case_id, name, address, kind, notes) "
            "SELECT id, 'x', '', 'other', '' FROM case_file WHERE code = 'T-1'",
            "DELETE FROM location",
            "UPDATE app_user SET display_name = '王五' WHERE name = 'member'",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="without an audit entry"):
                member.execute(statement)
        # In an explicit transaction the refusal comes at COMMIT, and nothing stays.
        member.execute("BEGIN")
        member.execute("UPDATE location SET name = '改过'")
        with pytest.raises(psycopg.errors.RaiseException, match="without an audit entry"):
            member.execute("COMMIT")
        # A statement that changes no row needs no entry.
        assert member.execute("UPDATE location SET name = 'y' WHERE false").rowcount == 0
        rows = list(member.execute("SELECT id, name FROM location"))
        assert [r[1] for r in rows] == ["据点"]
    # Through the app the same member's change commits, with its entry.
    ctx = signed_in_as(server_url, "member")
    try:
        RecordService(ctx).update("location", rows[0][0], name="改过")
    finally:
        ctx.store.close()
    after = AuditService(server_lead).verify()
    assert after.ok and after.count == before.count + 2  # the sign-in and the update
    # The schema's owner (migrations, 'workbench copy') is not held to it.
    database = server_url.rsplit("/", 1)[1]
    with pg.superuser(database) as owner:
        owner.execute("UPDATE location SET notes = 'owner' WHERE name = '改过'")
