"""Pure rules: identifiers, vocabularies, drug-law tiers, weighing, deadlines, totals.

Nothing here touches a database, a file other than the jurisdiction profile, or Qt.
"""
