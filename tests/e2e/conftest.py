"""End-to-end fixtures: one live site per session and Debian's Chromium driven by Playwright."""
import pytest

from tests.support import agents, page_guards
from tests.support.site import LiveSite


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    site = LiveSite(str(tmp_path_factory.mktemp("site")))
    yield site
    site.stop()


@pytest.fixture(scope="session")
def proxied_site(tmp_path_factory):
    """A site that trusts one proxy hop, so a test can present any client address."""
    site = LiveSite(str(tmp_path_factory.mktemp("proxied")),
                    env={"ORAS_TRUSTED_PROXIES": "1", "ORAS_GATE_ALLOW_PRIVATE_NETWORKS": "false"})
    yield site
    site.stop()


@pytest.fixture
def new_page(request, browser):
    """Pages in the headless shell, or in the full browser for a test marked full_chromium."""
    if request.node.get_closest_marker("full_chromium"):
        browser = request.getfixturevalue("full_browser")
    contexts = []

    def make(user_agent=agents.E2E, **options):
        options.setdefault("locale", "ja-JP")  # an applicant whose browser asks for Japanese
        context = browser.new_context(user_agent=user_agent, **options)
        contexts.append(context)
        return page_guards.watch(context.new_page(), options["locale"])

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="package")
def journey(tmp_path_factory):
    """The real stack for applicants' journeys (see tests/support/journey.py), one for this folder's tests: it
    holds the machine's one pcscd (and polls mail) only until they are done, not to the end of the run."""
    from tests.support.journey import JourneyStack
    stack = JourneyStack(tmp_path_factory.mktemp("journey"))
    try:
        yield stack.start()
    finally:
        stack.stop()


@pytest.fixture(scope="package")
def journey_site(journey):
    return journey.site()
