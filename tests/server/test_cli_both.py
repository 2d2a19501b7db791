"""The command line on both stores: ``--db FILE`` and ``--db postgresql://…`` answer the
same, through real subprocesses."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests import pgcluster
from tests.cli.test_cli import ok, run
from tests.conftest import PASSPHRASE
from tests.server.conftest import Server
from workbench.store.server_tls import make_ca


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
    assert other.returncode == 2 and "already has workbench users" in other.stderr


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "no-such-host.invalid:5432"])
def test_unreachable_server_is_exit_8_in_one_line_naming_it(host: str) -> None:
    """Refused (a closed port) or an unknown host: exit 8, never 1 ("a bug"); the line
    names the server without its password."""
    url = f"postgresql://lead:url-secret@{host.format(port=pgcluster.free_port())}/none"
    result = run("cases", "--db", url)
    assert result.returncode == 8, result.stderr
    said = _one_error_line(result)
    assert "cannot reach the server postgresql://lead@" in said and "/none" in said
    assert "url-secret" not in said


def test_tls_refused_and_no_such_database_are_exit_8(pg: Server, tmp_path: Path) -> None:
    other_ca = make_ca(tmp_path, "another-ca")
    wrong_ca = f"{pg.url('postgres')}?sslmode=verify-full&sslrootcert={other_ca.cert}"
    refused = run("cases", "--db", wrong_ca)
    assert refused.returncode == 8, refused.stderr
    assert "certificate verify failed" in _one_error_line(refused)
    missing = run("cases", "--db", pg.url("no_such_db"))
    assert missing.returncode == 8, missing.stderr
    assert "no such database on the server" in _one_error_line(missing)


def test_a_client_key_that_is_not_there_is_a_usage_error(pg: Server, tmp_path: Path) -> None:
    cert = make_ca(tmp_path, "any").cert  # a real certificate; its key is what is missing
    url = (
        f"{pg.url('postgres')}?sslmode=verify-full&sslrootcert={pg.cluster.ca}"
        f"&sslcert={cert}&sslkey={tmp_path / 'lead.key'}"
    )
    result = run("cases", "--db", url)
    assert result.returncode == 2, result.stderr
    assert "lead.key" in _one_error_line(result)


def test_a_malformed_server_url_is_a_usage_error() -> None:
    result = run("cases", "--db", "postgresql://db.taskforce.lan:port/workbench")
    assert result.returncode == 2, result.stderr
    assert "not a database URL" in _one_error_line(result)


def test_copy_from_an_unreachable_server_is_exit_8(tmp_path: Path) -> None:
    source = f"postgresql://postgres:owner-secret@127.0.0.1:{pgcluster.free_port()}/workbench"
    result = run("copy", "--from", source, "--to", str(tmp_path / "copy.db"))
    assert result.returncode == 8, result.stderr
    said = _one_error_line(result)
    assert "cannot reach the server postgresql://postgres@127.0.0.1" in said
    assert "owner-secret" not in said and not (tmp_path / "copy.db").exists()


def test_an_older_schema_on_the_server_is_exit_4_until_its_owner_upgrades(pg: Server) -> None:
    database = pg.new_database().rsplit("/", 1)[1]
    with pg.superuser(database) as owner:
        owner.execute("UPDATE alembic_version SET version_num = '0009'")
    refused = run("cases", "--db", pg.url(database))
    assert refused.returncode == 4, refused.stderr
    line = _one_error_line(refused)
    assert "older schema (0009)" in line and "server init" in line
    ok("server", "init", "--url", pg.owner_url(database))
    ok("cases", "--db", pg.url(database))
