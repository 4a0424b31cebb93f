"""The use application's questions (利用申出): the organisation, its head office, and each staff member who will use
the system, as Sections of the one form model (rendered by the one question macro, checked by the one validator)."""
from rules import identifiers, organisations
from rules.forms.accounts import email_address, telephone
from rules.forms.common import OUR_NAME_LENGTH, corporate_number, japanese_address
from rules.forms.fields import CHOICE, IDENTIFIER, Choice, Field, Section, When
from rules.i18n_marker import N_

STAFF_NAME_LENGTH = 60

ORGANISATION = Section("organisation", N_("Your organisation"), (
    Field("kind", N_("Kind of organisation"), CHOICE,
          choices=tuple(Choice(code, label) for code, label in organisations.KINDS.items()),
          help=N_("Public-interest corporations and registered support organisations file for organisations that "
                  "ask them; their staff must be approved filing agents.")),
    Field("receiving_kind", N_("Which receiving organisation"), CHOICE,
          choices=tuple(Choice(code, label) for code, label in organisations.RECEIVING_KINDS.items()),
          required_when=When("kind", (organisations.RECEIVING,))),
    Field("name", N_("Name of the organisation"), max_length=OUR_NAME_LENGTH, autocomplete="organization",
          help=N_("As in the commercial or corporate register.")),
    corporate_number("corporate_number"),
    *japanese_address(),
    telephone(N_("The head office's number, digits only, for example 0312345678.")),
    email_address("contact_email", N_("Email address of the person in charge"),
                  N_("We write here about the application: a request for documents, the approval or the refusal.")),
))

STAFF = Section("staff", N_("Staff who will use the system"), (
    Field("staff_name", N_("Name"), max_length=STAFF_NAME_LENGTH, autocomplete="off"),
    email_address("staff_email", N_("Email address"),
                  N_("Each person gets their own enrolment link here; one address per person.")),
    Field("staff_agent_approval_number", N_("Filing agent approval number"), IDENTIFIER,
          normaliser=identifiers.agent_approval_number, max_length=24,
          required_when=When("kind", tuple(sorted(organisations.AGENT_KINDS))),
          help=N_("Public-interest corporations and registered support organisations: the number on the person's "
                  "filing agent approval.")),
), max_rows=organisations.MAX_STAFF)
STAFF_ROWS_SHOWN = 5  # blank rows on the page; rows left blank are not staff
