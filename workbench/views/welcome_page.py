"""What the window shows with no case open — and, for a user with no case file at all,
why, and whom to ask (the case leads and administrators, by name and role).

A new investigator signs in before anyone has granted them a case: an empty window would
leave them guessing. The page says that case files are opened to members only, names
the people who can grant access, and offers to start a new case file where the role
allows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import vocab
from workbench.services.accounts.access import UserSummary
from workbench.views.i18n import arg

MAX_TEXT_WIDTH = 640


def person_text(user: UserSummary, lang: str) -> str:
    """ "王建国 (wangjg) — 管理员" """
    role = vocab.label(vocab.USER_ROLES, user.role, lang)
    who = f"{user.display_name} ({user.name})" if user.display_name else user.name
    return f"{who} — {role}"


class WelcomePage(QWidget):
    """``new_case_requested`` when the user chooses to start a case file."""

    new_case_requested = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        self.lang = lang
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.contacts = QListWidget()
        self.contacts.setObjectName("welcome_contacts")
        self.new_case_button = QPushButton(self.tr("Start a &new case file…"))
        self.new_case_button.clicked.connect(self.new_case_requested)
        panel = QWidget()
        panel.setMaximumWidth(MAX_TEXT_WIDTH)  # lines a reader can follow on a wide screen
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.explanation, self.contacts):
            inner.addWidget(widget)
        inner.addWidget(self.new_case_button, 0, Qt.AlignmentFlag.AlignLeft)
        panel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        centre = QHBoxLayout()  # wrapped text needs a width: the panel takes what it may
        centre.addStretch(1)
        centre.addWidget(panel, 10)
        centre.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        layout.addLayout(centre)
        layout.addStretch(2)
        self.show_choose()

    def show_choose(self) -> None:
        """Case files are listed: pick one."""
        self.title.setText(self.tr("Choose a case file from the list."))
        self.explanation.hide()
        self.contacts.hide()
        self.new_case_button.hide()

    def show_no_case(
        self, user: str, role: str, contacts: Sequence[UserSummary], can_create: bool
    ) -> None:
        """The signed-in user may open no case file: say why and whom to ask."""
        self.title.setText(self.tr("No case file is open to you yet."))
        role_label = vocab.label(vocab.USER_ROLES, role, self.lang)
        text = arg(
            self.tr(
                "You are signed in as %1 (%2). Case files are open to their members only: "
                "a case lead of the case or an administrator adds you (Tools ▸ Case "
                "members…)."
            ),
            user,
            role_label,
        )
        if contacts:
            text += " " + self.tr("Ask one of them:")
        else:
            text += " " + self.tr("No case lead or administrator is registered yet.")
        self.explanation.setText(text)
        self.explanation.show()
        self.contacts.clear()
        self.contacts.addItems([person_text(c, self.lang) for c in contacts])
        rows = min(max(len(contacts), 1), 8)  # the list as tall as its names, up to eight
        self.contacts.setFixedHeight(rows * (self.contacts.sizeHintForRow(0) or 18) + 8)
        self.contacts.setVisible(bool(contacts))
        self.new_case_button.setVisible(can_create)
