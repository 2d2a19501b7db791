"""The command line: argparse over the services, with the exit codes of DESIGN.md.

``base`` holds the exit-code table, the errors that map onto it and the parser class;
``session`` the credentials and the signed-in session each command runs in; one module
per command group (``database``, ``cases``, ``audit``, ``users``, ``imports``,
``export``, ``gui``); ``main`` builds the parser from the groups and turns failures into
one ``error:`` line and an exit code. Thin: every command calls a service.
"""
