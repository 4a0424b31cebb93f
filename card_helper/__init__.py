"""The card helper: runs on the applicant's PC, talks PC/SC to the My Number card, serves the site on 127.0.0.1."""
VERSION = "0.3.0"  # the one place: pyproject.toml reads it, the site shows it
DEFAULT_PORT = 47391
