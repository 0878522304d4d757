"""Taking mail out of the mailbox without losing or doubling any: fetch with BODY.PEEK, record the
mail and create its cases in one transaction, and only then move it to the processed folder. A crash
before the commit leaves the mail in place to be fetched again; a crash after it is recognised by the
mail's place (UIDVALIDITY, UID) or its hash, and the mail is only moved."""
import hashlib
import logging
from typing import Callable

from sqlalchemy.exc import IntegrityError

from actions.store.database import Store
from actions.store.files import FileStore
from intake.errors import IntakeError
from intake.limits import Limits
from intake.mime import MailLimits, ParsedMail, parse_mail
from intake.sandbox import run_isolated

from .creation import IncomingFile, IncomingMail, known_mail, record_mail

log = logging.getLogger("odzysk.ingest")


Acknowledge = Callable[[IncomingMail], None]


def fetch_new_mail(store: Store, files: FileStore, mailbox, mail_limits: MailLimits, sandbox: Limits,
                   enqueue: Callable[[str], None], acknowledge: Acknowledge | None = None) -> list[str]:
    """Take every mail waiting in the folder; returns the ids of the cases created. `mailbox` is an
    open intake.mailbox.Mailbox; `acknowledge` is told of each new mail once it is recorded (before
    anything is read, so that the reply cannot depend on any check)."""
    created = []
    uidvalidity = mailbox.uidvalidity()
    for uid in mailbox.pending():
        case_ids = take_one(store, files, mailbox, uidvalidity, uid, mail_limits, sandbox, acknowledge)
        for case_id in case_ids:
            enqueue(case_id)          # a lost enqueue is picked up by the reconciler
        mailbox.move_to_processed(uid)
        created += case_ids
    return created


def take_one(store: Store, files: FileStore, mailbox, uidvalidity: int, uid: int, mail_limits: MailLimits,
             sandbox: Limits, acknowledge: Acknowledge | None = None) -> list[str]:
    size = mailbox.size(uid)
    if size > mail_limits.max_message_bytes:
        incoming = IncomingMail(mailbox.config.folder, uidvalidity, uid, f"size-only:{uidvalidity}:{uid}", size,
                                problem=f"Wiadomość ma {size // 2**20} MB, więcej niż limit "
                                        f"{mail_limits.max_message_bytes // 2**20} MB; nie pobrano jej treści. "
                                        f"Poproś nadawcę o mniejszy skan.")
        return _record(store, files, incoming)
    raw = mailbox.fetch(uid)
    incoming = to_incoming(raw, mailbox.config.folder, uidvalidity, uid, mail_limits, sandbox)
    case_ids = _record(store, files, incoming)
    if case_ids and acknowledge is not None:
        try:
            acknowledge(incoming)
        except Exception as error:         # a courtesy: its failure must not hold up the mail
            log.warning("no acknowledgment for mail uid %s: %s", uid, error)
    return case_ids


def to_incoming(raw: bytes, folder: str, uidvalidity: int, uid: int, mail_limits: MailLimits,
                sandbox: Limits) -> IncomingMail:
    digest = hashlib.sha256(raw).hexdigest()
    try:
        parsed: ParsedMail = run_isolated(parse_mail, raw, mail_limits, limits=sandbox)
    except IntakeError as error:
        return IncomingMail(folder, uidvalidity, uid, digest, len(raw), problem=error.message)
    files = tuple(IncomingFile(a.name, a.data, a.declared_type) for a in parsed.attachments)
    return IncomingMail(folder, uidvalidity, uid, digest, len(raw), parsed.message_id, parsed.sender,
                        tuple(parsed.sender_defects), parsed.subject, files, skipped=tuple(parsed.skipped),
                        dmarc=parsed.dmarc)


def _record(store: Store, files: FileStore, incoming: IncomingMail) -> list[str]:
    try:
        with store.transaction() as session:
            return record_mail(session, files, incoming)
    except IntegrityError:
        # Another fetcher recorded the same mail a moment ago: it is known now, nothing to add.
        with store.transaction() as session:
            if known_mail(session, incoming) is None:
                raise
        return []
