"""The link chart at 5,000 nodes / 20,000 links, each step beside a same-run baseline.

The case is built the way an investigator's would be: 1,200 persons (each with an ID
number and a phone) and ~47,000 call records imported from CSV through
``ImportService`` (the records collapse into ~15,000 number pairs, and the import
derives ~2,500 person-to-person "calls" Link rows), 650 vehicles with registered
owners added through ``VehicleService``, 650 exhibits through ``RecordService.bulk_add``
— 5,000 nodes and 20,000 links on the chart. A second, small case shares 10 of the
persons, so expanding a node reaches into it.

1. Graph from the database: ``NetworkService.graph`` (a fresh service, no cache)
   against a bare sqlcipher3 ``fetchall`` of the rows it reads.
2. Force layout: ours (seeded igraph Fruchterman–Reingold, pins, scaling) against
   bare igraph FR on the same edges; target ≤ 2 s. The note gives networkx
   ``spring_layout`` on a 400-node part beside ours on the same part.
3. Every centrality measure and communities: ``node_metrics`` against the bare igraph
   calls on the same graph; target ≤ 5 s. A second line compares ours with networkx on
   a 1,000-node part of the same chart (same size both sides).
4. Expand a node by two hops across both cases: ours (warm: both cases' graphs cached)
   against bare igraph ``neighborhood(order=2)`` on the prebuilt graph; target ≤ 100 ms.
   The note gives the first (cold) expansion, which reads the second case.
5. The package's vector drawing of the whole chart: ``link_chart_drawing`` rendered to
   PDF bytes against a bare reportlab Drawing of one circle per node, one line per
   link and one string per label.

``WORKBENCH_BENCH_NETWORK_SCALE`` (default 1.0) shrinks everything for a quick run.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.harness import Comparison, median_time

PASS = "benchmark passphrase"
CASE, OTHER = "BENCH-NET", "BENCH-NET-2"
SCALE = float(os.environ.get("WORKBENCH_BENCH_NETWORK_SCALE", "1.0"))
PERSONS = int(1200 * SCALE)
OUTSIDERS = int(1300 * SCALE)
VEHICLES = int(650 * SCALE)
EXHIBITS = int(650 * SCALE)
OWN_PAIRS = int(2500 * SCALE)  # calls between two persons' numbers
OUT_PAIRS = int(12500 * SCALE)  # calls between a person's number and an outsider's
REPEAT = 3


def _people_csv(path: Path) -> list[str]:
    from workbench.demo.identities import mobile, resident_id

    phones = []
    with path.open("w", encoding="utf-8") as fh:
        fh.write("姓名,身份证号码,联系电话,涉案角色,是否嫌疑人\n")
        for i in range(PERSONS):
            born = date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
            phone = mobile(20_000 + i)
            phones.append(phone)
            role = ("supplier", "member", "courier", "buyer", "user")[i % 5]
            region = ("410402", "410403", "410411", "410421")[i // 490]
            id_number = resident_id(region, born, "M" if i % 2 else "F", i % 490)
            fh.write(f"人员{i:05d},{id_number},{phone},{role},{'是' if i % 3 else '否'}\n")
    return phones


def _calls_csv(path: Path, phones: list[str]) -> int:
    rng = random.Random(11)
    outsiders = [f"1370{i:07d}" for i in range(OUTSIDERS)]
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < OWN_PAIRS:
        a, b = rng.sample(phones, 2)
        pairs.add((a, b))
    while len(pairs) < OWN_PAIRS + OUT_PAIRS:
        a, b = rng.choice(phones), rng.choice(outsiders)
        pairs.add((a, b) if rng.random() < 0.5 else (b, a))
    t0 = datetime(2019, 1, 1, 8, 0, tzinfo=UTC)
    calls = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write("主叫号码,被叫号码,开始时间,通话时长\n")
        for k, (a, b) in enumerate(sorted(pairs)):
            for j in range(1 + k % 5):
                when = t0 + timedelta(minutes=k * 7 + j * 1440)
                fh.write(f"{a},{b},{when:%Y-%m-%d %H:%M:%S},{30 + j}\n")
                calls += 1
    return calls


def build(path: Path) -> dict[str, int]:
    """The synthetic case (and the small second case) in a new encrypted database."""
    from workbench.demo.identities import plate
    from workbench.services.accounts.users import UserService
    from workbench.services.casefile.cases import CaseService
    from workbench.services.casefile.persons import PersonService
    from workbench.services.casefile.records import RecordService
    from workbench.services.casefile.tables import TableQuery, TableService
    from workbench.services.casefile.vehicles import VehicleService
    from workbench.services.core.context import Context
    from workbench.services.core.unit_of_work import transaction
    from workbench.services.imports.importing import ImportService
    from workbench.store import PassphraseKey, Store

    with Store.create(path, PassphraseKey(PASS)) as store:
        ctx = Context(store, "bench")
        UserService(ctx).add("bench", "admin")
        CaseService(ctx).create(CASE, "关系图基准测试案件", level="provincial_target")
        CaseService(ctx).create(OTHER, "关系图基准测试关联案件")
        phones = _people_csv(path.with_suffix(".persons.csv"))
        ImportService(ctx).run(CASE, "persons", path.with_suffix(".persons.csv"))
        calls = _calls_csv(path.with_suffix(".calls.csv"), phones)
        ImportService(ctx).run(CASE, "calls", path.with_suffix(".calls.csv"))
        rows = TableService(ctx).fetch(CASE, "persons", TableQuery(sort="name"), 0, PERSONS)
        ids = [r["person_id"] for r in rows]
        with transaction(ctx):
            vehicles = VehicleService(ctx)
            for i in range(VEHICLES):
                vehicles.add_to_case(
                    CASE, {"plate": plate("豫D", i), "owner_id": ids[i % len(ids)]}
                )
        t0 = datetime(2019, 3, 1, 8, 0, tzinfo=UTC)
        exhibits = [
            {"exhibit_no": f"JC{k:05d}", "drug": "methamphetamine", "net_mg": 1000 + k,
             "seized_at": t0 + timedelta(hours=k), "from_person_id": ids[(k * 7) % len(ids)]}
            for k in range(EXHIBITS)
        ]  # fmt: skip
        RecordService(ctx).bulk_add(CASE, "seizure", exhibits, source="bench")
        people = PersonService(ctx)
        with transaction(ctx):
            shared = rows[:10]
            other_ids = []
            for r in shared:
                person = {"name": r["name"], "id_number": r["id_number"]}
                other_ids.append(people.add_to_case(OTHER, person, role="member").value.person_id)
            for i in range(20):
                other_ids.append(
                    people.add_to_case(
                        OTHER, {"name": f"关联{i:02d}"}, role="buyer"
                    ).value.person_id
                )
            for k in range(40):
                a, b = other_ids[k % 30], other_ids[(k * 7 + 3) % 30]
                if a != b:
                    RecordService(ctx).add(
                        OTHER, "link", kind="accomplice", a_type="person", a_id=a,
                        b_type="person", b_id=b, evidence="现场抓获",
                    )  # fmt: skip
    return {"calls": calls, "shared": ids[0]}


# -- the baselines ------------------------------------------------------------------------


_BARE_QUERIES = (
    "SELECT p.id, p.name, p.id_number, p.phones, cp.role, cp.is_suspect, cp.status"
    " FROM case_party cp JOIN person p ON p.id = cp.person_id WHERE cp.case_id = ?",
    "SELECT person_id, kind, starts_on, decided_on, id FROM measure WHERE case_id = ?",
    "SELECT v.id, v.plate, v.vin, v.make, v.model, v.colour, v.owner_id FROM case_vehicle cv"
    " JOIN vehicle v ON v.id = cv.vehicle_id WHERE cv.case_id = ?",
    "SELECT id, name, kind, address FROM location WHERE case_id = ?",
    "SELECT id, exhibit_no, drug, net_mg, from_person_id, location_id, seized_at FROM seizure"
    " WHERE case_id = ?",
    "SELECT id, kind, a_type, a_id, b_type, b_id, starts_on, ends_on, evidence FROM link"
    " WHERE case_id = ?",
    "SELECT caller, callee, count(*), min(started_at), max(started_at), sum(duration_s)"
    " FROM call_record WHERE case_id = ? GROUP BY caller, callee",
    "SELECT account, counterparty_account, counterparty_name, at, amount_fen, direction"
    " FROM bank_transaction WHERE case_id = ?",
)


def _bare_fetch(conn: Any, case_id: int) -> int:
    return sum(len(conn.execute(q, (case_id,)).fetchall()) for q in _BARE_QUERIES)


def _bare_igraph(graph: Any) -> Any:
    import igraph as ig

    return ig.Graph(
        n=len(graph.nodes), edges=list(zip(graph.src.tolist(), graph.dst.tolist(), strict=True))
    )


def _part(graph: Any, size: int) -> Any:
    """The first ``size`` nodes reached breadth-first from the busiest node, and the
    links among them: a connected part of the same chart."""
    from workbench.services.analysis.network_data import subgraph

    g = _bare_igraph(graph)
    start = max(range(g.vcount()), key=g.degree)
    order = g.bfs(start)[0][:size]
    return subgraph(graph, {graph.nodes[i].id for i in order})


def _networkx_centrality(graph: Any) -> None:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(len(graph.nodes)))
    g.add_edges_from(zip(graph.src.tolist(), graph.dst.tolist(), strict=True))
    nx.degree_centrality(g)
    nx.betweenness_centrality(g)
    nx.closeness_centrality(g)
    nx.eigenvector_centrality(g, max_iter=1000)
    nx.community.louvain_communities(g, seed=1)


def _networkx_layout(graph: Any) -> None:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(len(graph.nodes)))
    g.add_edges_from(zip(graph.src.tolist(), graph.dst.tolist(), strict=True))
    nx.spring_layout(g, seed=1)


def _bare_drawing(picture: Any) -> bytes:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Circle, Drawing, Line, String

    from workbench.reports.fonts import cjk_font

    font = cjk_font().name
    d = Drawing(760, 420)
    xy = picture.xy
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    scale = min(750 / max(hi[0] - lo[0], 1), 410 / max(hi[1] - lo[1], 1))
    pts = (xy - lo) * scale + 5
    for a, b in zip(picture.src.tolist(), picture.dst.tolist(), strict=True):
        d.add(Line(float(pts[a][0]), float(pts[a][1]), float(pts[b][0]), float(pts[b][1])))
    for i, node in enumerate(picture.nodes):
        d.add(Circle(float(pts[i][0]), float(pts[i][1]), 1.5))
        if i < 150:
            d.add(
                String(
                    float(pts[i][0]), float(pts[i][1]) - 4, node.label, fontName=font, fontSize=5
                )
            )
    return bytes(renderPDF.drawToString(d))


# -- the run --------------------------------------------------------------------------------


def run() -> list[Comparison]:
    from workbench.reports.link_chart import link_chart_drawing
    from workbench.services.analysis.network import NetworkService
    from workbench.services.analysis.network_layout import layout
    from workbench.services.analysis.network_metrics import node_metrics, seeded_igraph
    from workbench.services.core.context import Context
    from workbench.store import PassphraseKey, Store

    out: list[Comparison] = []
    with tempfile.TemporaryDirectory(prefix="workbench-bench-network-") as tmp:
        path = Path(tmp) / "network.db"
        start = time.perf_counter()
        facts = build(path)
        built = time.perf_counter() - start
        with Store.open(path, PassphraseKey(PASS)) as store:
            ctx = Context(store, "bench")
            ours_build = median_time(lambda: NetworkService(ctx).graph(CASE), REPEAT)
            graph = NetworkService(ctx).graph(CASE)
            with store.raw_connection() as conn:
                case_id = conn.execute(
                    "SELECT id FROM case_file WHERE code = ?", (CASE,)
                ).fetchone()[0]
                bare_build = median_time(lambda: _bare_fetch(conn, case_id), REPEAT)
                rows = _bare_fetch(conn, case_id)
            size = f"{len(graph.nodes):,} nodes / {len(graph.links):,} links"
            out.append(Comparison(
                f"link chart from the database ({size})", ours_build, bare_build,
                "bare sqlcipher3 fetchall, same rows",
                f"({rows:,} rows; {facts['calls']:,} imported calls; case built in {built:.0f} s)",
            ))  # fmt: skip

            ours_layout = median_time(lambda: layout(graph, "force"), REPEAT)
            g = _bare_igraph(graph)

            def bare_fr() -> None:
                with seeded_igraph():
                    g.layout_fruchterman_reingold()

            bare_layout = median_time(bare_fr, REPEAT)
            part = _part(graph, 400)  # networkx needs scipy from 500 nodes
            nx_part = median_time(lambda: _networkx_layout(part), 1)
            ours_part = median_time(lambda: layout(part, "force"), REPEAT)
            out.append(Comparison(
                "force layout (target ≤ 2 s)", ours_layout, bare_layout,
                "bare igraph FR, same edges",
                f"(400-node part: ours {ours_part * 1000:.0f} ms, networkx spring_layout "
                f"{nx_part * 1000:.0f} ms)",
            ))  # fmt: skip

            ours_metrics = median_time(lambda: node_metrics(graph), 1)

            def bare_metrics() -> None:
                g.degree()
                g.betweenness(directed=False)
                g.closeness()
                g.eigenvector_centrality()
                with seeded_igraph():
                    g.community_multilevel()

            bare = median_time(bare_metrics, 1)
            communities = node_metrics(graph).communities
            out.append(Comparison(
                "all centrality measures + communities (≤ 5 s)", ours_metrics, bare,
                "bare igraph calls, same graph", f"({communities} communities)",
            ))  # fmt: skip
            part = _part(graph, 1000)
            ours_part = median_time(lambda: node_metrics(part), 1)
            nx_part = median_time(lambda: _networkx_centrality(part), 1)
            out.append(Comparison(
                f"centrality on a {len(part.nodes):,}-node part", ours_part, nx_part,
                "networkx, same part", f"({len(part.links):,} links)",
            ))  # fmt: skip

            node = f"person:{facts['shared']}"
            service = NetworkService(ctx)
            service.graph(CASE)
            start = time.perf_counter()
            first = service.expand(CASE, node, 2)
            cold = time.perf_counter() - start
            warm = median_time(lambda: service.expand(CASE, node, 2), 5)
            v = graph.index[node]
            bare_expand = median_time(lambda: g.neighborhood(vertices=[v], order=2), 5)
            foreign = sum(1 for n in first.nodes if n.case_code == OTHER)
            out.append(Comparison(
                "expand a node by 2 hops, 2 cases (≤ 100 ms)", warm, bare_expand,
                "bare igraph neighborhood(order=2)",
                f"({len(first.nodes)} nodes, {foreign} from the other case; first, reading "
                f"the other case: {cold * 1000:.0f} ms)",
            ))  # fmt: skip

            picture = service.picture(CASE, "zh_CN")

            def ours_pdf() -> bytes:
                from reportlab.graphics import renderPDF

                d = link_chart_drawing(picture, 760, 420, "zh_CN")
                return bytes(renderPDF.drawToString(d))

            ours_draw = median_time(ours_pdf, 1)
            bare_draw = median_time(lambda: _bare_drawing(picture), 1)
            out.append(Comparison(
                f"package drawing ({len(picture.nodes):,} nodes) to PDF", ours_draw, bare_draw,
                "bare reportlab circles, lines, labels", f"({len(ours_pdf()) // 1024} KB)",
            ))  # fmt: skip
    return out


if __name__ == "__main__":
    for comparison in run():
        print(comparison.line(), flush=True)
