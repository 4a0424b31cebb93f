"""The bureau console's domain: officers, their sessions, cases' desk state, actions and the audit log."""
