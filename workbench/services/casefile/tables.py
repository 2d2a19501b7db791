"""The case's records as pages of table rows: sorted, filtered and paged in SQL.

The window shows cases with 100,000 events; it must never load them all to sort or to
filter. Each table is declared once here (its columns, their SQL expressions and the
joins that resolve names), and every request becomes one ``SELECT … ORDER BY … LIMIT
… OFFSET …``. Rows are plain dicts of model values (int mg, int fen, aware UTC
datetimes, vocabulary keys): formatting is the view's business.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Select,
    SQLColumnExpression,
    String,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
    type_coerce,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased
from sqlalchemy.types import NullType

from workbench.domain import vocab
from workbench.domain.permissions import AUDIT_READ, CASE_READ
from workbench.models import (
    Asset,
    Attachment,
    AuditEntry,
    CaseFile,
    CaseParty,
    CaseVehicle,
    CustodyEntry,
    Event,
    Link,
    Location,
    Measure,
    Person,
    Seizure,
    Vehicle,
)
from workbench.services.core.audit_text import preload
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected, NotFound
from workbench.services.core.record_names import RecordNames

ENTITIES = (
    "persons",
    "measures",
    "vehicles",
    "seizures",
    "assets",
    "locations",
    "events",
    "links",
    "attachments",
    "custody",
    "audit",
)

# Column kinds whose stored text is what the user reads, so LIKE can search it.
_SEARCHABLE = frozenset({"text", "list", "date", "changes", "audit_record"})


@dataclass(frozen=True)
class Column:
    """One visible column. ``kind`` tells the view how to format the value (module doc)."""

    key: str
    label_zh: str
    label_en: str
    kind: str

    def label(self, lang: str) -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en


@dataclass(frozen=True)
class TableQuery:
    text: str = ""
    sort: str | None = None
    descending: bool = False


# -- table declarations -------------------------------------------------------------


@dataclass(frozen=True)
class _CaseRef:
    id: int
    code: str


Expr = SQLColumnExpression[Any]


@dataclass(frozen=True)
class _Table:
    columns: tuple[tuple[Column, Expr], ...]
    id_expr: Expr
    extras: tuple[tuple[str, Expr], ...]
    joins: Callable[[Select[Any]], Select[Any]]
    scope: Callable[[_CaseRef], Expr]  # the WHERE that keeps rows to one case
    default_sort: str

    @property
    def exprs(self) -> dict[str, Expr]:
        return {c.key: e for c, e in self.columns}


def _c(key: str, zh: str, en: str, kind: str, expr: Any) -> tuple[Column, Expr]:
    return Column(key, zh, en, kind), expr


def _by_case(model: Any) -> Callable[[_CaseRef], Expr]:
    def scope(c: _CaseRef) -> Expr:
        result: Expr = model.case_id == c.id
        return result

    return scope


def _same(select_: Select[Any]) -> Select[Any]:
    return select_


def _endpoint_name(kind_col: Any, id_col: Any) -> Expr:
    """The display name of a Link end or custody item, whatever kind of record it is."""
    person = aliased(Person)
    vehicle = aliased(Vehicle)
    location = aliased(Location)
    seizure = aliased(Seizure)
    event = aliased(Event)
    asset = aliased(Asset)
    attachment = aliased(Attachment)
    return case(
        (
            kind_col == "person",
            select(person.name).where(person.id == id_col).scalar_subquery(),
        ),
        (
            kind_col == "vehicle",
            select(func.coalesce(vehicle.plate, vehicle.vin))
            .where(vehicle.id == id_col)
            .scalar_subquery(),
        ),
        (
            kind_col == "location",
            select(location.name).where(location.id == id_col).scalar_subquery(),
        ),
        (
            kind_col == "seizure",
            select(seizure.exhibit_no).where(seizure.id == id_col).scalar_subquery(),
        ),
        (
            kind_col == "event",
            select(event.title).where(event.id == id_col).scalar_subquery(),
        ),
        (
            kind_col == "asset",
            select(asset.document_no).where(asset.id == id_col).scalar_subquery(),
        ),
        (
            kind_col == "attachment",
            select(attachment.filename).where(attachment.id == id_col).scalar_subquery(),
        ),
        else_=cast(id_col, String),
    )


def _party_tables() -> dict[str, _Table]:
    """Persons in the case, their measures, and vehicles."""
    return {
        "persons": _persons_table(),
        "measures": _measures_table(),
        "vehicles": _vehicles_table(),
    }


def _persons_table() -> _Table:
    return _Table(
        columns=(
            _c("name", "姓名", "Name", "text", Person.name),
            _c("aliases", "绰号/别名", "Aliases", "list", Person.aliases),
            _c("sex", "性别", "Sex", "text", Person.sex),
            _c("birth_date", "出生日期", "Born", "date", Person.birth_date),
            _c("id_number", "公民身份号码", "Resident ID", "text", Person.id_number),
            _c("role", "角色", "Role", "vocab:PARTY_ROLES", CaseParty.role),
            _c("is_suspect", "犯罪嫌疑人", "Suspect", "bool", CaseParty.is_suspect),
            _c("status", "状态", "Status", "vocab:PARTY_STATUSES", CaseParty.status),
            _c(
                "prosecuted_on",
                "移送起诉日期",
                "Sent for prosecution",
                "date",
                CaseParty.prosecuted_on,
            ),
            _c("phones", "电话", "Phones", "list", Person.phones),
            _c("occupation", "职业", "Occupation", "text", Person.occupation),
            _c("current_address", "现住址", "Current address", "text", Person.current_address),
            _c(
                "household_address",
                "户籍地",
                "Household address",
                "text",
                Person.household_address,
            ),
            _c("notes", "备注", "Notes", "text", CaseParty.notes),
        ),
        id_expr=CaseParty.id,
        extras=(("person_id", Person.id),),
        joins=lambda s: s.select_from(CaseParty).join(Person, Person.id == CaseParty.person_id),
        scope=_by_case(CaseParty),
        default_sort="",
    )


def _measures_table() -> _Table:
    return _Table(
        columns=(
            _c("person", "人员", "Person", "text", Person.name),
            _c("kind", "措施", "Measure", "vocab:MEASURES", Measure.kind),
            _c("decided_on", "决定日期", "Decided", "date", Measure.decided_on),
            _c("starts_on", "起始日期", "Starts", "date", Measure.starts_on),
            _c("ends_on", "截止日期", "Ends", "date", Measure.ends_on),
            _c("extension_steps", "延长次数", "Extensions", "int", Measure.extension_steps),
            _c("document_no", "文书号", "Document no.", "text", Measure.document_no),
            _c("place", "执行场所", "Place", "text", Measure.place),
            _c("conclusion", "终结方式", "Concluded by", "vocab:CONCLUSIONS", Measure.conclusion),
            _c("concluded_on", "终结日期", "Concluded on", "date", Measure.concluded_on),
            _c("notes", "备注", "Notes", "text", Measure.notes),
        ),
        id_expr=Measure.id,
        extras=(("person_id", Measure.person_id),),
        joins=lambda s: s.select_from(Measure).join(Person, Person.id == Measure.person_id),
        scope=_by_case(Measure),
        default_sort="",
    )


def _vehicles_table() -> _Table:
    owner = aliased(Person, name="owner")
    return _Table(
        columns=(
            _c("plate", "号牌", "Plate", "text", Vehicle.plate),
            _c("vin", "车辆识别代号", "VIN", "text", Vehicle.vin),
            _c("make", "品牌", "Make", "text", Vehicle.make),
            _c("model", "型号", "Model", "text", Vehicle.model),
            _c("colour", "颜色", "Colour", "text", Vehicle.colour),
            _c("owner", "所有人", "Owner", "text", owner.name),
            _c("seized", "已扣押", "Seized", "bool", CaseVehicle.seized),
            _c("seized_on", "扣押日期", "Seized on", "date", CaseVehicle.seized_on),
            _c("notes", "备注", "Notes", "text", CaseVehicle.notes),
        ),
        id_expr=CaseVehicle.id,
        extras=(("vehicle_id", Vehicle.id), ("owner_id", Vehicle.owner_id)),
        joins=lambda s: (
            s.select_from(CaseVehicle)
            .join(Vehicle, Vehicle.id == CaseVehicle.vehicle_id)
            .outerjoin(owner, owner.id == Vehicle.owner_id)
        ),
        scope=_by_case(CaseVehicle),
        default_sort="",
    )


def _evidence_tables() -> dict[str, _Table]:
    """Seizures (exhibits) and other assets."""
    from_person = aliased(Person, name="from_person")
    seized_at = aliased(Location, name="seized_at_location")
    t: dict[str, _Table] = {}
    t["seizures"] = _Table(
        columns=(
            _c("exhibit_no", "检材编号", "Exhibit no.", "text", Seizure.exhibit_no),
            _c("drug", "毒品种类", "Drug", "vocab:SUBSTANCES", Seizure.drug),
            _c("form", "形态", "Form", "vocab:SEIZURE_FORMS", Seizure.form),
            _c("package_count", "包数", "Packages", "int", Seizure.package_count),
            _c("sampled_count", "取样包数", "Sampled", "int", Seizure.sampled_count),
            _c("gross_mg", "毛重(克)", "Gross (g)", "weight", Seizure.gross_mg),
            _c("tare_mg", "皮重(克)", "Tare (g)", "weight", Seizure.tare_mg),
            _c("net_mg", "净重(克)", "Net (g)", "weight", Seizure.net_mg),
            _c("purity_bp", "含量", "Purity", "purity", Seizure.purity_bp),
            _c("seized_at", "查获时间", "Seized at", "datetime", Seizure.seized_at),
            _c("location", "查获地点", "Location", "text", seized_at.name),
            _c("from_person", "查获自", "From", "text", from_person.name),
            _c("lab_report_no", "鉴定书编号", "Lab report no.", "text", Seizure.lab_report_no),
            _c("sent_for_test_on", "送检日期", "Sent for test", "date", Seizure.sent_for_test_on),
            _c("status", "状态", "Status", "vocab:SEIZURE_STATUSES", Seizure.status),
        ),
        id_expr=Seizure.id,
        extras=(("location_id", Seizure.location_id), ("from_person_id", Seizure.from_person_id)),
        joins=lambda s: (
            s.select_from(Seizure)
            .outerjoin(seized_at, seized_at.id == Seizure.location_id)
            .outerjoin(from_person, from_person.id == Seizure.from_person_id)
        ),
        scope=_by_case(Seizure),
        default_sort="exhibit_no",
    )
    t["assets"] = _Table(
        columns=(
            _c("kind", "类别", "Kind", "vocab:ASSET_KINDS", Asset.kind),
            _c("amount_fen", "金额", "Amount", "money", Asset.amount_fen),
            _c("action", "措施", "Action", "vocab:ASSET_ACTIONS", Asset.action),
            _c("seized_on", "日期", "Date", "date", Asset.seized_on),
            _c("from_person", "涉及人员", "From", "text", from_person.name),
            _c("account", "账号", "Account", "text", Asset.account),
            _c("bank", "开户行", "Bank", "text", Asset.bank),
            _c("document_no", "文书号", "Document no.", "text", Asset.document_no),
            _c("description", "说明", "Description", "text", Asset.description),
        ),
        id_expr=Asset.id,
        extras=(("from_person_id", Asset.from_person_id),),
        joins=lambda s: s.select_from(Asset).outerjoin(
            from_person, from_person.id == Asset.from_person_id
        ),
        scope=_by_case(Asset),
        default_sort="",
    )
    return t


def _record_tables() -> dict[str, _Table]:
    """Locations, events and links."""
    t: dict[str, _Table] = {}
    t["locations"] = _Table(
        columns=(
            _c("name", "名称", "Name", "text", Location.name),
            _c("kind", "类型", "Kind", "vocab:LOCATION_KINDS", Location.kind),
            _c("address", "地址", "Address", "text", Location.address),
            _c("lat", "纬度", "Latitude", "text", Location.lat),
            _c("lon", "经度", "Longitude", "text", Location.lon),
            _c("notes", "备注", "Notes", "text", Location.notes),
        ),
        id_expr=Location.id,
        extras=(),
        joins=lambda s: s.select_from(Location),
        scope=_by_case(Location),
        default_sort="",
    )
    t["events"] = _Table(
        columns=(
            _c("occurred_at", "时间", "When", "datetime", Event.occurred_at),
            _c("ends_at", "结束时间", "Until", "datetime", Event.ends_at),
            _c("kind", "类型", "Kind", "vocab:EVENT_KINDS", Event.kind),
            _c("title", "事件", "Event", "text", Event.title),
            _c("description", "详情", "Description", "text", Event.description),
            _c("source", "来源", "Source", "text", Event.source),
        ),
        id_expr=Event.id,
        extras=(("precision", Event.precision),),
        joins=lambda s: s.select_from(Event),
        scope=_by_case(Event),
        default_sort="occurred_at",
    )
    t["links"] = _Table(
        columns=(
            _c("a_type", "甲方类型", "From kind", "vocab:ENTITY_KINDS", Link.a_type),
            _c("a_name", "甲方", "From", "text", _endpoint_name(Link.a_type, Link.a_id)),
            _c("kind", "关系", "Relation", "vocab:LINK_KINDS", Link.kind),
            _c("b_type", "乙方类型", "To kind", "vocab:ENTITY_KINDS", Link.b_type),
            _c("b_name", "乙方", "To", "text", _endpoint_name(Link.b_type, Link.b_id)),
            _c("starts_on", "起始", "From date", "date", Link.starts_on),
            _c("ends_on", "截止", "To date", "date", Link.ends_on),
            _c("evidence", "依据", "Evidence", "text", Link.evidence),
        ),
        id_expr=Link.id,
        extras=(("a_id", Link.a_id), ("b_id", Link.b_id)),
        joins=lambda s: s.select_from(Link),
        scope=_by_case(Link),
        default_sort="",
    )
    return t


def _file_tables() -> dict[str, _Table]:
    """Attachments and the chain of custody."""
    t: dict[str, _Table] = {}
    t["attachments"] = _Table(
        columns=(
            _c("filename", "文件名", "File", "text", Attachment.filename),
            _c("description", "说明", "Description", "text", Attachment.description),
            _c("media_type", "类型", "Type", "text", Attachment.media_type),
            _c("size", "大小(字节)", "Size (bytes)", "int", Attachment.size),
            _c("sha256", "SHA-256", "SHA-256", "text", Attachment.sha256),
            _c("added_at", "添加时间", "Added", "datetime", Attachment.added_at),
        ),
        id_expr=Attachment.id,
        extras=(),
        joins=lambda s: s.select_from(Attachment),
        scope=_by_case(Attachment),
        default_sort="",
    )
    t["custody"] = _Table(
        columns=(
            _c("at", "时间", "When", "datetime", CustodyEntry.at),
            _c("item_type", "物品类型", "Item kind", "vocab:ENTITY_KINDS", CustodyEntry.item_type),
            _c(
                "item",
                "物品",
                "Item",
                "text",
                _endpoint_name(CustodyEntry.item_type, CustodyEntry.item_id),
            ),
            _c("from_holder", "移交人", "From", "text", CustodyEntry.from_holder),
            _c("to_holder", "接收人", "To", "text", CustodyEntry.to_holder),
            _c("place", "地点", "Place", "text", CustodyEntry.place),
            _c("purpose", "事由", "Purpose", "text", CustodyEntry.purpose),
        ),
        id_expr=CustodyEntry.id,
        extras=(("item_id", CustodyEntry.item_id),),
        joins=lambda s: s.select_from(CustodyEntry),
        scope=_by_case(CustodyEntry),
        default_sort="at",
    )
    return t


def _trail_tables() -> dict[str, _Table]:
    """The case's audit entries."""
    t: dict[str, _Table] = {}
    t["audit"] = _Table(
        columns=(
            _c("seq", "序号", "No.", "int", AuditEntry.seq),
            _c("at", "时间", "When", "datetime", AuditEntry.at),
            _c("user", "用户", "User", "text", AuditEntry.user),
            _c("action", "操作", "Action", "vocab:AUDIT_ACTIONS", AuditEntry.action),
            _c("entity", "对象类别", "Kind", "vocab:ENTITY_KINDS", AuditEntry.entity),
            _c("entity_id", "记录", "Record", "audit_record", AuditEntry.entity_id),
            _c("changes", "变更内容", "Changes", "changes", AuditEntry.changes),
        ),
        id_expr=AuditEntry.seq,
        extras=(("hash", AuditEntry.hash),),
        joins=lambda s: s.select_from(AuditEntry),
        scope=lambda c: AuditEntry.case_code == c.code,
        default_sort="seq",
    )
    return t


