"""Access control on the server, enforced by PostgreSQL itself (migration 0009).

- **Group roles** (``server.GROUP_ROLES``), one per workbench role, under
  ``workbench_user``. Every user's login role is a member of exactly one.
- **Grants**: investigators, case leads and admins read and write the case tables;
  auditors only read. Nobody is granted UPDATE, DELETE or TRUNCATE on ``audit_entry``
  (plus the trigger of migration 0002); everyone may INSERT entries in their own name.
  ``app_user``: admins add and change users; anyone changes their own name/police no.
- **Row-level security** on every case-scoped table: a row is visible to the members of
  its case (``case_access``) and to auditors; it is written only by members. Rows
  reached through a parent (an event's participants, a seizure's attributions, an
  attachment's links) follow their parent's visibility. ``case_file`` rows are also
  visible to admins (they manage any case's members, not its content) and, while a case
  has no member yet, to everyone (the moment between creating a case and adding its
  creator as first member). Audit entries of a case follow the case; entries of no
  case (sign-ins, users) are visible to all.
- **Helper functions** (SECURITY DEFINER, fixed search_path; inside them current_user
  is their owner, so they ask for ``session_user``, the login role): the user's role
  and member cases (what the policies ask), and the chain head and links
  (``workbench_audit_head``, ``workbench_audit_links``: seq and hashes only, never
  content), so every writer extends one global chain and anyone can verify it.

Global records (persons, vehicles, the drug-user registry) are not case-scoped and stay
readable by every workbench role, as in the app. The owner of the schema (the role
that ran ``workbench server init``) bypasses RLS: it is for migrations and copies only.
"""

from __future__ import annotations

from sqlalchemy import Connection

