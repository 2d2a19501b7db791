"""Partly masked identifiers: enough to tell two 郭某 apart, not enough to copy an ID.

The region prefix and the check character stay readable (4104************2X); the
birth date is shown beside it where it matters, from the person's own field.
"""

from __future__ import annotations

MASK = "***"


def mask_id(value: str | None) -> str:
    """Region prefix and check character stay readable: 4104************2X."""
    if not value:
        return ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


def mask_phone(value: str) -> str:
    """The first three and last four digits: 138****0867."""
    return value[:3] + "*" * max(len(value) - 7, 0) + value[-4:] if len(value) >= 7 else MASK
