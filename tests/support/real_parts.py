"""What a test does when a real part (pcscd, Chromium, ...) is missing: skip locally, fail under CI."""
import os

import pytest


def under_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(what):
    """Stop the current test because `what` is not installed or would not start."""
    message = f"real part missing: {what} (bin/test installs it when run as root)"
    if under_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
