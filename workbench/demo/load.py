"""Feed the demo case files through the service layer, as a user's edits would go.

Everything is one transaction: a demo database is complete or not there at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from workbench.demo import brigade, registry_328
from workbench.demo.cases import demo_cases
from workbench.demo.spec import DemoCase, Ref
from workbench.domain.quantities import grams_to_mg, percent_to_bp, yuan_to_fen
from workbench.services.accounts.users import UserService
from workbench.services.casefile.bulk_cases import CaseBulk
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.vehicles import VehicleService
from workbench.services.core.context import Context
from workbench.services.core.unit_of_work import transaction
from workbench.services.registry.bulk import RegistryBulk
from workbench.services.registry.checks import local_day

Progress = Callable[[int, int], None]


# The demo user signs the demo's documents as an (invented) officer of the brigade.
DEMO_OFFICER = ("郝明", "410827")


def load_demo(ctx: Context, progress: Progress | None = None, *, history: bool = True) -> list[str]:
    """The three article cases (the user is their member), the 3·28 persons' registry
    records, and the generated history of the city's other units that completes the
    article's figures (cases no demo user is a member of: they count in the statistics
    and stay out of the case list). ``history=False`` leaves that history out: on a
    server, row-level security lets nobody write into cases they are no member of."""
    cases = demo_cases()
    steps = len(cases) + 2
    with transaction(ctx):
        name, police_no = DEMO_OFFICER
        UserService(ctx).set_details(ctx.user, display_name=name, police_no=police_no)
        for done, case in enumerate(cases):
            load_case(ctx, case)
            if progress is not None:
                progress(done + 1, steps)
        today = local_day(ctx.clock())
        RegistryBulk(ctx).add(registry_328.batch(today), source=registry_328.SOURCE)
        bundles, batch = brigade.generate(today)
        if history:
            CaseBulk(ctx).add(bundles, members=[], source=brigade.CASE_SOURCE)
        if progress is not None:
            progress(steps - 1, steps)
        if history:
            RegistryBulk(ctx).add(batch, source=brigade.SOURCE)
        if progress is not None:
            progress(steps, steps)
    return [c.code for c in cases]


def load_case(ctx: Context, case: DemoCase) -> None:
    cases, persons = CaseService(ctx), PersonService(ctx)
    vehicles, records = VehicleService(ctx), RecordService(ctx)
    code = case.code
    cases.create(
        code,
        case.title,
        nickname=case.nickname,
        category=case.category,
        level=case.level,
        status=case.status,
        unit=case.unit,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        solved_on=case.solved_on,
        lead=case.lead,
        summary=case.summary,
        source=case.source,
        concluded_on=case.concluded_on,
        conclusion=case.conclusion,
    )
    for m in case.members:
        cases.add_member(code, m.name, position=m.position, task_role=m.task_role)

    ids: dict[Ref, int] = {}
    for p in case.persons:
        person = {
            "name": p.name,
            "aliases": list(p.aliases),
            "sex": p.sex,
            "birth_date": p.birth_date,
            "id_number": p.id_number,
            "ethnicity": p.ethnicity,
            "education": p.education,
            "occupation": p.occupation,
            "birthplace": p.birthplace,
            "household_address": p.household_address,
            "current_address": p.current_address,
            "phones": list(p.phones),
            "prior_record": p.prior_record,
            "notes": p.notes,
        }
        ref = persons.add_to_case(
            code,
            person,
            role=p.role,
            is_suspect=p.is_suspect,
            status=p.status,
            roving_or_gang=p.roving_or_gang,
        ).value
        ids[("person", p.key)] = ref.person_id
    for ms in case.measures:
        persons.add_measure(
            code,
            ids[("person", ms.person)],
            ms.kind,
            decided_on=ms.decided_on,
            starts_on=ms.starts_on,
            ends_on=ms.ends_on,
            document_no=ms.document_no,
            place=ms.place,
            concluded_on=ms.concluded_on,
            conclusion=ms.conclusion,
        )
    for v in case.vehicles:
        owner = ids[("person", v.owner)] if v.owner else None
        vref = vehicles.add_to_case(
            code,
            {
                "plate": v.plate,
                "vin": v.vin,
                "make": v.make,
                "model": v.model,
                "colour": v.colour,
                "owner_id": owner,
            },
            seized=v.seized,
            seized_on=v.seized_on,
        ).value
        ids[("vehicle", v.key)] = vref.vehicle_id
    for loc in case.locations:
        ids[("location", loc.key)] = records.add(
            code,
            "location",
            name=loc.name,
            address=loc.address,
            kind=loc.kind,
            lat=loc.lat,
            lon=loc.lon,
        ).value
    for s in case.seizures:
        ids[("seizure", s.key)] = records.add(
            code,
            "seizure",
            exhibit_no=s.exhibit_no,
            drug=s.drug,
            form=s.form,
            package_count=s.package_count,
            sampled_count=s.sampled_count,
            gross_mg=grams_to_mg(s.gross_g),
            tare_mg=grams_to_mg(s.tare_g),
            net_mg=grams_to_mg(s.net_g),
            scale_resolution_mg=grams_to_mg(s.scale_resolution_g),
            purity_bp=None if s.purity_pct is None else percent_to_bp(s.purity_pct),
            seized_at=s.seized_at.astimezone(UTC),
            location_id=ids[("location", s.location)] if s.location else None,
            from_person_id=ids[("person", s.from_person)] if s.from_person else None,
            lab_report_no=s.lab_report_no,
            sent_for_test_on=s.sent_for_test_on,
            status=s.status,
            complex_case=s.complex_case,
            attributed_to=[(ids[("person", k)], basis) for k, basis in s.attributed_to],
        ).value
    for a in case.assets:
        ids[("asset", a.key)] = records.add(
            code,
            "asset",
            kind=a.kind,
            amount_fen=yuan_to_fen(a.amount_cny),
            action=a.action,
            seized_on=a.seized_on,
            from_person_id=ids[("person", a.from_person)] if a.from_person else None,
            account=a.account,
            bank=a.bank,
            document_no=a.document_no,
            description=a.description,
        ).value
    for e in case.events:
        ids[("event", e.key)] = records.add(
            code,
            "event",
            kind=e.kind,
            title=e.title,
            description=e.description,
            occurred_at=e.occurred_at.astimezone(UTC),
            precision=e.precision,
            ends_at=e.ends_at.astimezone(UTC) if e.ends_at else None,
            source=e.source,
            participants=[(kind, ids[(kind, key)]) for kind, key in e.participants],
        ).value
    for link in case.links:
        records.add(
            code,
            "link",
            kind=link.kind,
            a_type=link.a[0],
            a_id=ids[link.a],
            b_type=link.b[0],
            b_id=ids[link.b],
            starts_on=link.starts_on,
            ends_on=link.ends_on,
            evidence=link.evidence,
        )
