"""The command line on both stores: ``--db FILE`` and ``--db postgresql://…`` answer the
same, through real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import ok, run
from tests.conftest import PASSPHRASE
from tests.server.conftest import Server


def test_cases_users_and_audit(location: str, tmp_path: Path) -> None:
    ok("case", "new", "--db", location, "--code", "C-1", "--title", "测试案件")
    persons = tmp_path / "人员名单.csv"
    persons.write_bytes(
        "名字,证件号码,手机\n刘某,11010519491231002X,13800001111\n毛某,440524188001010014,13900002222\n".encode(
            "gbk"
        )
    )
    calls = tmp_path / "calls.csv"
    calls.write_text(
        "caller,callee,start,duration\n13800001111,13900002222,2019-03-01 10:00:00,60\n"
    )
    ok("import", "--db", location, "--case", "C-1", "--kind", "persons", str(persons))
    imported = json.loads(
        ok(
            "import", "--db", location, "--case", "C-1", "--kind", "calls", str(calls), "--json"
        ).stdout
    )
    assert imported["added"] == 1
    shown = json.loads(ok("case", "show", "--db", location, "C-1", "--json").stdout)
    assert shown["code"] == "C-1" and shown["counts"]["persons"] == 2
    secret = tmp_path / "new.txt"
    secret.write_text("zhang's passphrase\n")
    ok(
        "user",
        "add",
        "zhang",
        "--role",
        "investigator",
        "--db",
        location,
        "--new-passphrase-file",
        str(secret),
    )
    # A non-member is refused (exit 6), a member lists the case.
    as_zhang = {"WORKBENCH_USER": "zhang"}
    refused = run(
        "case", "show", "--db", location, "C-1", env=as_zhang, passphrase="zhang's passphrase"
    )
    assert refused.returncode == 6, refused.stderr
    ok("case", "grant", "--db", location, "C-1", "zhang")
    listed = json.loads(
        ok(
            "cases", "--db", location, "--json", env=as_zhang, passphrase="zhang's passphrase"
        ).stdout
    )
    assert [c["code"] for c in listed] == ["C-1"]
    verified = json.loads(ok("audit", "verify", "--db", location, "--json").stdout)
    assert verified["ok"] and verified["entries"] > 5


def test_wrong_passphrase_is_exit_3(location: str) -> None:
    result = run("cases", "--db", location, passphrase=PASSPHRASE + "x")
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith("error: wrong passphrase")
    assert "Traceback" not in result.stderr


def test_file_only_commands_say_so_on_a_server(server_url: str) -> None:
    for command in (["check"], ["init"]):
        result = run(*command, "--db", server_url)
        assert result.returncode == 2, result.stderr
        assert "server" in result.stderr


def test_server_init_on_an_empty_database(pg: Server) -> None:
    with pg.superuser() as conn:
        conn.execute("CREATE DATABASE wb_cli_init")
    owner = pg.owner_url("wb_cli_init")
    done = json.loads(ok("server", "init", "--url", owner, "--json").stdout)
    assert done["url"] == pg.url("wb_cli_init") and done["admin"] == "lead"
    assert "@" not in done["url"]  # no user, no password in the URL users get
    # Again: the schema is up to date, the rules re-applied, the admin kept.
    ok("server", "init", "--url", owner)
    # Another name on a server that already has users is refused.
    other = run("server", "init", "--url", owner, env={"WORKBENCH_USER": "mallory"})
    assert other.returncode != 0 and "already has workbench users" in other.stderr


@pytest.mark.parametrize("bad", ["postgresql://127.0.0.1:1/none", "postgresql://[bad"])
def test_unreachable_server_is_one_error_line(bad: str) -> None:
    result = run("cases", "--db", bad)
    assert result.returncode not in (0,), result.stderr
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr
