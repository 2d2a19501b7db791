"""What the readers raise: the file cannot be imported, or the user cancelled."""

from __future__ import annotations


class ImportFileError(ValueError):
    """The file cannot be read as a table; the message names the file and the place."""


class ImportCancelled(Exception):
    """The user cancelled while the file was being read."""
