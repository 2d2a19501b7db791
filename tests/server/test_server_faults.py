"""The server going away: a session's backend killed in the middle of a change."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import PASSPHRASE
from tests.server.conftest import ADMIN, Server, signed_in_as
from workbench.services.accounts.users import sign_in
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.audit import AuditService
from workbench.services.core.unit_of_work import transaction
from workbench.store.errors import ServerUnreachable, StoreError
from workbench.store.server_tls import make_ca


def test_backend_killed_mid_transaction_leaves_nothing(pg: Server, server_url: str) -> None:
    lead = signed_in_as(server_url, ADMIN)
    try:
        CaseService(lead).create("K-1", "测试案件")
        before = AuditService(lead).verify()
        with pytest.raises(StoreError) as lost, transaction(lead) as uow:
            RecordService(lead).add("K-1", "location", name="半途")
            pid = uow.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with pg.superuser(server_url.rsplit("/", 1)[1]) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            RecordService(lead).add("K-1", "location", name="再来一个")
        assert "lost the connection" in str(lost.value)
        # The same session carries on (its pool reconnects); nothing of the change is there.
        assert CaseService(lead).summary("K-1").counts["locations"] == 0
        after = AuditService(lead).verify()
        assert after.ok and after.count == before.count
        RecordService(lead).add("K-1", "location", name="之后")
        assert AuditService(lead).verify().ok
    finally:
        lead.store.close()


def test_tls_verify_full_accepts_the_site_ca_and_refuses_another(
    pg: Server, server_url: str, tmp_path: Path
) -> None:
    good = f"{server_url}?sslmode=verify-full&sslrootcert={pg.cluster.ca}"
    lead = sign_in(good, ADMIN, PASSPHRASE)
    try:
        with lead.store.session() as s:
            assert s.execute(
                text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            ).scalar_one()
    finally:
        lead.store.close()
    wrong_ca = make_ca(tmp_path, "another-ca")
    wrong = f"{server_url}?sslmode=verify-full&sslrootcert={wrong_ca.cert}"
    with pytest.raises(StoreError) as refused:
        sign_in(wrong, ADMIN, PASSPHRASE)
    assert "certificate verify failed" in str(refused.value)
    assert isinstance(refused.value, ServerUnreachable) and refused.value.exit_code == 8
