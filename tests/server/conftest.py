"""A real throwaway PostgreSQL cluster for the session, and databases on it.

The cluster starts once (initdb + pg_ctl, about 2 s; as the postgres user when the
suite runs as root) and is removed at the end. Every test gets its own database, made
from a template that ``workbench server init`` set up once (schema, group roles, the
admin ``lead``), so a test costs a CREATE DATABASE, not the migrations. Missing
PostgreSQL binaries fail the fixture with the reason: ``make setup`` installs them.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests import pgcluster
from tests.conftest import PASSPHRASE
from workbench.services.accounts.users import UserService, create_server, sign_in
from workbench.services.core.context import Context

ADMIN = "lead"
TEMPLATE = "wb_template"
_numbers = itertools.count(1)


@dataclass
class Server:
    cluster: pgcluster.Cluster

    def owner_url(self, database: str) -> str:
        return self.cluster.superuser_url(database)

    def url(self, database: str) -> str:
        return f"postgresql://127.0.0.1:{self.cluster.port}/{database}"

    def superuser(self, database: str = "postgres") -> psycopg.Connection[object]:
        return psycopg.connect(self.owner_url(database), autocommit=True)

    def new_database(self) -> str:
        name = f"wb_{os.getpid()}_{next(_numbers)}"
        with self.superuser() as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def connect_as(
        self, url: str, user: str, passphrase: str = PASSPHRASE
    ) -> psycopg.Connection[object]:
        """A raw psycopg connection as a workbench user's login role (no app involved)."""
        host_port_db = url.removeprefix("postgresql://")
        return psycopg.connect(
            f"postgresql://{user}@{host_port_db}", password=passphrase, autocommit=True
        )


@pytest.fixture(scope="session")
def pg() -> Iterator[Server]:
    try:
        cluster = pgcluster.start()
    except pgcluster.ClusterUnavailable as exc:
        pytest.fail(f"no PostgreSQL for the server tests: {exc}", pytrace=False)
    try:
        server = Server(cluster)
        with server.superuser() as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        ctx, _ = create_server(server.owner_url(TEMPLATE), ADMIN, PASSPHRASE)
        ctx.store.close()
        yield server
    finally:
        cluster.remove()


@pytest.fixture
def server_url(pg: Server) -> str:
    return pg.new_database()


def add_user(ctx: Context, name: str, role: str) -> None:
    UserService(ctx).add(name, role, passphrase=PASSPHRASE)


@pytest.fixture(params=["file", "server"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def location(store_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database of either kind whose admin is ``lead`` (passphrase PASSPHRASE)."""
    if store_kind == "server":
        pg: Server = request.getfixturevalue("pg")
        return pg.new_database()
    from workbench.services.accounts.users import create_database

    path = tmp_path / "case.db"
    create_database(path, ADMIN, PASSPHRASE).store.close()
    return str(path)


@pytest.fixture
def lead(location: str) -> Iterator[Context]:
    ctx = sign_in(location, ADMIN, PASSPHRASE)
    yield ctx
    ctx.store.close()


def signed_in_as(location: str, user: str) -> Context:
    return sign_in(location, user, PASSPHRASE)


def run_together(target: Callable[[Context, int], None], contexts: list[Context]) -> None:
    """``target(ctx, n)`` for every context at once, one thread each; then every store
    closed (the caller collects and reports the threads' errors)."""
    threads = [threading.Thread(target=target, args=(c, n)) for n, c in enumerate(contexts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for c in contexts:
        c.store.close()
