"""Complete applications made directly through applications.records, for tests of review, signing and after.

    data = sample_answers((3, 6), "engineer_specialist", overrides={"extension_page1": {...}})
    row = create_draft(database_or_db, account_id, (3, 6), data, status_code=..., reentry_kind="single")
"""
import datetime
import io
import os

from PIL import Image

import store
from applications import parties, records
from rules import filers, identifiers, postal
from rules.forms import choices_of, is_required, sections_for
from rules.forms import fields as kinds


def _corporate_number(base="700110005901"):
    return f"{identifiers.corporate_number_check_digit(base)}{base}"


IDENTIFIER_SAMPLES = {
    identifiers.passport_number: "TK1234567",
    identifiers.residence_card_number: "AB12345678CD",
    identifiers.ed_number: "AB1234567",
    identifiers.phone_number: "0312345678",
    identifiers.postal_code: "1600023",
    postal.existing_postal_code: "1600023",
    identifiers.corporate_number: _corporate_number(),
    identifiers.employment_insurance_office_number: "13012345678",
}
# Yes/no answers that open further required questions a complete sample should answer.
YES_ANSWERS = {"has_passport", "has_residence_card"}


def _sample(field, index, today, context):
    kind = field.kind
    if kind == kinds.TEXT:
        text = {kinds.LATIN_UPPER: "SAMPLE", kinds.FULL_WIDTH: "テスト", kinds.DIGITS: "123"}.get(field.chars, "Sample")
        return text[: field.max_length or None]
    if kind == kinds.DATE:
        if field.name == "acquisition_date":  # an acquisition is applied for within 30 days of the event
            return (today - datetime.timedelta(days=5)).isoformat()
        if field.dates == kinds.NOT_FUTURE:
            return (datetime.date(2015, 4, 1) + datetime.timedelta(days=index)).isoformat()
        if field.name == "expiry_date":  # inside the extension window, checked again at signing
            return (today + datetime.timedelta(days=10)).isoformat()
        # Planned and contract dates: ahead of today, later fields later (departure before return).
        return (today + datetime.timedelta(days=30 + index)).isoformat()
    if kind == kinds.PARTIAL_DATE:
        return "1990-04-01"
    if kind == kinds.YEAR_MONTH:
        return f"{2015 + index % 5}-04"
    if kind == kinds.CHOICE:
        if field.name == "acquisition_reason":  # a birth happens on the birth date (F21): the samples' is years ago
            return "loss_of_nationality"
        if field.name == "current_period":  # a mid- to long-term resident: they file themselves (rules.filers)
            return "1y"
        if field.name == "current_status":
            return next(c.code for c in choices_of(field, context, today) if c.code not in filers.NOT_MID_TO_LONG_TERM)
        return choices_of(field, context, today)[0].code  # a choice offered on the day
    if kind == kinds.YES_NO:
        return "yes" if field.name in YES_ANSWERS else "no"
    if kind == kinds.INTEGER:
        low = field.minimum if field.minimum is not None else 1
        return str(max(low, 1) if field.maximum is None or field.maximum >= 1 else low)
    if kind == kinds.IDENTIFIER:
        return IDENTIFIER_SAMPLES[field.normaliser]
    if kind == kinds.COUNTRY:
        return "CN"
    if kind == kinds.EMAIL:
        return "ichiro.shiken@example.jp"
    raise ValueError(kind)


# A real postal code in some prefectures (Japan Post's data is checked); 0000000 ("unknown") elsewhere.
POSTAL_CODES = {"01": "0600000", "13": "1600023", "27": "5300001", "40": "8120011"}


def _agreeing_postal_codes(values, overrides):
    """Each address's postal code made to agree with its prefecture, unless the test gave one."""
    for name, prefecture_code in list(values.items()):
        if name.endswith("prefecture") and f"{name[:-len('prefecture')]}postal_code" in values:
            postal = f"{name[:-len('prefecture')]}postal_code"
            if postal not in overrides:
                values[postal] = POSTAL_CODES.get(prefecture_code, "0000000")
    return values


