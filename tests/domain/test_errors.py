from __future__ import annotations

import pickle

import pytest

from workbench.domain.errors import DomainError


def test_carries_code_and_message() -> None:
    error = DomainError("resident_id.check_char", "check character should be X, not 3")
    assert error.code == "resident_id.check_char"
    assert error.message == "check character should be X, not 3"
    assert str(error) == "check character should be X, not 3"


def test_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="bad weight"):
        raise DomainError("weight.invalid", "bad weight")


def test_survives_pickling() -> None:
    error = pickle.loads(pickle.dumps(DomainError("a.b", "text")))
    assert (error.code, error.message, str(error)) == ("a.b", "text", "text")
