"""A case of 500 suspects and 5,000 exhibits exports, complete and in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.reports.pdfread import compact
from workbench.demo.synthetic import build_large_case
from workbench.services.core.context import Context
from workbench.services.package.export import PackageService


@pytest.mark.slow
def test_500_suspects_5000_seizures(ctx: Context, tmp_path: Path) -> None:
    build_large_case(ctx, "BIG-2019-001", suspects=500, seizures=5000)
    out = tmp_path / "big.pdf"
    result = PackageService(ctx).export("BIG-2019-001", out, lang="en")
    reader = PdfReader(str(out))
    assert len(reader.pages) == result.pages > 500  # at least a page per suspect
    outline = [item for item in reader.outline if not isinstance(item, list)]
    titles = [str(item.title) for item in outline]
    seizures_page = reader.get_destination_page_number(outline[titles.index("4. Seized drugs")])
    assets_page = reader.get_destination_page_number(outline[titles.index("5. Cash and assets")])
    listing = compact(
        "".join(reader.pages[p].extract_text() for p in range(seizures_page, assets_page))
    )
    for k in (1, 2500, 5000):
        assert f"BIG-2019-001-JC{k:05d}" in listing
    # Every exhibit of the list is there once (the header repeats, rows do not).
    assert listing.count("BIG-2019-001-JC") == 5000
    last = compact(reader.pages[-1].extract_text())
    assert f"Page{result.pages}of{result.pages}" in last
