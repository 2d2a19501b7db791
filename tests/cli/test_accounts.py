"""Personal accounts end to end: roles, removal with rekey, damaged slot files, crashes
during a rekey, and the conversion of a foundation database, through real subprocesses."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import ok, run
from tests.conftest import PASSPHRASE
from workbench.services.accounts.users import sign_in
from workbench.services.casefile.cases import CaseService
from workbench.store import PassphraseKey, Store
from workbench.store.check import check_store
from workbench.store.errors import WrongPassphrase
from workbench.store.keys import RawKey
from workbench.store.slots import SlotFile, slot_path

PASS = {"li": "li's passphrase 李", "shen": "shen audits 沈", "wang": "wang investigates 王"}


def as_user(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run(*args, env={"WORKBENCH_USER": name}, passphrase=PASS[name])


def add_user(db: Path, name: str, role: str) -> None:
    ok(
        "user",
        "add",
        "--db",
        str(db),
        name,
        "--role",
        role,
        env={"WORKBENCH_NEW_PASSPHRASE": PASS[name]},
    )


@pytest.fixture(scope="module")
def team_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lead (admin), li (case lead), shen (auditor), wang (investigator); one case."""
    db = tmp_path_factory.mktemp("team") / "team.db"
    ok("init", "--db", str(db))
    add_user(db, "li", "case_lead")
    add_user(db, "shen", "auditor")
    add_user(db, "wang", "investigator")
    ok("case", "new", "--db", str(db), "--code", "T-1", "--title", "团队案")
    ok("case", "grant", "--db", str(db), "T-1", "li")
    return db


@pytest.fixture
def team(team_master: Path, tmp_path: Path) -> Path:
    """A private copy of the team database and its key-slot file."""
    db = tmp_path / "team.db"
    shutil.copyfile(team_master, db)
    shutil.copyfile(slot_path(team_master), slot_path(db))
    return db


def test_roles_are_enforced_with_exit_6(team: Path) -> None:
    db = str(team)
    users = json.loads(ok("user", "list", "--db", db, "--json").stdout)
    assert {u["name"]: u["role"] for u in users} == {
        "lead": "admin",
        "li": "case_lead",
        "shen": "auditor",
        "wang": "investigator",
    }
    assert all(u["key_slot"] for u in users)
    # The auditor reads every case and the trail, and changes nothing.
    shown = as_user("shen", "case", "show", "--db", db, "T-1", "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["code"] == "T-1"
    assert as_user("shen", "audit", "verify", "--db", db).returncode == 0
    denied = as_user("shen", "case", "new", "--db", db, "--code", "T-2", "--title", "x")
    assert denied.returncode == 6
    assert denied.stderr.startswith("error: shen:") and denied.stderr.count("\n") == 1
    assert as_user("shen", "case", "grant", "--db", db, "T-1", "shen").returncode == 6
    # The investigator cannot open a case they are not a member of, nor list it.
    assert as_user("wang", "case", "show", "--db", db, "T-1").returncode == 6
    listed = json.loads(as_user("wang", "cases", "--db", db, "--json").stdout)
    assert listed == []
    # The case lead of T-1 lets them in; now they can.
    assert as_user("li", "case", "grant", "--db", db, "T-1", "wang").returncode == 0
    assert as_user("wang", "case", "show", "--db", db, "T-1").returncode == 0
    # Only admins manage users.
    assert as_user("li", "user", "list", "--db", db).returncode == 6
    assert as_user("wang", "rekey", "--db", db).returncode == 6
    # The admin reads no case they are not a member of (they created T-1, so they are).
    ok("case", "revoke", "--db", db, "T-1", "lead")
    assert run("case", "show", "--db", db, "T-1").returncode == 6


def test_remove_user_rekeys_and_locks_them_out(team: Path) -> None:
    db = str(team)
    before = SlotFile.load(slot_path(team))
    old_key = before.unwrap(team, "wang", PASS["wang"])
    removed = json.loads(ok("user", "remove", "--db", db, "wang", "--json").stdout)
    assert removed["generation"] == before.generation + 1
    assert removed["users"] == ["lead", "li", "shen"]
    gone = as_user("wang", "cases", "--db", db)
    assert gone.returncode == 3 and "unknown user 'wang'" in gone.stderr
    with pytest.raises(WrongPassphrase):
        Store.open(team, RawKey(old_key))
    for name in ("li", "shen"):
        assert as_user(name, "cases", "--db", db).returncode == 0
    verify = json.loads(ok("audit", "verify", "--db", db, "--json").stdout)
    assert verify["ok"]
    trail = json.loads(ok("audit", "log", "--db", db, "--json").stdout)
    actions = [(e["action"], e["entity"]) for e in trail]
    assert ("update", "user") in actions and ("rekey", "database") in actions
    # No backup openable with the removed user's passphrase is left beside the file.
    assert not list(team.parent.glob("*.bak"))


def test_changed_byte_or_missing_slot_file_is_exit_4(team: Path) -> None:
    path = slot_path(team)
    original = path.read_bytes()
    data = bytearray(original)
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))
    result = run("cases", "--db", str(team))
    assert result.returncode == 4 and "damaged" in result.stderr
    assert result.stderr.count("\n") == 1
    path.unlink()
    result = run("cases", "--db", str(team))
    assert result.returncode == 4 and "missing" in result.stderr
    path.write_bytes(original)
    ok("cases", "--db", str(team))


