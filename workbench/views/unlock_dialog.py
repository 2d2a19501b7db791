"""The first thing a user sees: pick an encrypted database, prove the passphrase, sign in.

The dialog opens (or creates) the store itself, so a wrong passphrase is answered in
place and the caller only ever receives a ready :class:`Context`. Nothing is written
before the key is proven; a failed creation removes the file it started.
"""

from __future__ import annotations

import getpass
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.services.accounts.users import create_database, sign_in
from workbench.services.core.context import Context
from workbench.services.core.errors import AuthenticationFailed, PermissionDenied, ServiceError
from workbench.store import (
    DatabaseDamaged,
    DatabaseExists,
    DatabaseMissing,
    NotAWorkbenchDatabase,
    StoreError,
    WrongPassphrase,
)
from workbench.store.errors import (
    BadServerAddress,
    CertificateRefused,
    DatabaseInUse,
    KeySlotsDamaged,
    NotAFile,
    ServerUnreachable,
    UnknownUser,
)
from workbench.store.server import ServerAddress, is_server_url
from workbench.views.i18n import arg
from workbench.views.settings import Settings

MIN_PASSPHRASE = 8
GOOD_PASSPHRASE = 12
DB_FILTER = "*.db *.wbdb *.sqlite"
# Lower-cased fragments that make a passphrase guessable whatever its length.
COMMON_WORDS = (
    "password",
    "passwort",
    "passw0rd",
    "qwerty",
    "123456",
    "654321",
    "111111",
    "000000",
    "888888",
    "666666",
    "5201314",
    "abc123",
    "admin",
    "letmein",
    "welcome",
    "iloveyou",
    "woaini",
    "changeme",
    "secret",
    "workbench",
    "police",
    "jingcha",
    "gongan",
    "jindu",
    "demo",
)


