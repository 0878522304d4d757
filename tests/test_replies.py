"""THREATS A10: a sender learns nothing. The only reply is one fixed acknowledgment, the same bytes for
a genuine letter, an unknown login, a forged signer or a file that cannot be read, and it goes out when
the mail is recorded, before any check has run."""
import secrets

import pytest
from e2e_services import SAMPLES, letter_mail
from sqlalchemy import select

from actions.cases.acknowledgment import compose_acknowledgment, reply_address
from actions.cases.from_mail import fetch_new_mail
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import RECEIVED, Case
from intake.limits import Limits
from intake.mailbox import Mailbox, MailboxConfig
from intake.mime import MailLimits

pytestmark = pytest.mark.hostile
OURS = "odzyskiwanie@serwisant.online"


def test_the_acknowledgment_is_the_same_for_every_outcome():
    bodies = {compose_acknowledgment(f"{who}@firma.example", f"<{who}@x>", OURS).get_content()
              for who in ("genuine", "unknown-login", "forged-signer", "registry-down")}
    subjects = {compose_acknowledgment(f"{who}@firma.example", "", OURS)["Subject"] for who in ("a", "b")}
    assert len(bodies) == 1 and len(subjects) == 1
    body = bodies.pop().lower()
    assert not any(word in body for word in ("nip", "krs", "ceidg", "login", "konto nie", "podpis", "odrzuc"))


def test_ambiguous_senders_and_our_own_address_get_no_reply():
    assert reply_address("Jan <jan@firma.example>", (), OURS) == "jan@firma.example"
    assert reply_address("alice@example.org)<bob@example.org>", ("niejednoznaczny nadawca",), OURS) is None
    assert reply_address("a@b@c.pl", (), OURS) is None
    assert reply_address(OURS, (), OURS) is None
    assert reply_address("", (), OURS) is None


@pytest.mark.imap
def test_replies_leave_before_any_reading_and_do_not_differ(dovecot, tmp_path):
    folder = f"ack-{secrets.token_hex(4)}"
    dovecot.append(letter_mail(SAMPLES / "0006.pdf", sender="prezes@firma.example"), folder)
    garbage = SAMPLES / "0006.pdf"
    raw = letter_mail(garbage, sender="ktos@obcy.example").replace(b"%PDF", b"%XYZ")   # an unreadable file
    dovecot.append(raw, folder)
    store = open_store(f"sqlite:///{tmp_path}/s.db")
    sent, states = [], []

    def acknowledge(mail):
        with store.transaction() as session:
            states.extend(c.state for c in session.scalars(select(Case)))
        to = reply_address(mail.sender, mail.sender_defects, OURS)
        sent.append(compose_acknowledgment(to, mail.message_id, OURS))

    config = MailboxConfig(dovecot.host, dovecot.port, dovecot.user, dovecot.password, False, folder, f"{folder}-done")
    with Mailbox(config) as mailbox:
        fetch_new_mail(store, FileStore(tmp_path / "f"), mailbox, MailLimits(), Limits(), lambda _: None, acknowledge)
    assert [m["To"] for m in sent] == ["prezes@firma.example", "ktos@obcy.example"]
    assert sent[0].get_content() == sent[1].get_content() and sent[0]["Subject"] == sent[1]["Subject"]
    assert set(states) == {RECEIVED}          # nothing had been read when the replies left
