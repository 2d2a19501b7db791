"""Text tables line up in a terminal with Chinese in them (a CJK character: two cells)."""

from __future__ import annotations

from workbench.cli.columns import cells, fit


def test_cells_count_wide_characters_twice() -> None:
    assert cells("abc") == 3
    assert cells("破获毒品犯罪案件") == 16
    assert cells("冰毒 (ice)") == 10  # ASCII: one cell each
    assert cells("（全角）") == 8


def test_fit_pads_by_cells_on_either_side() -> None:
    assert fit("海洛因", 10) == "海洛因    "
    assert fit("312.55 克", 12, ">") == "   312.55 克"
    assert cells(fit("其中部级目标案件", 30)) == cells(fit("Drug cases solved", 30)) == 30
    assert fit("a text longer than its column", 4) == "a text longer than its column"
