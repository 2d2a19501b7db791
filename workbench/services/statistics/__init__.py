"""Brigade statistics (统计): the figures a narcotics brigade reports per period — cases
solved, suspects caught, detained, arrested and sent for prosecution, drugs and money
seized, labs and gangs broken up, drug users found and newly found, isolation,
community rehabilitation and detention decisions — with the same period last year, the
year-on-year change, a break-down by unit, a monthly series, the records behind each
figure (drill-down, limited to the cases the user may read), and exports to .xlsx and
PDF. Every figure is computed from the records when asked; nothing is a stored total.
``definitions`` says which date puts a record in a period.

Imports core, registry (its zone and day rules) and reports (the PDF) — never
analysis, imports or package beside it; bundle, the command line and the window use it.
"""
