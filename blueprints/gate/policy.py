"""Who may use the site: the browser and network rules of the entry gate (no Flask here)."""
import enum
import ipaddress
import re
from functools import lru_cache

import iptocc
from ua_parser import parse as parse_user_agent

# Families ua-parser reports for Google Chrome and the same engine under its open-source name.
CHROME_FAMILIES = frozenset({"Chrome", "Chromium"})
MOBILE_OS_FAMILIES = frozenset({
    "Android", "iOS", "iPadOS", "Windows Phone", "Windows Mobile", "BlackBerry OS",
    "Symbian OS", "KaiOS", "Firefox OS", "Tizen", "webOS", "Sailfish", "HarmonyOS",
})
MOBILE_UA_FAMILIES = frozenset({"Chrome Mobile", "Chrome Mobile iOS", "Chrome Mobile WebView",
                                "Mobile Safari", "Mobile Safari UI/WKWebView", "Firefox Mobile",
                                "Firefox iOS", "Samsung Internet", "Opera Mobile", "Edge Mobile",
                                "UC Browser", "Facebook", "Instagram", "LINE"})
MAX_USER_AGENT = 512  # longer strings are cut before parsing: a real UA is far shorter
# Desktop browsers built on Chromium name its version too (Microsoft Edge "Edg/", Opera "OPR/", Vivaldi …).
CHROMIUM_VERSION = re.compile(r"\bChrome/(\d{1,4})\.")


class Browser(enum.Enum):
    SUPPORTED = "supported"  # Chrome >= minimum on a desktop OS
    OUTDATED_CHROME = "outdated_chrome"  # 403: update Chrome
    MOBILE = "mobile"  # 403: use a PC
    OTHER_CHROMIUM = "other_chromium"  # 200 warning (the same engine as Chrome: should work); may continue
    OTHER_DESKTOP = "other_desktop"  # 200 warning; may continue


class Network(enum.Enum):
    ALLOWED = "allowed"
    FOREIGN = "foreign"  # 403: no access from abroad or from a foreign IP address
    PRIVATE_NOT_ALLOWED = "private_not_allowed"  # 403: loopback/private ranges are off here
    UNREADABLE = "unreadable"  # 403: the address could not be read


@lru_cache(maxsize=4096)
def classify_browser(user_agent, min_chrome=72):
    ua = (user_agent or "")[:MAX_USER_AGENT]
    result = parse_user_agent(ua)
    agent, os_, device = result.user_agent, result.os, result.device
    agent_family = agent.family if agent else "Other"
    os_family = os_.family if os_ else "Other"
    if (os_family in MOBILE_OS_FAMILIES or agent_family in MOBILE_UA_FAMILIES
            or _is_handheld(device) or "Mobile" in ua or "CriOS/" in ua):
        return Browser.MOBILE
    if agent_family in CHROME_FAMILIES:
        major = _int(agent.major)
        if major is None or major < min_chrome:
            return Browser.OUTDATED_CHROME
        return Browser.SUPPORTED
    engine = CHROMIUM_VERSION.search(ua)
    if engine and int(engine.group(1)) >= min_chrome:
        return Browser.OTHER_CHROMIUM
    return Browser.OTHER_DESKTOP


def _is_handheld(device):
    # ua-parser names real devices (iPhone, iPad, Samsung SM-…); desktops come back as None/Other.
    return device is not None and device.family not in ("Other", "Mac", "Spider", None)


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def parse_address(text):
    """The client address as an ip_address, IPv4-mapped IPv6 unwrapped; None when unreadable."""
    try:
        address = ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=4096)  # every request asks; the country table lookup and address parsing are pure
def classify_network(text, allowed_countries=("JP",), allow_private=False):
    address = parse_address(text)
    if address is None:
        return Network.UNREADABLE
    if not address.is_global:
        return Network.ALLOWED if allow_private else Network.PRIVATE_NOT_ALLOWED
    country = iptocc.country_code(str(address))
    return Network.ALLOWED if country in allowed_countries else Network.FOREIGN


def redact_address(text):
    """What the log keeps of an address: its /24 (IPv4) or /48 (IPv6) network, never the host."""
    address = parse_address(text)
    if address is None:
        return "unreadable"
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
