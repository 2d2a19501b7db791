"""Timeline plots: the case through time (investigators) and its edit trail (auditors).

Everything drawn comes from numpy arrays (``services.timeline``/``audit_timeline``):
one scatter item per marker kind, one item painting all bars, never an item per event.
"""
