"""The one reply a sender ever gets: an acknowledgment, the same bytes whatever the letter says and
whatever any check will find (THREATS A10). It is sent when the mail is recorded, before anything is
read, so neither its words nor its timing can tell an attacker which login exists or which check
failed. Decisions reach the company through its contacts on file, never through this reply."""
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

SUBJECT = "Serwisant Online: otrzymaliśmy Państwa wiadomość"
BODY = """Dzień dobry,

potwierdzamy otrzymanie wiadomości wysłanej do operatora aplikacji Serwisant Online.

Jeśli zawiera ona upoważnienie przygotowane zgodnie z instrukcją „Odzyskiwanie dostępu”, rozpatrzymy je.
O każdej zmianie na koncie poinformujemy na adresy kontaktowe firmy zapisane w aplikacji; w razie
potrzeby zadzwonimy na firmowy numer telefonu zapisany w aplikacji.

Ta wiadomość została wysłana automatycznie; prosimy na nią nie odpowiadać.

Sugar Mice Software
operator aplikacji Serwisant Online
"""


def reply_address(sender: str, sender_defects: tuple[str, ...], own_address: str) -> str | None:
    """Where an acknowledgment may go: one clean address that is not ours; None otherwise (an ambiguous
    sender gets nothing rather than a reply to the wrong party)."""
    if sender_defects:
        return None
    _, address = parseaddr(sender)
    if not address or address.count("@") != 1 or any(c in address for c in "\r\n<>,;\"'"):
        return None
    if address.casefold() == parseaddr(own_address)[1].casefold():
        return None
    return address


def compose_acknowledgment(to: str, in_reply_to: str, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = SUBJECT
    message["From"] = sender
    message["To"] = to
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip(" >") or "serwisant.online")
    if in_reply_to and "\n" not in in_reply_to and "\r" not in in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message["Auto-Submitted"] = "auto-replied"          # RFC 3834: no auto-reply loops
    message.set_content(BODY)
    return message
