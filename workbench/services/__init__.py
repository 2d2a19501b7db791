"""Use cases. Every change passes here: validated, one transaction, audited.

Sub-packages by what users do, lowest first (import-linter keeps the order):
``core`` (context, unit of work, errors, the audit trail, changes as data) ←
``casefile`` (editing a case file and the operation runner) and ``accounts`` (users, case
membership) ← ``analysis`` (timelines, communications, overview) ← ``imports`` and
``package`` ← ``bundle`` (the one place that gathers them for the window).
"""
