"""Demo case files built from the seed article, as plain deterministic data.

Nothing here touches a database: the loader feeds these records through the service
layer, so the demo database gets the same validation and audit trail as real work.
"""