def default_user() -> str:
    """WORKBENCH_USER, else the login name (as the command line does)."""
    try:
        return os.environ.get("WORKBENCH_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return ""


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (weak) … 4 (strong)
    too_short: bool
    classes: int  # of lower, upper, digit, symbol, non-ASCII (e.g. Chinese)
    common: bool


def assess_passphrase(text: str) -> Strength:
    """A hint, not a policy: length counts most, then variety, and common words spoil it."""
    classes = sum(
        (
            bool(re.search(r"[a-z]", text)),
            bool(re.search(r"[A-Z]", text)),
            bool(re.search(r"[0-9]", text)),
            bool(re.search(r"[ -/:-@\[-`{-~]", text)),
            any(ord(ch) > 127 for ch in text),
        )
    )
    lowered = text.lower()
    common = any(word in lowered for word in COMMON_WORDS) or len(set(text)) <= 2
    length = len(text)
    score = 0 if length < MIN_PASSPHRASE else 1 if length < GOOD_PASSPHRASE else 2
    score += length >= 16
    score += classes >= 3
    if common:
        score = min(score, 1)
    return Strength(min(score, 4), length < GOOD_PASSPHRASE, classes, common)


def store_error_text(exc: Exception) -> str:
    """A translated headline for a failure to open, with the store's own detail."""
    if isinstance(exc, KeySlotsDamaged):
        return (
            QCoreApplication.translate(
                "UnlockDialog",
                "The key-slot file beside the database is missing or damaged; restore it "
                "from the backup.",
            )
            + "\n"
            + str(exc)
        )
    if isinstance(exc, UnknownUser):
        return QCoreApplication.translate(
            "UnlockDialog", "This user name has no key slot in this database."
        )
    if isinstance(exc, PermissionDenied):
        return (
            QCoreApplication.translate("UnlockDialog", "Your role does not allow this.")
            + "\n"
            + str(exc)
        )
    if isinstance(exc, WrongPassphrase):
        return QCoreApplication.translate(
            "UnlockDialog",
            "Wrong passphrase. Check the keyboard layout and Caps Lock, then try again.",
        )
    if isinstance(exc, DatabaseMissing):
        return QCoreApplication.translate("UnlockDialog", "There is no database at this path.")
    if isinstance(exc, NotAFile):
        return QCoreApplication.translate(
            "UnlockDialog", "This path is a folder, not a database file; choose the file itself."
        )
    if isinstance(exc, DatabaseInUse):
        return (
            QCoreApplication.translate(
                "UnlockDialog",
                "The database is in use by another session; nothing was changed. Close that "
                "window or wait for that task to finish, then try again.",
            )
            + "\n"
            + str(exc)
        )
    if isinstance(exc, DatabaseExists):
        return QCoreApplication.translate(
            "UnlockDialog", "A file already exists at this path; choose another name."
        )
    if isinstance(exc, NotAWorkbenchDatabase):
        return (
            QCoreApplication.translate("UnlockDialog", "This file is not a workbench database.")
            + "\n"
            + str(exc)
        )
    if isinstance(exc, DatabaseDamaged):
        return (
            QCoreApplication.translate(
                "UnlockDialog", "The database is damaged; restore it from a backup."
            )
            + "\n"
            + str(exc)
        )
    if isinstance(exc, AuthenticationFailed):
        return QCoreApplication.translate(
            "UnlockDialog", "This user name is not registered in the database."
        )
    headline = _server_headline(exc)
    if headline:
        return headline + "\n" + str(exc)
    return (
        QCoreApplication.translate("UnlockDialog", "The database could not be opened.")
        + "\n"
        + str(exc)
    )


def _server_headline(exc: Exception) -> str:
    """The translated headline of a server's refusal, or "" for other failures."""
    if isinstance(exc, CertificateRefused):
        return QCoreApplication.translate(
            "UnlockDialog",
            "The server refused your client certificate. It must be signed by the site CA "
            "and carry your user name: check both.",
        )
    if isinstance(exc, ServerUnreachable):
        return QCoreApplication.translate(
            "UnlockDialog",
            "The server cannot be reached. Check the host, port, database, the TLS settings "
            "and the network.",
        )
    if isinstance(exc, BadServerAddress):
        return QCoreApplication.translate(
            "UnlockDialog", "The server address or a certificate file it names cannot be used."
        )
    return ""


def open_context(
    path: Path | str,
    passphrase: str,
    user: str,
    *,
    notice: Callable[[str], None] | None = None,
) -> Context:
    """Sign ``user`` in through their key slot; the store is closed again on any failure.

    After failed attempts the slot file makes the next one wait: ``notice`` says so
    while the wait keeps the window painting."""
    return sign_in(path, user, passphrase, sleep=lambda s: _wait(s, notice))


def _wait(seconds: float, notice: Callable[[str], None] | None) -> None:
    if notice is not None:
        notice(
            arg(
                QCoreApplication.translate(
                    "UnlockDialog", "Earlier attempts failed: waiting %1 s before this one…"
                ),
                f"{seconds:.1f}",
            )
        )
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        time.sleep(min(0.05, left))


def create_context(path: Path, passphrase: str, user: str) -> Context:
    """A new database whose creator is its administrator; no file is left on failure."""
    return create_database(path, user, passphrase)


@contextmanager
def busy(widget: QWidget) -> Iterator[None]:
    """Wait cursor and a disabled widget while the key is derived (a fraction of a second)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    widget.setEnabled(False)
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    try:
        yield
    finally:
        widget.setEnabled(True)
        QApplication.restoreOverrideCursor()


def _path_text(edit: QLineEdit) -> str:
    """A path typed or chosen, with ``~`` expanded (libpq does not expand it)."""
    text = edit.text().strip()
    return str(Path(text).expanduser()) if text else ""


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("QLabel#error { color: #b3261e; }")
    label.hide()
    return label


class UnlockDialog(QDialog):
    """Open a recent or other database, or create one; ``context()`` after exec()."""

    OPEN, CREATE, SERVER = 0, 1, 2
    TLS_MODES = ("verify-full", "require", "disable")

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        path: Path | str | None = None,
        user: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings()
        self._context: Context | None = None
        self.setWindowTitle(self.tr("Unlock — Task Force Workbench"))
        self.setMinimumWidth(560)

        title = QLabel(self.tr("Task Force Workbench"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            self.tr(
                "Case files are kept in an encrypted database. Sign in with your user name "
                "and your own passphrase."
            )
        )
        subtitle.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_open_page(), self.tr("&Open database"))
        self.tabs.addTab(self._build_create_page(), self.tr("&New database"))
        self.tabs.addTab(self._build_server_page(), self.tr("&Server"))
        self.tabs.currentChanged.connect(self._mode_changed)

        self.user_edit = QLineEdit(user if user is not None else default_user())
        user_form = QFormLayout()
        user_form.addRow(self.tr("User na&me:"), self.user_edit)

        self.error_label = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.tabs)
        layout.addLayout(user_form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._fill_recent()
        if isinstance(path, str) and is_server_url(path):
            self._fill_server(path)
            self.tabs.setCurrentIndex(self.SERVER)
            self._mode_changed(self.SERVER)
        else:
            if path is not None:
                self.path_edit.setText(str(path))
            self._mode_changed(self.OPEN)

    # -- pages ---------------------------------------------------------------------

    def _build_open_page(self) -> QWidget:
        page = QWidget()
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recent")
        self.recent_list.setMaximumHeight(150)
        self.recent_list.currentItemChanged.connect(self._recent_chosen)
        self.recent_list.itemActivated.connect(lambda _item: self.passphrase_edit.setFocus())

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Path of the database file"))
        self.browse_button = QPushButton(self.tr("Open &another…"))
        self.browse_button.clicked.connect(self._browse_open)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.passphrase_edit = password_edit()
        form = QFormLayout()
        form.addRow(self.tr("Database:"), path_row)
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)

        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Recent databases:")))
        layout.addWidget(self.recent_list)
        layout.addLayout(form)
        return page

    def _build_server_page(self) -> QWidget:
        """A task force's PostgreSQL server: host, port, database, TLS, and the
        passphrase or a client certificate with its key."""
        page = QWidget()
        note = QLabel(
            self.tr(
                "Several investigators work on the same cases on the task force's server. "
                "Your user name and passphrase are those the administrator gave you there; "
                "with a client certificate and its key, the key signs you in."
            )
        )
        note.setWordWrap(True)
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("server name or address"))
        self.port_edit = QLineEdit("5432")
        self.port_edit.setMaximumWidth(80)
        host_row = QHBoxLayout()
        host_row.addWidget(self.host_edit, 1)
        host_row.addWidget(QLabel(self.tr("Port:")))
        host_row.addWidget(self.port_edit)
        self.database_edit = QLineEdit("workbench")
        self.tls_combo = QComboBox()
        for mode, label in zip(
            self.TLS_MODES,
            (
                self.tr("verify the server's certificate (recommended)"),
                self.tr("encrypt, do not verify"),
                self.tr("no encryption (this computer only)"),
            ),
            strict=True,
        ):
            self.tls_combo.addItem(label, mode)
        self.ca_edit, self.ca_button, ca_row = self._file_row(
            self.tr("the site CA certificate (.crt)"), self.tr("C&hoose…"), self._browse_ca
        )
        self.cert_edit, self.cert_button, cert_row = self._file_row(
            self.tr("yours, to sign in by certificate (.crt)"),
            self.tr("Choose…"),
            self._browse_cert,
        )
        self.key_edit, self.key_button, key_row = self._file_row(
            self.tr("the certificate's private key (.key)"), self.tr("Choose…"), self._browse_key
        )
        self.server_passphrase_edit = password_edit(
            self.tr("not needed when a client certificate signs you in")
        )
        form = QFormLayout()
        form.addRow(self.tr("Host:"), host_row)
        form.addRow(self.tr("Data&base:"), self.database_edit)
        form.addRow(self.tr("&TLS:"), self.tls_combo)
        form.addRow(self.tr("CA certificate:"), ca_row)
        for text, edit, row in (
            (self.tr("Client c&ertificate:"), self.cert_edit, cert_row),
            (self.tr("Client &key:"), self.key_edit, key_row),
        ):
            caption = QLabel(text)
            caption.setBuddy(edit)  # a row that is a layout gets no buddy by itself
            form.addRow(caption, row)
        form.addRow(self.tr("Pa&ssphrase:"), self.server_passphrase_edit)
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    @staticmethod
    def _file_row(
        placeholder: str, button_text: str, browse: Callable[[], None]
    ) -> tuple[QLineEdit, QPushButton, QHBoxLayout]:
        """A file's path and the button that chooses it (the TLS files)."""
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        button = QPushButton(button_text)
        button.clicked.connect(browse)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        return edit, button, row

    def _fill_server(self, url: str) -> None:
        address = ServerAddress.of(url)
        self.host_edit.setText(address.host)
        self.port_edit.setText(str(address.port))
        self.database_edit.setText(address.database)
        if address.sslmode in self.TLS_MODES:
            self.tls_combo.setCurrentIndex(self.TLS_MODES.index(address.sslmode))
        self.ca_edit.setText(address.sslrootcert)
        self.cert_edit.setText(address.sslcert)
        self.key_edit.setText(address.sslkey)

    def server_url(self) -> str | None:
        """The URL the Server tab describes, or None (with the reason shown)."""
        host = self.host_edit.text().strip()
        if not host:
            self.show_error(self.tr("Enter the server's name or address."))
            self.host_edit.setFocus()
            return None
        try:
            port = int(self.port_edit.text().strip() or "5432")
            if not 0 < port < 65536:
                raise ValueError(port)
        except ValueError:
            self.show_error(self.tr("The port is a number from 1 to 65535."))
            self.port_edit.setFocus()
            return None
        database = self.database_edit.text().strip()
        if not database:
            self.show_error(self.tr("Enter the database name."))
            self.database_edit.setFocus()
            return None
        mode = str(self.tls_combo.currentData())
        ca, cert, key = (_path_text(e) for e in (self.ca_edit, self.cert_edit, self.key_edit))
        if mode == "verify-full" and not ca:
            self.show_error(self.tr("Choose the site's CA certificate to verify the server."))
            self.ca_edit.setFocus()
            return None
        address = ServerAddress(
            host, port, database, mode, ca if mode == "verify-full" else "", cert, key
        )
        problem = address.file_problem()
        if problem is not None:
            field, what = problem
            self.show_error(self._file_problem_text(field, what, getattr(address, field)))
            edits = {"sslrootcert": self.ca_edit, "sslcert": self.cert_edit}
            edits.get(field, self.key_edit).setFocus()
            return None
        if cert and mode == "disable":
            self.show_error(
                self.tr("A client certificate needs TLS: choose a TLS mode that encrypts.")
            )
            self.tls_combo.setFocus()
            return None
        return address.url()

    def _file_problem_text(self, field: str, problem: str, path: str) -> str:
        """What is wrong with one TLS file, naming its field (ServerAddress.file_problem)."""
        if problem == "unpaired" and field == "sslkey":
            return self.tr(
                "Client key: choose the private key of the client certificate, or clear the "
                "certificate to sign in with the passphrase."
            )
        if problem == "unpaired":
            return self.tr(
                "Client certificate: choose the certificate of the client key, or clear the "
                "key to sign in with the passphrase."
            )
        name = {
            "sslrootcert": self.tr("CA certificate"),
            "sslcert": self.tr("Client certificate"),
        }.get(field, self.tr("Client key"))
        if problem == "exposed":
            return arg(
                self.tr(
                    "%1: other users of this computer may read %2, and such a key is refused. "
                    "Make it readable by you only (chmod 600)."
                ),
                name,
                path,
            )
        return arg(self.tr("%1: there is no file at %2."), name, path)

    def _browse_ca(self) -> None:
        self._browse_file(
            self.ca_edit,
            self.tr("The site CA certificate"),
            self.tr("Certificates (*.crt *.pem);;All files (*)"),
        )

    def _browse_cert(self) -> None:
        self._browse_file(
            self.cert_edit,
            self.tr("Your client certificate"),
            self.tr("Certificates (*.crt *.pem);;All files (*)"),
        )

    def _browse_key(self) -> None:
        self._browse_file(
            self.key_edit,
            self.tr("The private key of your client certificate"),
            self.tr("Private keys (*.key *.pem);;All files (*)"),
        )

    def _browse_file(self, edit: QLineEdit, title: str, filters: str) -> None:
        start = str(Path(_path_text(edit)).parent) if _path_text(edit) else ""
        chosen, _ = QFileDialog.getOpenFileName(self, title, start, filters)
        if chosen:
            edit.setText(chosen)

    def _build_create_page(self) -> QWidget:
        page = QWidget()
        self.new_path_edit = QLineEdit()
        self.new_path_edit.setPlaceholderText(self.tr("Where to save the new database"))
        self.choose_button = QPushButton(self.tr("C&hoose…"))
        self.choose_button.clicked.connect(self._browse_create)
        path_row = QHBoxLayout()
        path_row.addWidget(self.new_path_edit, 1)
        path_row.addWidget(self.choose_button)

        self.new_passphrase_edit = password_edit(
            arg(self.tr("At least %1 characters"), MIN_PASSPHRASE)
        )
        self.repeat_edit = password_edit(self.tr("The same passphrase again"))
        self.strength_label = QLabel()
        self.strength_label.setWordWrap(True)
        self.new_passphrase_edit.textChanged.connect(self._update_strength)
        self.repeat_edit.textChanged.connect(self._update_strength)

        form = QFormLayout()
        form.addRow(self.tr("New file:"), path_row)
        form.addRow(self.tr("Pass&phrase:"), self.new_passphrase_edit)
        form.addRow(self.tr("&Repeat:"), self.repeat_edit)
        form.addRow("", self.strength_label)
        warning = QLabel(
            self.tr(
                "The passphrase cannot be recovered. Without it the database cannot be "
                "opened by anyone. You become the database's administrator."
            )
        )
        warning.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addStretch(1)
        self._update_strength()
        return page

    def _fill_recent(self) -> None:
        self.recent_list.clear()
        for path in self.settings.recent_files():
            item = QListWidgetItem(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if not path.exists():
                item.setText(arg(self.tr("%1 (not found)"), str(path)))
                item.setForeground(QColor("#888888"))
            self.recent_list.addItem(item)
        if self.recent_list.count():
            self.recent_list.setCurrentRow(0)

    # -- reactions -----------------------------------------------------------------

    def _mode_changed(self, index: int) -> None:
        if index == self.CREATE:
            self.ok_button.setText(self.tr("&Create"))
            self.new_path_edit.setFocus()
        elif index == self.SERVER:
            self.ok_button.setText(self.tr("&Connect"))
            target = self.server_passphrase_edit if self.host_edit.text() else self.host_edit
            target.setFocus()
        else:
            self.ok_button.setText(self.tr("&Unlock"))
            target = self.passphrase_edit if self.path_edit.text() else self.path_edit
            target.setFocus()
        self.show_error("")

    def _recent_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.path_edit.setText(str(item.data(Qt.ItemDataRole.UserRole)))
            self.passphrase_edit.setFocus()

    def _browse_open(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a workbench database"),
            str(Path(self.path_edit.text()).parent) if self.path_edit.text() else "",
            arg(self.tr("Workbench databases (%1);;All files (*)"), DB_FILTER),
        )
        if chosen:
            self.path_edit.setText(chosen)
            self.passphrase_edit.setFocus()

    def _browse_create(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Create a workbench database"),
            "",
            arg(self.tr("Workbench databases (%1);;All files (*)"), DB_FILTER),
        )
        if chosen:
            self.new_path_edit.setText(chosen)
            self.new_passphrase_edit.setFocus()

    def _update_strength(self) -> None:
        text = self.new_passphrase_edit.text()
        if not text:
            self.strength_label.setText(
                self.tr("Use a long phrase: several words, digits or symbols, or Chinese.")
            )
            self.strength_label.setStyleSheet("")
            return
        strength = assess_passphrase(text)
        names = (self.tr("very weak"), self.tr("weak"), self.tr("fair"), self.tr("good"))
        names += (self.tr("strong"),)
        colours = ("#b3261e", "#b3261e", "#a15c00", "#2e7d32", "#2e7d32")
        advice: list[str] = []
        if len(text) < MIN_PASSPHRASE:
            advice.append(arg(self.tr("at least %1 characters are required"), MIN_PASSPHRASE))
        elif strength.too_short:
            advice.append(arg(self.tr("%1 or more characters are better"), GOOD_PASSPHRASE))
        if strength.classes < 3:
            advice.append(self.tr("mix letters, digits and symbols"))
        if strength.common:
            advice.append(self.tr("avoid common words and repeated characters"))
        repeat = self.repeat_edit.text()
        if repeat and repeat != text:
            advice.append(self.tr("the two entries differ"))
        line = arg(self.tr("Strength: %1"), names[strength.score])
        if advice:
            line += self.tr(" — ") + self.tr("; ").join(advice)
        self.strength_label.setText(line)
        self.strength_label.setStyleSheet(f"color: {colours[strength.score]};")

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    # -- the result ----------------------------------------------------------------

    def mode(self) -> int:
        return self.tabs.currentIndex()

    def context(self) -> Context | None:
        """The opened store and authenticated user, once the dialog is accepted."""
        return self._context

    def accept(self) -> None:
        user = self.user_edit.text().strip()
        if not user:
            self.show_error(self.tr("Enter your user name."))
            self.user_edit.setFocus()
            return
        if self.mode() == self.SERVER:
            ctx = self._connect(user)
        else:
            ctx = self._create(user) if self.mode() == self.CREATE else self._open(user)
        if ctx is None:
            return
        self._context = ctx
        if isinstance(ctx.store.path, Path):  # recent files are files; a server is typed
            self.settings.add_recent_file(ctx.store.path)
        self.settings.sync()
        super().accept()

    def _connect(self, user: str) -> Context | None:
        """Sign in on the server: by passphrase, or by a client certificate, whose key is
        the credential (under a 'cert' line the server asks for no passphrase, so none
        is needed here; where it asks for one too, it is said)."""
        url = self.server_url()
        if url is None:
            return None
        passphrase = self.server_passphrase_edit.text()
        by_certificate = bool(_path_text(self.cert_edit))
        if not passphrase and not by_certificate:
            self.show_error(self.tr("Enter the passphrase."))
            self.server_passphrase_edit.setFocus()
            return None
        self.show_error(self.tr("Connecting to the server…"))
        try:
            with busy(self):
                ctx = open_context(url, passphrase, user)
        except (StoreError, ServiceError, ValueError) as exc:
            text = store_error_text(exc)
            if isinstance(exc, WrongPassphrase) and not passphrase:
                text = self.tr(
                    "The server asks for your passphrase as well as the certificate: enter it."
                )
            self.show_error(text)
            self.server_passphrase_edit.clear()
            self.server_passphrase_edit.setFocus()
            return None
        self.server_passphrase_edit.clear()
        return ctx

    def _open(self, user: str) -> Context | None:
        raw = self.path_edit.text().strip()
        if not raw:
            self.show_error(self.tr("Choose a database file."))
            self.path_edit.setFocus()
            return None
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self.show_error(self.tr("Enter the passphrase."))
            self.passphrase_edit.setFocus()
            return None
        self.show_error(self.tr("Unlocking…"))
        try:
            with busy(self):
                ctx = open_context(Path(raw).expanduser(), passphrase, user, notice=self.show_error)
        except (StoreError, ServiceError, ValueError) as exc:
            self.show_error(store_error_text(exc))
            self.passphrase_edit.clear()
            focus = self.user_edit if isinstance(exc, (AuthenticationFailed, UnknownUser)) else None
            (focus or self.passphrase_edit).setFocus()
            return None
        self.passphrase_edit.clear()
        return ctx

    def _create(self, user: str) -> Context | None:
        raw = self.new_path_edit.text().strip()
        if not raw:
            self.show_error(self.tr("Choose where to save the new database."))
            self.new_path_edit.setFocus()
            return None
        path = Path(raw).expanduser()
        if not path.suffix:
            path = path.with_suffix(".db")
        first, second = self.new_passphrase_edit.text(), self.repeat_edit.text()
        problem = None
        if path.exists():
            problem = store_error_text(DatabaseExists(path))
        elif len(first) < MIN_PASSPHRASE:
            problem = arg(self.tr("The passphrase needs at least %1 characters."), MIN_PASSPHRASE)
        elif first != second:
            problem = self.tr("The two passphrases differ. Type them again.")
        if problem:
            self.show_error(problem)
            if not path.exists():
                self.repeat_edit.clear()
                self.new_passphrase_edit.setFocus()
            return None
        self.show_error(self.tr("Creating the encrypted database…"))
        try:
            with busy(self):
                ctx = create_context(path, first, user)
        except (StoreError, ServiceError, ValueError, OSError) as exc:
            self.show_error(store_error_text(exc))
            return None
        self.new_passphrase_edit.clear()
        self.repeat_edit.clear()
        return ctx
