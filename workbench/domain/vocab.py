"""Controlled vocabularies: stable keys stored in the database, labels for people.

Keys never change once released (they are in audit entries and saved files); labels may.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

Labels = Mapping[str, tuple[str, str]]  # key -> (zh_CN, en)


def _vocab(*items: tuple[str, str, str]) -> Labels:
    return MappingProxyType({key: (zh, en) for key, zh, en in items})


DRUGS: Labels = _vocab(
    ("methamphetamine", "甲基苯丙胺(冰毒)", "methamphetamine"),
    ("heroin", "海洛因", "heroin"),
    ("cocaine", "可卡因", "cocaine"),
    ("mdma", "MDMA(摇头丸)", "MDMA"),
    ("amphetamine", "苯丙胺", "amphetamine"),
    ("morphine", "吗啡", "morphine"),
    ("fentanyl", "芬太尼", "fentanyl"),
    ("methcathinone", "甲卡西酮", "methcathinone"),
    ("pethidine", "哌替啶(度冷丁)", "pethidine"),
    ("ketamine", "氯胺酮", "ketamine"),
    ("opium", "鸦片", "opium"),
    ("methadone", "美沙酮", "methadone"),
    ("tramadol", "曲马多", "tramadol"),
    ("ghb", "γ-羟丁酸", "GHB"),
    ("cannabis_oil", "大麻油", "cannabis oil"),
    ("cannabis_resin", "大麻脂", "cannabis resin"),
    ("cannabis_leaf", "大麻叶及大麻烟", "cannabis leaf"),
    # Further drugs with figures in 法释〔2016〕8号 Art. 1-2 (added for issue 12).
    ("dihydroetorphine", "二氢埃托啡", "dihydroetorphine"),
    ("codeine", "可待因", "codeine"),
    ("buprenorphine", "丁丙诺啡", "buprenorphine"),
    ("triazolam", "三唑仑", "triazolam"),
    ("methaqualone", "安眠酮", "methaqualone"),
    ("alprazolam", "阿普唑仑", "alprazolam"),
    ("khat", "恰特草", "khat"),
    ("caffeine", "咖啡因", "caffeine"),
    ("poppy_husk", "罂粟壳", "poppy husk"),
    ("barbital", "巴比妥", "barbital"),
    ("phenobarbital", "苯巴比妥", "phenobarbital"),
    ("caffeine_sodium_benzoate", "安钠咖", "caffeine sodium benzoate"),
    ("nimetazepam", "尼美西泮", "nimetazepam"),
    ("chlordiazepoxide", "氯氮卓", "chlordiazepoxide"),
    ("estazolam", "艾司唑仑", "estazolam"),
    ("diazepam", "地西泮", "diazepam"),
    ("bromazepam", "溴西泮", "bromazepam"),
    ("other", "其他毒品", "other drug"),
)

# Precursor chemicals (易制毒化学品) are a separate list and never summed with drugs.
PRECURSORS: Labels = _vocab(
    ("ephedrine", "麻黄碱", "ephedrine"),
    ("pseudoephedrine", "伪麻黄碱", "pseudoephedrine"),
    ("phenylacetone", "苯基丙酮", "phenylacetone"),
    ("other_precursor", "其他易制毒化学品", "other precursor"),
)

SUBSTANCES: Labels = MappingProxyType({**DRUGS, **PRECURSORS})

MEASURES: Labels = _vocab(
    ("criminal_detention", "刑事拘留", "criminal detention"),
    ("arrest", "逮捕", "arrest"),
    ("bail", "取保候审", "bail pending trial"),
    ("residential_surveillance", "监视居住", "residential surveillance"),
    ("administrative_detention", "行政拘留", "administrative detention"),
    ("compulsory_isolation", "强制隔离戒毒", "compulsory isolation rehabilitation"),
    ("community_rehab", "社区戒毒", "community rehabilitation"),
    ("community_recovery", "社区康复", "community recovery"),
    ("release", "释放", "release"),
)

# How a measure or a whole case was concluded: its deadlines stop running from that day.
CONCLUSIONS: Labels = _vocab(
    ("prosecution", "移送审查起诉", "sent for prosecution"),
    ("judgment", "判决生效", "judgment"),
    ("released", "释放", "released"),
    ("other", "其他", "other"),
)

CASE_LEVELS: Labels = _vocab(
    ("ministry_target", "部级目标案件", "ministry-level target case"),
    ("provincial_target", "省级目标案件", "provincial target case"),
    ("city_target", "市级目标案件", "city target case"),
    ("ordinary", "一般案件", "ordinary case"),
)

CASE_STATUSES: Labels = _vocab(
    ("open", "侦查中", "under investigation"),
    ("solved", "已破案", "solved"),
    ("prosecution", "已移送审查起诉", "sent for prosecution"),
    ("closed", "已结案", "closed"),
    ("suspended", "中止", "suspended"),
)

CASE_CATEGORIES: Labels = _vocab(
    ("manufacturing", "制造毒品", "manufacturing drugs"),
    ("trafficking", "贩卖毒品", "trafficking drugs"),
    ("manufacturing_trafficking", "制造、贩卖毒品", "manufacturing and trafficking drugs"),
    ("transporting", "运输毒品", "transporting drugs"),
    ("possession", "非法持有毒品", "illegal possession of drugs"),
    ("use_and_sale", "吸贩毒", "drug use and sale"),
    ("harbouring", "容留他人吸毒", "harbouring drug use"),
    ("precursors", "走私、非法买卖制毒物品", "precursor chemicals"),
    ("other", "其他涉毒案件", "other drug case"),
)

PARTY_ROLES: Labels = _vocab(
    ("principal", "主犯", "principal"),
    ("member", "团伙成员", "member"),
    ("manufacturer", "制毒人员", "manufacturer"),
    ("supplier", "上线(供货人)", "supplier"),
    ("buyer", "下线(购买人)", "buyer"),
    ("courier", "运毒人员", "courier"),
    ("user", "吸毒人员", "drug user"),
    ("witness", "证人", "witness"),
    ("informant", "举报人", "informant"),
    ("other", "其他", "other"),
)

PARTY_STATUSES: Labels = _vocab(
    ("at_large", "在逃", "at large"),
    ("detained", "已刑事拘留", "in criminal detention"),
    ("arrested", "已逮捕", "arrested"),
    ("bailed", "取保候审", "on bail"),
    ("surveillance", "监视居住", "under residential surveillance"),
    ("admin_detained", "行政拘留", "in administrative detention"),
    ("in_rehab", "强制隔离戒毒", "in compulsory rehabilitation"),
    ("community_rehab", "社区戒毒", "in community rehabilitation"),
    ("released", "已释放", "released"),
    ("not_applicable", "不适用", "not applicable"),
)

SEIZURE_FORMS: Labels = _vocab(
    ("crystal", "晶体", "crystal"),
    ("powder", "粉末", "powder"),
    ("tablet", "片剂", "tablet"),
    ("block", "块状", "block"),
    ("liquid", "液体", "liquid"),
    ("paste", "膏状", "paste"),
    ("plant", "植物", "plant material"),
    ("semi_finished", "半成品", "semi-finished"),
    ("other", "其他", "other"),
)

SEIZURE_STATUSES: Labels = _vocab(
    ("sealed", "已封存", "sealed"),
    ("sent_for_test", "已送检", "sent for testing"),
    ("tested", "已出鉴定", "tested"),
    ("transferred", "已随案移送", "transferred with the case"),
    ("destroyed", "已销毁", "destroyed"),
)

ATTRIBUTION_BASES: Labels = _vocab(
    ("possession", "持有", "possession"),
    ("joint_crime", "共同犯罪", "joint crime"),
    ("supplied", "供货", "supplied"),
)

ASSET_KINDS: Labels = _vocab(
    ("cash", "现金", "cash"),
    ("bank_deposit", "银行存款", "bank deposit"),
    ("vehicle", "车辆", "vehicle"),
    ("property", "房产", "property"),
    ("other", "其他财物", "other"),
)

ASSET_ACTIONS: Labels = _vocab(
    ("seized", "扣押", "seized"),
    ("frozen", "冻结", "frozen"),
    ("sealed_up", "查封", "sealed up"),
)

LOCATION_KINDS: Labels = _vocab(
    ("drug_lab", "制毒窝点", "drug lab"),
    ("stash", "藏毒点", "stash"),
    ("residence", "住所", "residence"),
    ("rented_flat", "出租房", "rented flat"),
    ("hotel", "宾馆", "hotel"),
    ("checkpoint", "检查站", "checkpoint"),
    ("meeting_point", "交易地点", "meeting point"),
    ("police_station", "公安机关", "police station"),
    ("detention_centre", "看守所", "detention centre"),
    ("rehab_centre", "戒毒所", "rehabilitation centre"),
    ("city", "城市", "city"),
    ("other", "其他", "other"),
)

EVENT_KINDS: Labels = _vocab(
    ("tip", "线索/举报", "tip-off"),
    ("case_opened", "立案", "case opened"),
    ("surveillance", "侦查监控", "surveillance"),
    ("meeting", "会面/交易", "meeting or deal"),
    ("call", "通话", "call"),
    ("payment", "资金往来", "payment"),
    ("raid", "抓捕行动", "raid"),
    ("arrest", "抓获", "apprehension"),
    ("seizure", "查获", "seizure"),
    ("search", "搜查", "search"),
    ("interrogation", "讯问", "interrogation"),
    ("drug_test", "吸毒检测", "drug test"),
    ("weighing", "称量取样", "weighing and sampling"),
    ("lab_test", "送检", "sent for testing"),
    ("measure", "强制措施", "compulsory measure"),
    ("target_designation", "目标案件确立", "target case designation"),
    ("other", "其他", "other"),
)

TIME_PRECISIONS: Labels = _vocab(
    ("minute", "分钟", "minute"),
    ("day", "日", "day"),
    ("month", "月", "month"),
    ("year", "年", "year"),
)

LINK_KINDS: Labels = _vocab(
    ("supplies", "供货给", "supplies"),
    ("buys_from", "从…购买", "buys from"),
    ("owns", "拥有", "owns"),
    ("drives", "驾驶", "drives"),
    ("resides_at", "居住于", "resides at"),
    ("operates", "经营/操作", "operates"),
    ("calls", "通话", "calls"),
    ("pays", "付款给", "pays"),
    ("accomplice", "同伙", "accomplice"),
    ("uses_with", "共同吸毒", "uses drugs with"),
    ("named", "供述指认", "named by"),
    ("relative", "亲属", "relative"),
)

ENTITY_KINDS: Labels = _vocab(
    ("case", "案件", "case"),
    ("person", "人员", "person"),
    ("party", "涉案人员", "case party"),
    ("measure", "强制措施", "measure"),
    ("vehicle", "车辆", "vehicle"),
    ("case_vehicle", "涉案车辆", "case vehicle"),
    ("seizure", "检材/物证", "seizure"),
    ("asset", "涉案财物", "asset"),
    ("location", "地点", "location"),
    ("event", "事件", "event"),
    ("link", "关系", "link"),
    ("attachment", "附件", "attachment"),
    ("attribution", "毒品归属", "seizure attribution"),
    ("custody", "保管交接", "custody entry"),
    ("member", "专案组成员", "task force member"),
    ("user", "用户", "user"),
    ("call_record", "话单记录", "call record"),
    ("bank_transaction", "银行流水", "bank transaction"),
    ("drug_use_finding", "吸毒查获记录", "drug-use finding"),
    ("rehab_decision", "戒毒处置决定", "rehabilitation decision"),
    ("rehab_handover", "出所/接收记录", "hand-over"),
    ("chart_layout", "关系图布局", "link chart layout"),
)

# Entities that a Link or an Event participant may point at.
LINKABLE_KINDS: tuple[str, ...] = ("person", "vehicle", "location", "seizure", "asset", "event")

# What the link chart draws: the linkable records, and telephone numbers and bank
# accounts from imported call records and bank statements. Keys are the prefixes of
# the chart's node ids ("person:12", "phone:13800000000").
NODE_KINDS: Labels = _vocab(
    ("person", "人员", "person"),
    ("vehicle", "车辆", "vehicle"),
    ("location", "地点", "location"),
    ("seizure", "检材/物证", "exhibit"),
    ("asset", "涉案财物", "asset"),
    ("event", "事件", "event"),
    ("phone", "电话号码", "phone number"),
    ("account", "银行账户", "bank account"),
)

# Links the chart derives from the records themselves (no Link row): who uses a number,
# holds an account, owns a vehicle; where and from whom an exhibit was seized; who took
# part in an event. With the Link kinds they label every line of the chart.
IMPLIED_LINK_KINDS: Labels = _vocab(
    ("uses_phone", "使用号码", "uses number"),
    ("holds_account", "持有账户", "holds account"),
    ("seized_from", "缴获自", "seized from"),
    ("found_at", "查获于", "found at"),
    ("took_part", "参与", "took part in"),
)
CHART_LINK_KINDS: Labels = MappingProxyType({**LINK_KINDS, **IMPLIED_LINK_KINDS})
# Relations without a direction (drawn without an arrow, walked both ways).
UNDIRECTED_LINK_KINDS: frozenset[str] = frozenset({"accomplice", "uses_with", "relative"})

AUDIT_ACTIONS: Labels = _vocab(
    ("create", "新增", "create"),
    ("update", "修改", "update"),
    ("delete", "删除", "delete"),
    ("restore", "恢复(撤销删除)", "restore"),
    ("bulk_create", "批量导入", "bulk create"),
    ("import", "文件导入", "file import"),
    ("export", "导出", "export"),
    ("login", "登录", "sign-in"),
    ("login_failure", "登录失败", "sign-in failure"),
    ("passwd", "修改口令", "passphrase change"),
    ("grant", "授权办案", "case access granted"),
    ("revoke", "撤销授权", "case access revoked"),
    ("rekey", "更换数据库密钥", "new database key"),
    ("convert", "转为个人密钥槽", "converted to personal key slots"),
    ("copy", "复制数据库", "database copied"),
)

# Audit actions that change no case's content (who may open it, who signed in, what left
# the workstation): the prosecution package's "as of" ignores them.
NON_DATA_ACTIONS: tuple[str, ...] = (
    "export",
    "login",
    "login_failure",
    "passwd",
    "grant",
    "revoke",
    "rekey",
    "convert",
    "copy",
)

USER_ROLES: Labels = _vocab(
    ("investigator", "侦查员", "investigator"),
    ("case_lead", "主办人", "case lead"),
    ("auditor", "审计员", "auditor"),
    ("admin", "管理员", "administrator"),
)

TASK_ROLES: Labels = _vocab(
    ("leader", "组长", "leader"),
    ("deputy_leader", "副组长", "deputy leader"),
    ("member", "组员", "member"),
)


# -- the drug-user registry (吸毒人员管理) --------------------------------------------

HOW_FOUND: Labels = _vocab(
    ("venue_check", "场所排查", "venue check"),
    ("follow_up", "顺线追查", "followed up from a case"),
    ("tip_110", "110报警", "110 call"),
    ("traffic_check", "交通查控", "traffic check"),
    ("community_check", "社区排查", "community check"),
    ("key_person_test", "重点人员检测", "test of a person of interest"),
    ("self_report", "主动报告", "came forward"),
    ("other", "其他", "other"),
)

TEST_METHODS: Labels = _vocab(
    ("urine", "尿液检测", "urine test"),
    ("hair", "毛发检测", "hair test"),
    ("blood", "血液检测", "blood test"),
    ("saliva", "唾液检测", "saliva test"),
)

TEST_RESULTS: Labels = _vocab(
    ("positive", "阳性", "positive"),
    ("negative", "阴性", "negative"),
)

# The decisions the registry records (the same keys as the measures they are).
REHAB_DECISIONS: Labels = _vocab(
    ("administrative_detention", "行政拘留", "administrative detention"),
    ("compulsory_isolation", "强制隔离戒毒", "compulsory isolation rehabilitation"),
    ("community_rehab", "社区戒毒", "community rehabilitation"),
    ("community_recovery", "社区康复", "community recovery"),
)

END_REASONS: Labels = _vocab(
    ("completed", "期满解除", "term completed"),
    ("early_release", "提前解除", "released early"),
    ("changed", "变更执行", "changed to another measure"),
    ("other", "其他", "other"),
)

HANDOVER_KINDS: Labels = _vocab(
    ("release_filing", "出所备案", "release filed"),
    ("community_reception", "社区接收", "received by the community"),
)

REGISTRY_STATUSES: Labels = _vocab(
    ("in_administrative_detention", "行政拘留执行中", "in administrative detention"),
    ("in_compulsory_isolation", "强制隔离戒毒中", "in compulsory isolation"),
    ("in_community_rehab", "社区戒毒中", "in community rehabilitation"),
    ("in_community_recovery", "社区康复中", "in community recovery"),
    ("known_user", "已查获,无在执行措施", "known drug user, nothing running"),
    ("tested_negative", "仅有阴性检测", "tested negative only"),
)

DUE_KINDS: Labels = _vocab(
    ("term_end", "期满", "term ends"),
    ("early_release_review", "可提前解除评估", "early release possible from"),
    ("release_filing", "出所备案", "release to be filed"),
    ("community_reception", "社区报到接收", "community to receive"),
)


def label(vocab: Labels, key: str, lang: str = "zh_CN") -> str:
    """The label for ``key`` in ``lang``; an unknown key is shown as itself, never hidden."""
    pair = vocab.get(key)
    if pair is None:
        return key
    return pair[0] if lang.startswith("zh") else pair[1]
