"""What every service stands on: the signed-in ``Context`` and its permission checks,
``unit_of_work`` (one transaction whose audit entries are chained before commit), the
errors services raise, lookups by code and id, reading and verifying the audit trail, and
changes as data (``Operation``, ``OpResult``, ``Changes``).

Imports the domain, models and store only — never another services sub-package.
"""
