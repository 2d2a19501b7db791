"""The drug-user registry (吸毒人员管理): each person's findings (查获, with the test),
the decisions on them (administrative detention, compulsory isolation, community
rehabilitation or recovery), the hand-overs that follow (出所备案, 社区接收), and their
status, running terms and due dates computed when asked (``domain.registry_status``).
Persons are the same global rows as in the case files. Every change is audited in its
transaction and needs "registry.edit"; reading needs "registry.read". Undoable edits are
Operations run by this package's own ``RegistryOperationRunner``; ``bulk`` writes many
findings and decisions in one audited statement (demo data, imports, benchmarks).

Imports core and casefile (person checks) — never analysis, imports, package or
statistics, which may import it.
"""
