"""Every link in every email comes from SITE_ORIGIN (or, for officers, CONSOLE_ORIGIN), never from the request's
Host (issue 9, defect 5)."""
from flask import current_app


def site_origin():
    return current_app.config["SITE_ORIGIN"].rstrip("/")


def site_url(endpoint, **values):
    """An absolute link for an email, also outside a request (the operator's commands)."""
    return site_origin() + current_app.url_map.bind("localhost").build(endpoint, values)


def console_url(path):
    """An absolute console link for an officer's email (the console has its own origin)."""
    return current_app.config["CONSOLE_ORIGIN"].rstrip("/") + path


def check_links(context):
    """The guard `queue` applies: a value named link or *_link / *_url must be a URL on SITE_ORIGIN or
    CONSOLE_ORIGIN."""
    origins = tuple(o.rstrip("/") + "/" for o in (site_origin(), current_app.config.get("CONSOLE_ORIGIN")) if o)
    for name, value in context.items():
        if (name == "link" or name.endswith(("_link", "_url"))) and not str(value).startswith(origins):
            raise ValueError(f"email link {name!r} is not on SITE_ORIGIN or CONSOLE_ORIGIN")
