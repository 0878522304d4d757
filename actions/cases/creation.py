"""Creating cases: from a mail (in the same transaction that records the mail), or from a file handed
in directly. A case is the unit the desk decides on: one attached file, one request."""
import datetime
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store import audit
from actions.store.files import FileStore
from actions.store.tables import CHECKED, Case, Mail
from verify.result import CaseResult, Check, Status, Verdict


@dataclass(frozen=True)
class IncomingFile:
    name: str            # display only, already made safe by the mail parser
    data: bytes
    declared_type: str = ""


@dataclass(frozen=True)
class IncomingMail:
    mailbox: str
    uidvalidity: int
    uid: int
    sha256: str
    size: int
    message_id: str = ""
    sender: str = ""
    sender_defects: tuple[str, ...] = ()
    subject: str = ""
    files: tuple[IncomingFile, ...] = ()
    problem: str = ""    # why the mail itself could not be used (too large, malformed), in Polish
    skipped: tuple[str, ...] = ()
    dmarc: str = ""      # from our own mail server's Authentication-Results; "" unknown


def known_mail(session: Session, mail: IncomingMail) -> Mail | None:
    """The same mail recorded before: by its place in the mailbox, or by its bytes (UIDVALIDITY may
    have changed, or the message was copied back)."""
    return session.scalars(select(Mail).where(
        ((Mail.mailbox == mail.mailbox) & (Mail.uidvalidity == mail.uidvalidity) & (Mail.uid == mail.uid))
        | (Mail.sha256 == mail.sha256)).limit(1)).first()


def record_mail(session: Session, files: FileStore, mail: IncomingMail) -> list[str]:
    """Record a mail and create its cases in the caller's transaction; returns the new case ids to
    process (none when the mail was recorded before)."""
    if known_mail(session, mail) is not None:
        return []
    row = Mail(mailbox=mail.mailbox, uidvalidity=mail.uidvalidity, uid=mail.uid, message_id=mail.message_id[:998],
               sha256=mail.sha256, size=mail.size, sender=mail.sender[:998], sender_defects=list(mail.sender_defects),
               dmarc=mail.dmarc[:20],
               subject=mail.subject, note="; ".join((mail.problem,) + mail.skipped).strip("; "))
    session.add(row)
    session.flush()
    audit.append(session, "mail.received", {"mailbox": mail.mailbox, "uidvalidity": mail.uidvalidity, "uid": mail.uid,
                                            "message_id": mail.message_id, "sha256": mail.sha256, "size": mail.size,
                                            "sender": mail.sender, "sender_defects": list(mail.sender_defects),
                                            "dmarc": mail.dmarc,
                                            "files": [f.name for f in mail.files], "skipped": list(mail.skipped)})
    if mail.problem or not mail.files:
        problem = mail.problem or "Wiadomość nie ma załącznika z pismem (PDF lub zdjęcie)."
        return [_closed_case(session, row.id, problem).id]
    return [add_case(session, files, f, mail_id=row.id).id for f in mail.files]


def add_case(session: Session, files: FileStore, incoming: IncomingFile, mail_id: int | None = None,
             source: str = "mail") -> Case:
    digest = files.put(incoming.data)
    case = Case(id=str(uuid.uuid4()), mail_id=mail_id, file_sha256=digest, file_name=incoming.name[:200],
                source=source)
    session.add(case)
    session.flush()
    audit.append(session, "case.created", {"file_sha256": digest, "file_name": incoming.name, "size": len(incoming.data),
                                           "declared_type": incoming.declared_type, "mail_id": mail_id}, case.id)
    return case


def earlier_same_file(session: Session, case: Case) -> Case | None:
    return session.scalars(select(Case).where(Case.file_sha256 == case.file_sha256, Case.id != case.id,
                                              Case.created_at <= case.created_at)
                           .order_by(Case.created_at).limit(1)).first()


def earlier_same_request(session: Session, case: Case, window: datetime.timedelta) -> Case | None:
    """A case for the same NIP, account and action within the replay window."""
    if not (case.nip and case.account and case.kind):
        return None
    since = case.created_at - window
    return session.scalars(select(Case).where(Case.nip == case.nip, Case.account == case.account,
                                              Case.kind == case.kind, Case.id != case.id,
                                              Case.created_at >= since, Case.created_at <= case.created_at)
                           .order_by(Case.created_at).limit(1)).first()


def _closed_case(session: Session, mail_id: int, problem: str) -> Case:
    # Nothing to read, but the mail must not vanish: the desk shows it as rejected, with the reason.
    result = CaseResult(file="", kind="unknown", fields={}, checks=(Check("readable", Status.FAIL, problem),),
                        verdict=Verdict.REJECT)
    case = Case(id=str(uuid.uuid4()), mail_id=mail_id, state=CHECKED, verdict=result.verdict.value, kind=result.kind,
                result=result.to_json())
    case.problem = problem
    session.add(case)
    session.flush()
    audit.append(session, "case.created", {"mail_id": mail_id, "problem": problem}, case.id)
    return case
