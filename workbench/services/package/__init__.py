"""The prosecution package: reading a case into ``reports.model`` values, the open-items
(completeness) check, and exporting the PDF with its audit entry.

May import ``core``, ``casefile``, ``analysis`` (charts) and ``workbench.reports``.
"""
