"""Reading a case for understanding, never changing it: the case and audit timelines,
call and payment analysis, the Overview's figures and running deadlines — and the link
chart's network analysis.

May import ``core`` and ``casefile`` (for shared reads such as case totals); read-only
except for saved view state the user owns (audited through ``core``).
"""
