"""A staff member with a software passkey, a batch of N people uploaded with photos, its signing form: shared by the
signing tests, the submission's tests and the fault tests (made-up people)."""
import html
import io
import re

import store
from applications import bulk_files
from organisations import records
from rules import bulk
from tests.bulk.conftest import add_photos, staff_client
from tests.bulk.rows import answers, cells
from tests.staff_filing.conftest import SITE, register
from tests.support.authenticator import SoftwareKey

N_EXTENSION = bulk.template("N", (3,))


def signer(site):
    """(client, organisation, key): a staff member with a registered software passkey."""
    client, organisation = staff_client(site, "架空商事株式会社", "soumu@example.test")
    db = store.connect(site.config["DATABASE"])
    try:
        key = SoftwareKey(SITE)
        register(db, records.staff_of(db, organisation["id"])[0], key)
    finally:
        db.conn.close()
    return client, organisation, key


def uploaded(client, count=3, bad_row=None, photos=True):
    rows = [cells(N_EXTENSION, answers(i)) for i in range(count)]
    if bad_row is not None:
        rows[bad_row][N_EXTENSION.keys.index("sex")] = ""
    content = bulk_files.write_csv(N_EXTENSION, N_EXTENSION.keys, rows)
    location = client.post("/organisations/bulk/", data={"file": (io.BytesIO(content), "people.csv")},
                           content_type="multipart/form-data").headers["Location"]
    if photos:
        add_photos(client, location, range(bulk.FIRST_DATA_ROW, bulk.FIRST_DATA_ROW + count))
    return location


def signing_form(client, location):
    page = client.get(location).get_data(as_text=True)
    options = html.unescape(re.search(r'data-options="([^"]+)"', page).group(1))
    submit_key = re.search(r'name="submit_key" value="([^"]+)"', page).group(1)
    return options, submit_key


def signed(client, key, count):
    """A batch of `count` people prepared, signed and submitted; (its address, the submit request's response)."""
    location = uploaded(client, count=count)
    assert client.post(location + "/prepare").status_code == 303
    options, submit_key = signing_form(client, location)
    return location, client.post(location + "/submit", data={"credential": key.get(options),
                                                             "submit_key": submit_key})
