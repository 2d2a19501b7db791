"""The validation sentences by code, Qt-free: the window and the command line read the
same table, so each code has both languages and the values its sentence names."""

from __future__ import annotations

import re

from workbench.domain.coded_messages import MESSAGES, coded_message


def test_every_code_has_both_languages_and_the_same_placeholders() -> None:
    for code, (zh, en, names) in MESSAGES.items():
        assert zh and en and zh != en, code
        wanted = {f"%{n}" for n in range(1, len(names) + 1)}
        assert set(re.findall(r"%\d", zh)) == wanted, code
        assert set(re.findall(r"%\d", en)) == wanted, code


def test_weights_in_grams_money_in_yuan_and_the_english_when_uncoded() -> None:
    params = {"net_mg": 7_990_000, "gross_mg": 8_000_000, "tare_mg": 15_000}
    params["expected_mg"] = 7_985_000
    zh = coded_message("seizure.net_mismatch", params, "net 7990000 mg …", "zh_CN")
    assert zh == "净重 7990 克不等于毛重 8000 克减包装重量 15 克(应为 7985 克)"
    en = coded_message("seizure.net_mismatch", params, "net 7990000 mg …", "en")
    assert "7990 g" in en and "mg" not in en
    assert coded_message("no.such.code", {}, "as the service said", "zh_CN") == (
        "as the service said"
    )
