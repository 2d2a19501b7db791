"""How strong the evidence written on a link is: what the link chart draws dashed.

Criminal Procedure Law Art. 55: "重证据,重调查研究,不轻信口供" — a statement alone,
without other evidence, does not prove a fact. A link is **weak** when its evidence
text names no source at all, or names only statements (a suspect's confession, a
witness's account, an interrogation record, a tip) and no record that exists apart
from what someone said (call records, bank statements, registrations, surveillance,
being caught on the spot, contracts, seizures, lab reports).

Decided from the demo and imported data: "李某供述", "冯某供述(另案)", "高某讯问笔录"
are weak; "胡某供述及通话记录", "现场抓获及供述", "机动车登记信息", "话单 call records…"
are not. Evidence that names neither kind ("实地走访", "冯某案卷宗(另案)") is an
investigator's own finding or a file, not a statement: not weak. The markers are data
(below) so a task force can extend them; matching is on substrings, case-insensitive.
"""

from __future__ import annotations

# Words that name a statement: what a person said, not a record.
TESTIMONY_MARKERS: tuple[str, ...] = (
    "供述",
    "供认",
    "交代",
    "辨认",
    "指认",
    "笔录",
    "证言",
    "陈述",
    "举报",
    "线索",
    "口供",
    "confess",
    "testimon",
    "interrogat",
    "interview",
    "witness",
    "informant",
    "tip-off",
    "told ",
    "said ",
    "named by",
)

# Words that name a record that exists apart from anyone's statement.
RECORD_MARKERS: tuple[str, ...] = (
    "记录",
    "话单",
    "流水",
    "转账",
    "登记",
    "监控",
    "抓获",
    "查获",
    "缴获",
    "扣押",
    "合同",
    "户籍",
    "鉴定",
    "检测",
    "照片",
    "视频",
    "录像",
    "票据",
    "物证",
    "书证",
    "record",
    "bank statement",
    "transfer",
    "registration",
    "register",
    "surveillance",
    "cctv",
    "caught",
    "seized",
    "contract",
    "lab report",
    "photo",
    "video",
    "receipt",
)


def is_weak_evidence(evidence: str) -> bool:
    """True when ``evidence`` is empty or rests on statements alone (CPL Art. 55)."""
    text = evidence.strip().lower()
    if not text:
        return True
    if any(marker in text for marker in RECORD_MARKERS):
        return False
    return any(marker in text for marker in TESTIMONY_MARKERS)
