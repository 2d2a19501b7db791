"""The PDF prosecution package and its charts (reportlab; no Qt)."""
