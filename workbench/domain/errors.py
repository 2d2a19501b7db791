"""The one exception the domain layer raises for bad input.

A stable ``code`` lets callers map errors to fields and translations without parsing text;
the English ``message`` says exactly what is wrong so it can be shown as-is.
"""

from __future__ import annotations


class DomainError(ValueError):
    """A value that breaks a domain rule (it is a ``ValueError``, so generic handlers work)."""

    code: str
    message: str

    def __init__(self, code: str, message: str) -> None:
        # Both go to ``args`` so the error survives pickling (worker processes, logs).
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message