def test_passwd_and_role(team: Path) -> None:
    db = str(team)
    new = "li's new passphrase 2026"
    res = run(
        "user",
        "passwd",
        "--db",
        db,
        env={"WORKBENCH_USER": "li", "WORKBENCH_NEW_PASSPHRASE": new},
        passphrase=PASS["li"],
    )
    assert res.returncode == 0, res.stderr
    assert as_user("li", "cases", "--db", db).returncode == 3
    assert run("cases", "--db", db, env={"WORKBENCH_USER": "li"}, passphrase=new).returncode == 0
    ok("user", "role", "--db", db, "shen", "investigator")
    users = {
        u["name"]: u["role"] for u in json.loads(ok("user", "list", "--db", db, "--json").stdout)
    }
    assert users["shen"] == "investigator"
    last = run("user", "role", "--db", db, "lead", "auditor")
    assert last.returncode == 5 and "last admin" in last.stderr


def _key_opening(db: Path, keys: list[bytes]) -> list[bytes]:
    opened = []
    for key in keys:
        try:
            Store.open(db, RawKey(key), schema="as_is").close()
        except WrongPassphrase:
            continue
        opened.append(key)
    return opened


@pytest.mark.slow
@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_killed_rekey_leaves_exactly_one_key(team: Path, step: int) -> None:
    old_key = SlotFile.load(slot_path(team)).unwrap(team, "li", PASS["li"])
    killed = run("rekey", "--db", str(team), env={"WORKBENCH_REKEY_KILL_AT": str(step)})
    assert killed.returncode == -signal.SIGKILL
    assert list(team.parent.glob("team.db.pre-rekey-*.bak")), "no backup was taken first"
    # Every user still signs in (the next open finishes or undoes the switch) ...
    for name in ("li", "wang"):
        ctx = sign_in(team, name, PASS[name])
        try:
            assert check_store(ctx.store).ok
            if name == "li":
                assert CaseService(ctx).summary("T-1").title == "团队案"
        finally:
            ctx.store.close()
    current = SlotFile.load(slot_path(team)).unwrap(team, "li", PASS["li"])
    # ... through exactly one key: the new one once the rename happened, else the old.
    assert _key_opening(team, list({old_key, current})) == [current]
    assert (current != old_key) == (step >= 4)
    assert not list(team.parent.glob("*.rekey-tmp*")) and not list(team.parent.glob("*.keys.new"))


