"""Fixtures for the application form: an app on its own folder, logged-in applicants, a draft."""
import datetime
import io

import pytest
from PIL import Image

from rules.clock import today_in_japan
from tests.support.logged_in import logged_in_client


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(WTF_CSRF_ENABLED=False, ATTACHMENT_DIR=str(tmp_path / "blobs"))


@pytest.fixture
def applicant(app):
    return logged_in_client(app, 1)


@pytest.fixture
def other(app):
    return logged_in_client(app, 2)


def expiry_in(days):
    return (today_in_japan() + datetime.timedelta(days=days)).isoformat()


def start(client, **fields):
    form = {"main": "3", "status": "engineer_specialist", "current_period": "1y", "expiry_date": expiry_in(30),
            **fields}
    return client.post("/applications/new", data=form)


@pytest.fixture
def draft(applicant):
    client, _ = applicant
    response = start(client, addons="6", reentry_kind="single")
    assert response.status_code == 303
    return response.location.rsplit("/", 1)[-1]


def jpeg(width=300, height=400, quality=85):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 210, 220)).save(out, "JPEG", quality=quality)
    return out.getvalue()


def png(width=40, height=40):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(out, "PNG")
    return out.getvalue()


def pdf(password=None, restricted=False):
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password or restricted:
        # no user password but an owner password: opens freely, with printing and copying forbidden
        writer.encrypt(user_password=password or "", owner_password="owner-secret", permissions_flag=0)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