def _build_tables() -> dict[str, _Table]:
    return {
        **_party_tables(),
        **_evidence_tables(),
        **_record_tables(),
        **_file_tables(),
        **_trail_tables(),
    }


_TABLES = _build_tables()


# -- the service --------------------------------------------------------------------


class TableService:
    """Pages of rows for the window's tables; never loads more than asked for."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _require(self, case_code: str, entity: str) -> None:
        self.ctx.require(AUDIT_READ if entity == "audit" else CASE_READ, case_code)

    def columns(self, entity: str) -> tuple[Column, ...]:
        return tuple(c for c, _ in _table(entity).columns)

    def count(self, case_code: str, entity: str, query: TableQuery | None = None) -> int:
        """Rows matching ``query``. Without a filter no join is needed (every join is to
        the one parent a row must have, or an outer one), so the count reads the case_id
        index alone."""
        table = _table(entity)
        self._require(case_code, entity)
        query = query or TableQuery()
        with self.ctx.store.engine.connect() as conn:
            case_ = _case_ref(conn, case_code)
            if query.text.split():
                stmt = table.joins(select(func.count())).where(table.scope(case_))
                stmt = stmt.where(_text_filter(table, query.text))
            else:  # FROM the one table the scope names
                stmt = select(func.count()).where(table.scope(case_))
            return int(conn.execute(stmt).scalar_one())

    def fetch(
        self,
        case_code: str,
        entity: str,
        query: TableQuery | None = None,
        offset: int = 0,
        limit: int = 500,
        *,
        total: int | None = None,
    ) -> list[dict[str, Any]]:
        """Rows ``offset`` … ``offset + limit`` in the query's order (ties by id).

        ``total``, the caller's :meth:`count` of the same query, lets a page in the back
        half be read from the far end (the order reversed, a small OFFSET, the rows turned
        round): SQLite steps over OFFSET rows one by one, so the last page of 100,000 costs
        what the first does.
        """
        table = _table(entity)
        self._require(case_code, entity)
        query = query or TableQuery()
        offset, limit = max(0, offset), max(0, limit)
        backwards = False
        if total is not None:
            limit = max(0, min(limit, total - offset))
            backwards = limit > 0 and offset + limit // 2 > total // 2
            if backwards:
                offset = total - offset - limit
        order = _order(entity, table, query, reverse=backwards)
        labelled: list[Any] = [
            table.id_expr.label("id"),
            *(e.label(k) for k, e in table.extras),
            *(e.label(c.key) for c, e in table.columns),
        ]
        # Core, not the ORM: plain rows, no identity map; this is the hot path of scrolling.
        with self.ctx.store.engine.connect() as conn:
            case_ = _case_ref(conn, case_code)
            stmt = (
                table.joins(select(*labelled))
                .where(table.scope(case_))
                .where(_text_filter(table, query.text))
                .order_by(*order)
                .offset(offset)
                .limit(limit)
            )
            result = conn.execute(stmt)
            keys = list(result.keys())
            rows = [dict(zip(keys, r, strict=True)) for r in result.all()]
            if backwards:
                rows.reverse()
            if entity == "persons":
                _attach_other_cases(conn, rows, "person_id", CaseParty, CaseParty.person_id, case_)
            elif entity == "vehicles":
                _attach_other_cases(
                    conn, rows, "vehicle_id", CaseVehicle, CaseVehicle.vehicle_id, case_
                )
            if entity == "audit":
                _attach_audit_names(conn, rows)
        if entity == "audit":
            for row in rows:
                row["at"] = _parse_audit_time(row["at"])
        return rows

    def position(
        self,
        case_code: str,
        entity: str,
        query: TableQuery | None,
        record_id: int,
        *,
        key: str = "id",
    ) -> int | None:
        """The row number of ``record_id`` under ``query``'s filter and order, or None when
        the filter leaves it out (or there is no such record).

        ``key`` may name one of the table's extra ids instead ("person_id" in persons):
        the first row carrying it is meant. One lookup of the row's sort value, then one
        COUNT of the rows ordered before it.
        """
        table = _table(entity)
        self._require(case_code, entity)
        query = query or TableQuery()
        if key == "id":
            match = table.id_expr
        elif key in dict(table.extras):
            match = dict(table.extras)[key]
        else:
            raise InputRejected(entity, [FieldError("key", f"no id column {key!r}")])
        order = _order(entity, table, query)
        sort = _sort_expr(entity, table, query)
        if sort is not None:  # compare stored values as stored (no JSON or time round trip)
            sort = type_coerce(sort, NullType())
        with self.ctx.store.engine.connect() as conn:
            case_ = _case_ref(conn, case_code)
            scoped = (
                table.joins(select(table.id_expr, *(() if sort is None else (sort,))))
                .where(table.scope(case_))
                .where(_text_filter(table, query.text))
            )
            found = conn.execute(scoped.where(match == record_id).order_by(*order).limit(1)).first()
            if found is None:
                return None
            total = 0
            for before in _before(table, query, sort, found):
                stmt = (
                    table.joins(select(func.count()))
                    .where(table.scope(case_))
                    .where(_text_filter(table, query.text))
                    .where(before)
                )
                total += int(conn.execute(stmt).scalar_one())
            return total


def _sort_expr(entity: str, table: _Table, query: TableQuery) -> Expr | None:
    sort_key = query.sort or table.default_sort
    if not sort_key:
        return None
    exprs = table.exprs
    if sort_key not in exprs:
        raise InputRejected(entity, [FieldError("sort", f"no column {sort_key!r}")])
    return exprs[sort_key]


def _order(entity: str, table: _Table, query: TableQuery, *, reverse: bool = False) -> list[Expr]:
    """ORDER BY the sort column, then the id (a total order: pages never overlap).

    Events' default order, (occurred_at, id), is the ix_event_case_time index itself
    (an index ends with the rowid), so no page sorts the table.
    """
    descending = query.descending != reverse
    sort = _sort_expr(entity, table, query)
    order: list[Expr] = []
    if sort is not None:
        order.append(sort.desc() if descending else sort.asc())
    order.append(table.id_expr.desc() if descending else table.id_expr.asc())
    return order


def _before(
    table: _Table, query: TableQuery, sort: Expr | None, found: Sequence[Any]
) -> list[Expr]:
    """Disjoint conditions that together hold the rows ordered before ``found`` (its id,
    then its sort value); each is counted on its own, so that a row-value range, (sort,
    id) < (value, id), can be read off an index such as ix_event_case_time instead of
    testing every row. SQLite puts NULLs first going up, last going down."""
    record_id, value = found[0], (found[1] if sort is not None else None)
    ident = table.id_expr
    id_before: Expr = ident > record_id if query.descending else ident < record_id
    if sort is None:
        return [id_before]
    if value is None:
        if query.descending:
            return [sort.is_not(None), and_(sort.is_(None), id_before)]
        return [and_(sort.is_(None), id_before)]
    if query.descending:
        return [tuple_(sort, ident) > tuple_(value, record_id)]
    return [sort.is_(None), tuple_(sort, ident) < tuple_(value, record_id)]


def _table(entity: str) -> _Table:
    try:
        return _TABLES[entity]
    except KeyError:
        raise InputRejected(entity, [FieldError("entity", "unknown table")]) from None


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _vocab_keys(name: str, text: str) -> list[str]:
    """Keys whose Chinese or English label contains ``text`` (users never see keys)."""
    labels = getattr(vocab, name, None)
    if labels is None:
        return []
    needle = text.casefold()
    return [
        key
        for key, (zh, en) in labels.items()
        if needle in zh.casefold() or needle in en.casefold()
    ]


def _text_filter(table: _Table, text: str) -> Expr:
    """Every word must appear in some visible text column (or a vocabulary label)."""
    words = text.split()
    if not words:
        return true()
    clauses: list[Expr] = []
    for word in words:
        pattern = _like_pattern(word)
        # Lists are JSON stored with \\u escapes: search the escaped spelling too.
        json_pattern = _like_pattern(json.dumps(word)[1:-1])
        alternatives: list[Expr] = []
        for column, expr in table.columns:
            if column.kind == "list":
                as_text = cast(expr, String)
                alternatives.append(as_text.like(pattern, escape="\\"))
                if json_pattern != pattern:
                    alternatives.append(as_text.like(json_pattern, escape="\\"))
            elif column.kind in _SEARCHABLE:
                alternatives.append(cast(expr, String).like(pattern, escape="\\"))
            elif column.kind.startswith("vocab:"):
                keys = _vocab_keys(column.kind.removeprefix("vocab:"), word)
                if keys:
                    alternatives.append(expr.in_(keys))
        clauses.append(or_(*alternatives) if alternatives else false())
    return and_(*clauses)


def _case_ref(conn: Connection, code: str) -> _CaseRef:
    row = conn.execute(select(CaseFile.id, CaseFile.code).where(CaseFile.code == code)).first()
    if row is None:
        raise NotFound(f"no case with code {code!r}")
    return _CaseRef(int(row[0]), str(row[1]))


def _attach_audit_names(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Give a page of audit rows what reading them needs: each entry's changes parsed
    (``changes_data``) and the names of the records they name or point at (``names``,
    one query per kind of record for the page; see services.core.audit_text)."""
    names = RecordNames(conn, "zh_CN")
    for row in rows:
        row["changes_data"] = json.loads(row["changes"]) if row.get("changes") else {}
    preload(names, ((r["entity"], r["entity_id"], r["changes_data"]) for r in rows))
    for row in rows:
        ident, data = row["entity_id"], row["changes_data"]
        has_snapshot = isinstance(data.get("before") or data.get("after"), dict)
        if ident is not None and not has_snapshot and names.name(row["entity"], ident) is None:
            names.from_trail(row["entity"], ident)  # an update of a record deleted since
    detached = names.detached()
    for row in rows:
        row["names"] = detached


