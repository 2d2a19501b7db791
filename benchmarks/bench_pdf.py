"""The prosecution package against a bare reportlab build of the same tables, same run.

Case: 500 suspects and 5,000 exhibits (``workbench.demo.synthetic``); smaller with
``BENCH_PDF_SUSPECTS`` / ``BENCH_PDF_SEIZURES``.

ours:     ``PackageService.export``: read the case, verify the audit chain, check
          completeness, lay out cover, contents, every section, one page per suspect,
          footers "page x of y", write atomically, hash and audit the file.
baseline: the same tables (the same rows of text, font and page breaks; equal column
          widths) handed to a plain ``SimpleDocTemplate`` with plain-string cells, in
          memory: no cover, contents, footers, wrapping, database or audit.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

from benchmarks.harness import Comparison, median_time
from workbench.demo.synthetic import build_large_case
from workbench.domain import vocab
from workbench.reports import formatting as fmt
from workbench.reports.fonts import cjk_font
from workbench.reports.model import PackageData
from workbench.services.accounts.users import UserService
from workbench.services.core.context import Context
from workbench.services.package.export import PackageService
from workbench.store import PassphraseKey, Store

PASS = "benchmark passphrase"
CODE = "BIG-2019-001"
SUSPECTS = int(os.environ.get("BENCH_PDF_SUSPECTS", "500"))
SEIZURES = int(os.environ.get("BENCH_PDF_SEIZURES", "5000"))


def _table(rows: Sequence[Sequence[str]], width: float, font: str) -> Table:
    cols = len(rows[0])
    style = TableStyle(
        [("FONT", (0, 0), (-1, -1), font, 7.5), ("GRID", (0, 0), (-1, -1), 0.4, (0.5, 0.5, 0.5))]
    )
    return Table(rows, colWidths=[width / cols] * cols, repeatRows=1, style=style)


def bare_build(data: PackageData, font: str) -> bytes:
    """The package's tables, nothing else, through plain reportlab."""
    portrait = A4[0] - 80
    wide = landscape(A4)[0] - 80
    lang = "zh_CN"
    story: list[object] = [
        _table(
            [["目录", ""]] + [[p.particulars.name, p.role] for p in data.suspects],
            portrait,
            font,
        ),
        PageBreak(),
    ]
    for p in data.suspects:
        x = p.particulars
        pairs = [
            ("姓名", x.name),
            ("别名", "、".join(x.aliases)),
            ("性别", x.sex or ""),
            ("出生日期", fmt.day(x.birth_date)),
            ("公民身份号码", x.id_number),
            ("民族", x.ethnicity),
            ("文化程度", x.education),
            ("职业", x.occupation),
            ("出生地", x.birthplace),
            ("电话", "、".join(x.phones)),
            ("户籍地", x.household_address),
            ("现住址", x.current_address),
            ("角色", p.role),
            ("状态", p.status),
            ("前科", x.prior_record),
            ("", ""),
        ]
        story.append(
            _table([[*pairs[k], *pairs[k + 1]] for k in range(0, len(pairs), 2)], portrait, font)
        )
        story.append(
            _table(
                [["措施", "决定", "起始", "终止", "文书", "场所"]]
                + [
                    [
                        vocab.label(vocab.MEASURES, m.kind, lang),
                        fmt.day(m.decided_on),
                        fmt.day(m.starts_on),
                        fmt.day(m.ends_on),
                        m.document_no,
                        m.place,
                    ]
                    for m in p.measures
                ],
                portrait,
                font,
            )
        )
        if p.deadlines:
            story.append(
                _table(
                    [["期限", "届满", "状态", "依据"]]
                    + [[d.kind, fmt.day(d.due), str(d.overdue), d.basis] for d in p.deadlines],
                    portrait,
                    font,
                )
            )
        if p.seizures:
            story.append(
                _table(
                    [["检材编号", "毒品", "净重", "依据"]]
                    + [[s.exhibit_no, s.drug, fmt.grams(s.net_mg), s.basis] for s in p.seizures],
                    portrait,
                    font,
                )
            )
            story.append(
                _table(
                    [["毒品", "净重", "等级"]]
                    + [[d.drug, fmt.grams(d.net_mg), d.tier or ""] for d in p.drugs],
                    portrait,
                    font,
                )
            )
        story.append(PageBreak())
    header = [
        "编号",
        "毒品",
        "形态",
        "包",
        "毛重",
        "皮重",
        "净重",
        "含量",
        "精度",
        "时间",
        "地点",
        "持有人",
        "报告",
    ]
    story.append(
        _table(
            [header]
            + [
                [
                    s.exhibit_no,
                    vocab.label(vocab.SUBSTANCES, s.drug, lang),
                    s.form,
                    str(s.package_count),
                    fmt.grams(s.gross_mg),
                    fmt.grams(s.tare_mg),
                    fmt.grams(s.net_mg),
                    fmt.purity(s.purity_bp),
                    fmt.grams(s.scale_resolution_mg),
                    fmt.local(s.seized_at, data.zone),
                    s.location,
                    s.from_person,
                    s.lab_report_no,
                ]
                for s in data.seizures
            ],
            wide,
            font,
        )
    )
    story.append(
        _table(
            [["毒品", "净重"]]
            + [[d, fmt.grams(mg)] for d, mg in sorted(data.drug_totals_mg.items())],
            portrait,
            font,
        )
    )
    story.append(PageBreak())
    story.append(
        _table(
            [["#", "记录", "问题"]]
            + [[str(n), i.subject, i.message(lang)] for n, i in enumerate(data.open_items, 1)],
            portrait,
            font,
        )
    )
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)
    return out.getvalue()


def run() -> list[Comparison]:
    with tempfile.TemporaryDirectory(prefix="workbench-bench-pdf-") as tmp:
        work = Path(tmp)
        db = work / "big.db"
        with Store.create(db, PassphraseKey(PASS)) as store:
            ctx = Context(store, "bench")
            UserService(ctx).add("bench", "admin")
            build_large_case(ctx, CODE, suspects=SUSPECTS, seizures=SEIZURES)
            service = PackageService(ctx)
            font = cjk_font().name
            data = service.gather(CODE)
            out = work / "package.pdf"

            def ours() -> None:
                service.export(CODE, out)

            def bare() -> None:
                bare_build(data, font)

            ours_s = median_time(ours, 3)
            bare_s = median_time(bare, 3)
            size = out.stat().st_size
        return [
            Comparison(
                f"export-pdf {SUSPECTS} suspects, {SEIZURES:,} exhibits",
                ours_s,
                bare_s,
                "bare reportlab, same tables+font",
                f"({size // 1024} KiB)",
            )
        ]


if __name__ == "__main__":
    for result in run():
        print(result.line())
