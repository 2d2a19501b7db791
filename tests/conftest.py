"""Shared fixtures: real encrypted databases in temporary directories."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep every log (ours and SQLCipher's) out of the home directory, for subprocesses too.
os.environ.setdefault("WORKBENCH_LOG_DIR", tempfile.mkdtemp(prefix="workbench-test-logs-"))
# Tiny Argon2id parameters for every key slot a test (or its subprocess) creates: the
# calibrated ~0.5 s per slot would make the suite crawl. tests/store/test_slots.py
# checks calibration itself with the variable removed.
os.environ.setdefault("WORKBENCH_KDF_PROFILE", "test")

from workbench.services.accounts.users import UserService
from workbench.services.core.context import Context
from workbench.store import PassphraseKey, Store

PASSPHRASE = "correct 'horse' \"battery\"; staple -- 禁毒"


@pytest.fixture
def key() -> PassphraseKey:
    return PassphraseKey(PASSPHRASE)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "case.db"


@pytest.fixture
def store(db_path: Path, key: PassphraseKey) -> Iterator[Store]:
    s = Store.create(db_path, key)
    yield s
    s.close()


@pytest.fixture
def ctx(store: Store) -> Context:
    context = Context(store, "tester")
    UserService(context).add("tester", "admin")
    return context


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per test run through the real loader."""
    from workbench.demo.load import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.create(path, PassphraseKey(PASSPHRASE)) as s:
        c = Context(s, "tester")
        UserService(c).add("tester", "admin")
        load_demo(c)
    return path


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture
def demo_ctx(demo_db: Path) -> Iterator[Context]:
    s = Store.open(demo_db, PassphraseKey(PASSPHRASE))
    yield Context(s, "tester")
    s.close()
