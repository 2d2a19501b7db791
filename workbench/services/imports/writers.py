"""How each import kind checks its rows against the case and writes the new ones.

Writers work inside the import's open transaction and never commit: the import service
rolls everything back if any row was rejected, the user cancelled, or it is a dry run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Table, or_, select, text

from workbench.importers.kinds import KINDS
from workbench.importers.report import ImportReport, Issue
from workbench.importers.rows import CallColumns, parse_calls, parse_rows
from workbench.models import (
    Asset,
    BankTransaction,
    CaseFile,
    CaseParty,
    CaseVehicle,
    DrugUseFinding,
    Event,
    Person,
    Seizure,
    Vehicle,
)
from workbench.services.analysis import communications as comms
from workbench.services.casefile.validation import (
    Checked,
    check_asset,
    check_event,
    check_party,
    check_person,
    check_seizure,
    check_vehicle,
)
from workbench.services.core.unit_of_work import UnitOfWork
from workbench.services.registry.checks import check_finding
from workbench.store.server import staged_insert

# -- writers ---------------------------------------------------------------------------


class Writer:
    """Checks a chunk against the case and writes its new rows (in the open transaction)."""

    touched: frozenset[str] = frozenset()

    def __init__(
        self,
        uow: UnitOfWork,
        case: CaseFile | None,  # None: a registry import that names no case
        report: ImportReport,
        mapping: Mapping[str, str],
        today: date,
        zone: str,
    ) -> None:
        self.uow = uow
        self.session = uow.session
        self.case_or_none = case
        self.report = report
        self.mapping = mapping
        self.today = today
        self.zone = zone
        self.spec = KINDS[report.kind]
        self.derived_audit: dict[str, Any] = {}

    @property
    def case(self) -> CaseFile:
        """The case the rows go into (every kind but the registry's has one)."""
        if self.case_or_none is None:
            raise ValueError(f"{self.spec.key} are imported into a case")
        return self.case_or_none

    def chunk(self, frame: pd.DataFrame) -> None:
        rows, issues = parse_rows(frame, self.spec, self.mapping)
        self.report.extend(issues)
        for line, values in rows:
            self.row(line, values)

    def row(self, line: int, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        self.session.flush()

    # helpers
    def checked(self, line: int, checked: Checked) -> bool:
        for e in checked.errors:
            column = self.mapping.get(e.field.split("[")[0], "")
            self.report.add(
                Issue(line, column, e.message, field=e.field, code=e.code, params=e.params)
            )
        for w in checked.warnings:
            name = w.split(":", 1)[0]
            code = getattr(w, "code", "")
            params = getattr(w, "params", {})
            self.report.add(
                Issue(line, self.mapping.get(name, ""), w, "warning", name, code, params)
            )
        if checked.errors:
            return False
        self.report.rows_valid += 1
        return True

    def error(self, line: int, key: str, message: str, code: str = "", **params: object) -> None:
        self.report.add(
            Issue(line, self.mapping.get(key, ""), message, field=key, code=code, params=params)
        )

    def added(self) -> None:
        self.report.added += 1

    def skipped(self) -> None:
        self.report.skipped += 1


_PARTY_KEYS = ("role", "is_suspect", "status")


class _Persons(Writer):
    touched = frozenset({"person", "party"})

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.seen: set[str] = set()

    def row(self, line: int, values: dict[str, Any]) -> None:
        party = {k: values.pop(k) for k in _PARTY_KEYS if k in values}
        checked = check_person(values, today=self.today)
        checked.errors += check_party(party).errors
        if not self.checked(line, checked):
            return
        person_values = checked.values
        number = person_values.get("id_number")
        existing: Person | None = None
        if number:
            if number in self.seen:
                self.report.add(
                    Issue(
                        line,
                        self.mapping.get("id_number", ""),
                        f"{number} appears earlier in the file; row skipped",
                        "warning",
                        "id_number",
                        "import.duplicate_id",
                        {"id_number": number},
                    )
                )
                self.skipped()
                return
            self.seen.add(number)
            existing = self.session.execute(
                select(Person).where(Person.id_number == number)
            ).scalar_one_or_none()
        else:
            existing = (
                self.session.execute(
                    select(Person)
                    .join(CaseParty, CaseParty.person_id == Person.id)
                    .where(
                        CaseParty.case_id == self.case.id,
                        Person.name == person_values["name"],
                        Person.id_number.is_(None),
                    )
                )
                .scalars()
                .first()
            )
        if existing is not None:
            if existing.name != person_values["name"]:
                self.report.add(
                    Issue(
                        line,
                        self.mapping.get("name", ""),
                        f"ID number {number} is already {existing.name}; kept that name",
                        "warning",
                        "name",
                        "person.known_id",
                        {
                            "id_number": number,
                            "known": existing.name,
                            "given": person_values["name"],
                        },
                    )
                )
            in_case = self.session.execute(
                select(CaseParty.id).where(
                    CaseParty.case_id == self.case.id, CaseParty.person_id == existing.id
                )
            ).first()
            if in_case:
                self.skipped()
                return
            person = existing
        else:
            person = Person(**person_values)
            self.session.add(person)
            self.session.flush()
        self.session.add(CaseParty(case_id=self.case.id, person_id=person.id, **party))
        self.added()


class _Vehicles(Writer):
    touched = frozenset({"vehicle", "case_vehicle"})

    def row(self, line: int, values: dict[str, Any]) -> None:
        in_case = {k: values.pop(k) for k in ("seized", "seized_on") if k in values}
        checked = check_vehicle(values)
        if not checked.values.get("plate") and not checked.values.get("vin"):
            checked.error("plate", "a plate or a VIN is required", "vehicle.plate_or_vin")
        if not self.checked(line, checked):
            return
        keys = [
            getattr(Vehicle, k) == checked.values[k]
            for k in ("plate", "vin")
            if checked.values.get(k)
        ]
        found = self.session.scalars(select(Vehicle).where(or_(*keys))).all()
        if len(found) > 1:
            self.error(
                line,
                "vin",
                "plate and VIN belong to two different vehicles",
                "vehicle.two_vehicles",
            )
            return
        if found:
            vehicle = found[0]
            linked = self.session.execute(
                select(CaseVehicle.id).where(
                    CaseVehicle.case_id == self.case.id, CaseVehicle.vehicle_id == vehicle.id
                )
            ).first()
            if linked:
                self.skipped()
                return
        else:
            vehicle = Vehicle(**checked.values)
            self.session.add(vehicle)
            self.session.flush()
        self.session.add(CaseVehicle(case_id=self.case.id, vehicle_id=vehicle.id, **in_case))
        self.session.flush()
        self.added()


class _Seizures(Writer):
    touched = frozenset({"seizure"})

    def row(self, line: int, values: dict[str, Any]) -> None:
        gross, tare = values.get("gross_mg"), values.get("tare_mg")
        if "net_mg" not in values and gross is not None and tare is not None:
            values["net_mg"] = gross - tare
        if "net_mg" not in values:
            self.error(
                line,
                "net_mg",
                "a net weight (or gross and packaging weights) is required",
                "seizure.net_required",
            )
            return
        checked = check_seizure(values, complete=values)
        if not self.checked(line, checked):
            return
        clean = checked.values
        existing = self.session.execute(
            select(Seizure).where(
                Seizure.case_id == self.case.id, Seizure.exhibit_no == clean["exhibit_no"]
            )
        ).scalar_one_or_none()
        if existing is not None:
            differs = [k for k, val in clean.items() if getattr(existing, k) != val]
            if differs:
                self.error(
                    line,
                    "exhibit_no",
                    f"exhibit {clean['exhibit_no']} is already in the case with a different "
                    f"{', '.join(differs)}",
                    "seizure.exhibit_differs",
                    exhibit=clean["exhibit_no"],
                    fields=", ".join(differs),
                )
            else:
                self.skipped()
            return
        self.session.add(Seizure(case_id=self.case.id, **clean))
        self.session.flush()
        self.added()


class _ByContent(Writer):
    """Records without a natural key: an identical record already in the case is skipped."""

    model: Any = None
    check: Callable[[Mapping[str, Any]], Checked] = staticmethod(check_asset)

    def row(self, line: int, values: dict[str, Any]) -> None:
        checked = type(self).check(values)
        if not self.checked(line, checked):
            return
        clean = checked.values
        model = self.model
        query = select(model.id).where(model.case_id == self.case.id)
        for key, val in clean.items():
            query = query.where(getattr(model, key) == val)
        if self.session.execute(query.limit(1)).first() is not None:
            self.skipped()
            return
        self.session.add(model(case_id=self.case.id, **clean))
        self.session.flush()
        self.added()


class _Assets(_ByContent):
    touched = frozenset({"asset"})
    model = Asset
    check = staticmethod(check_asset)


class _Events(_ByContent):
    touched = frozenset({"event"})
    model = Event
    check = staticmethod(check_event)

    def row(self, line: int, values: dict[str, Any]) -> None:
        values["occurred_at"], values["precision"] = values["occurred_at"]
        super().row(line, values)


# The server's staging table for a chunk of calls: call_record's columns after case_id.
STAGE_CALLS = (
    "caller text, callee text, started_at bigint, duration_s integer, direction text, "
    "cell text, imei text"
)


class _Calls(Writer):
    """Call rows go straight to executemany; INSERT OR IGNORE on the content key skips repeats."""

    touched = frozenset({"call_record", "link"})
    COLUMNS = (
        "case_id",
        "caller",
        "callee",
        "started_at",
        "duration_s",
        "direction",
        "cell",
        "imei",
    )

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        names = ", ".join(self.COLUMNS)
        self.connection = self.session.connection()
        self.sqlite = self.connection.dialect.name == "sqlite"
        if self.sqlite:
            marks = ", ".join("?" for _ in self.COLUMNS)
            self.sql = f"INSERT OR IGNORE INTO call_record ({names}) VALUES ({marks})"
        else:
            # The server: a chunk is COPYed into a temporary table and inserted from it
            # in one statement (the write guard's trigger fires once), repeats skipped by
            # ON CONFLICT and counted by rowcount.
            self.sql = (
                f"INSERT INTO call_record ({names}) SELECT %s, * FROM wb_stage_calls "
                "ON CONFLICT DO NOTHING"
            )

    def _changes(self) -> int:
        return int(self.connection.execute(text("SELECT total_changes()")).scalar_one())

    def chunk(self, frame: pd.DataFrame) -> None:
        cols, issues = parse_calls(frame, self.mapping, zone=self.zone, today=self.today)
        self.report.extend(issues)
        self.report.rows_valid += len(cols)
        if self.report.errors or not len(cols):
            return  # the import will be rolled back: parse on to report, write no more
        self.write(cols)

    def write(self, cols: CallColumns) -> None:
        n = len(cols)
        values: tuple[list[Any], ...] = (cols.caller, cols.callee, cols.started_us)
        values += (cols.duration_s, cols.direction, cols.cell, cols.imei)
        if self.sqlite:
            before = self._changes()
            rows = list(zip([self.case.id] * n, *values, strict=True))
            self.connection.exec_driver_sql(self.sql, rows)
            added = self._changes() - before
        else:
            staged = zip(*values, strict=True)
            added = staged_insert(
                self.connection, "wb_stage_calls", STAGE_CALLS, staged, self.sql, (self.case.id,)
            )
        self.report.added += added
        self.report.skipped += n - added

    def finish(self) -> None:
        owners = comms.phone_owners(self.session, self.case.id)
        self.report.derived["numbers_matched"] = len(owners)
        links = comms.refresh_links(
            self.session,
            self.case.id,
            "calls",
            comms.call_pairs(self.session, self.case.id),
            self.zone,
        )
        self.report.derived["links"] = len(links)
        self.derived_audit = {"calls_links": links}


class _Bank(Writer):
    touched = frozenset({"bank_transaction", "link"})

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.batch: list[dict[str, Any]] = []

    def row(self, line: int, values: dict[str, Any]) -> None:
        amount = values["amount_fen"]
        direction = values.get("direction")
        if amount < 0:
            if direction == "in":
                self.error(
                    line,
                    "amount_fen",
                    "a negative amount marked as money in (贷)",
                    "bank.negative_in",
                )
                return
            values["amount_fen"], values["direction"] = -amount, "out"
        elif direction is None:
            values["direction"] = "in"
        self.report.rows_valid += 1
        self.batch.append({"case_id": self.case.id, **values})

    def chunk(self, frame: pd.DataFrame) -> None:
        super().chunk(frame)
        if self.batch and not self.report.errors:
            self.flush_batch()
        self.batch.clear()

    def flush_batch(self) -> None:
        table = BankTransaction.__table__
        assert isinstance(table, Table)
        connection = self.session.connection()
        defaults = {c.name: "" for c in table.columns if c.name not in ("id", "case_id")}
        rows = [{**defaults, **r} for r in self.batch]
        if connection.dialect.name != "sqlite":  # the server: ON CONFLICT, rowcount
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            done = connection.execute(pg_insert(table).on_conflict_do_nothing(), rows)
            added = int(done.rowcount)
            self.report.added += added
            self.report.skipped += len(rows) - added
            return
        before = int(connection.execute(text("SELECT total_changes()")).scalar_one())
        connection.execute(table.insert().prefix_with("OR IGNORE"), rows)
        added = int(connection.execute(text("SELECT total_changes()")).scalar_one()) - before
        self.report.added += added
        self.report.skipped += len(rows) - added

    def finish(self) -> None:
        links = comms.refresh_links(
            self.session,
            self.case.id,
            "pays",
            comms.pay_pairs(self.session, self.case.id),
            self.zone,
        )
        self.report.derived["links"] = len(links)
        self.report.derived["accounts_matched"] = len(
            comms.account_owners(self.session, self.case.id)
        )
        self.derived_audit = {"pays_links": links}


class _Findings(Writer):
    """Drug-use findings into the registry: persons by ID number (someone new needs a
    name); a finding already on file (same person, moment, substance, result) is
    skipped, so importing a file again adds nothing. With a case, the findings name it."""

    touched = frozenset({"drug_use_finding", "person"})

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.now = self.uow.ctx.clock()

    def row(self, line: int, values: dict[str, Any]) -> None:
        person: dict[str, Any] = {k: values.pop(k) for k in ("id_number", "name") if k in values}
        checked = check_person(person, today=self.today)
        if not self.checked_person(line, checked):
            return
        number = checked.values["id_number"]
        found = self.session.execute(
            select(Person).where(Person.id_number == number)
        ).scalar_one_or_none()
        if found is None and not checked.values.get("name"):
            self.error(line, "name", f"{number} is not on file: a name is required")
            return
        born = found.birth_date if found is not None else checked.values.get("birth_date")
        finding = check_finding(values, now=self.now, born=born, zone=self.zone)
        if not self.checked(line, finding):
            return
        if found is None:
            found = Person(**checked.values)
            self.session.add(found)
            self.session.flush()
        clean = {
            **finding.values,
            "person_id": found.id,
            "case_id": None if self.case_or_none is None else self.case_or_none.id,
            "source": self.report.file,
        }
        same = select(DrugUseFinding.id).where(
            DrugUseFinding.person_id == found.id,
            DrugUseFinding.found_at == clean["found_at"],
            DrugUseFinding.substance == clean["substance"],
            DrugUseFinding.result == clean["result"],
        )
        if self.session.execute(same.limit(1)).first() is not None:
            self.skipped()
            return
        self.session.add(DrugUseFinding(**clean))
        self.session.flush()
        self.added()

    def checked_person(self, line: int, checked: Checked) -> bool:
        """Person errors name their column; a valid person is not yet a valid row."""
        for e in checked.errors:
            self.report.add(Issue(line, self.mapping.get(e.field, ""), e.message, field=e.field))
        return not checked.errors


WRITERS: dict[str, type[Writer]] = {
    "persons": _Persons,
    "vehicles": _Vehicles,
    "seizures": _Seizures,
    "assets": _Assets,
    "events": _Events,
    "calls": _Calls,
    "bank": _Bank,
    "findings": _Findings,
}
