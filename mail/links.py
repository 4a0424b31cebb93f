"""Every link in every email comes from SITE_ORIGIN, never from the request's Host (issue 9, defect 5)."""
from flask import current_app


def site_origin():
    return current_app.config["SITE_ORIGIN"].rstrip("/")


def site_url(endpoint, **values):
    """An absolute link for an email, also outside a request (the operator's commands)."""
    return site_origin() + current_app.url_map.bind("localhost").build(endpoint, values)


def check_links(context):
    """The guard `queue` applies: a value named link or *_link / *_url must be a URL on SITE_ORIGIN."""
    origin = site_origin() + "/"
    for name, value in context.items():
        if (name == "link" or name.endswith(("_link", "_url"))) and not str(value).startswith(origin):
            raise ValueError(f"email link {name!r} is not on SITE_ORIGIN")
