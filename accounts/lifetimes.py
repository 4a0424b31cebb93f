"""How long each emailed link and each password stays valid: one place for every page, email and test."""
from datetime import timedelta

APPROVAL_LINK = timedelta(hours=24)  # the approval email's link to set the first password
PASSWORD_RESET_LINK = timedelta(hours=1)
EMAIL_CHANGE_LINK = timedelta(hours=24)
PASSWORD_VALID_YEARS = 1
PASSWORD_REMINDER_DAYS = (30, 7)  # reminder emails this many days before a password expires
