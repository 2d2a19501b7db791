"""What each field in an audit entry is called and how its value reads (no Qt, no SQL).

An audit entry keeps the columns it changed by their model names (``net_mg``,
``from_person_id``); an auditor reads "净重 8,048 g" and "查获自 库某". This table gives
every audited column its label in both languages and its kind of value. A column
missing here is shown by a label made from its name and flagged by
tests/services/test_audit_text.py, which walks every audited model.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from workbench.domain import vocab

Label = tuple[str, str]  # (zh_CN, en)

# Labels by field name, for every entity that does not say otherwise below.
FIELD_LABELS: Mapping[str, Label] = MappingProxyType(
    {
        "code": ("案件编号", "case code"),
        "title": ("标题", "title"),
        "nickname": ("简称", "nickname"),
        "category": ("案件类别", "category"),
        "level": ("案件级别", "level"),
        "status": ("状态", "status"),
        "unit": ("承办单位", "unit"),
        "opened_on": ("立案日期", "opened on"),
        "closed_on": ("结案日期", "closed on"),
        "lead": ("主办人", "case lead"),
        "source": ("来源", "source"),
        "summary": ("简要案情", "summary"),
        "created_at": ("创建时间", "created"),
        "name": ("名称", "name"),
        "position": ("职务", "position"),
        "task_role": ("专案组职务", "task force role"),
        "user_name": ("用户名", "user name"),
        "user_id": ("用户", "user"),
        "granted_at": ("授权时间", "granted"),
        "aliases": ("绰号", "aliases"),
        "sex": ("性别", "sex"),
        "birth_date": ("出生日期", "date of birth"),
        "id_number": ("身份证号", "ID number"),
        "ethnicity": ("民族", "ethnicity"),
        "education": ("文化程度", "education"),
        "occupation": ("职业", "occupation"),
        "birthplace": ("籍贯", "birthplace"),
        "household_address": ("户籍地址", "household address"),
        "current_address": ("现住址", "current address"),
        "phones": ("电话", "phones"),
        "prior_record": ("前科", "prior record"),
        "notes": ("备注", "notes"),
        "person_id": ("人员", "person"),
        "role": ("涉案角色", "role in the case"),
        "is_suspect": ("犯罪嫌疑人", "suspect"),
        "roving_or_gang": ("流窜、多次或结伙作案", "roving, repeated or gang"),
        "kind": ("类别", "kind"),
        "decided_on": ("决定日期", "decided on"),
        "starts_on": ("起始日期", "starts on"),
        "ends_on": ("截止日期", "ends on"),
        "extension_steps": ("延长次数", "extensions"),
        "document_no": ("文书编号", "document no."),
        "place": ("地点", "place"),
        "plate": ("号牌号码", "plate"),
        "vin": ("车辆识别代号", "VIN"),
        "make": ("品牌", "make"),
        "model": ("型号", "model"),
        "colour": ("颜色", "colour"),
        "owner_id": ("车主", "owner"),
        "vehicle_id": ("车辆", "vehicle"),
        "seized": ("已扣押", "seized"),
        "seized_on": ("扣押日期", "seized on"),
        "exhibit_no": ("检材编号", "exhibit no."),
        "drug": ("毒品种类", "drug"),
        "form": ("形态", "form"),
        "package_count": ("包数", "packages"),
        "gross_mg": ("毛重", "gross weight"),
        "tare_mg": ("包装重", "packaging weight"),
        "net_mg": ("净重", "net weight"),
        "scale_resolution_mg": ("衡器分度值", "scale resolution"),
        "purity_bp": ("含量", "purity"),
        "seized_at": ("查获时间", "seized at"),
        "location_id": ("查获地点", "place of seizure"),
        "from_person_id": ("查获自", "seized from"),
        "lab_report_no": ("鉴定书编号", "lab report no."),
        "sent_for_test_on": ("送检日期", "sent for testing on"),
        "complex_case": ("复杂、重大或异地案件", "complex, large or out-of-area"),
        "seizure_id": ("检材", "exhibit"),
        "basis": ("归属依据", "basis"),
        "amount_fen": ("金额", "amount"),
        "action": ("处置", "action"),
        "account": ("账号", "account"),
        "bank": ("开户行", "bank"),
        "description": ("说明", "description"),
        "filename": ("文件名", "file name"),
        "media_type": ("文件类型", "file type"),
        "size": ("大小(字节)", "size (bytes)"),
        "sha256": ("SHA-256 校验值", "SHA-256"),
        "content": ("内容(SHA-256)", "content (SHA-256)"),
        "added_at": ("添加时间", "added"),
        "item_type": ("物品类型", "item kind"),
        "item_id": ("物品", "item"),
        "from_holder": ("移交人", "from"),
        "to_holder": ("接收人", "to"),
        "at": ("时间", "when"),
        "purpose": ("事由", "purpose"),
        "address": ("地址", "address"),
        "lat": ("纬度", "latitude"),
        "lon": ("经度", "longitude"),
        "occurred_at": ("发生时间", "occurred at"),
        "precision": ("时间精度", "precision"),
        "ends_at": ("结束时间", "ends at"),
        "participants": ("参与对象", "participants"),
        "a_type": ("一方类型", "first party kind"),
        "a_id": ("一方", "first party"),
        "b_type": ("另一方类型", "second party kind"),
        "b_id": ("另一方", "second party"),
        "evidence": ("依据", "evidence"),
        "display_name": ("姓名", "full name"),
        "active": ("有效", "active"),
        "caller": ("主叫号码", "caller"),
        "callee": ("被叫号码", "callee"),
        "started_at": ("开始时间", "started at"),
        "duration_s": ("通话时长(秒)", "duration (s)"),
        "direction": ("方向", "direction"),
        "cell": ("基站", "cell"),
        "imei": ("IMEI", "IMEI"),
        "holder_name": ("户名", "account holder"),
        "counterparty_account": ("对方账号", "counterparty account"),
        "counterparty_name": ("对方户名", "counterparty"),
        "channel": ("渠道", "channel"),
        "memo": ("摘要", "memo"),
        # keys of entries that are not a record's columns
        "user": ("用户", "user"),
        "failures_before": ("此前失败次数", "failed attempts before"),
        "rows": ("行数", "rows"),
        "columns": ("列", "columns"),
        "records": ("案件中的记录", "records in the case"),
        "file": ("文件", "file"),
        "pages": ("页数", "pages"),
        "lang": ("语言", "language"),
        "redacted": ("已隐去个人信息", "redacted"),
        "sections": ("内容", "sections"),
        "open_items": ("待补正事项", "open items"),
        "audit_head_seq": ("审计日志截至第几条", "audit trail up to entry"),
        "font_embedded": ("已嵌入字体", "font embedded"),
        "reason": ("原因", "reason"),
        "generation": ("密钥代数", "key generation"),
        "users": ("用户", "users"),
        "to": ("转为", "converted to"),
        "owner": ("操作人", "by"),
        "backup": ("备份文件", "backup"),
        "encoding": ("文本编码", "encoding"),
        "mapping": ("列对应", "column mapping"),
        "derived": ("派生记录", "derived records"),
        "concluded_on": ("终结日期", "concluded on"),
        "conclusion": ("终结方式", "concluded by"),
        "solved_on": ("破案日期", "solved on"),
        "prosecuted_on": ("移送起诉日期", "sent for prosecution on"),
        "sampled_count": ("抽样包数", "packages sampled"),
        "police_no": ("警号", "police number"),
    }
)

# Where one entity calls a field otherwise than FIELD_LABELS does.
ENTITY_LABELS: Mapping[tuple[str, str], Label] = MappingProxyType(
    {
        ("case", "title"): ("案件名称", "title"),
        ("case", "source"): ("案件来源", "case source"),
        ("case", "status"): ("案件状态", "status"),
        ("person", "name"): ("姓名", "name"),
        ("member", "name"): ("姓名", "name"),
        ("user", "name"): ("用户名", "user name"),
        ("user", "role"): ("角色", "role"),
        ("party", "status"): ("处理状态", "status"),
        ("measure", "kind"): ("强制措施", "measure"),
        ("measure", "place"): ("执行场所", "place"),
        ("asset", "kind"): ("财物类别", "kind of asset"),
        ("asset", "seized_on"): ("扣押、冻结日期", "seized or frozen on"),
        ("asset", "from_person_id"): ("来源人员", "from"),
        ("attribution", "person_id"): ("归属人员", "attributed to"),
        ("location", "kind"): ("地点类型", "kind of place"),
        ("event", "kind"): ("事件类型", "kind of event"),
        ("event", "source"): ("信息来源", "source"),
        ("link", "kind"): ("关系类型", "kind of link"),
        ("link", "starts_on"): ("开始日期", "from"),
        ("link", "ends_on"): ("结束日期", "until"),
        ("seizure", "status"): ("检材状态", "status"),
    }
)

# Vocabulary-valued fields: (entity, field) first, then field alone.
_VOCABS: Mapping[tuple[str, str], vocab.Labels] = MappingProxyType(
    {
        ("case", "status"): vocab.CASE_STATUSES,
        ("party", "status"): vocab.PARTY_STATUSES,
        ("seizure", "status"): vocab.SEIZURE_STATUSES,
        ("measure", "kind"): vocab.MEASURES,
        ("asset", "kind"): vocab.ASSET_KINDS,
        ("location", "kind"): vocab.LOCATION_KINDS,
        ("event", "kind"): vocab.EVENT_KINDS,
        ("link", "kind"): vocab.LINK_KINDS,
        ("user", "role"): vocab.USER_ROLES,
        ("party", "role"): vocab.PARTY_ROLES,
        ("asset", "action"): vocab.ASSET_ACTIONS,
    }
)
_FIELD_VOCABS: Mapping[str, vocab.Labels] = MappingProxyType(
    {
        "conclusion": vocab.CONCLUSIONS,
        "category": vocab.CASE_CATEGORIES,
        "level": vocab.CASE_LEVELS,
        "task_role": vocab.TASK_ROLES,
        "drug": vocab.SUBSTANCES,
        "form": vocab.SEIZURE_FORMS,
        "basis": vocab.ATTRIBUTION_BASES,
        "precision": vocab.TIME_PRECISIONS,
        "item_type": vocab.ENTITY_KINDS,
        "a_type": vocab.ENTITY_KINDS,
        "b_type": vocab.ENTITY_KINDS,
        "entity_type": vocab.ENTITY_KINDS,
    }
)

# Fields naming another record by id: field -> the kind of record (or the field that
# holds the kind, written "@field").
REFERENCES: Mapping[str, str] = MappingProxyType(
    {
        "person_id": "person",
        "from_person_id": "person",
        "owner_id": "person",
        "location_id": "location",
        "seizure_id": "seizure",
        "vehicle_id": "vehicle",
        "user_id": "user",
        "attachment_id": "attachment",
        "event_id": "event",
        "item_id": "@item_type",
        "a_id": "@a_type",
        "b_id": "@b_type",
    }
)

BOOLEAN = frozenset(
    {
        "is_suspect",
        "roving_or_gang",
        "seized",
        "complex_case",
        "active",
        "redacted",
        "font_embedded",
    }
)
# Columns an auditor never needs: the row's own id and the case the entry names anyway.
HIDDEN = frozenset({"id", "case_id"})

SEX: Mapping[str, Label] = MappingProxyType({"M": ("男", "male"), "F": ("女", "female")})


def _pick(pair: Label, lang: str) -> str:
    return pair[0] if lang.startswith("zh") else pair[1]


def field_label(entity: str, field: str, lang: str) -> str:
    """The field's name for people ("净重", "net weight"); never the column name unless
    the field is unknown, and then with its underscores spelled out."""
    pair = ENTITY_LABELS.get((entity, field)) or FIELD_LABELS.get(field)
    return _pick(pair, lang) if pair else field.replace("_", " ")


def field_vocab(entity: str, field: str) -> vocab.Labels | None:
    return _VOCABS.get((entity, field)) or _FIELD_VOCABS.get(field)


def field_kind(entity: str, field: str) -> str:
    """How a value of the field reads: weight, money, purity, bool, date, datetime,
    vocab, ref, sex, or text."""
    if field.endswith("_mg"):
        return "weight"
    if field.endswith("_fen"):
        return "money"
    if field.endswith("_bp"):
        return "purity"
    if field in BOOLEAN:
        return "bool"
    if field in REFERENCES:
        return "ref"
    if field == "sex":
        return "sex"
    if field_vocab(entity, field) is not None:
        return "vocab"
    if field.endswith("_on") or field == "birth_date":
        return "date"
    if field.endswith("_at") or field == "at":
        return "datetime"
    return "text"
