"""The card helper: runs on the applicant's PC, talks PC/SC to the My Number card, serves the site on 127.0.0.1."""
VERSION = "0.3.0"  # the one place: pyproject.toml reads it, the site shows it
DEFAULT_PORT = 47391
# What the Windows installer (bin/helper-windows-msi) names its Start-menu entry and itself in Settings > Apps:
# plain ASCII, shown the same on every Windows; /helper quotes them.
WINDOWS_MENU_NAME = "Card helper"
WINDOWS_PRODUCT_NAME = "Card helper (Online Residence Application System)"
