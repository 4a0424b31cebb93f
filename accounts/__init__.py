"""Account rules without Flask or SQL: passwords, their expiry and reminders, link lifetimes, nationalities."""


def N_(message):
    """Marks a msgid for extraction (bin/catalogs -k N_); the page translates it when it shows it."""
    return message
