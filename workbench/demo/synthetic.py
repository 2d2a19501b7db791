"""A large synthetic case (hundreds of suspects, thousands of exhibits) for tests and
benchmarks of the prosecution package. Deterministic; written through the services in
one transaction, the exhibits through the audited bulk path."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from workbench.demo.identities import mobile, resident_id
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.tables import TableQuery, TableService
from workbench.services.core.context import Context
from workbench.services.core.unit_of_work import transaction

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
_REGIONS = ("410402", "410403", "410411", "410421", "410422", "410423", "410425", "410482")
_DRUGS = ("methamphetamine", "heroin", "ketamine", "mdma")


def build_large_case(
    ctx: Context, code: str = "BIG-2019-001", *, suspects: int = 500, seizures: int = 5000
) -> None:
    """A case with ``suspects`` arrested suspects (each detained, then arrested) and
    ``seizures`` exhibits, each attributed to one suspect (the first is the principal)."""
    people, records = PersonService(ctx), RecordService(ctx)
    t0 = datetime(2019, 3, 1, 8, 0, tzinfo=UTC)
    with transaction(ctx):
        CaseService(ctx).create(
            code,
            f"{code} 特大贩卖毒品案(合成数据)",
            level="provincial_target",
            category="trafficking",
            unit="平顶山市公安局犯罪侦查支队禁毒大队",
            lead="测试主办人",
            opened_on=date(2019, 1, 2),
            summary="用于性能和容量测试的合成案件。",
            source="合成数据",
        )
        ids = []
        for i in range(suspects):
            sex = "M" if i % 5 else "F"
            born = date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
            ref = people.add_to_case(
                code,
                {
                    "name": f"{_SURNAMES[i % len(_SURNAMES)]}某{i:03d}",
                    "sex": sex,
                    "birth_date": born,
                    "id_number": resident_id(_REGIONS[i % len(_REGIONS)], born, sex, i % 490),
                    "household_address": f"河南省平顶山市某区某路{i}号",
                    "phones": [mobile(10_000 + i)],
                },
                role="principal" if i == 0 else ("courier" if i % 7 == 0 else "member"),
                is_suspect=True,
                status="arrested",
                roving_or_gang=i % 3 == 0,
            ).value
            ids.append(ref.person_id)
            detained = date(2019, 3, 1) + timedelta(days=i % 10)
            people.add_measure(
                code,
                ref.person_id,
                "criminal_detention",
                decided_on=detained,
                starts_on=detained,
                ends_on=detained + timedelta(days=30),
                document_no=f"平公(禁)拘字〔2019〕{i + 1:04d}号",
                place="平顶山市看守所",
            )
            people.add_measure(
                code,
                ref.person_id,
                "arrest",
                decided_on=detained + timedelta(days=30),
                starts_on=detained + timedelta(days=30),
                document_no=f"平公(禁)捕字〔2019〕{i + 1:04d}号",
                place="平顶山市看守所",
            )
        rows = []
        for k in range(seizures):
            net = 1_000 + (k * 7919) % 900_000  # 1 g .. 901 g
            tare = 500 + k % 1000
            rows.append(
                {
                    "exhibit_no": f"{code}-JC{k + 1:05d}",
                    "drug": _DRUGS[k % len(_DRUGS)],
                    "form": "crystal",
                    "package_count": 1 + k % 9,
                    "gross_mg": net + tare,
                    "tare_mg": tare,
                    "net_mg": net,
                    "scale_resolution_mg": 10,
                    "purity_bp": 2000 + k % 7000,
                    "seized_at": t0 + timedelta(minutes=k),
                    "from_person_id": ids[k % len(ids)],
                    "lab_report_no": f"平公物鉴(毒)字〔2019〕{k + 1:05d}号",
                    "sent_for_test_on": (t0 + timedelta(minutes=k, days=1)).date(),
                    "status": "tested",
                }
            )
        records.bulk_add(code, "seizure", rows, source="synthetic")
    # The table service reads committed rows, so the attributions are a second transaction.
    found = TableService(ctx).fetch(code, "seizures", TableQuery(sort="exhibit_no"), 0, seizures)
    with transaction(ctx):
        # Attribution: the holder possessed it; every tenth is also the principal's
        # (joint crime), so the principal's section carries a long table.
        for k, row in enumerate(found):
            holder = ids[k % len(ids)]
            records.attribute(row["id"], holder, "possession")
            if k % 10 == 0 and holder != ids[0]:
                records.attribute(row["id"], ids[0], "joint_crime")
