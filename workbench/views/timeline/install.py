"""Attaching the timelines to the main window: two case tabs and a Tools menu window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from workbench.views.timeline.audit_tab import AuditTimelineTab
from workbench.views.timeline.case_tab import TimelineTab

if TYPE_CHECKING:
    from workbench.views.main_window import MainWindow

AUDIT_WINDOW_SIZE = (1200, 800)


def install_timeline(window: MainWindow) -> None:
    """Tabs ``timeline`` (after Events) and ``audit-timeline`` (after Audit); Tools ▸
    Audit trail timeline opens the whole database's trail in a window of its own."""
    case_view = window.case_view
    timeline = TimelineTab(case_view, window.lang, window.zone)
    case_view.add_tab(
        "timeline",
        timeline,
        QCoreApplication.translate("Timeline", "Timeline"),
        timeline.refresh,
        after="events",
    )
    audit = AuditTimelineTab(
        lambda: window.services.ctx, case_view.case_code, window.lang, window.zone
    )
    case_view.add_tab(
        "audit-timeline",
        audit,
        QCoreApplication.translate("Timeline", "Audit timeline"),
        audit.refresh,
        after="audit",
    )
    window.timeline_tab = timeline  # type: ignore[attr-defined]
    window.audit_timeline_tab = audit  # type: ignore[attr-defined]

    def forget() -> None:  # locking: nothing of the case stays in memory
        timeline.clear()
        audit.clear()

    window.locked.connect(forget)
    action = QAction(QCoreApplication.translate("Timeline", "Audit trail &timeline…"), window)
    action.setObjectName("action_audit_timeline")
    action.triggered.connect(lambda: open_audit_window(window))
    window.tools_menu.addAction(action)


def open_audit_window(window: MainWindow) -> QMainWindow:
    """The whole database's audit trail, read-only, in a window beside the main one."""
    tab = AuditTimelineTab(
        lambda: window.services.ctx,
        window.current_case_code,
        window.lang,
        window.zone,
        whole_database=True,
    )
    frame = QMainWindow(window)
    frame.setObjectName("audit_timeline_window")
    frame.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    frame.setWindowTitle(QCoreApplication.translate("Timeline", "Audit trail timeline"))
    frame.setCentralWidget(tab)
    frame.resize(*AUDIT_WINDOW_SIZE)
    window.locked.connect(frame.close)
    tab.refresh()
    frame.show()
    return frame
