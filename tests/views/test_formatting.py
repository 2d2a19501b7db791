"""Cell formatting rules, without Qt: exact units, the workstation zone, both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from workbench.views.formatting import CellFormatter

ZH = CellFormatter("zh_CN")
EN = CellFormatter("en")


@pytest.mark.parametrize(
    ("kind", "value", "zh", "en"),
    [
        ("weight", 26_000_000, "26,000", "26,000"),
        ("weight", 10, "0.01", "0.01"),
        ("weight", 7_985_500, "7,985.5", "7,985.5"),
        ("money", 206_000_000, "¥2,060,000.00", "¥2,060,000.00"),
        ("money", 5, "¥0.05", "¥0.05"),
        ("purity", 7860, "78.60%", "78.60%"),
        ("int", 100_000, "100,000", "100,000"),
        ("bool", True, "✓", "✓"),
        ("bool", False, "", ""),
        ("list", ["老库", "库哥"], "老库、库哥", "老库, 库哥"),
        ("date", date(2019, 3, 30), "2019-03-30", "2019-03-30"),
        ("vocab:PARTY_ROLES", "principal", "主犯", "principal"),
        ("vocab:DRUGS", "methamphetamine", "甲基苯丙胺(冰毒)", "methamphetamine"),
        ("vocab:DRUGS", "unknown-key", "unknown-key", "unknown-key"),
        ("text", "M", "男", "male"),
        ("text", "平顶山", "平顶山", "平顶山"),
        ("text", None, "", ""),
        ("weight", None, "", ""),
    ],
)
def test_cells(kind: str, value: object, zh: str, en: str) -> None:
    assert ZH.format(kind, value) == zh
    assert EN.format(kind, value) == en


def test_times_are_shown_in_the_workstation_zone_at_their_precision() -> None:
    utc = datetime(2019, 3, 29, 16, 30, tzinfo=UTC)  # 00:30 on the 30th in Beijing
    assert ZH.format("datetime", utc) == "2019-03-30 00:30"
    assert ZH.format("datetime", utc, {"precision": "day"}) == "2019-03-30"
    assert ZH.format("datetime", utc, {"precision": "month"}) == "2019-03"
    assert ZH.format("datetime", utc, {"precision": "year"}) == "2019"
    assert CellFormatter(zone="UTC").format("datetime", utc) == "2019-03-29 16:30"
    assert ZH.format("datetime", datetime(2019, 3, 29, 16, 30, 5, tzinfo=UTC)).endswith(":05")


def test_injected_grouping_and_decimal_point() -> None:
    german = CellFormatter("en", group=lambda n: f"{n:,}".replace(",", "."), decimal_point=",")
    assert german.format("money", 123_456_78) == "¥123.456,78"
    assert german.format("weight", 1_234_500) == "1.234,5"
    assert EN.decimal(Decimal("26000.000")) == "26,000"
    assert EN.decimal(Decimal("0.500")) == "0.5"


def test_audit_changes_read_as_fields_not_json() -> None:
    update = '{"before": {"title": "旧", "level": null}, "after": {"title": "新", "level": "A"}}'
    assert EN.format("changes", update) == "level: ∅ → A; title: 旧 → 新"
    assert ZH.format("changes", update) == "level: ∅ → A；title: 旧 → 新"
    create = '{"after": {"name": "朱某", "aliases": [], "notes": "", "id": 27}}'
    assert EN.format("changes", create) == "id=27; name=朱某"
    long = '{"after": {"summary": "' + "案" * 100 + '"}}'
    assert EN.format("changes", long).endswith("…")
    assert EN.format("changes", '{"sha256": "ab", "rows": 3}') == "rows=3; sha256=ab"
    assert EN.format("vocab:AUDIT_ACTIONS", "create") == "create"
    assert ZH.format("vocab:AUDIT_ACTIONS", "export") == "导出"
