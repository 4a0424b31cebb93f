"""The flyer's guidance as data: benefits, what to prepare, the registration flow, the FAQ."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Item:
    title: str
    text: str


BENEFITS = (
    Item(_l("No need to visit a counter"),
         _l("You can apply from your home or office without going to the immigration bureau.")),
    Item(_l("Free of charge"), _l("Using the online system costs nothing.")),
    Item(_l("Available 24 hours a day"), _l("You can use the system at any time of day or night.")),
    Item(_l("Receive your residence card by post"),
         _l("Your new residence card can be sent to you by post.")),
)

PREPARE = (
    Item(_l("My Number Card"),
         _l("Both the signature certificate and the user authentication certificate must be on the card "
            "and valid. You will need the 4-digit PIN of the user authentication certificate and the "
            "password (6 to 16 letters and digits) of the signature certificate.")),
    Item(_l("Residence Card"), _l("Your current residence card. You will enter its number.")),
    Item(_l("A PC"),
         _l("A Windows, Mac or Linux computer with Google Chrome version 72 or later. This site does not "
            "support smartphones or tablets, nor the smartphone's My Number Card function that the agency's "
            "own system accepts since 5 January 2026.")),
    Item(_l("IC card reader"), _l("A reader that supports the My Number Card.")),
    # This site reads the card through its own helper: the J-LIS JPKI client software is not needed here.
    Item(_l("The card helper"),
         _l("A small free program from this site that lets its pages read your card through the reader. "
            "Install it from the card helper page before you start. The JPKI client software of the Public "
            "Certification Service is not needed for this site.")),
)

FLOW = (
    Item(_l("Prepare"), _l("Have the five items ready: card, residence card, PC, card reader and the card helper.")),
    Item(_l("Register your user information"),
         _l("Online, read your My Number Card and enter its PIN and password, then enter your email "
            "address, residence card number, nationality and telephone number.")),
    Item(_l("Receive the approval email"),
         _l("We send your user ID to your email address with a link to set your password.")),
    Item(_l("Log in and apply"),
         _l("Log in with your My Number Card and your password, fill in the application, attach the "
            "documents and sign it with your card.")),
    Item(_l("Follow your application"),
         _l("Check its status online. When it is granted you can receive your new residence card by post.")),
)

FAQ = (
    Item(_l("Can I apply online from abroad?"),
         _l("The system cannot be accessed from abroad. Note that if your connection uses a foreign IP "
            "address, you cannot log in even from within Japan.")),
    Item(_l("I found a mistake in what I entered. What should I do?"),
         _l("Contact the regional immigration services bureau that received your application.")),
    Item(_l("Can I apply online from a mobile phone or smartphone?"),
         _l("Not on this site: it works on a PC with an IC card reader only, with Google Chrome version 72 or "
            "later. The agency's own system has accepted the smartphone's My Number Card function since 5 "
            "January 2026; this site does not offer it.")),
    Item(_l("Do I need the JPKI client software?"),
         _l("No. This site reads your My Number Card through its own card helper: install the card helper "
            "(see the card helper page), connect an IC card reader and put your card on it.")),
    Item(_l("The page says the card helper is not running or is blocked. What should I do?"),
         _l("Start the card helper, or install it from the card helper page. If Chrome asked whether this site "
            "may access devices on your local network, choose Allow; if you chose Block, change it in the site "
            "settings (the icon at the left of the address bar) and reload the page.")),
    Item(_l("What should I do if I forget my password?"),
         _l("Set a new one from \"Forgot your password?\" on the login page of the Online Residence "
            "Application System.")),
)
