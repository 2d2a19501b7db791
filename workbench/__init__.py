"""Task Force Workbench: encrypted case files for narcotics task forces."""

__version__ = "0.1.0"

# The application id: lower-case reverse domain, used for the .desktop file, the Linux
# package name and its /opt/apps/<APP_ID>/ folder (packaging/), and the window's
# desktop-file name (so the desktop shows the right icon). Change it in one place only.
APP_ID = "org.taskforce.workbench"
