"""Two test runs (two xdist workers, or two checkouts on one machine) go side by side: what a test starts
takes no fixed path or port (the one pcscd is the exception, kept to one group: tests/support/real_parts.py)."""
from tests.support.site import LiveSite


def test_a_live_site_makes_no_control_socket(tmp_path):
    """gunicorn's control socket has one default path for every gunicorn on the machine."""
    site = LiveSite(str(tmp_path))
    try:
        log = site.child.log_tail()
    finally:
        site.stop()
    assert "Booting worker" in log and "Control socket" not in log, log
