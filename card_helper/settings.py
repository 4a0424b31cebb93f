"""Which site origins the helper serves, with nothing for an applicant to type: a developer's flags, else
CARD_HELPER_ORIGINS, else the file a package installs, else the origin bin/build-helper built in."""
import os
import pathlib

# Installed by the .deb (bin/build-helper writes the site's origin into it); one origin a line.
SYSTEM_FILE = pathlib.Path("/etc/oras-card-helper/origins")
# Written into the wheel and the one-file executable by bin/build-helper; absent in a checkout.
BUILT_IN_FILE = pathlib.Path(__file__).resolve().parent / "origin.txt"


def _read(path):
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def configured_origins(flags=(), environ=os.environ, files=None):
    """The first non-empty source wins: flags, environment, the installed file (CARD_HELPER_ORIGINS_FILE names
    another, e.g. an unpacked package's own), the built-in file."""
    if files is None:
        files = (pathlib.Path(environ.get("CARD_HELPER_ORIGINS_FILE") or SYSTEM_FILE), BUILT_IN_FILE)
    if flags:
        return list(flags)
    from_env = environ.get("CARD_HELPER_ORIGINS", "").split()
    if from_env:
        return from_env
    for path in files:
        found = _read(path)
        if found:
            return found
    return []
