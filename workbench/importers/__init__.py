"""Readers for spreadsheets, call records and bank statements (pandas; no Qt)."""
