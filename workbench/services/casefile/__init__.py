"""The case file as investigators edit it: cases, persons and their measures, vehicles,
the other records (seizures, assets, locations, events, links, custody), attachments,
field validation and its live preview, paged tables, search across cases, and the
``OperationRunner`` that dispatches each undoable ``Operation`` to these services.

May import ``core``; nothing above it.
"""