def _section_sample(section, overrides, today, known=None):
    values, context = {}, dict(known or {})  # `known`: the earlier sections' answers
    firsts = {names[0] for names, _message in section.one_of}
    for index, field in enumerate(section.fields):
        if field.name in overrides:
            raw = overrides[field.name]
        elif not kinds.applies(field, context):
            continue  # not asked with these answers
        elif is_required(field, context) or field.name in firsts:
            raw = _sample(field, index, today, context)
        else:
            continue
        values[field.name] = raw
        context[field.name] = True if raw == "yes" else False if raw == "no" else raw
    return _agreeing_postal_codes(values, overrides)


def sample_answers(procedures, status_code, overrides=None, today=None, family=(), letter=None):
    """Answers for every section, complete and valid; `overrides`: {section name: {field: raw value}}."""
    today = today or datetime.date.today()
    overrides = overrides or {}
    data = {}  # applications.answers' layout: rows under the section's name, other fields flat
    for section in sections_for(procedures, status_code, letter):
        if section.max_rows > 1:
            data[section.name] = [dict(row) for row in overrides.get(section.name, family if
                                                                      section.name == "family_member" else ())]
        else:
            # the earlier sections' answers, as the form reads them: later choices and conditions follow them
            known = {name: True if raw == "yes" else False if raw == "no" else raw
                     for name, raw in data.items() if not isinstance(raw, list)}
            data.update(_section_sample(section, overrides.get(section.name, {}), today, known))
    return data


def photo_jpeg():
    """A plain 600×800 JPEG that passes the photo checks (made-up, no person in it)."""
    out = io.BytesIO()
    Image.new("RGB", (600, 800), (230, 230, 235)).save(out, "JPEG", quality=90)
    return out.getvalue()


def create_draft(database, account_id, procedures, data, *, status_code=None, reentry_kind=None,
                 attachments=None, blob_dir=None):
    """A draft with these answers; `attachments`: (kind, file name, bytes, media type) stored in `blob_dir`
    (by default the applicant's photo, required at signing, in the site's default blob folder)."""
    if attachments is None:
        attachments = (("photo", "photo.jpg", photo_jpeg(), "image/jpeg"),)
        if blob_dir is None and isinstance(database, str):
            blob_dir = os.path.join(os.path.dirname(database), "blobs")
    db = store.migrate(store.connect(database)) if isinstance(database, str) else database
    try:
        with store.transaction(db):
            row = records.create_draft(db, account_id, procedures, reentry_kind=reentry_kind,
                                       status_code=status_code, data=data,
                                       parties=parties.of(db, account_id, procedures, data))
            for kind, name, content, media_type in attachments:
                sha = records.add_blob(db, blob_dir, content, media_type)
                records.attach(db, row["id"], sha, kind, name)
        return row
    finally:
        if isinstance(database, str):
            db.conn.close()


# Three realistic applicants' answers for the journeys (example data only).
def extension_with_reentry(today=None):
    return sample_answers((3, 6), "engineer_specialist", today=today, overrides={
        "extension_page1": {"name": "SHIKEN ICHIRO", "current_status": "engineer_specialist",
                            "prefecture": "13", "municipality": "新宿区", "address_rest": "西新宿二丁目８番１号",
                            "occupation": "Software engineer", "home_town": "Shanghai",
                            "reason": "To continue my work as a software engineer."},
        "reentry_permit": {"permit_kind": "single", "destinations": "China", "permit_collection": "counter",
                           "permit_office": "tokyo"},
        "receipt": {"receipt_method": "counter", "receiving_office": "tokyo"},
    })


def change_to_engineer(today=None):
    return sample_answers((2,), "engineer_specialist", today=today, overrides={
        "change_page1": {"name": "SHIKEN ICHIRO", "current_status": "student", "desired_status": "engineer_specialist",
                         "prefecture": "27", "municipality": "大阪市北区", "address_rest": "梅田一丁目１番１号",
                         "reason": "I graduated and was hired as a systems engineer."},
        "receipt": {"receipt_method": "post"},
    })


def certificate_of_eligibility(today=None):
    """A spouse abroad joining a resident (a relative in Japan files a COE only for a family purpose: rules.filers)."""
    return sample_answers((1,), "dependent", today=today, overrides={
        "eligibility_page1": {"name": "WANG FANG", "purpose_of_entry": "dependent", "host_prefecture": "40"},
        "receipt": {"receipt_method": "email"},
    })