def test_foundation_database_is_converted_by_its_owner(tmp_path: Path) -> None:
    """A passphrase-keyed database at the foundation's schema keeps data and chain."""
    from sqlalchemy import text

    from workbench.services.core.context import Context
    from workbench.services.core.unit_of_work import unit_of_work

    db = tmp_path / "old.db"
    with Store.create(db, PassphraseKey(PASSPHRASE), revision="0003") as s:
        # The foundation's own writes: users and a case, audited (no memberships then).
        # In its columns: today's User model has columns (police_no) that schema lacks.
        ctx = Context(s, "lead")
        with unit_of_work(ctx) as uow:
            for name, role in (("lead", "admin"), ("wang", "investigator")):
                row = {"name": name, "role": role, "display_name": "", "active": True}
                user_id = uow.session.execute(
                    text(
                        "INSERT INTO app_user (name, role, display_name, active, created_at) "
                        "VALUES (:name, :role, :display_name, :active, 0) RETURNING id"
                    ),
                    row,
                ).scalar_one()
                uow.audit("create", "user", user_id, None, {"after": row})
        with s.raw_connection() as raw:
            raw.execute(
                "INSERT INTO case_file (code, title, nickname, category, level, status, unit, "
                "lead, source, summary, created_at) VALUES ('OLD-1', '旧案', '', 'other', "
                "'ordinary', 'open', '', '', '', '', 0)"
            )
    # Non-owners cannot open it before its owner has converted it.
    early = run("cases", "--db", str(db), env={"WORKBENCH_USER": "wang"})
    assert early.returncode == 6 and "owner" in early.stderr
    assert not slot_path(db).exists()
    converted = ok("case", "show", "--db", str(db), "OLD-1", "--json")
    assert json.loads(converted.stdout)["title"] == "旧案"
    assert "personal key slots" in converted.stderr
    assert slot_path(db).exists()
    with pytest.raises(WrongPassphrase):  # the shared passphrase no longer opens it
        Store.open(db, PassphraseKey(PASSPHRASE))
    verify = json.loads(ok("audit", "verify", "--db", str(db), "--json").stdout)
    assert verify["ok"]
    trail = json.loads(ok("audit", "log", "--db", str(db), "--json").stdout)
    assert [e["action"] for e in trail[:2]] == ["create", "create"]
    assert "convert" in [e["action"] for e in trail]
    # wang kept access to the old case (migration 0005) once given a passphrase.
    ok(
        "user",
        "passwd",
        "--db",
        str(db),
        "wang",
        env={"WORKBENCH_NEW_PASSPHRASE": PASS["wang"]},
    )
    assert as_user("wang", "case", "show", "--db", str(db), "OLD-1").returncode == 0


def test_non_member_cannot_tell_real_cases_from_made_up_ones(team: Path) -> None:
    """Issue 13 #7: the same exit code and the same message for both."""
    db = str(team)
    for argv in (
        ("case", "show", "--db", db),
        ("audit", "log", "--db", db, "--case"),
        ("case", "members", "--db", db),
        ("export-pdf", "--db", db, "--out", str(team.parent / "x.pdf"), "--case"),
    ):
        answers = []
        for code in ("T-1", "NO-SUCH-9"):
            result = as_user("wang", *argv, code)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
            answers.append((result.returncode, lines[0].replace(code, "CODE")))
        assert answers[0] == answers[1] and answers[0][0] == 6, answers


HOLD_OPEN = """
import sys, time
from workbench.services.accounts.users import sign_in
ctx = sign_in(sys.argv[1], sys.argv[2], sys.argv[3])
if sys.argv[4] == "write":
    with ctx.store.raw_connection() as raw:
        raw.execute("BEGIN IMMEDIATE")
        print("holding", flush=True)
        time.sleep(60)
print("holding", flush=True)
time.sleep(60)
"""


def hold_open(db: Path, user: str, mode: str = "read") -> subprocess.Popen[str]:
    """Another session (a process of its own) with ``db`` open, or holding its write lock."""
    import os
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(db), user, PASS.get(user, PASSPHRASE), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def _state(db: Path, name: str) -> tuple[bool, bool, int]:
    """(is ``name`` active, does ``name`` hold a slot, key generation) as the lead sees it."""
    users = {u["name"]: u for u in json.loads(ok("user", "list", "--db", str(db), "--json").stdout)}
    slots = SlotFile.load(slot_path(db))
    return users[name]["active"], name in slots.slots, slots.generation


def test_remove_is_refused_before_anything_changes_while_in_use(team: Path) -> None:
    """Issue 13 #1/#6: another session holds the file: exit 7, naming it; nothing changed."""
    before = _state(team, "wang")
    holder = hold_open(team, "li")
    try:
        result = run("user", "remove", "--db", str(team), "wang")
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 7, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "in use by another session" in lines[0]
    assert f"process {holder.pid}" in lines[0] and "nothing was changed" in lines[0]
    assert _state(team, "wang") == before == (True, True, before[2])
    assert as_user("wang", "cases", "--db", str(team)).returncode == 0
    assert not list(team.parent.glob("*.bak")) and not list(team.parent.glob("*.bak.keys"))
    trail = json.loads(ok("audit", "log", "--db", str(team), "--json").stdout)
    assert not [e for e in trail if e["action"] in ("update", "rekey") and e["entity"] != "case"]


