"""A case's related cases: the same person's other applications (across accounts) and the family's, each with
why it is related (rules.people). Another bureau's application is named by its receipt number and bureau only."""
from console import desk
from rules.people import PersonKey, reason


def _key(row):
    return PersonKey(row["key"], row["role"], row["card"], row["relationship"])


def related(db, application, offices, limit=desk.RELATED_LIMIT):
    """[{receipt_number, bureau, visible, reasons: [(reason, relationship)], and when visible (one of `offices`):
    public_id, procedures, state, submitted_at, updated_at}], newest first."""
    mine = {}
    for row in desk.person_keys(db, application["id"]):
        mine.setdefault(row["key"], []).append(_key(row))
    found = {}
    for row in desk.applications_of_people(db, list(mine), application["id"]):
        why = [(code, theirs.relationship if code in ("their_supporter", "their_partner", "lists_applicant")
                else ours.relationship)
               for theirs in (_key(row),) for ours in mine[row["key"]]
               for code in (reason(ours, theirs),) if code]
        if not why:
            continue
        case = found.get(row["id"])
        if case is None:
            if len(found) == limit:
                continue
            visible = row["bureau"] in offices
            case = found[row["id"]] = {
                "receipt_number": row["receipt_number"], "bureau": row["bureau"], "visible": visible, "reasons": [],
                **({key: row[key] for key in ("public_id", "procedures", "state", "submitted_at", "updated_at")}
                   if visible else {})}
        case["reasons"] += [w for w in why if w not in case["reasons"]]
    return list(found.values())
