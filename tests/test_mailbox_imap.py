"""intake.mailbox against a real Dovecot (tests/services/dovecot.py), THREATS D5."""
import secrets
from email.message import EmailMessage

import pytest
from imapclient import IMAPClient

from intake.mailbox import Mailbox, MailboxConfig, MailboxRefused, MailboxUnavailable, MessageGone

pytestmark = pytest.mark.imap


def letter(subject: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Jan Kowalski <jan@example-serwis.pl>"
    message["To"] = "odzysk@serwisant.online"
    message["Subject"] = subject
    message["Message-ID"] = f"<{secrets.token_hex(8)}@example-serwis.pl>"
    message.set_content("W załączniku upoważnienie.")
    message.add_attachment(b"%PDF-1.7\n%%EOF\n", maintype="application", subtype="pdf", filename="u.pdf")
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))   # IMAP speaks CRLF


@pytest.fixture
def folders(dovecot):
    """A fresh watched folder and processed folder per test, so tests do not see each other's mail."""
    tag = secrets.token_hex(4)
    return f"in-{tag}", f"done-{tag}"


def config(dovecot, folders, **changes) -> MailboxConfig:
    folder, processed = folders
    values = dict(host=dovecot.host, port=dovecot.port, user=dovecot.user, password=dovecot.password, tls=False,
                  folder=folder, processed_folder=processed, timeout_s=5)
    return MailboxConfig(**(values | changes))


def flags_of(dovecot, folder: str, uid: int) -> tuple:
    client = dovecot.connect()
    try:
        client.select_folder(folder, readonly=True)
        return client.get_flags([uid])[uid]
    finally:
        client.logout()


def uids_in(dovecot, folder: str) -> list[int]:
    client = dovecot.connect()
    try:
        client.select_folder(folder, readonly=True)
        return sorted(client.search("ALL"))
    finally:
        client.logout()


def test_pending_lists_every_message_in_the_folder(dovecot, folders):
    first, second = letter("pierwszy"), letter("drugi")
    uids = [dovecot.append(first, folders[0]), dovecot.append(second, folders[0])]
    with Mailbox(config(dovecot, folders)) as mailbox:
        assert mailbox.pending() == uids


def test_fetch_returns_the_exact_bytes_and_leaves_the_mail_unseen(dovecot, folders):
    raw = letter("upoważnienie")
    uid = dovecot.append(raw, folders[0])
    with Mailbox(config(dovecot, folders)) as mailbox:
        assert mailbox.fetch(uid) == raw
        assert mailbox.size(uid) == len(raw)
    assert b"\\Seen" not in flags_of(dovecot, folders[0], uid)


def test_move_to_processed_takes_the_mail_out_of_the_folder(dovecot, folders):
    raw, other = letter("do przeniesienia"), letter("zostaje")
    uid = dovecot.append(raw, folders[0])
    kept = dovecot.append(other, folders[0])
    with Mailbox(config(dovecot, folders)) as mailbox:
        mailbox.move_to_processed(uid)
        assert mailbox.pending() == [kept]
        mailbox.move_to_processed(uid)            # a second move (a retry after a crash) changes nothing
        assert mailbox.pending() == [kept]
    assert uids_in(dovecot, folders[0]) == [kept]
    (moved,) = uids_in(dovecot, folders[1])
    client = dovecot.connect()
    try:
        client.select_folder(folders[1], readonly=True)
        assert client.fetch([moved], ["BODY.PEEK[]"])[moved][b"BODY[]"] == raw
    finally:
        client.logout()


@pytest.mark.parametrize("missing", [{"MOVE"}, {"MOVE", "UIDPLUS"}])
def test_without_move_the_mail_is_copied_and_deleted(dovecot, folders, monkeypatch, missing):
    real = IMAPClient.has_capability
    monkeypatch.setattr(IMAPClient, "has_capability", lambda client, name: name not in missing and real(client, name))
    raw, other = letter("bez MOVE"), letter("zostaje")
    uid = dovecot.append(raw, folders[0])
    kept = dovecot.append(other, folders[0])
    with Mailbox(config(dovecot, folders)) as mailbox:
        mailbox.move_to_processed(uid)
        assert mailbox.pending() == [kept]
    assert len(uids_in(dovecot, folders[1])) == 1
    left = uids_in(dovecot, folders[0])
    if "UIDPLUS" in missing:     # no UID EXPUNGE: the original stays, flagged \Deleted, and pending() skips it
        assert left == [uid, kept] and b"\\Deleted" in flags_of(dovecot, folders[0], uid)
    else:
        assert left == [kept]


def test_uidvalidity_is_stable_across_sessions(dovecot, folders):
    dovecot.append(letter("x"), folders[0])
    with Mailbox(config(dovecot, folders)) as mailbox:
        first = mailbox.uidvalidity()
    with Mailbox(config(dovecot, folders)) as mailbox:
        assert mailbox.uidvalidity() == first > 0


def test_a_missing_message_is_reported_as_gone(dovecot, folders):
    dovecot.append(letter("x"), folders[0])
    with Mailbox(config(dovecot, folders)) as mailbox:
        with pytest.raises(MessageGone):
            mailbox.fetch(999_999)
        with pytest.raises(MessageGone):
            mailbox.size(999_999)


def test_a_wrong_password_needs_an_operator_and_is_not_echoed(dovecot, folders):
    dovecot.append(letter("x"), folders[0])
    wrong = "zle-haslo-" + secrets.token_hex(4)
    with pytest.raises(MailboxRefused) as caught:
        Mailbox(config(dovecot, folders, password=wrong)).open()
    assert caught.value.treatment == "operator"
    assert wrong not in caught.value.message and wrong not in repr(config(dovecot, folders, password=wrong))


def test_tls_with_the_servers_certificate(dovecot, folders):
    assert dovecot.tls_port, "the fixture could not make a certificate with openssl"
    uid = dovecot.append(letter("tls"), folders[0])
    with Mailbox(config(dovecot, folders, port=dovecot.tls_port, tls=True, ca_file=dovecot.ca_file)) as mailbox:
        assert mailbox.pending() == [uid]


def test_a_stopped_server_makes_the_mailbox_unavailable(dovecot, folders):
    dovecot.append(letter("x"), folders[0])
    mailbox = Mailbox(config(dovecot, folders))
    mailbox.open()
    dovecot.stop()
    try:
        with pytest.raises(MailboxUnavailable) as dropped:
            mailbox.pending()                     # the open connection was cut
        with pytest.raises(MailboxUnavailable) as refused:
            mailbox.open()                        # and nobody answers now
    finally:
        dovecot.start()
    for caught in (dropped, refused):
        assert caught.value.treatment == "retry"
        assert "Brak połączenia z serwerem poczty" in caught.value.message
        assert "ponowione" in caught.value.message
        assert dovecot.password not in caught.value.message
    with Mailbox(config(dovecot, folders)) as mailbox:   # back to normal once the server is up
        assert len(mailbox.pending()) == 1
