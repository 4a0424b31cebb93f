"""`flask --app app backup DIR` and `flask --app app restore DIR` (store.backup)."""
import click
from flask import current_app
from flask.cli import with_appcontext

from store import backup as backups
from store.blobs import blob_dir
from store.flask_db import database_path


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False))
@with_appcontext
def backup(directory):
    """Copy the database (online, consistent) and its attachment blobs into DIRECTORY, with a manifest."""
    try:
        manifest = backups.backup(database_path(current_app), blob_dir(), directory)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"backup: database and {len(manifest['blobs'])} blob(s) in {directory}")


@click.command("restore")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@with_appcontext
def restore(directory):
    """Restore the backup in DIRECTORY into this instance, which must be empty; every hash is checked first."""
    try:
        manifest = backups.restore(directory, database_path(current_app), blob_dir())
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"restore: database and {len(manifest['blobs'])} blob(s) from {directory}")


def init_app(app):
    app.cli.add_command(backup)
    app.cli.add_command(restore)
