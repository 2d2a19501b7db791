"""The lists: seizures with totals per drug, assets, vehicles, locations, evidence,
custody, the audit statement and the open items."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Spacer,
)

from workbench.domain import vocab
from workbench.reports import formatting as fmt
from workbench.reports.model import PackageData
from workbench.reports.render import Cell, Render
from workbench.reports.summary import tier_paragraph

# -- seizures, assets, vehicles, locations ----------------------------------------


def build_seizures(data: PackageData, r: Render) -> list[Flowable]:
    w = r.wide
    out: list[Flowable] = [r.heading("seizures", r.t("sec_seizures"))]
    rows: list[list[Cell]] = [
        [
            s.exhibit_no,
            r.cell(r.label(vocab.SUBSTANCES, s.drug)),
            r.cell(r.label(vocab.SEIZURE_FORMS, s.form)),
            str(s.package_count),
            fmt.grams(s.gross_mg),
            fmt.grams(s.tare_mg),
            fmt.grams(s.net_mg),
            fmt.purity(s.purity_bp),
            fmt.grams(s.scale_resolution_mg),
            fmt.local(s.seized_at, data.zone),
            r.cell(s.location),
            r.cell(s.from_person),
            r.cell(s.lab_report_no),
        ]
        for s in data.seizures
    ]
    # The exhibit number (up to ~20 characters) and the report number get the room.
    fractions = (0.12, 0.1, 0.075, 0.03, 0.06, 0.05, 0.06, 0.055, 0.045, 0.085, 0.09, 0.06, 0.17)
    if rows:
        out.append(
            r.grid(
                [
                    r.t("exhibit_no"),
                    r.t("drug"),
                    r.t("form"),
                    r.t("packages"),
                    r.t("gross_g"),
                    r.t("tare_g"),
                    r.t("net_g"),
                    r.t("purity"),
                    r.t("scale"),
                    r.t("seized_at"),
                    r.t("seized_where"),
                    r.t("from_whom"),
                    r.t("test_report"),
                ],
                rows,
                [f * w for f in fractions],
                right=(3, 4, 5, 6, 7, 8),
            )
        )
    else:
        out.append(r.para(r.t("no_records")))
    totals: list[list[Cell]] = [
        [r.cell(r.label(vocab.DRUGS, drug)), fmt.grams(mg)]
        for drug, mg in sorted(data.drug_totals_mg.items())
    ]
    out.append(CondPageBreak(120))
    out.append(r.para(r.t("totals_per_drug"), r.st.h2))
    out.append(
        r.grid([r.t("drug"), r.t("net_g")], totals or [[r.t("none"), ""]], [200, 120], right=(1,))
    )
    if data.precursor_totals_mg:
        out.append(r.para(r.t("precursors"), r.st.h2))
        rows_p: list[list[Cell]] = [
            [r.cell(r.label(vocab.PRECURSORS, k)), fmt.grams(mg)]
            for k, mg in sorted(data.precursor_totals_mg.items())
        ]
        out.append(r.grid([r.t("drug"), r.t("net_g")], rows_p, [200, 120], right=(1,)))
    out.append(Spacer(1, 6))
    out.append(tier_paragraph(data, r))
    return out


def build_assets(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("assets", r.t("sec_assets"))]
    rows: list[list[Cell]] = [
        [
            r.cell(r.label(vocab.ASSET_KINDS, a.kind)),
            r.cell(r.label(vocab.ASSET_ACTIONS, a.action)),
            fmt.money(a.amount_fen),
            fmt.day(a.seized_on),
            r.cell(a.from_person),
            r.cell(" ".join(x for x in (a.account, a.bank) if x)),
            r.cell(a.document_no),
            r.cell(a.description),
        ]
        for a in data.assets
    ]
    if rows:
        out.append(
            r.grid(
                [
                    r.t("asset_kind"),
                    r.t("asset_action"),
                    r.t("amount"),
                    r.t("seized_on"),
                    r.t("from_whom"),
                    r.t("account"),
                    r.t("document_no"),
                    r.t("description"),
                ],
                rows,
                [f * w for f in (0.08, 0.07, 0.14, 0.11, 0.08, 0.16, 0.16, 0.2)],
                right=(2,),
            )
        )
    else:
        out.append(r.para(r.t("no_records")))
    totals: list[list[Cell]] = [
        [r.cell(r.label(vocab.ASSET_KINDS, kind)), fmt.money(fen)]
        for kind, fen in sorted(data.asset_totals_fen.items())
    ]
    totals.append([r.cell(r.t("cash_total")), fmt.money(data.cash_total_fen)])
    out.append(CondPageBreak(100))
    out.append(r.para(r.t("totals_per_kind"), r.st.h2))
    out.append(r.grid([r.t("asset_kind"), r.t("amount")], totals, [200, 140], right=(1,), totals=1))
    return out


def build_vehicles(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("vehicles", r.t("sec_vehicles"))]
    rows: list[list[Cell]] = [
        [
            v.plate,
            v.vin,
            r.cell(f"{v.make} {v.model}".strip()),
            r.cell(v.colour),
            r.cell(v.owner),
            r.t("yes") if v.seized else r.t("no"),
            fmt.day(v.seized_on),
        ]
        for v in data.vehicles
    ]
    out.append(
        r.grid(
            [
                r.t("plate"),
                r.t("vin"),
                r.t("make_model"),
                r.t("colour"),
                r.t("owner"),
                r.t("seized"),
                r.t("seized_on"),
            ],
            rows,
            [f * w for f in (0.12, 0.22, 0.2, 0.08, 0.14, 0.08, 0.16)],
        )
        if rows
        else r.para(r.t("no_records"))
    )
    return out


def build_locations(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("locations", r.t("sec_locations"))]
    rows: list[list[Cell]] = [
        [
            r.cell(loc.name),
            r.cell(r.label(vocab.LOCATION_KINDS, loc.kind)),
            r.cell(loc.address),
            ""
            if loc.lat is None or loc.lon is None
            else f"{fmt.decimal_text(loc.lat)}, {fmt.decimal_text(loc.lon)}",
        ]
        for loc in data.locations
    ]
    out.append(
        r.grid(
            [r.t("location_name"), r.t("location_kind"), r.t("address"), r.t("coordinates")],
            rows,
            [f * w for f in (0.28, 0.12, 0.4, 0.2)],
        )
        if rows
        else r.para(r.t("no_records"))
    )
    return out


# -- evidence, custody, audit, open items -----------------------------------------


def build_evidence(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("evidence", r.t("sec_evidence"))]
    rows: list[list[Cell]] = [
        [
            str(n),
            r.cell(a.filename + (f"\n{a.description}" if a.description else "")),
            f"{a.size:,}",
            r.cell(a.sha256),
            fmt.local(a.added_at, data.zone),
        ]
        for n, a in enumerate(data.attachments, start=1)
    ]
    out.append(
        r.grid(
            ["#", r.t("file"), r.t("size"), r.t("sha256"), r.t("added_at")],
            rows,
            [f * w for f in (0.05, 0.3, 0.1, 0.4, 0.15)],
            right=(2,),
        )
        if rows
        else r.para(r.t("no_records"))
    )
    return out


def build_custody(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("custody", r.t("sec_custody"))]
    rows: list[list[Cell]] = [
        [
            c.exhibit_no,
            fmt.local(c.at, data.zone),
            r.cell(c.from_holder),
            r.cell(c.to_holder),
            r.cell(c.place),
            r.cell(c.purpose),
        ]
        for c in data.custody
    ]
    out.append(
        r.grid(
            [
                r.t("exhibit_no"),
                r.t("custody_at"),
                r.t("from_holder"),
                r.t("to_holder"),
                r.t("custody_place"),
                r.t("purpose"),
            ],
            rows,
            [f * w for f in (0.2, 0.15, 0.13, 0.13, 0.17, 0.22)],
        )
        if rows
        else r.para(r.t("no_records"))
    )
    return out


def _local_text(iso_utc: str, zone: str) -> str:
    """The trail's UTC text ("…T18:43:02.659788Z") in the reader's zone, to the second."""
    try:
        moment = datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return iso_utc
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S")


def build_audit(data: PackageData, r: Render) -> list[Flowable]:
    a = data.audit
    out: list[Flowable] = [r.heading("audit", r.t("sec_audit"))]
    pairs = [
        (r.t("audit_entries"), str(a.head_seq)),
        (r.t("audit_verified"), r.t("audit_ok") if a.verified else r.t("audit_failed")),
        (r.t("audit_head"), f"#{a.head_seq}  {_local_text(a.head_at, data.zone)}"),
        (r.t("profile"), r.profile(data.profile_words, data.profile_label)),
    ]
    out.append(r.fields(pairs))
    out.append(Spacer(1, 4))
    out.append(r.fields([(r.t("audit_head_hash"), a.head_hash)], per_row=1))
    out.append(Spacer(1, 6))
    out.append(r.para(r.t("audit_note", n=a.head_seq), r.st.small))
    return out


def build_open_items(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    out: list[Flowable] = [r.heading("open_items", r.t("sec_open_items"))]
    out.append(r.para(r.t("open_items_note")))
    rows: list[list[Cell]] = [
        [str(n), r.cell(f"{r.t('entity_' + i.entity)} {i.subject}"), r.cell(i.message(r.lang))]
        for n, i in enumerate(data.open_items, start=1)
    ]
    out.append(
        r.grid(["#", r.t("item_record"), r.t("item_problem")], rows, [0.06 * w, 0.3 * w, 0.64 * w])
    )
    return out
