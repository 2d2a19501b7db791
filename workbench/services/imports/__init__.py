"""Spreadsheet and CSV imports: preview, column mapping, checking every row, and writing
an import as one transaction with one audit entry (records, call records, bank rows and
the links they imply).

May import ``core``, ``casefile`` (validation, record writers), ``analysis`` (links from
calls and payments) and ``workbench.importers`` (reading and parsing files).
"""
