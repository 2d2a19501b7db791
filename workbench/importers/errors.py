"""What the readers raise: the file cannot be imported, or the user cancelled."""

from __future__ import annotations

from collections.abc import Mapping

from workbench.importers.file_messages import file_message
from workbench.importers.report import plain_params


class ImportFileError(ValueError):
    """The file cannot be read as a table; the message names the file and the place.

    ``code`` is a key of ``file_messages.FILE_MESSAGES`` and ``params`` its plain values
    (file name, line, column number, limit …); the message is the English sentence, and
    ``message(lang)`` the same in the user's language."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params: dict[str, object] = plain_params(params)
        super().__init__(file_message(code, self.params, "en"))

    def message(self, lang: str) -> str:
        return file_message(self.code, self.params, lang)

    def __reduce__(self) -> tuple[object, ...]:  # copy and pickle keep code and values
        return (_rebuilt, (self.code, self.params))


def _rebuilt(code: str, params: Mapping[str, object]) -> ImportFileError:
    return ImportFileError(code, **params)


class ImportCancelled(Exception):
    """The user cancelled while the file was being read."""
