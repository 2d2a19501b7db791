"""Which evidence makes a link weak (drawn dashed): statements alone, or nothing."""

from __future__ import annotations

import pytest

from workbench.domain.evidence import is_weak_evidence


@pytest.mark.parametrize(
    "text",
    ["", "   ", "李某供述", "冯某供述(另案)", "高某讯问笔录", "二人供述,团伙核心", "证人证言",
     "群众举报", "confession of Li", "named by an informant"],
)  # fmt: skip
def test_statements_alone_or_nothing_are_weak(text: str) -> None:
    assert is_weak_evidence(text)


@pytest.mark.parametrize(
    "text",
    ["胡某供述及通话记录", "现场抓获及供述", "询问笔录及微信转账记录", "机动车登记信息",
     "侦查监控记录", "银行流水", "话单 call records: 3 calls", "租房合同", "实地走访",
     "冯某案卷宗(另案)", "Witness statement and CCTV footage", "bank statement"],
)  # fmt: skip
def test_a_record_beside_or_instead_of_a_statement_is_not_weak(text: str) -> None:
    assert not is_weak_evidence(text)
