"""The monthly bar chart of one figure: this period's months beside the same months of
last year (pyqtgraph)."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from workbench.services.statistics.figures import MonthBar

THIS = (41, 97, 171)
LAST = (178, 189, 204)
WIDTH = 0.38


class MonthlyChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.legend = self.plot.addLegend(offset=(10, 5), labelTextColor=(40, 40, 40))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.bars: list[pg.BarGraphItem] = []
        self.labels: list[pg.TextItem] = []

    def show_bars(
        self, title: str, bars: Sequence[MonthBar], this_label: str, last_label: str
    ) -> None:
        """Replace what is drawn: one pair of bars per month, the values above them."""
        self.plot.clear()
        self.legend.clear()
        self.plot.setTitle(title, color=(30, 30, 30), size="10pt")
        xs = list(range(len(bars)))
        this = [b.value for b in bars]
        last = [b.last_year for b in bars]
        self.bars = [
            pg.BarGraphItem(x=[x - WIDTH / 2 for x in xs], height=this, width=WIDTH, brush=THIS,
                            name=this_label),
            pg.BarGraphItem(x=[x + WIDTH / 2 for x in xs], height=last, width=WIDTH, brush=LAST,
                            name=last_label),
        ]  # fmt: skip
        for item in self.bars:
            self.plot.addItem(item)
        self.labels = []
        for x, value in zip(xs, this, strict=True):
            text = pg.TextItem(str(value), color=(30, 30, 30), anchor=(0.5, 1.0))
            text.setPos(x - WIDTH / 2, value)
            self.plot.addItem(text)
            self.labels.append(text)
        axis = self.plot.getAxis("bottom")
        axis.setTicks([[(x, f"{b.period.first:%Y-%m}") for x, b in zip(xs, bars, strict=True)]])
        top = max([*this, *last, 1])
        self.plot.setXRange(-0.7, max(len(bars) - 0.3, 0.3), padding=0)
        self.plot.setYRange(0, top * 1.18, padding=0)

    def values(self) -> tuple[list[float], list[float]]:
        """The heights drawn (this period, last year), for tests."""
        return (
            [float(h) for h in self.bars[0].opts["height"]],
            [float(h) for h in self.bars[1].opts["height"]],
        )
