"""The command line end to end, through real subprocesses and real encrypted files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from workbench.store.keys import PAGE_SIZE


def run(
    *args: str,
    env: dict[str, str] | None = None,
    passphrase: str | None = PASSPHRASE,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    full_env["WORKBENCH_LOG_DIR"] = os.environ["WORKBENCH_LOG_DIR"]
    full_env["WORKBENCH_KDF_PROFILE"] = os.environ["WORKBENCH_KDF_PROFILE"]
    full_env["WORKBENCH_USER"] = "lead"
    if passphrase is not None:
        full_env["WORKBENCH_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
        input=stdin,
        check=False,
    )


def ok(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    result = run(*args, **kw)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    ok("init", "--db", str(path))
    return path


def test_init_new_cases_show_and_audit(db: Path) -> None:
    ok(
        "case",
        "new",
        "--db",
        str(db),
        "--code",
        "PDS-2026-001",
        "--title",
        "测试案",
        "--level",
        "provincial_target",
    )
    cases = json.loads(ok("cases", "--db", str(db), "--json").stdout)
    assert [c["code"] for c in cases] == ["PDS-2026-001"]
    shown = json.loads(ok("case", "show", "--db", str(db), "PDS-2026-001", "--json").stdout)
    assert shown["level"] == "provincial_target" and shown["counts"]["persons"] == 0
    assert shown["cash_total_cny"] == "0.00" and shown["drug_totals_g"] == {}
    verify = json.loads(ok("audit", "verify", "--db", str(db), "--json").stdout)
    assert verify["ok"] and len(verify["head_hash"]) == 64
    trail = json.loads(ok("audit", "log", "--db", str(db), "--json").stdout)
    changes = [(e["action"], e["entity"]) for e in trail if e["action"] != "login"]
    assert changes == [("create", "user"), ("create", "case")]
    # Every command after init signed in (case new, cases, case show, verify, log).
    assert sum(e["action"] == "login" for e in trail) == 5
    assert verify["entries"] == len(trail) - 1  # the log's own sign-in came after
    log = json.loads(ok("audit", "log", "--db", str(db), "--case", "PDS-2026-001", "--json").stdout)
    assert [(e["action"], e["entity"], e["user"]) for e in log] == [("create", "case", "lead")]


def test_options_before_the_command_and_env_db(db: Path) -> None:
    ok("--db", str(db), "cases")
    ok("cases", env={"WORKBENCH_DB": str(db)})


def test_passphrase_file(db: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    ok("cases", "--db", str(db), "--passphrase-file", str(secret), passphrase=None)


def test_wrong_passphrase_is_exit_3_one_line_and_file_untouched(db: Path) -> None:
    before = db.read_bytes()
    result = run("cases", "--db", str(db), passphrase="wrong")
    assert result.returncode == 3
    assert result.stderr == f"error: wrong passphrase of user 'lead' for {db}\n"
    assert db.read_bytes() == before
    # Only the failure counter in the key-slot file changed.
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name, db.name + ".keys"]


def test_no_passphrase_without_terminal_is_usage_error(db: Path) -> None:
    result = run("cases", "--db", str(db), passphrase=None)
    assert result.returncode == 2 and result.stderr.startswith("error: no passphrase")


def test_unknown_user_is_exit_3(db: Path) -> None:
    result = run("cases", "--db", str(db), "--user", "stranger")
    assert result.returncode == 3 and "unknown user 'stranger'" in result.stderr


def test_usage_errors_are_exit_2(db: Path) -> None:
    assert run("cases").returncode == 2
    result = run("case", "new", "--db", str(db), "--code", "X", "--title", "t", "--level", "cosmic")
    assert result.returncode == 2 and "error:" in result.stderr
    assert run("frobnicate").returncode == 2
    missing = run("cases", "--db", str(db.parent / "missing.db"))
    assert missing.returncode == 2 and "no database" in missing.stderr
    assert not (db.parent / "missing.db").exists()


def test_rejected_input_is_exit_5_and_nothing_written(db: Path) -> None:
    def changes() -> list[object]:
        trail = json.loads(ok("audit", "log", "--db", str(db), "--json").stdout)
        return [e for e in trail if e["action"] != "login"]

    ok("case", "new", "--db", str(db), "--code", "A-1", "--title", "t")
    before = changes()
    dup = run("case", "new", "--db", str(db), "--code", "A-1", "--title", "again")
    assert dup.returncode == 5 and "exists" in dup.stderr
    blank = run("case", "new", "--db", str(db), "--code", "A-2", "--title", "  ")
    assert blank.returncode == 5 and "title" in blank.stderr
    assert changes() == before
    # A code the user is no member of answers like one that does not exist (issue 13 #7).
    unknown = run("case", "show", "--db", str(db), "NOPE")
    assert unknown.returncode == 6 and "no case NOPE that you are a member of" in unknown.stderr


def test_damaged_files_are_exit_4(db: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    plain.write_bytes(b"SQLite format 3\x00" + bytes(PAGE_SIZE * 2 - 16))
    result = run("cases", "--db", str(plain))
    assert result.returncode == 4 and "not a workbench database" in result.stderr
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(db.read_bytes()[: PAGE_SIZE + 7])
    result = run("cases", "--db", str(truncated))
    assert result.returncode == 4 and "truncated" in result.stderr
    assert result.stderr.count("\n") == 1


def test_flipped_byte_in_a_data_page(db: Path) -> None:
    for i in range(30):
        ok("case", "new", "--db", str(db), "--code", f"C-{i:02}", "--title", "案" * 200)
    data = bytearray(db.read_bytes())
    last_page = len(data) // PAGE_SIZE - 1
    data[last_page * PAGE_SIZE + 100] ^= 0x10
    db.write_bytes(bytes(data))
    check = run("check", "--db", str(db))
    assert check.returncode == 4
    assert f"page {last_page + 1}" in check.stderr
    assert check.stderr.count("\n") == 1  # SQLCipher's own log lines went to the log file


def test_audit_verify_catches_tampering_exit_4(db: Path) -> None:
    import sqlcipher3

    ok("case", "new", "--db", str(db), "--code", "A-1", "--title", "t")
    ok("case", "new", "--db", str(db), "--code", "A-2", "--title", "t")
    from workbench.store.keys import RawKey
    from workbench.store.slots import SlotFile, slot_path

    raw = sqlcipher3.connect(str(db))
    RawKey(SlotFile.load(slot_path(db)).unwrap(db, "lead", PASSPHRASE)).apply(raw)
    raw.execute("DROP TRIGGER audit_entry_no_update")
    raw.execute("UPDATE audit_entry SET user = 'mallory' WHERE seq = 2")
    raw.commit()
    raw.close()
    result = run("audit", "verify", "--db", str(db))
    assert result.returncode == 4
    assert "entry 2 was edited" in result.stderr


def test_backup_and_check(db: Path, tmp_path: Path) -> None:
    ok("case", "new", "--db", str(db), "--code", "A-1", "--title", "t")
    out = tmp_path / "backup.db"
    ok("backup", "--db", str(db), "--out", str(out))
    assert not out.read_bytes().startswith(b"SQLite format 3")
    cases = json.loads(ok("cases", "--db", str(out), "--json").stdout)
    assert [c["code"] for c in cases] == ["A-1"]
    ok("check", "--db", str(out))
    again = run("backup", "--db", str(db), "--out", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_init_refuses_to_overwrite(db: Path) -> None:
    before = db.read_bytes()
    result = run("init", "--db", str(db))
    assert result.returncode == 2 and "already exists" in result.stderr
    assert db.read_bytes() == before


def test_a_directory_as_database_is_a_usage_error(tmp_path: Path) -> None:
    """Issue 13 #6: exit 2 naming the path, for opening commands and for init."""
    folder = tmp_path / "folder.db"
    folder.mkdir()
    for argv in (("cases",), ("check",), ("audit", "verify"), ("init",)):
        result = run(*argv, "--db", str(folder))
        assert result.returncode == 2, (argv, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(folder) in lines[0], result.stderr


def test_passphrase_file_not_utf8_is_a_usage_error_that_never_echoes_it(
    db: Path, tmp_path: Path
) -> None:
    """Issue 13 #6: exit 2, and none of the secret's bytes on stderr."""
    secret = "秘密口令".encode("gb18030") + b"\xff\xfe-tail"
    pf = tmp_path / "pass.txt"
    pf.write_bytes(secret)
    result = run("cases", "--db", str(db), "--passphrase-file", str(pf), passphrase=None)
    assert result.returncode == 2, result.stderr
    assert "not UTF-8" in result.stderr and result.stderr.count("\n") == 1
    for shown in (secret, secret[:2], b"\\xff", b"xff", b"tail"):
        assert shown.decode("latin-1") not in result.stderr
        assert repr(shown)[2:-1] not in result.stderr


def test_write_lock_held_elsewhere_is_exit_7_naming_the_holder(db: Path) -> None:
    """Issue 13 #6: another session holds the write lock past the busy timeout."""
    from tests.cli.test_accounts import hold_open

    holder = hold_open(db, "lead", "write")
    try:
        result = run(
            "case",
            "new",
            "--db",
            str(db),
            "--code",
            "L-1",
            "--title",
            "锁",
            env={"WORKBENCH_BUSY_TIMEOUT_MS": "300"},
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 7, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "in use by another session" in lines[0], result.stderr
    assert f"process {holder.pid}" in lines[0] and "nothing was changed" in lines[0]
    shown = json.loads(ok("cases", "--db", str(db), "--json").stdout)
    assert [c["code"] for c in shown] == []


def test_help_lists_the_exit_codes() -> None:
    text = ok("--help", passphrase=None).stdout
    assert "exit codes:" in text and "7  the database is in use by another session" in text
    assert "8  the server cannot be reached (refused, unknown host" in text


def test_a_server_lost_after_sign_in_is_exit_8_not_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A connection the pool finds dead in the middle of a command (the server restarted
    or the network went): exit 8 like a server never reached, in one line."""
    import psycopg
    from sqlalchemy import exc as sa_exc

    from workbench.cli import cases
    from workbench.cli.main import main

    def lost(_args: object) -> int:
        raise sa_exc.OperationalError(
            "SELECT 1",
            {},
            psycopg.OperationalError("server closed the connection unexpectedly\n\tThis probably"),
            connection_invalidated=True,
        )

    monkeypatch.setattr(cases, "cmd_cases", lost)
    assert main(["cases", "--db", "postgresql://lead:secret@db.taskforce.lan/workbench"]) == 8
    err = capsys.readouterr().err
    assert err.startswith("error: lost the connection to the server: server closed")
    assert err.count("\n") == 1 and "secret" not in err


def test_commands_never_write_to_a_damaged_file(db: Path) -> None:
    """Issue 13 #4: a page that fails to verify: exit 4, one line, the file unchanged."""
    ok("case", "new", "--db", str(db), "--code", "D-1", "--title", "损坏")
    data = bytearray(db.read_bytes())
    page = len(data) // PAGE_SIZE - 2
    data[page * PAGE_SIZE + 700] ^= 0x04
    db.write_bytes(bytes(data))
    keys = (db.parent / "cli.db.keys").read_bytes()
    for argv in (("check",), ("cases",), ("audit", "verify"), ("case", "show", "D-1")):
        result = run(*argv, "--db", str(db))
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 4 and len(lines) == 1, (argv, result.stderr)
        assert f"page {page + 1}" in lines[0], lines[0]
        assert db.read_bytes() == bytes(data), f"{argv} wrote to the damaged file"
        assert (db.parent / "cli.db.keys").read_bytes() == keys


def test_check_never_writes(db: Path) -> None:
    """Issue 13 #4: not even a sign-in entry (README: check reads only)."""
    before = json.loads(ok("audit", "log", "--db", str(db), "--json").stdout)
    data = db.read_bytes()
    assert "no problems" in ok("check", "--db", str(db)).stdout
    assert db.read_bytes() == data
    after = json.loads(ok("audit", "log", "--db", str(db), "--json").stdout)
    assert len(after) == len(before) + 1  # the audit log command's own sign-in only
