"""Attaching the Link chart tab (关系图) to the main window, after the Links tab."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

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
    tab.filters.timeline_wanted.connect(lambda: dates_as_on_the_timeline(window, tab))
    return controller


def dates_as_on_the_timeline(window: MainWindow, tab: LinkChartTab) -> bool:
    """Limit the chart's links to the days the Timeline tab shows for the same case
    (read for it first if it has not been shown yet: then its whole span)."""
    timeline = getattr(window, "timeline_tab", None)
    code = window.current_case_code()
    if timeline is None or code is None:
        return False
    if timeline.data is None or timeline.data.case_code != code:
        timeline.refresh()
    if timeline.data is None or timeline.data.case_code != code:
        return False
    zone = ZoneInfo(window.zone)
    x0, x1 = timeline.plot.x_range()
    start = datetime.fromtimestamp(max(x0, 0), zone).date()
    end = datetime.fromtimestamp(max(x1, 0), zone).date()
    tab.filters.set_dates(start, end)
    return True
