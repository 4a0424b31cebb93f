"""Bulk filing (一括申請) for an organisation's staff: the template downloaded per status group and procedure, a
filled-in file uploaded and previewed row by row, rows fixed in the browser or by re-uploading, attachments added
per person. The file, the rows and their checks are applications.bulk_files', applications.bulk's and
applications.batches'; this blueprint only reads requests and renders."""
from flask import Blueprint

bp = Blueprint("bulk", __name__, url_prefix="/organisations/bulk")

from blueprints.bulk import views  # noqa: E402,F401  (the routes register on bp)
