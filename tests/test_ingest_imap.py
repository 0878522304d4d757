"""Mail from a real Dovecot into the store: one case per distinct mail, whatever crashes in between."""
import secrets

import pytest
from e2e_services import SAMPLES, letter_mail
from sqlalchemy import func, select

from actions.cases.from_mail import fetch_new_mail, take_one
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import Case, Mail
from intake.limits import Limits
from intake.mailbox import Mailbox, MailboxConfig
from intake.mime import MailLimits

pytestmark = pytest.mark.imap


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    url = f"sqlite:///{tmp_path}/s.db" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    store = open_store(url)
    yield store
    store.dispose()


@pytest.fixture
def mailbox(dovecot):
    folder = f"in-{secrets.token_hex(4)}"
    dovecot.append(b"From: x@y.pl\r\nSubject: setup\r\n\r\n.", folder)     # creates the folder
    config = MailboxConfig(dovecot.host, dovecot.port, dovecot.user, dovecot.password, False, folder, f"{folder}-done")
    with Mailbox(config) as box:
        for uid in box.pending():
            box.move_to_processed(uid)
        yield box


def _count(store, table) -> int:
    with store.transaction() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_each_mail_becomes_cases_once_and_is_moved(store, tmp_path, dovecot, mailbox):
    for name in ("0006.pdf", "0015.jpg"):
        dovecot.append(letter_mail(SAMPLES / name), mailbox.config.folder)
    sent = []
    created = fetch_new_mail(store, FileStore(tmp_path / "f"), mailbox, MailLimits(), Limits(), sent.append)
    assert len(created) == 2 and sent == created
    assert mailbox.pending() == []
    assert fetch_new_mail(store, FileStore(tmp_path / "f"), mailbox, MailLimits(), Limits(), sent.append) == []
    with store.transaction() as session:
        names = sorted(c.file_name for c in session.scalars(select(Case)))
    assert names == ["0006.pdf", "0015.jpg"]


def test_a_crash_after_the_commit_but_before_the_move_duplicates_nothing(store, tmp_path, dovecot, mailbox):
    dovecot.append(letter_mail(SAMPLES / "0006.pdf"), mailbox.config.folder)
    [uid] = mailbox.pending()
    files = FileStore(tmp_path / "f")
    assert len(take_one(store, files, mailbox, mailbox.uidvalidity(), uid, MailLimits(), Limits())) == 1
    # ... the worker dies here: the mail is recorded but still in the inbox.
    assert fetch_new_mail(store, files, mailbox, MailLimits(), Limits(), lambda _: None) == []
    assert mailbox.pending() == [] and _count(store, Case) == 1 and _count(store, Mail) == 1


def test_a_crash_before_the_commit_loses_nothing(store, tmp_path, dovecot, mailbox):
    dovecot.append(letter_mail(SAMPLES / "0006.pdf"), mailbox.config.folder)
    [uid] = mailbox.pending()
    mailbox.fetch(uid)                 # fetched, then the worker died before recording it
    assert _count(store, Mail) == 0 and mailbox.pending() == [uid]
    assert len(fetch_new_mail(store, FileStore(tmp_path / "f"), mailbox, MailLimits(), Limits(), lambda _: None)) == 1


def test_a_mail_over_the_size_cap_is_recorded_as_a_rejected_case(store, tmp_path, dovecot, mailbox):
    dovecot.append(letter_mail(SAMPLES / "0015.jpg"), mailbox.config.folder)
    created = fetch_new_mail(store, FileStore(tmp_path / "f"), mailbox, MailLimits(max_message_bytes=10_000),
                             Limits(), lambda _: None)
    with store.transaction() as session:
        case = session.get(Case, created[0])
        assert case.verdict == "reject" and "limit" in case.problem
    assert mailbox.pending() == []