def _attach_other_cases(
    conn: Connection,
    rows: list[dict[str, Any]],
    key: str,
    link_model: Any,
    link_col: Any,
    this_case: _CaseRef,
) -> None:
    """Fill ``other_cases`` for one page with one grouped query (codes sorted); for
    persons also ``other_roles``, their role there (so two 郭某 are told apart)."""
    ids = {row[key] for row in rows}
    found: dict[int, list[tuple[str, str]]] = {}
    if ids:
        sep, pair = "\x1f", "\x1e"
        role = link_model.role if link_model is CaseParty else literal("")
        stmt = (
            select(link_col, _joined(conn, CaseFile.code + pair + role, sep))
            .join(CaseFile, CaseFile.id == link_model.case_id)
            .where(link_col.in_(ids), link_model.case_id != this_case.id)
            .group_by(link_col)
        )
        for record_id, joined in conn.execute(stmt):
            items = (part.partition(pair) for part in str(joined).split(sep))
            found[int(record_id)] = sorted((code, role) for code, _, role in items)
    for row in rows:
        others = found.get(row[key], [])
        row["other_cases"] = [code for code, _ in others]
        if link_model is CaseParty:
            row["other_roles"] = others


def _parse_audit_time(text: str) -> datetime:
    """Audit times are kept as the exact ISO text that was hashed; show them as times."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _joined(conn: Any, value: Any, sep: str) -> Any:
    """group_concat on SQLite, string_agg on the server."""
    if conn.dialect.name == "sqlite":
        return func.group_concat(value, sep)
    return func.string_agg(value, sep)


__all__ = ["ENTITIES", "Column", "TableQuery", "TableService"]
