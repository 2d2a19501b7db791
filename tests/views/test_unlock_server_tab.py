"""The unlock dialog's Server tab: the client certificate and key fields, and what it
says, in the user's language, before it tries to connect (no server needed; signing in
by certificate against a real cluster is in tests/server/test_site_certs.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from workbench.store.errors import ServerUnreachable
from workbench.store.server import ServerAddress
from workbench.views import unlock_dialog
from workbench.views.i18n import install_translators, remove_translators
from workbench.views.settings import Settings
from workbench.views.unlock_dialog import UnlockDialog

SHOTS = Path(os.environ.get("WORKBENCH_TEST_SHOTS", "out/test-shots"))

# (missing key file, certificate without key, key without certificate, passphrase asked)
TEXTS = {
    "en": (
        "Client key: there is no file at",
        "Client key: choose the private key of the client certificate",
        "Client certificate: choose the certificate of the client key",
        "Enter the passphrase.",
    ),
    "zh_CN": (
        "客户端私钥：",
        "客户端私钥：请选择该客户端证书的私钥",
        "客户端证书：请选择与该私钥配套的证书",
        "请输入口令。",
    ),
}


@pytest.fixture
def tls_files(tmp_path: Path) -> dict[str, Path]:
    files = {name: tmp_path / f"{name}.pem" for name in ("ca", "cert", "key")}
    for path in files.values():
        path.write_text("-----BEGIN CERTIFICATE-----\n")
    files["key"].chmod(0o600)
    return files


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Every sign-in the dialog tries; each answers "unreachable" (no server here)."""
    tried: list[tuple[str, str, str]] = []

    def fake(url: str, passphrase: str, user: str, **_: object) -> object:
        tried.append((url, passphrase, user))
        raise ServerUnreachable(url, f"cannot reach the server {url}: Connection refused")

    monkeypatch.setattr(unlock_dialog, "open_context", fake)
    return tried


def server_dialog(qtbot: QtBot, url: str) -> UnlockDialog:
    dialog = UnlockDialog(Settings(), path=url, user="wang")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_certificate_fields_fill_from_the_url_and_go_into_the_url_built(
    qtbot: QtBot, tls_files: dict[str, Path], attempts: list[tuple[str, str, str]]
) -> None:
    given = ServerAddress(
        "db.taskforce.lan",
        5433,
        "workbench",
        "verify-full",
        str(tls_files["ca"]),
        str(tls_files["cert"]),
        str(tls_files["key"]),
    )
    dialog = server_dialog(qtbot, given.url())
    assert dialog.mode() == UnlockDialog.SERVER
    assert dialog.cert_edit.text() == str(tls_files["cert"])
    assert dialog.key_edit.text() == str(tls_files["key"])
    built = dialog.server_url()
    assert built is not None and "sslcert=" in built and "sslkey=" in built
    assert ServerAddress.of(built) == given
    # The key is the credential: no passphrase is asked for, the sign-in is tried.
    dialog.accept()
    assert attempts == [(built, "", "wang")] and dialog.context() is None
    assert "The server cannot be reached" in dialog.error_label.text()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_certificate_and_key_problems_are_named_and_nothing_is_tried(
    qtbot: QtBot,
    tls_files: dict[str, Path],
    attempts: list[tuple[str, str, str]],
    tmp_path: Path,
    lang: str,
) -> None:
    missing_key, no_key, no_cert, passphrase = TEXTS[lang]
    gone = tmp_path / "wang.key"
    url = ServerAddress(
        "db.taskforce.lan",
        sslrootcert=str(tls_files["ca"]),
        sslcert=str(tls_files["cert"]),
        sslkey=str(gone),
    ).url()
    install_translators(lang)
    try:
        dialog = server_dialog(qtbot, url)
        dialog.accept()
        text = dialog.error_label.text()
        assert text.startswith(missing_key) and str(gone) in text, text
        assert dialog.focusWidget() is dialog.key_edit
        qtbot.wait(100)  # the label grows on the next layout pass
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SHOTS / f"unlock-server-key-missing-{lang}.png"))
        dialog.key_edit.clear()
        dialog.accept()
        assert dialog.error_label.text().startswith(no_key)
        dialog.key_edit.setText(str(tls_files["key"]))
        dialog.cert_edit.clear()
        dialog.accept()
        assert dialog.error_label.text().startswith(no_cert)
        dialog.key_edit.clear()  # neither: the passphrase is the credential again
        dialog.accept()
        assert dialog.error_label.text() == passphrase
        assert attempts == [] and dialog.context() is None
    finally:
        remove_translators()


def test_a_key_others_may_read_and_a_certificate_without_tls_are_refused_here(
    qtbot: QtBot, tls_files: dict[str, Path], attempts: list[tuple[str, str, str]]
) -> None:
    address = ServerAddress(
        "db.taskforce.lan",
        sslmode="require",
        sslcert=str(tls_files["cert"]),
        sslkey=str(tls_files["key"]),
    )
    tls_files["key"].chmod(0o644)
    dialog = server_dialog(qtbot, address.url())
    dialog.accept()
    assert dialog.error_label.text().startswith("Client key: other users of this computer")
    tls_files["key"].chmod(0o600)
    dialog.tls_combo.setCurrentIndex(UnlockDialog.TLS_MODES.index("disable"))
    dialog.accept()
    assert "A client certificate needs TLS" in dialog.error_label.text()
    assert attempts == []


def test_no_passphrase_means_a_certificate_or_a_prompt_for_one(
    qtbot: QtBot, attempts: list[tuple[str, str, str]]
) -> None:
    dialog = server_dialog(qtbot, "postgresql://db.taskforce.lan/workbench?sslmode=require")
    dialog.accept()
    assert dialog.error_label.text() == "Enter the passphrase." and attempts == []
    dialog.server_passphrase_edit.setText("wang's passphrase")
    dialog.accept()
    assert [passphrase for _, passphrase, _ in attempts] == ["wang's passphrase"]
    assert "sslcert" not in attempts[0][0]
