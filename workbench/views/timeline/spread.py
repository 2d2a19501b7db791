"""Markers close in time on one lane, moved apart within the lane so none hides another.

Which markers are "close" depends on the zoom: two events an hour apart overlap when a
pixel is a day and stand apart when a pixel is a minute. So the offsets are recomputed
from the current seconds-per-pixel (cheap: a sort and a few vectorised passes, no loop
over points). A run of markers each less than a marker's width after the one before is
one cluster; its members take the sub-rows 0, +1, -1, +2, -2, 0 … in time order.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]

SUB_ROWS = 5  # sub-rows a cluster cycles through
SUB_ROW_STEP = 0.15  # lanes between sub-rows (lanes are 1 apart; ±0.3 at most)


def spread_offsets(
    x: F64, lane: npt.NDArray[np.floating] | npt.NDArray[np.integer], width: float
) -> F64:
    """A y offset (in lanes) per point: 0 for a point alone, sub-rows for a cluster.

    ``width`` is a marker's width in x units (seconds) at the current zoom.
    """
    n = len(x)
    out = np.zeros(n)
    if n < 2 or width <= 0:
        return out
    order = np.lexsort((x, lane))
    xs, ls = x[order], np.asarray(lane)[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = (ls[1:] != ls[:-1]) | (np.diff(xs) >= width)
    index = np.arange(n)
    first = np.maximum.accumulate(np.where(starts, index, 0))
    slot = (index - first) % SUB_ROWS
    units = np.where(slot % 2 == 1, (slot + 1) // 2, -(slot // 2))
    out[order] = units * SUB_ROW_STEP
    return out