# Tables with a case_id of their own.
CASE_TABLES = (
    "case_member",
    "chart_layout",
    "call_record",
    "bank_transaction",
    "seizure",
    "asset",
    "attachment",
    "custody_entry",
    "case_party",
    "measure",
    "location",
    "event",
    "link",
    "case_vehicle",
)
# Tables reached through a parent row: (table, foreign key column, parent table).
CHILD_TABLES = (
    ("event_participant", "event_id", "event"),
    ("seizure_attribution", "seizure_id", "seizure"),
    ("attachment_link", "attachment_id", "attachment"),
)
# Tables the writing roles may change (audit_entry and app_user have their own rules).
WRITABLE = (
    "case_file",
    "case_access",
    *CASE_TABLES,
    *(t for t, _, _ in CHILD_TABLES),
    "person",
    "vehicle",
    "drug_use_finding",
    "rehab_decision",
    "rehab_handover",
)
# Tables whose changes need an audit entry in the same transaction (the write guard),
# and its triggers: (event, the transition table telling whether any row changed).
GUARDED = ("app_user", *WRITABLE)
_GUARD_EVENTS = (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old"))
WRITERS = ("workbench_investigator", "workbench_case_lead", "workbench_admin")
ALL_GROUPS = (*WRITERS, "workbench_auditor")

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION workbench_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT role FROM app_user WHERE name = session_user AND active
$$;
CREATE OR REPLACE FUNCTION workbench_member_cases() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT coalesce(array_agg(a.case_id), '{}') FROM case_access a
  JOIN app_user u ON u.id = a.user_id WHERE u.name = session_user AND u.active
$$;
CREATE OR REPLACE FUNCTION workbench_member_codes() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT coalesce(array_agg(c.code), '{}') FROM case_access a
  JOIN app_user u ON u.id = a.user_id JOIN case_file c ON c.id = a.case_id
  WHERE u.name = session_user AND u.active
$$;
CREATE OR REPLACE FUNCTION workbench_case_unclaimed(cid integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT NOT EXISTS (SELECT 1 FROM case_access WHERE case_id = cid)
$$;
CREATE OR REPLACE FUNCTION workbench_no_users() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT NOT EXISTS (SELECT 1 FROM app_user)
$$;
CREATE OR REPLACE FUNCTION workbench_audit_head(OUT seq integer, OUT hash varchar)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1
$$;
CREATE OR REPLACE FUNCTION workbench_audit_links()
RETURNS TABLE (seq integer, prev_hash varchar, hash varchar)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT seq, prev_hash, hash FROM audit_entry ORDER BY seq
$$;
"""

# The one global audit chain's append lock (pg_advisory_xact_lock), held to commit.
AUDIT_LOCK_KEY = 0x54465742

# plpgsql, one statement each (``_FUNCTIONS`` is split at ";\n"). The chain head is
# read by a VOLATILE function after it took the lock: in READ COMMITTED each statement
# in it takes a new snapshot, so it sees the entry of the holder it waited for, and a
# save needs one round trip for both. The write guard: a statement that changes a
# workbench table notes its transaction in ``workbench_unaudited`` (not for the schema
# owner: migrations and copies); an audit entry written after it clears the note; a
# deferred trigger refuses the commit of a transaction whose note is still there — a
# change made past the app (psql) without its audit entry never commits.
_PLPGSQL = (
    f"""CREATE OR REPLACE FUNCTION workbench_audit_lock_head(OUT seq integer, OUT hash varchar)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN PERFORM pg_advisory_xact_lock({AUDIT_LOCK_KEY});
SELECT a.seq, a.hash INTO seq, hash FROM audit_entry a ORDER BY a.seq DESC LIMIT 1;
END $$""",
    "CREATE UNLOGGED TABLE IF NOT EXISTS workbench_unaudited (xact xid8 PRIMARY KEY)",
    *(
        f"""CREATE OR REPLACE FUNCTION workbench_note_{rows}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN IF session_user <> current_user AND EXISTS (SELECT 1 FROM {rows}_rows) THEN
INSERT INTO workbench_unaudited VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
END IF; RETURN NULL; END $$"""
        for rows in ("new", "old")
    ),
    """CREATE OR REPLACE FUNCTION workbench_note_audited() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN DELETE FROM workbench_unaudited WHERE xact = pg_current_xact_id(); RETURN NULL; END $$""",
    """CREATE OR REPLACE FUNCTION workbench_require_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN IF EXISTS (SELECT 1 FROM workbench_unaudited WHERE xact = NEW.xact) THEN
RAISE EXCEPTION 'workbench: this transaction changes workbench records without an audit '
'entry; every change goes through the workbench, which audits it';
END IF; RETURN NULL; END $$""",
    "DROP TRIGGER IF EXISTS wb_require_audit ON workbench_unaudited",
    "CREATE CONSTRAINT TRIGGER wb_require_audit AFTER INSERT ON workbench_unaudited "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION workbench_require_audit()",
    "DROP TRIGGER IF EXISTS wb_audited ON audit_entry",
    "CREATE TRIGGER wb_audited AFTER INSERT ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION workbench_note_audited()",
)

_MEMBER = "(case_id = ANY ((SELECT workbench_member_cases())::integer[]))"
_AUDITOR = "((SELECT workbench_role()) = 'auditor')"
_ADMIN = "((SELECT workbench_role()) = 'admin')"


def _create_group_roles(conn: Connection) -> None:
    for role in ("workbench_user", *ALL_GROUPS):
        conn.exec_driver_sql(
            "DO $$ BEGIN "
            f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
            f"CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )
    for role in ALL_GROUPS:
        conn.exec_driver_sql(f"GRANT workbench_user TO {role}")


def _policies(table: str, select: str, write: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS wb_read ON {table}",
        f"DROP POLICY IF EXISTS wb_insert ON {table}",
        f"DROP POLICY IF EXISTS wb_update ON {table}",
        f"DROP POLICY IF EXISTS wb_delete ON {table}",
        f"CREATE POLICY wb_read ON {table} FOR SELECT USING ({select})",
        f"CREATE POLICY wb_insert ON {table} FOR INSERT WITH CHECK ({write})",
        f"CREATE POLICY wb_update ON {table} FOR UPDATE USING ({write}) WITH CHECK ({write})",
        f"CREATE POLICY wb_delete ON {table} FOR DELETE USING ({write})",
    ]


def statements() -> list[str]:
    """Everything after the group roles exist, in order; safe to run again."""
    out = [s.strip() for s in _FUNCTIONS.split(";\n") if s.strip()]
    out += list(_PLPGSQL)
    for table in GUARDED:
        for event, rows in _GUARD_EVENTS:
            trigger = f"wb_note_{event.lower()}"
            out += [
                f"DROP TRIGGER IF EXISTS {trigger} ON {table}",
                f"CREATE TRIGGER {trigger} AFTER {event} ON {table} "
                f"REFERENCING {rows.upper()} TABLE AS {rows}_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION workbench_note_{rows}()",
            ]
    everything = ", ".join(("app_user", "audit_entry", "alembic_version", *WRITABLE))
    out += [
        f"REVOKE ALL ON {everything} FROM PUBLIC",
        "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC",
        "GRANT USAGE ON SCHEMA public TO workbench_user",
        # Imports stage their rows in a temporary table (store.server.staged_insert).
        "DO $$ BEGIN EXECUTE 'GRANT TEMPORARY ON DATABASE ' || "
        "quote_ident(current_database()) || ' TO workbench_user'; END $$",
        f"GRANT SELECT ON {everything} TO workbench_user",
        "GRANT INSERT ON audit_entry TO workbench_user",
        "GRANT UPDATE (display_name, police_no) ON app_user TO workbench_user",
        "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO workbench_user",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO workbench_user",
    ]
    writable = ", ".join(WRITABLE)
    for role in WRITERS:
        out.append(f"GRANT INSERT, UPDATE, DELETE ON {writable} TO {role}")
    out.append("GRANT INSERT, UPDATE ON app_user TO workbench_admin")
    # The case files and their membership.
    out += _policies(
        "case_file",
        f"id = ANY ((SELECT workbench_member_cases())::integer[]) OR {_AUDITOR} OR {_ADMIN} "
        "OR workbench_case_unclaimed(id)",
        "id = ANY ((SELECT workbench_member_cases())::integer[]) OR workbench_case_unclaimed(id)",
    )
    out += _policies(
        "case_access",
        f"{_MEMBER} OR {_AUDITOR} OR {_ADMIN}",
        f"{_MEMBER} OR {_ADMIN} OR workbench_case_unclaimed(case_id)",
    )
    for table in CASE_TABLES:
        out += _policies(table, f"{_MEMBER} OR {_AUDITOR}", _MEMBER)
    for table, column, parent in CHILD_TABLES:
        visible = f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {column})"
        out += _policies(table, visible, visible)
    # Users: everybody sees the list; admins (or the very first user) add; one's own
    # details or an admin's change.
    out += _policies(
        "app_user",
        "true",
        f"{_ADMIN} OR name = current_user OR workbench_no_users()",
    )
    # The audit trail: insert-only (no UPDATE/DELETE grant, the 0002 trigger), in one's
    # own name; a case's entries follow the case.
    out += [
        "ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS wb_read ON audit_entry",
        "DROP POLICY IF EXISTS wb_insert ON audit_entry",
        "CREATE POLICY wb_read ON audit_entry FOR SELECT USING (case_code IS NULL OR "
        f"{_AUDITOR} OR case_code = ANY ((SELECT workbench_member_codes())::text[]))",
        'CREATE POLICY wb_insert ON audit_entry FOR INSERT WITH CHECK ("user" = current_user)',
    ]
    return out


def apply(conn: Connection) -> None:
    """Create the group roles (if missing), functions, grants and policies."""
    _create_group_roles(conn)
    for statement in statements():
        conn.exec_driver_sql(statement)


__all__ = [
    "ALL_GROUPS",
    "AUDIT_LOCK_KEY",
    "CASE_TABLES",
    "GUARDED",
    "WRITERS",
    "apply",
    "statements",
]
