"""Use cases. Every change passes here: validated, one transaction, audited."""
