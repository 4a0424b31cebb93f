"""The gate's pure rules over real User-Agent strings and addresses."""
import pytest

from blueprints.gate.policy import (Browser, Network, classify_browser, classify_network, parse_address,
                                    redact_address)
from tests.support import agents


@pytest.mark.parametrize("ua, expected", [
    (agents.CHROME_WINDOWS, Browser.SUPPORTED),
    (agents.CHROME_MAC, Browser.SUPPORTED),
    (agents.CHROME_LINUX, Browser.SUPPORTED),
    (agents.CHROME_OS, Browser.SUPPORTED),
    (agents.CHROME_72, Browser.SUPPORTED),
    (agents.CHROME_71, Browser.OUTDATED_CHROME),
    (agents.CHROME_49_XP, Browser.OUTDATED_CHROME),
    (agents.EDGE, Browser.OTHER_CHROMIUM),
    (agents.FIREFOX, Browser.OTHER_DESKTOP),
    (agents.FIREFOX_LINUX, Browser.OTHER_DESKTOP),
    (agents.SAFARI, Browser.OTHER_DESKTOP),
    (agents.OPERA, Browser.OTHER_CHROMIUM),
    (agents.HEADLESS_CHROME, Browser.OTHER_DESKTOP),
    (agents.ANDROID_CHROME, Browser.MOBILE),
    (agents.ANDROID_TABLET, Browser.MOBILE),
    (agents.IPHONE_SAFARI, Browser.MOBILE),
    (agents.IPHONE_CRIOS, Browser.MOBILE),
    (agents.IPAD_CRIOS, Browser.MOBILE),
    (agents.SAMSUNG_INTERNET, Browser.MOBILE),
    ("", Browser.OTHER_DESKTOP),
    ("\x00\x01garbage", Browser.OTHER_DESKTOP),
    ("Chrome/" + "9" * 5000, Browser.OTHER_DESKTOP),
    (agents.EDGE.replace("Chrome/131", "Chrome/71"), Browser.OTHER_DESKTOP),  # an engine older than Chrome 72
    (agents.CHROME_WINDOWS + " " + "x" * 10000, Browser.SUPPORTED),
])
def test_browser_matrix(ua, expected):
    assert classify_browser(ua, 72) is expected


def test_minimum_chrome_is_configurable():
    assert classify_browser(agents.CHROME_72, 100) is Browser.OUTDATED_CHROME


@pytest.mark.parametrize("address, expected", [
    ("133.1.1.1", Network.ALLOWED),
    ("210.130.1.1", Network.ALLOWED),
    ("2001:240::1", Network.ALLOWED),
    ("2400:4050::1", Network.ALLOWED),
    ("::ffff:133.1.1.1", Network.ALLOWED),  # IPv4-mapped IPv6 is the IPv4 address
    ("8.8.8.8", Network.FOREIGN),
    ("114.114.114.114", Network.FOREIGN),
    ("81.2.69.160", Network.FOREIGN),
    ("2404:6800::1", Network.FOREIGN),
    ("2001:4860::1", Network.FOREIGN),
    ("127.0.0.1", Network.PRIVATE_NOT_ALLOWED),
    ("10.1.2.3", Network.PRIVATE_NOT_ALLOWED),
    ("192.168.0.10", Network.PRIVATE_NOT_ALLOWED),
    ("172.16.5.4", Network.PRIVATE_NOT_ALLOWED),
    ("::1", Network.PRIVATE_NOT_ALLOWED),
    ("fe80::1", Network.PRIVATE_NOT_ALLOWED),
    ("fd00::1", Network.PRIVATE_NOT_ALLOWED),
    ("", Network.UNREADABLE),
    (None, Network.UNREADABLE),
    ("not-an-ip", Network.UNREADABLE),
    ("133.1.1.1, 8.8.8.8", Network.UNREADABLE),
    ("999.1.1.1", Network.UNREADABLE),
])
def test_network_matrix(address, expected):
    assert classify_network(address, ("JP",), allow_private=False) is expected


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "::1", "fd00::1"])
def test_private_ranges_pass_only_when_allowed(address):
    assert classify_network(address, ("JP",), allow_private=True) is Network.ALLOWED


def test_foreign_stays_foreign_when_private_ranges_are_allowed():
    assert classify_network("8.8.8.8", ("JP",), allow_private=True) is Network.FOREIGN


def test_redaction_keeps_only_the_network():
    assert redact_address("133.1.1.77") == "133.1.1.0/24"
    assert redact_address("2001:240:1234:5678::9") == "2001:240:1234::/48"
    assert redact_address("junk") == "unreadable"
    assert parse_address("::ffff:8.8.8.8").version == 4
