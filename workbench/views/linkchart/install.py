"""Attaching the Link chart tab (关系图) to the main window, after the Links tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from workbench.views.linkchart.controller import LinkChartController
from workbench.views.linkchart.tab import LinkChartTab

if TYPE_CHECKING:
    from workbench.views.main_window import MainWindow


def install_linkchart(window: MainWindow) -> LinkChartController:
    """Tab ``linkchart`` (``gui --view linkchart``); kept as ``window.linkchart``."""
    tab = LinkChartTab(window.lang)
    controller = LinkChartController(tab, window)
    window.case_view.add_tab(
        "linkchart",
        tab,
        QCoreApplication.translate("LinkChart", "Link chart"),
        controller.refresh,
        after="links",
    )
    window.linkchart = controller  # type: ignore[attr-defined]
    window.locked.connect(controller.clear)  # locking: nothing of the case stays in memory
    return controller
