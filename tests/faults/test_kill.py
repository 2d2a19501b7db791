"""kill -9 at random points of import, edit, rekey, user remove and backup.

Each trial copies a small team database, forks a child that runs one operation (the
real CLI, or for edits the services in a loop of two-table transactions), kills it with
SIGKILL after a random delay (up to the operation's own duration, measured by one
unkilled run first), and then checks what must hold whatever the point: the file opens
(the sign-in finishes or undoes an interrupted key switch), ``check`` and the audit
chain pass, every change the child reported committed is there and nothing of one it did
not finish, and exactly one key generation opens the file.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.faults.conftest import COUNTS, Driver, Trial, scale, seed
from workbench.services.accounts.users import UserService, create_database, sign_in
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.store import Store
from workbench.store.backup import verify_copy
from workbench.store.check import check_store
from workbench.store.errors import StoreError, UnknownUser, WrongPassphrase
from workbench.store.keys import RawKey
from workbench.store.slots import SlotFile, slot_path

KILLS = scale("KILLS", 4)
LEAD, LEAD_PASS = "lead", "lead 的口令 kill-9"
WANG, WANG_PASS = "wang", "wang 的口令 kill-9"
CASE = "K-1"
CALL_ROWS = 4000
EDITS = 60


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lead (admin) and wang (investigator, a member of K-1); K-1 holds two persons
    whose phones the call records use; a calls CSV beside it."""
    base = tmp_path_factory.mktemp("kill-template")
    db = base / "team.db"
    ctx = create_database(db, LEAD, LEAD_PASS)
    try:
        UserService(ctx).add(WANG, "investigator", passphrase=WANG_PASS)
        CaseService(ctx).create(CASE, "杀进程案")
        from workbench.services.accounts.access import AccessService

        AccessService(ctx).grant(CASE, WANG)
        people = PersonService(ctx)
        people.add_to_case(CASE, {"name": "刘某", "phones": ["13800001111"]})
        people.add_to_case(CASE, {"name": "毛某", "phones": ["13900002222"]})
    finally:
        ctx.store.close()
    lines = ["主叫号码,被叫号码,开始时间,通话时长"]
    for i in range(CALL_ROWS):
        a, b = ("13800001111", "13900002222") if i % 2 else ("13900002222", "13800001111")
        lines.append(f"{a},{b},2019-03-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:{i % 59:02d},{i}")
    (base / "calls.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return base


@dataclass
class Setup:
    db: Path
    old_key: bytes
    generation: int


def fresh(template: Path, where: Path) -> Setup:
    where.mkdir(parents=True)
    db = where / "team.db"
    shutil.copyfile(template / "team.db", db)
    shutil.copyfile(slot_path(template / "team.db"), slot_path(db))
    slots = SlotFile.load(slot_path(db))
    return Setup(db, slots.unwrap(db, LEAD, LEAD_PASS), slots.generation)


def keys_opening(db: Path, keys: list[bytes]) -> list[bytes]:
    found = []
    for key in dict.fromkeys(keys):
        try:
            Store.open(db, RawKey(key), schema="as_is", verify_pages=False).close()
        except WrongPassphrase:
            continue
        found.append(key)
    return found


def common_invariants(setup: Setup) -> tuple[Context, int, bytes]:
    """The file opens, checks, its chain verifies, one key opens it. Returns the lead's
    context (the caller closes it), the generation and the current key."""
    ctx = sign_in(setup.db, LEAD, LEAD_PASS)  # finishes or undoes a key switch
    assert check_store(ctx.store).ok
    assert AuditService(ctx).verify().ok
    slots = SlotFile.load(slot_path(setup.db))
    current = slots.unwrap(setup.db, LEAD, LEAD_PASS)
    assert keys_opening(setup.db, [setup.old_key, current]) == [current]
    assert slots.generation in (setup.generation, setup.generation + 1)
    assert (current != setup.old_key) == (slots.generation == setup.generation + 1)
    folder = setup.db.parent
    assert not list(folder.glob("*.rekey-tmp*")) and not list(folder.glob("*.keys.new"))
    return ctx, slots.generation, current


def scalar(ctx: Context, sql: str, **params: Any) -> Any:
    with ctx.store.session() as s:
        return s.execute(text(sql), params).scalar()


# -- what must hold after each operation ------------------------------------------------


def after_edit(setup: Setup, trial: Trial) -> None:
    ctx, generation, _ = common_invariants(setup)
    try:
        assert generation == setup.generation
        with ctx.store.session() as s:
            edits = text("SELECT code FROM case_file WHERE code LIKE 'E-%'")
            codes = {r[0] for r in s.execute(edits)}
            located = {
                r[0]
                for r in s.execute(
                    text(
                        "SELECT c.code FROM location l JOIN case_file c ON c.id = l.case_id "
                        "WHERE c.code LIKE 'E-%'"
                    )
                )
            }
            audited = {
                (r[0], r[1])
                for r in s.execute(
                    text("SELECT case_code, entity FROM audit_entry WHERE case_code LIKE 'E-%'")
                )
            }
        committed = {f"E-{i}" for i in trial.committed}
        in_flight = {f"E-{len(trial.committed)}"}
        assert committed <= codes <= committed | in_flight, (committed, codes)
        assert located == codes  # both tables of each transaction, or neither
        assert {c for c, _ in audited} == codes
        assert all((c, e) in audited for c in codes for e in ("case", "location"))
    finally:
        ctx.store.close()


def after_import(setup: Setup, trial: Trial) -> None:
    ctx, generation, _ = common_invariants(setup)
    try:
        assert generation == setup.generation
        rows = scalar(ctx, "SELECT count(*) FROM call_record")
        entries = scalar(ctx, "SELECT count(*) FROM audit_entry WHERE action = 'import'")
        assert (rows, entries) in ((0, 0), (CALL_ROWS, 1)), (rows, entries)
        if trial.committed:
            assert rows == CALL_ROWS
    finally:
        ctx.store.close()


def after_rekey(setup: Setup, trial: Trial) -> None:
    ctx, generation, _ = common_invariants(setup)
    try:
        rekeys = scalar(ctx, "SELECT count(*) FROM audit_entry WHERE action = 'rekey'")
        assert rekeys == generation - setup.generation  # the key and its entry together
        if trial.committed:
            assert generation == setup.generation + 1
        sign_in(setup.db, WANG, WANG_PASS).store.close()  # nobody was locked out
    finally:
        ctx.store.close()
    backups = list(setup.db.parent.glob("team.db.pre-rekey-*.bak"))
    for backup in backups:  # a backup left behind is complete and opens with the old key
        assert verify_copy(backup, RawKey(setup.old_key)) == []


def after_remove(setup: Setup, trial: Trial) -> None:
    ctx, generation, current = common_invariants(setup)
    try:
        active = scalar(ctx, "SELECT active FROM app_user WHERE name = :n", n=WANG)
        removals = scalar(
            ctx, "SELECT count(*) FROM audit_entry WHERE action = 'update' AND entity = 'user'"
        )
        rekeys = scalar(ctx, "SELECT count(*) FROM audit_entry WHERE action = 'rekey'")
    finally:
        ctx.store.close()
    has_slot = WANG in SlotFile.load(slot_path(setup.db)).slots
    removed = generation == setup.generation + 1
    if removed:  # locked out of the current file
        assert (bool(active), has_slot, removals, rekeys) == (False, False, 1, 1)
        with pytest.raises(UnknownUser):
            sign_in(setup.db, WANG, WANG_PASS)
    else:  # nothing changed
        assert (bool(active), has_slot, removals, rekeys) == (True, True, 0, 0)
        sign_in(setup.db, WANG, WANG_PASS).store.close()
    if trial.committed:
        assert removed
    assert not list(setup.db.parent.glob("*.bak")), "a backup wang's passphrase opens is left"
    assert current  # (used: the current key is the one keys_opening found)


def after_backup(setup: Setup, trial: Trial) -> None:
    ctx, generation, _ = common_invariants(setup)
    ctx.store.close()
    assert generation == setup.generation
    out = setup.db.parent / "copy.db"
    if trial.committed:
        assert out.exists()
    if out.exists():  # never half a backup under the final name
        assert slot_path(out).exists()
        copy = sign_in(out, LEAD, LEAD_PASS)
        try:
            assert check_store(copy.store).ok
            assert CaseService(copy).summary(CASE).code == CASE
        finally:
            copy.store.close()


OPS: dict[str, tuple[Callable[[Setup, Path], dict[str, Any]], Callable[[Setup, Trial], None]]] = {
    "edit": (lambda s, t: {"op": "edit", "count": EDITS}, after_edit),
    "import": (
        lambda s, t: {"op": "import", "case": CASE, "file": str(t / "calls.csv")},
        after_import,
    ),
    "rekey": (lambda s, t: {"op": "rekey"}, after_rekey),
    "remove": (lambda s, t: {"op": "remove", "name": WANG}, after_remove),
    "backup": (lambda s, t: {"op": "backup", "out": str(s.db.parent / "copy.db")}, after_backup),
}


@pytest.mark.parametrize("op", list(OPS))
def test_kill_minus_nine_at_random_points(
    driver: Driver, template: Path, tmp_path: Path, op: str
) -> None:
    command, check = OPS[op]
    rng = random.Random(seed())

    def trial(n: int, kill_after: float | None) -> Trial:
        setup = fresh(template, tmp_path / f"t{n}")
        cmd = {"db": str(setup.db), "user": LEAD, "passphrase": LEAD_PASS}
        cmd.update(command(setup, template))
        result = driver.trial(cmd, kill_after)
        assert not result.errors and result.status in (0, -9), (result.status, result.errors)
        try:
            check(setup, result)
        except (AssertionError, StoreError) as exc:
            raise AssertionError(f"{op}: killed after {kill_after} s: {exc}") from exc
        return result

    whole = trial(0, None)  # unkilled: how long the operation takes, and it must succeed
    assert whole.status == 0 and whole.committed
    kills = 0
    for n in range(1, KILLS * 3 + 1):
        if kills >= KILLS:
            break
        result = trial(n, rng.uniform(0, whole.seconds * 1.1))
        kills += result.killed
        COUNTS[f"kill trials ({op})"] += 1
    COUNTS[f"kills ({op})"] += kills
    assert kills >= KILLS, f"only {kills} of the trials were killed before finishing"
