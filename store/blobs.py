"""Where attachments' contents are kept: below the web layer and the applications, so that the store's own
commands (backup, restore), the blueprints and the benches all ask this one place."""
import os

from flask import current_app

from store.flask_db import database_path


def location(configured, database):
    """The configured directory, else "blobs" beside the database file."""
    return configured or os.path.join(os.path.dirname(database), "blobs")


def blob_dir(app=None):
    """The attachment directory of `app` (the current app by default), from its ATTACHMENT_DIR setting."""
    app = app or current_app
    return location(app.config.get("ATTACHMENT_DIR"), database_path(app))
