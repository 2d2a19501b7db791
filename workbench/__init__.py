"""Task Force Workbench: encrypted case files for narcotics task forces."""

__version__ = "0.1.0"
