"""The link chart's colours and shapes, shared by the printed chart and the window.

Plain data (no reportlab, no Qt): ``reports.link_chart`` draws the package's chart with
it and the window's Link chart tab paints its nodes and lines with it, so the printed
chart looks like the one on screen. Colours are hex strings; shapes are names both
sides know ("circle", "square", "triangle", "diamond", "hexagon", "small_circle",
"small_square").
"""

from __future__ import annotations

# node kind -> (fill colour, shape); persons are filled by role instead
NODE_STYLE: dict[str, tuple[str, str]] = {
    "person": ("#9e9e9e", "circle"),
    "vehicle": ("#5b7fa8", "square"),
    "location": ("#3a8f4a", "triangle"),
    "seizure": ("#8c564b", "diamond"),
    "asset": ("#d4a017", "square"),
    "event": ("#7f7f7f", "hexagon"),
    "phone": ("#17becf", "small_circle"),
    "account": ("#bcbd22", "small_square"),
}
ROLE_COLOURS: dict[str, str] = {
    "principal": "#c62828",
    "manufacturer": "#6a1b9a",
    "supplier": "#f9a825",
    "member": "#ef6c00",
    "courier": "#a1887f",
    "buyer": "#1e88e5",
    "user": "#00897b",
    "witness": "#43a047",
    "informant": "#7cb342",
    "other": "#9e9e9e",
}
# link kind -> line colour: drugs red, money green, calls blue, people purple, things grey
LINK_COLOURS: dict[str, str] = {
    "supplies": "#c62828",
    "buys_from": "#e57373",
    "pays": "#2e7d32",
    "calls": "#1565c0",
    "accomplice": "#6a1b9a",
    "uses_with": "#8e24aa",
    "named": "#ab47bc",
    "relative": "#ba68c8",
    "owns": "#6d4c41",
    "drives": "#8d6e63",
    "resides_at": "#558b2f",
    "operates": "#ef6c00",
    "seized_from": "#bf360c",
    "found_at": "#bf360c",
    "uses_phone": "#90a4ae",
    "holds_account": "#90a4ae",
    "took_part": "#b0bec5",
}
FALLBACK = "#7f7f7f"
SUSPECT_EDGE = "#212121"
AT_LARGE = "#d32f2f"
WEAK_DASH = (3, 2)
