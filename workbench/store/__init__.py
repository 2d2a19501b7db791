"""The encrypted database: open/create/key, PRAGMAs, migrations, backup, checks.

Nothing above this layer talks to sqlcipher3 directly.
"""

from workbench.store.database import Store
from workbench.store.errors import (
    DatabaseDamaged,
    DatabaseExists,
    DatabaseMissing,
    NotAWorkbenchDatabase,
    StoreError,
    WrongPassphrase,
)
from workbench.store.keys import DatabaseKey, PassphraseKey

__all__ = [
    "DatabaseDamaged",
    "DatabaseExists",
    "DatabaseKey",
    "DatabaseMissing",
    "NotAWorkbenchDatabase",
    "PassphraseKey",
    "Store",
    "StoreError",
    "WrongPassphrase",
]
