"""The unlock dialog on a damaged file and on a folder: what is wrong and what to do, in
the user's language, and the damaged file left as it was (issue 13 #4, #5, #6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from workbench.services.accounts.users import sign_in
from workbench.store.keys import PAGE_SIZE
from workbench.views.i18n import install_translators, remove_translators
from workbench.views.settings import Settings
from workbench.views.unlock_dialog import UnlockDialog

SHOTS = Path(os.environ.get("WORKBENCH_TEST_SHOTS", "out/test-shots"))

TEXTS = {
    "en": ("The database is damaged; restore it from a backup.", "folder, not a database file"),
    "zh_CN": ("数据库已损坏", "文件夹"),
}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_damaged_file_and_folder(qtbot: QtBot, demo_db: Path, tmp_path: Path, lang: str) -> None:
    sign_in(demo_db, "tester", PASSPHRASE).store.close()  # key slots, as a real file has
    data = bytearray(demo_db.read_bytes())
    page = len(data) // PAGE_SIZE // 2
    data[page * PAGE_SIZE + 99] ^= 0x01
    demo_db.write_bytes(bytes(data))
    damaged, folder = TEXTS[lang]
    install_translators(lang)
    try:
        dialog = UnlockDialog(Settings(), path=demo_db, user="tester")
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.passphrase_edit.setText(PASSPHRASE)
        dialog.accept()
        text = dialog.error_label.text()
        assert dialog.context() is None and damaged in text and f"page {page + 1}" in text
        assert demo_db.read_bytes() == bytes(data)  # not even the sign-in was written
        SHOTS.mkdir(parents=True, exist_ok=True)
        qtbot.wait(100)  # the label grows on the next layout pass
        assert dialog.grab().save(str(SHOTS / f"unlock-damaged-{lang}.png"))
        dialog.path_edit.setText(str(tmp_path))
        dialog.passphrase_edit.setText(PASSPHRASE)
        dialog.accept()
        assert dialog.context() is None and folder in dialog.error_label.text()
        assert dialog.grab().save(str(SHOTS / f"unlock-folder-{lang}.png"))
    finally:
        remove_translators()