@pytest.mark.slow
@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_killed_user_remove_is_all_or_nothing(team: Path, step: int) -> None:
    """Issue 13 #1: killed at any step, wang is either locked out of the current file
    (inactive, no slot, a new key, audited) or nothing changed; no backup she opens."""
    old = SlotFile.load(slot_path(team))
    old_key = old.unwrap(team, "li", PASS["li"])
    killed = run(
        "user", "remove", "--db", str(team), "wang", env={"WORKBENCH_REKEY_KILL_AT": str(step)}
    )
    assert killed.returncode == -signal.SIGKILL
    active, has_slot, generation = _state(team, "wang")  # signs in: finishes or undoes
    trail = json.loads(ok("audit", "log", "--db", str(team), "--json").stdout)
    removals = [e for e in trail if e["action"] == "update" and e["entity"] == "user"]
    rekeys = [e for e in trail if e["action"] == "rekey"]
    current = SlotFile.load(slot_path(team)).unwrap(team, "li", PASS["li"])
    if step >= 4:  # the renamed copy is the database now
        assert (active, has_slot, generation) == (False, False, old.generation + 1)
        assert len(removals) == 1 and len(rekeys) == 1
        assert as_user("wang", "cases", "--db", str(team)).returncode == 3
        assert _key_opening(team, [old_key, current]) == [current] and current != old_key
    else:
        assert (active, has_slot, generation) == (True, True, old.generation)
        assert not removals and not rekeys
        assert as_user("wang", "cases", "--db", str(team)).returncode == 0
        assert _key_opening(team, [old_key]) == [old_key]
    assert json.loads(ok("audit", "verify", "--db", str(team), "--json").stdout)["ok"]
    assert not list(team.parent.glob("*.bak")), "a backup wang's passphrase opens is left"
    assert not list(team.parent.glob("*.rekey-tmp*")) and not list(team.parent.glob("*.keys.new"))


def _resign_body(path: Path, edit: object) -> None:
    """Edit the slot file's JSON body and recompute its checksum (a deliberate tamper)."""
    import hashlib

    lines = path.read_bytes().split(b"\n")
    body = json.loads(lines[1])
    edit(body)  # type: ignore[operator]
    lines[1] = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    head = lines[0] + b"\n" + lines[1] + b"\n"
    path.write_bytes(head + f"sha256 {hashlib.sha256(head).hexdigest()}\n".encode())


def _one_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_damaged_header_is_not_blamed_on_the_slot_file(team: Path) -> None:
    """Issue 13 #5: a changed byte in the database's salt is database damage."""
    data = bytearray(team.read_bytes())
    data[5] ^= 0x10
    team.write_bytes(bytes(data))
    result = as_user("li", "cases", "--db", str(team))
    line = _one_error(result)
    assert result.returncode == 4 and f"{team} is damaged" in line and "first 16 bytes" in line
    assert "slot file is intact" in line and "Restore the database" in line
    assert team.read_bytes() == bytes(data)


def test_slot_file_of_another_database_is_named_as_such(team: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    ok("init", "--db", str(other))
    slot_path(team).write_bytes(slot_path(other).read_bytes())
    line = _one_error(result := run("cases", "--db", str(team)))
    assert result.returncode == 4 and "belongs to another database than" in line
    li = as_user("li", "cases", "--db", str(team))  # no slot there: cannot tell which
    assert li.returncode == 4 and "does not belong to" in _one_error(li)


def test_tampered_slot_is_not_called_a_wrong_passphrase(team: Path) -> None:
    """Issue 13 #5: an edit with a recomputed checksum is named an alteration (exit 4),
    where the passphrase proves right; a wrong passphrase stays exit 3."""
    path = slot_path(team)
    original = path.read_bytes()

    def other_generation(body: dict) -> None:  # type: ignore[type-arg]
        body["generation"] += 1

    def swapped_seal(body: dict) -> None:  # type: ignore[type-arg]
        slots = {s["user"]: s for s in body["slots"]}
        slots["li"]["sealed_database_key"] = slots["wang"]["sealed_database_key"]

    def huge_memory(body: dict) -> None:  # type: ignore[type-arg]
        next(s for s in body["slots"] if s["user"] == "li")["kdf"]["memory_kib"] = 1 << 30

    for edit, words in (
        (other_generation, "was altered"),
        (swapped_seal, "was altered"),
        (huge_memory, "impossible Argon2id parameters"),
    ):
        path.write_bytes(original)
        _resign_body(path, edit)
        result = as_user("li", "cases", "--db", str(team))
        line = _one_error(result)
        assert result.returncode == 4 and words in line and "wrong passphrase" not in line
    path.write_bytes(original)
    wrong = run("cases", "--db", str(team), env={"WORKBENCH_USER": "li"}, passphrase="nope")
    assert wrong.returncode == 3 and "wrong passphrase" in _one_error(wrong)
