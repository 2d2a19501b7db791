"""The Import wizard (File ▸ Import…)."""

from workbench.views.import_wizard.wizard import ImportWizard

__all__ = ["ImportWizard"]
