"""The card helper: runs on the applicant's PC, talks PC/SC to the My Number card, serves the site on 127.0.0.1."""
VERSION = "0.1.0"
DEFAULT_PORT = 47391
