"""``workbench server certs``: a site CA, the server's certificate and users' client
certificates, accepted by a real PostgreSQL with ``sslmode=verify-full``."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests import pgcluster
from tests.cli.test_cli import ok, run
from tests.conftest import PASSPHRASE
from workbench.cli.main import main
from workbench.services.accounts.users import create_server, sign_in
from workbench.services.casefile.cases import CaseService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.store import server_tls
from workbench.views.session_lock import LockScreen
from workbench.views.settings import Settings
from workbench.views.unlock_dialog import UnlockDialog


def certs(site: Path, *args: str) -> int:
    """``workbench server certs …`` in this process (the fixture runs the real program)."""
    return main(["server", "certs", *args, "--dir", str(site)])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    ok("server", "certs", "ca", "--dir", str(site))
    ok("server", "certs", "server", "--host", "localhost", "--ip", "127.0.0.1", "--dir", str(site))
    ok("server", "certs", "client", "alice", "--dir", str(site))
    assert certs(site, "client", "lead") == 0
    return site


@pytest.fixture(scope="module")
def site_cluster(site: Path) -> Iterator[pgcluster.Cluster]:
    """A throwaway cluster of its own serving the tool's server certificate, with
    ``hostssl … cert`` sign-in for alice and lead."""
    cluster = pgcluster.start(site=site, cert_users=["alice", "lead"])
    try:
        with psycopg.connect(cluster.superuser_url(), autocommit=True) as conn:
            conn.execute("CREATE ROLE alice LOGIN")
        yield cluster
    finally:
        cluster.remove()


def _tls(conn: psycopg.Connection[object]) -> tuple[object, ...]:
    row = conn.execute(
        "SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
    ).fetchone()
    assert row is not None
    return tuple(row)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_tools_ca_and_server_certificate_pass_verify_full(
    site: Path, site_cluster: pgcluster.Cluster, host: str
) -> None:
    url = (
        f"postgresql://postgres@{host}:{site_cluster.port}/postgres"
        f"?sslmode=verify-full&sslrootcert={site / 'ca.crt'}"
    )
    with psycopg.connect(url, password=site_cluster.password) as conn:
        assert _tls(conn) == ("postgres", True)


def test_a_client_certificate_signs_its_user_in_without_a_password(
    site: Path, site_cluster: pgcluster.Cluster
) -> None:
    url = (
        f"postgresql://alice@127.0.0.1:{site_cluster.port}/postgres?sslmode=verify-full"
        f"&sslrootcert={site / 'ca.crt'}&sslcert={site / 'alice.crt'}"
        f"&sslkey={site / 'alice.key'}"
    )
    with psycopg.connect(url) as conn:
        assert _tls(conn) == ("alice", True)
    # Without the certificate, alice's hostssl line asks for one: refused.
    bare = f"postgresql://alice@127.0.0.1:{site_cluster.port}/postgres?sslmode=require"
    with pytest.raises(psycopg.OperationalError, match="certificate"):
        psycopg.connect(bare, sslcert="/nonexistent", connect_timeout=5).close()


def test_a_workbench_user_signs_in_with_a_client_certificate(
    site: Path, site_cluster: pgcluster.Cluster
) -> None:
    with psycopg.connect(site_cluster.superuser_url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE wb_certs")
    admin, _ = create_server(site_cluster.superuser_url("wb_certs"), "lead", PASSPHRASE)
    admin.store.close()
    url = (
        f"postgresql://127.0.0.1:{site_cluster.port}/wb_certs?sslmode=verify-full"
        f"&sslrootcert={site / 'ca.crt'}&sslcert={site / 'lead.crt'}&sslkey={site / 'lead.key'}"
    )
    # Under 'cert' the certificate is the credential: the server asks for no password.
    lead = sign_in(url, "lead", "not the passphrase")
    try:
        CaseService(lead).create("T-1", "证书登录")
        assert AuditService(lead).verify().ok
    finally:
        lead.store.close()


def test_client_certificate_cn_is_the_user_and_keys_are_private(site: Path) -> None:
    client = x509.load_pem_x509_certificate((site / "alice.crt").read_bytes())
    ca = x509.load_pem_x509_certificate((site / "ca.crt").read_bytes())
    server = x509.load_pem_x509_certificate((site / "server.crt").read_bytes())
    assert server_tls.common_name(client) == "alice"
    assert client.issuer == ca.subject == server.issuer
    usage = client.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    assert [str(ip) for ip in names.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    ca_years = (ca.not_valid_after_utc - ca.not_valid_before_utc).days / 365
    server_years = (server.not_valid_after_utc - server.not_valid_before_utc).days / 365
    assert 9.9 < ca_years < 10.1 and 1.9 < server_years < 2.1
    for key in ("ca.key", "server.key", "alice.key"):
        assert stat.S_IMODE((site / key).stat().st_mode) == 0o600


def test_a_second_run_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert certs(tmp_path, "ca") == 0
    assert certs(tmp_path, "server", "--host", "db.example") == 0
    assert certs(tmp_path, "client", "bob") == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    capsys.readouterr()
    for args, path in (
        (("ca",), "ca.key"),
        (("server", "--ip", "10.0.0.5"), "server.key"),
        (("client", "bob"), "bob.key"),
    ):
        assert certs(tmp_path, *args) == 2
        refused = capsys.readouterr().err
        assert f"{tmp_path / path} already exists: refusing to overwrite it" in refused
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_certificates_need_the_site_ca_and_a_host(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert certs(tmp_path, "server", "--host", "db") == 2
    missing = capsys.readouterr().err
    assert "no site CA" in missing and "workbench server certs ca" in missing
    assert certs(tmp_path, "ca") == 0
    assert certs(tmp_path, "server") == 2
    assert "host name or an IP address" in capsys.readouterr().err
    assert certs(tmp_path, "server", "--ip", "db") == 2
    assert "not an IP address" in capsys.readouterr().err
    assert certs(tmp_path, "client", "two words") == 2
    assert "not a workbench user name" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ca.crt", "ca.key"]


def test_the_unlock_dialog_signs_in_by_certificate_without_a_passphrase(
    qtbot: QtBot,
    site: Path,
    site_cluster: pgcluster.Cluster,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Server tab's certificate and key fields go into the URL; under a 'cert' line
    the key is the credential (no passphrase typed); the lock screen reopens the same
    way; another user's certificate is refused, said as such."""
    monkeypatch.setenv("WORKBENCH_SETTINGS", str(tmp_path / "settings.ini"))
    with psycopg.connect(site_cluster.superuser_url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE wb_dialog")
    admin, _ = create_server(site_cluster.superuser_url("wb_dialog"), "lead", PASSPHRASE)
    admin.store.close()
    dialog = UnlockDialog(Settings(), user="lead")
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(UnlockDialog.SERVER)
    dialog.host_edit.setText("localhost")  # verify-full checks the name too
    dialog.port_edit.setText(str(site_cluster.port))
    dialog.database_edit.setText("wb_dialog")
    dialog.ca_edit.setText(str(site / "ca.crt"))
    dialog.cert_edit.setText(str(site / "alice.crt"))  # not lead's: refused, and said so
    dialog.key_edit.setText(str(site / "alice.key"))
    dialog.accept()
    assert dialog.context() is None
    assert "The server refused your client certificate" in dialog.error_label.text()
    dialog.cert_edit.setText(str(site / "lead.crt"))
    dialog.key_edit.setText(str(site / "lead.key"))
    url = dialog.server_url()
    assert url is not None and f"sslcert={site / 'lead.crt'}" in url.replace("%2F", "/")
    assert f"sslkey={site / 'lead.key'}" in url.replace("%2F", "/")
    dialog.accept()
    ctx = dialog.context()
    assert ctx is not None, dialog.error_label.text()
    try:
        with ctx.store.session() as s:
            who = s.execute(
                text(
                    "SELECT current_user, ssl, client_dn FROM pg_stat_ssl "
                    "WHERE pid = pg_backend_pid()"
                )
            ).one()
        assert tuple(who) == ("lead", True, "/CN=lead")
        CaseService(ctx).create("D-1", "证书登录（窗口）")
        assert AuditService(ctx).verify().ok
        path = str(ctx.store.path)
    finally:
        ctx.store.close()
    lock = LockScreen()
    qtbot.addWidget(lock)
    lock.arm(path, "lead")
    assert lock.passphrase_edit.placeholderText() == (
        "not needed: your client certificate signs you in"
    )
    with qtbot.waitSignal(lock.unlocked) as unlocked:
        assert lock.try_unlock()  # nothing typed: the key file signs in again
    again = unlocked.args[0]
    assert isinstance(again, Context) and again.user == "lead"
    again.store.close()
    # The command line the same: no passphrase given, none prompted for.
    listed = run("cases", "--db", url, "--user", "lead", passphrase=None)
    assert listed.returncode == 0, listed.stderr
    assert "D-1" in listed.stdout
