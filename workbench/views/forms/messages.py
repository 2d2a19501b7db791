"""Validation messages in the user's language, chosen by the error's stable code.

The services word their errors and warnings in English with the particulars ("net 7990000
mg is not gross …"); each carries a code and its values in model units. Beside a field,
in a refused change and in the import wizard the user reads the translated sentence for
the code, with weights in grams, money in 元 and times in the workstation's zone; the
English particulars stay in the tooltip. A code without a sentence here shows the English.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbench.domain import coded_messages as messages_by_code
from workbench.importers.report import Issue
from workbench.services.core.errors import FieldError, InputRejected, ServiceError
from workbench.views.formatting import DEFAULT_ZONE
from workbench.views.i18n import current_language


def _language() -> str:
    return current_language()


def coded_message(code: str, params: Mapping[str, object] | None, fallback: str) -> str:
    """The sentence for ``code`` with ``params`` filled in; ``fallback`` if it has none."""
    return messages_by_code.coded_message(code, params, fallback, _language(), DEFAULT_ZONE)


def field_message(message: str, code: str = "", params: Mapping[str, object] | None = None) -> str:
    """The sentence shown beside a field: translated by code, else the message itself."""
    return coded_message(code, params, message)


def error_message(error: FieldError) -> str:
    return coded_message(error.code, error.params, error.message)


def warning_message(warning: str) -> str:
    """A service warning in the user's language (weights in grams); plain text if unknown."""
    return messages_by_code.warning_text(warning, _language(), DEFAULT_ZONE)


def issue_message(issue: Issue) -> str:
    """An import report's reason in the user's language (the English when it has no code)."""
    return coded_message(issue.code, issue.params, issue.message)


def service_error_message(exc: object) -> str:
    """A service's refusal in the user's language where it carries a coded reason (a file
    the import cannot read: importers/file_messages.py, shared with the command line);
    otherwise its own words."""
    if isinstance(exc, ServiceError):
        return exc.message_in(_language())
    return str(exc)


def rejection_message(exc: InputRejected) -> str:
    """A refused change: each problem on its own line, translated where a code allows."""
    return "\n".join(error_message(e) for e in exc.errors)
