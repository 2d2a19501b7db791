"""The package's own words in Simplified Chinese and English (no Qt: the CLI prints it).

Vocabulary labels come from :mod:`workbench.domain.vocab`; this table holds headings,
column titles and sentences. ``t(key, lang, **fields)`` formats one.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_S: dict[str, tuple[str, str]] = {
    # cover
    "package_title": ("移送审查起诉材料", "Prosecution Package"),
    "package_subtitle": ("(起诉意见书附件)", "(annexes to the recommendation for prosecution)"),
    "classification": ("秘密", "SECRET"),
    "unit": ("办案单位", "Investigating unit"),
    "case_code": ("案件编号", "Case number"),
    "case_name": ("案件名称", "Case name"),
    "nickname": ("案件代号", "Case nickname"),
    "level": ("案件级别", "Case level"),
    "category": ("案件类别", "Category"),
    "status": ("案件状态", "Status"),
    "opened_on": ("立案日期", "Opened on"),
    "lead": ("主办人", "Case lead"),
    "marking": ("密级", "Classification"),
    "doc_date": ("材料日期", "Date"),
    "prepared_by": ("制作人", "Prepared by"),
    "police_no": ("警号", "police no."),
    "profile": ("适用规则", "Rules applied"),
    "redacted_note": (
        "本材料已对非犯罪嫌疑人的身份证号码、电话和住址作隐去处理。",
        "ID numbers, phone numbers and addresses of persons other than suspects are masked.",
    ),
    "date_note": (
        "材料日期为审计记录最后一次变更的日期;相同数据生成的文件逐字节相同。",
        "The date is that of the last recorded change; the same data gives a byte-identical file.",
    ),
    # contents and footer
    "contents": ("目  录", "Contents"),
    "page_x_of_y": ("第 {x} 页  共 {y} 页", "Page {x} of {y}"),
    "continued": ("(续)", "(continued)"),
    # section titles
    "sec_summary": ("一、案件概况", "1. Case summary"),
    "sec_suspects": ("二、犯罪嫌疑人", "2. Suspects"),
    "sec_others": ("三、其他涉案人员", "3. Other persons"),
    "sec_seizures": ("四、扣押毒品清单", "4. Seized drugs"),
    "sec_assets": ("五、涉案财物", "5. Cash and assets"),
    "sec_vehicles": ("六、涉案车辆", "6. Vehicles"),
    "sec_locations": ("七、涉案地点", "7. Locations"),
    "sec_events": ("八、案件事实时间表", "8. Chronology of events"),
    "sec_linkchart": ("九、关系图", "9. Link chart"),
    "sec_evidence": ("十、证据目录", "10. Evidence index"),
    "timeline_chart": ("案件时间线", "Timeline of the case"),
    "sec_custody": ("十一、物证保管链", "11. Chain of custody"),
    "sec_audit": ("十二、审计声明", "12. Audit statement"),
    "sec_open_items": ("待补正事项", "Open items"),
    # summary
    "source": ("案件来源", "Case source"),
    "how_caught": ("抓获经过", "How the suspects were caught"),
    "facts": ("案件事实", "Facts in order"),
    "task_force": ("专案组", "Task force"),
    "figures": ("主要数据", "Key figures"),
    "n_suspects": ("犯罪嫌疑人 {n} 人", "{n} suspects"),
    "n_seizures": ("检材 {n} 件", "{n} exhibits"),
    "n_vehicles": ("车辆 {n} 辆", "{n} vehicles"),
    "no_records": ("(无)", "(none)"),
    # particulars
    "name": ("姓名", "Name"),
    "aliases": ("别名/绰号", "Aliases"),
    "sex": ("性别", "Sex"),
    "sex_M": ("男", "male"),
    "sex_F": ("女", "female"),
    "birth_date": ("出生日期", "Date of birth"),
    "id_number": ("公民身份号码", "Resident ID number"),
    "ethnicity": ("民族", "Ethnicity"),
    "education": ("文化程度", "Education"),
    "occupation": ("职业/工作单位", "Occupation / employer"),
    "birthplace": ("出生地", "Birthplace"),
    "household_address": ("户籍地", "Household address"),
    "current_address": ("现住址", "Current address"),
    "phones": ("联系电话", "Phones"),
    "prior_record": ("前科劣迹", "Prior penalties"),
    "role": ("涉案角色", "Role"),
    "party_status": ("当前状态", "Status"),
    "measures": ("强制措施", "Compulsory measures"),
    "measure_kind": ("措施", "Measure"),
    "decided_on": ("决定日期", "Decided"),
    "starts_on": ("起始日期", "From"),
    "ends_on": ("终止日期", "Until"),
    "document_no": ("文书编号", "Document no."),
    "place": ("执行场所", "Place"),
    "deadlines": ("期限(截至材料日期)", "Running deadlines (as of the document date)"),
    "deadline_kind": ("期限", "Deadline"),
    "due": ("届满日期", "Due"),
    "deadline_state": ("状态", "State"),
    "passed": ("已届满", "passed"),
    "running": ("未届满", "running"),
    "deadline_arrest_request": ("提请批准逮捕", "request arrest approval"),
    "deadline_arrest_request_extended": (
        "提请批准逮捕(延长)",
        "request arrest approval (extended)",
    ),
    "deadline_arrest_request_gang": (
        "提请批准逮捕(流窜、多次、结伙)",
        "request arrest approval (roving/gang)",
    ),
    "deadline_procuratorate_decision": ("检察院批捕决定", "procuratorate's decision"),
    "deadline_investigation_custody": ("侦查羁押期限", "investigation custody"),
    "deadline_detention_term": ("行政拘留期满", "end of detention"),
    "deadline_rehab_term": ("戒毒期满", "end of rehabilitation"),
    "deadline_basis": ("依据", "Basis"),
    "basis_arrest_request": (
        "刑事拘留后三日内提请批准逮捕({profile})",
        "",
    ),
    "basis_arrest_request_extended": (
        "特殊情况下提请批准逮捕可延长一至四日({profile})",
        "",
    ),
    "basis_arrest_request_gang": (
        "流窜作案、多次作案、结伙作案的重大嫌疑分子,提请批准逮捕可延长至三十日({profile})",
        "",
    ),
    "basis_procuratorate_decision": (
        "检察院应在接到提请批准逮捕书后七日内作出决定({profile})",
        "",
    ),
    "basis_investigation_custody": (
        "逮捕后侦查羁押期限二个月,经批准可依次延长一、二、二个月({profile})",
        "",
    ),
    "basis_detention_term": ("吸毒行政拘留期限({profile})", ""),
    "basis_rehab_term": ("戒毒措施期限({profile})", ""),
    "attributed": ("涉案毒品", "Attributed seizures"),
    "exhibit_no": ("检材编号", "Exhibit no."),
    "drug": ("毒品", "Drug"),
    "net_g": ("净重(克)", "Net (g)"),
    "basis": ("归属依据", "Basis"),
    "per_drug": ("分类合计", "Per drug"),
    "tier": ("数量等级", "Quantity tier"),
    "heroin_equivalent": ("折合海洛因(克)", "Heroin equivalent (g)"),
    "tier_line": (
        "依据{profile},折合海洛因 {heq} 克,{tier}{excluded}",
        "Heroin equivalent {heq} g, {tier}{excluded}, under {profile}",
    ),
    "excluded": ("(不含:{items})", " (not included: {items})"),
    "grams_of": ("{what} {grams} 克", "{what} {grams} g"),
    "unit_g": ("克", "g"),
    "no_tier": ("未达定量标准", "no tier"),
    "aggravating": ("从重情节", "Aggravating circumstances"),
    "agg_principal": ("共同犯罪中的主犯", "principal in a joint crime"),
    "agg_roving_gang": ("流窜、多次或结伙作案", "roving, repeated or gang offending"),
    "agg_prior": ("有前科劣迹(毒品再犯须核实)", "prior record (check for drug recidivism)"),
    "none": ("无", "none"),
    # seizures
    "form": ("形态", "Form"),
    "packages": ("包数", "Pkgs"),
    "gross_g": ("毛重(克)", "Gross (g)"),
    "tare_g": ("皮重(克)", "Tare (g)"),
    "purity": ("含量", "Purity"),
    "scale": ("称量精度(克)", "Scale (g)"),
    "seized_at": ("查获时间", "Seized"),
    "seized_where": ("查获地点", "Where"),
    "from_whom": ("持有人", "From"),
    "test_report": ("鉴定报告编号", "Test report no."),
    "totals_per_drug": ("分类合计", "Totals per drug"),
    "total": ("合计", "Total"),
    "precursors": ("易制毒化学品(不计入毒品数量)", "Precursor chemicals (not added to drugs)"),
    "case_tier": (
        "全案依据{profile},折合海洛因 {heq} 克,{tier}{excluded}",
        "Whole case: heroin equivalent {heq} g, {tier}{excluded}, under {profile}",
    ),
    "case_concluded": (
        "本案已于{date}{how},强制措施期限不再计算。",
        "The case was concluded on {date} ({how}); no deadline runs any more.",
    ),
    "measure_concluded": ("{date}{how}", "{date} {how}"),
    # assets
    "asset_kind": ("类别", "Kind"),
    "asset_action": ("措施", "Action"),
    "amount": ("金额(元)", "Amount (CNY)"),
    "seized_on": ("日期", "Date"),
    "account": ("账户/开户行", "Account / bank"),
    "description": ("说明", "Description"),
    "totals_per_kind": ("分类合计", "Totals per kind"),
    "cash_total": ("现金合计(元)", "Cash total (CNY)"),
    "cash_line": ("现金合计 {amount}", "cash total {amount}"),
    # vehicles
    "plate": ("号牌", "Plate"),
    "vin": ("车辆识别代号", "VIN"),
    "make_model": ("品牌型号", "Make / model"),
    "colour": ("颜色", "Colour"),
    "owner": ("所有人", "Owner"),
    "seized": ("扣押", "Seized"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # locations
    "location_name": ("名称", "Name"),
    "location_kind": ("类别", "Kind"),
    "address": ("地址", "Address"),
    "coordinates": ("坐标", "Coordinates"),
    # events
    "when": ("时间", "When"),
    "event_kind": ("类别", "Kind"),
    "event": ("事件", "Event"),
    # link chart
    "linkchart_key": (
        "实线表示有客观证据(通话记录、银行流水、登记信息、现场抓获等)的关系,虚线表示仅有言词证据"
        "(供述、证言、笔录)的关系;箭头指向关系的对象;线条越粗,所代表的通话、转账或关系越多。",
        "Solid lines are links backed by records (call records, bank statements, registrations, "
        "arrests on the spot…), dashed lines links resting on statements alone; arrows point "
        "to the relation's object; thicker lines stand for more calls, transfers or links.",
    ),
    # evidence
    "file": ("文件", "File"),
    "size": ("字节", "Bytes"),
    "sha256": ("SHA-256", "SHA-256"),
    "added_at": ("录入时间", "Added"),
    # custody
    "custody_at": ("时间", "When"),
    "from_holder": ("移交人", "From"),
    "to_holder": ("接收人", "To"),
    "purpose": ("用途", "Purpose"),
    "custody_place": ("地点", "Place"),
    # audit
    "audit_entries": ("审计记录条数", "Audit entries"),
    "audit_verified": ("导出时校验哈希链", "Hash chain verified at export"),
    "audit_ok": ("通过", "passed"),
    "audit_failed": ("未通过", "FAILED"),
    "audit_head": ("最后一条记录", "Head entry"),
    "audit_head_hash": ("最后一条记录哈希值", "Head hash"),
    "audit_note": (
        "本声明涵盖审计记录第 1 至第 {n} 条(最后一次数据变更)。其后的记录仅为本材料的导出记录,"
        "不计入本声明,以保证相同数据生成逐字节相同的文件;每次导出均在审计记录中留存所导出文件的 "
        "SHA-256 值,可据此核对文件未被改动。",
        "This statement covers audit entries 1 to {n} (the last change to the data). Later "
        "entries only record exports of this package and are left out, so the same data gives a "
        "byte-identical file; each export records the exported file's SHA-256 in the trail, "
        "against which this file can be checked.",
    ),
    # open items
    "open_items_note": (
        "导出时以下事项尚未补正,移送前应补充材料或附情况说明:",
        "These items were still open when the package was exported; supply the missing "
        "records or an explanatory note before the case is sent:",
    ),
    "item_record": ("记录", "Record"),
    "item_problem": ("问题", "Problem"),
    "entity_person": ("人员", "person"),
    "entity_seizure": ("检材", "exhibit"),
    "entity_custody": ("保管交接", "custody entry"),
    "entity_attachment": ("附件", "attachment"),
    "entity_case": ("案件", "case"),
    "entity_vehicle": ("车辆", "vehicle"),
    "entity_measure": ("强制措施", "measure"),
}

STRINGS: Mapping[str, tuple[str, str]] = MappingProxyType(_S)

AGGRAVATING = ("agg_principal", "agg_roving_gang", "agg_prior")


def t(key: str, lang: str, **fields: object) -> str:
    """The text of ``key`` in ``lang`` ("zh_CN" or "en"), with ``fields`` filled in."""
    zh, en = STRINGS[key]
    text = zh if lang.startswith("zh") else en
    return text.format(**fields) if fields else text
