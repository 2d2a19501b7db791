"""Small pieces of the layout: numbering, cell fitting, exact number formats."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from workbench.reports import formatting as fmt
from workbench.reports.fonts import cjk_font
from workbench.reports.pages import PageBook
from workbench.reports.persons import chinese_number
from workbench.reports.render import Render
from workbench.reports.styles import make_styles


def render() -> Render:
    font = cjk_font().name
    book = PageBook(font, "", "", "{x}/{y}", "D:20000101000000+00'00'")
    return Render("zh_CN", make_styles(font), book, 515, 762)


def test_chinese_item_numbers() -> None:
    cases = {1: "一", 10: "十", 15: "十五", 25: "二十五", 100: "一百", 105: "一百零五",
             110: "一百一十", 476: "四百七十六", 1010: "一千零一十"}  # fmt: skip
    assert {n: chinese_number(n) for n in cases} == cases


def test_cells_wrap_only_when_they_do_not_fit() -> None:
    r = render()
    assert r.fit("2019-02-26", 60) == "2019-02-26"
    assert r.fit("PDS-2019-001-JC01", 90) == "PDS-2019-001-JC01"
    long = "河南省平顶山市新华区某街道某小区某号楼某单元某室"
    wrapped = r.fit(long, 60)
    assert isinstance(wrapped, Paragraph)
    assert wrapped.wrap(60, 1000)[1] > 2 * r.st.cell.leading  # several lines, inside 60 pt
    assert isinstance(r.fit("a\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 60), Paragraph)


def test_money_and_weights_are_exact() -> None:
    assert fmt.money(206_000_000) == "2,060,000.00"
    assert fmt.money(5) == "0.05"
    assert fmt.grams(26_000_000) == "26000"
    assert fmt.grams(49_270) == "49.27"
    assert fmt.grams(None) == ""
    assert fmt.purity(7835) == "78.35 %"
