"""Qt windows, dialogs and item models (PySide6, pyqtgraph): the only Qt code."""
