"""Organisations that use the system: their records (records.py), the staff session a blueprint reads
(session.py: g.staff, g.organisation, staff_required, may_file) and the steps that change them."""
