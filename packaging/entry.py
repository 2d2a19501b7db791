"""The frozen app's one entry point, shared by its two executables.

PyInstaller builds ``workbench`` (console: the command line) and ``workbench-gui``
(windowed: the window, as ``python -m workbench.app``) from this one script and one
analysis: the executable's own name says which to run. Sharing the analysis halves the
build time and keeps the two from drifting apart.
"""

import sys
from pathlib import Path


def _main() -> int:
    if Path(sys.executable).stem.lower().endswith("-gui"):
        from workbench.app import main
    else:
        from workbench.cli.main import main
    return int(main() or 0)


if __name__ == "__main__":
    sys.exit(_main())
