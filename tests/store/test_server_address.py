"""What a person types to reach a server, and what a failed first connection means —
plain functions, no server needed (tests/server has the real ones)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from workbench.cli.base import EXIT_AUTH, EXIT_IN_USE, EXIT_UNREACHABLE, EXIT_USAGE
from workbench.store.errors import (
    BadServerAddress,
    CertificateRefused,
    DatabaseInUse,
    ServerUnreachable,
    WrongPassphrase,
)
from workbench.store.server import ServerAddress, by_certificate, connect_failure, parse_url

WHERE = "postgresql://lead@db.taskforce.lan:5432/workbench"
PREFIX = 'connection failed: connection to server at "10.0.0.5", port 5432 failed: '


def test_address_keeps_the_client_certificate_and_key_through_its_url() -> None:
    address = ServerAddress(
        "db.taskforce.lan",
        5433,
        "workbench",
        "verify-full",
        "/site/ca.crt",
        "/home/wang/wang.crt",
        "/home/wang/wang key.key",  # a space survives the query string
    )
    url = address.url()
    assert "sslcert=" in url and "sslkey=" in url and "sslrootcert=" in url
    assert ServerAddress.of(url) == address
    # The URL a person types, as README gives it, reads into the same fields.
    typed = ServerAddress.of(
        "postgresql://db.taskforce.lan:5432/workbench?sslmode=verify-full"
        "&sslrootcert=/path/ca.crt&sslcert=/path/wang.crt&sslkey=/path/wang.key"
    )
    assert (typed.sslcert, typed.sslkey) == ("/path/wang.crt", "/path/wang.key")
    assert by_certificate(typed.url()) and not by_certificate("postgresql://h/db")
    assert not by_certificate("/a/file.db")
    # Without a certificate the URL names none (libpq's defaults apply).
    plain = ServerAddress("h", sslmode="require").url()
    assert "sslcert" not in plain and "sslkey" not in plain
    assert ServerAddress.of(plain) == ServerAddress("h", sslmode="require")


def test_file_problems_name_the_field(tmp_path: Path) -> None:
    cert, key, ca = tmp_path / "wang.crt", tmp_path / "wang.key", tmp_path / "ca.crt"
    for path in (cert, key, ca):
        path.write_text("-----BEGIN-----\n")
    key.chmod(0o600)
    base = ServerAddress("h", sslrootcert=str(ca))
    assert base.file_problem() is None
    assert ServerAddress("h", sslcert=str(cert), sslkey=str(key)).file_problem() is None
    assert ServerAddress("h", sslcert=str(cert)).file_problem() == ("sslkey", "unpaired")
    assert ServerAddress("h", sslkey=str(key)).file_problem() == ("sslcert", "unpaired")
    gone = str(tmp_path / "gone.key")
    assert ServerAddress("h", sslcert=str(cert), sslkey=gone).file_problem() == (
        "sslkey",
        "missing",
    )
    assert ServerAddress("h", sslrootcert=str(tmp_path)).file_problem() == (
        "sslrootcert",
        "missing",
    )
    key.chmod(0o644)  # libpq refuses a key others may read
    assert ServerAddress("h", sslcert=str(cert), sslkey=str(key)).file_problem() == (
        "sslkey",
        "exposed",
    )


@pytest.mark.parametrize(
    ("libpq", "kind", "code", "said"),
    [
        (
            PREFIX + "Connection refused\n\tIs the server running on that host and accepting "
            "TCP/IP connections?",
            ServerUnreachable,
            EXIT_UNREACHABLE,
            "cannot reach the server",
        ),
        (
            "failed to resolve host 'no-such-host.invalid': [Errno -2] Name or service not known",
            ServerUnreachable,
            EXIT_UNREACHABLE,
            "no-such-host.invalid",
        ),
        (PREFIX + "timeout expired", ServerUnreachable, EXIT_UNREACHABLE, "timeout expired"),
        (
            PREFIX + "SSL error: certificate verify failed",
            ServerUnreachable,
            EXIT_UNREACHABLE,
            "not signed by the CA in sslrootcert",
        ),
        (
            PREFIX + 'FATAL:  database "nodb" does not exist',
            ServerUnreachable,
            EXIT_UNREACHABLE,
            "no such database",
        ),
        (
            PREFIX + 'FATAL:  password authentication failed for user "lead"',
            WrongPassphrase,
            EXIT_AUTH,
            "wrong passphrase",
        ),
        (
            PREFIX + "FATAL:  connection requires a valid client certificate",
            CertificateRefused,
            EXIT_AUTH,
            "refused the client certificate",
        ),
        (
            PREFIX + 'FATAL:  certificate authentication failed for user "lead"',
            CertificateRefused,
            EXIT_AUTH,
            "whose CN is the user name",
        ),
        (
            PREFIX + 'certificate present, but not private key file "/nope.key"',
            BadServerAddress,
            EXIT_USAGE,
            "/nope.key",
        ),
        (
            PREFIX + 'root certificate file "/nope.crt" does not exist\nEither provide the file',
            BadServerAddress,
            EXIT_USAGE,
            "/nope.crt",
        ),
        (
            PREFIX + "FATAL:  sorry, too many clients already",
            DatabaseInUse,
            EXIT_IN_USE,
            "refuses more connections",
        ),
    ],
)
def test_a_failed_connection_says_why_on_one_line_with_its_exit_code(
    libpq: str, kind: type[Exception], code: int, said: str
) -> None:
    error = connect_failure(WHERE, "lead", psycopg.OperationalError(libpq))
    assert isinstance(error, kind) and error.exit_code == code
    assert said in str(error) and WHERE in str(error)
    assert "\n" not in str(error) and "connection to server at" not in str(error)


def test_a_malformed_url_is_a_usage_error() -> None:
    for url in ("postgresql://db.taskforce.lan:port/workbench", "mysql://h/db"):
        with pytest.raises(BadServerAddress) as bad:
            parse_url(url)
        assert bad.value.exit_code == EXIT_USAGE
