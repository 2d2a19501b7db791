"""Who may do what: user accounts and their key slots (add, remove, roles, passphrases,
rekey) and case membership (grant, revoke, members).

May import ``core`` and the store's key handling; never the case file's editing,
analysis, imports or the package.
"""
