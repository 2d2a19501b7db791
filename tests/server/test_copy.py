"""``workbench copy``: a file to a server and back, the chain verified on arrival."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import ok, run
from tests.conftest import PASSPHRASE
from tests.server.conftest import ADMIN, Server, add_user
from workbench.services.accounts.access import AccessService
from workbench.services.accounts.users import create_database, sign_in
from workbench.services.casefile.attachments import AttachmentService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.audit import AuditService


def test_file_to_server_and_back(pg: Server, tmp_path: Path) -> None:
    source = tmp_path / "field.db"
    ctx = create_database(source, ADMIN, PASSPHRASE)
    try:
        CaseService(ctx).create("F-1", "外勤案件")
        RecordService(ctx).add("F-1", "location", name="据点", kind="stash")
        add_user(ctx, "zhao", "investigator")
        AccessService(ctx).grant("F-1", "zhao")
        attachments = AttachmentService(ctx)
        photo = tmp_path / "photo.jpg"
        photo.write_bytes(b"\xff\xd8 jpeg bytes")
        attachment = attachments.add("F-1", photo, "现场照片")
        source_report = AuditService(ctx).verify()
    finally:
        ctx.store.close()

    with pg.superuser() as conn:
        conn.execute("CREATE DATABASE wb_copy_target")
    owner = pg.owner_url("wb_copy_target")
    there = json.loads(ok("copy", "--from", str(source), "--to", owner, "--json").stdout)
    assert there["tables"]["attachment"] == 1 and there["entries"] >= source_report.count

    url = pg.url("wb_copy_target")
    server_ctx = sign_in(url, ADMIN, PASSPHRASE)
    try:
        assert AuditService(server_ctx).verify().ok
        assert [c.code for c in CaseService(server_ctx).list()] == ["F-1"]
        opened = AttachmentService(server_ctx).open_copy(attachment.value)
        assert opened.read_bytes() == b"\xff\xd8 jpeg bytes"  # its SHA-256 checked too
        log = AuditService(server_ctx).log()
        assert [e.action for e in log if e.action == "copy"] == ["copy"]
        # New rows get new ids after the copied ones.
        RecordService(server_ctx).add("F-1", "location", name="新据点")
    finally:
        server_ctx.store.close()
    # A non-empty server is refused.
    again = run("copy", "--from", str(source), "--to", owner)
    assert again.returncode == 2 and "already holds workbench data" in again.stderr

    back = tmp_path / "back.db"
    ok("copy", "--from", owner, "--to", str(back))
    home = sign_in(back, ADMIN, PASSPHRASE)
    try:
        report = AuditService(home).verify()
        assert report.ok
        assert [e.action for e in AuditService(home).log() if e.action == "copy"] == [
            "copy",
            "copy",
        ]
        assert CaseService(home).summary("F-1").counts["locations"] == 2
    finally:
        home.store.close()
