"""The store's tables (SQLAlchemy 2). The database is the source of truth: queue messages carry case
ids only, and every state a case can be in is a row here.

Case states: received (waiting to be read), checked (read and verified; waits for the desk),
approved (enough approvals, waits for execution), executing (an intent is recorded), and the ends:
executed, rejected (closed by an operator), failed (needs a person: a file that kept killing the
worker, an action the application refused)."""
import datetime

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from actions.clock import SYSTEM_CLOCK

RECEIVED, CHECKED, APPROVED, EXECUTING = "received", "checked", "approved", "executing"
EXECUTED, REJECTED, FAILED = "executed", "rejected", "failed"
OPEN_STATES = (RECEIVED, CHECKED, APPROVED, EXECUTING)
END_STATES = (EXECUTED, REJECTED, FAILED)


def stamp(context) -> datetime.datetime:
    """Column defaults: now by the clock of the store that writes the row (database.Store)."""
    return context.execution_options.get("clock", SYSTEM_CLOCK).now()


def as_utc(at: datetime.datetime) -> datetime.datetime:
    """A stored time in UTC: SQLite hands datetimes back without a zone (we store UTC only)."""
    return at.replace(tzinfo=datetime.timezone.utc) if at.tzinfo is None else at.astimezone(datetime.timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {datetime.datetime: DateTime(timezone=True), dict: JSON, list: JSON}


class Operator(Base):
    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=stamp)


class WebSession(Base):
    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime.datetime] = mapped_column(default=stamp)
    expires_at: Mapped[datetime.datetime]


class Mail(Base):
    __tablename__ = "mails"
    __table_args__ = (UniqueConstraint("mailbox", "uidvalidity", "uid"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(200))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[str] = mapped_column(String(998), default="")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    sender: Mapped[str] = mapped_column(String(998), default="")
    sender_defects: Mapped[list] = mapped_column(default=list)
    dmarc: Mapped[str] = mapped_column(String(20), default="")   # our own server's verdict; "" unknown
    subject: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime.datetime] = mapped_column(default=stamp)
    note: Mapped[str] = mapped_column(Text, default="")


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("mails.id"), nullable=True)
    file_sha256: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    file_name: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(20), default="mail")     # mail, upload, demo
    state: Mapped[str] = mapped_column(String(20), default=RECEIVED, index=True)
    verdict: Mapped[str | None] = mapped_column(String(10), nullable=True)
    kind: Mapped[str | None] = mapped_column(String(30), nullable=True)
    nip: Mapped[str | None] = mapped_column(String(10), nullable=True, index=True)
    account: Mapped[str | None] = mapped_column(String(320), nullable=True)
    company: Mapped[str] = mapped_column(String(300), default="")        # as the letter names it
    result: Mapped[dict] = mapped_column(default=dict)          # fields, sources, checks, evidence, pages
    replay_of: Mapped[str | None] = mapped_column(String(36), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)    # any change voids earlier approvals
    attempts: Mapped[int] = mapped_column(Integer, default=0)   # reads started (poison-pill guard)
    lease_until: Mapped[datetime.datetime | None] = mapped_column(nullable=True)
    # Who holds the lease of an executing case: checked right before the application is called, so a
    # worker that stalled past its lease (and was replaced) never acts (THREATS E4).
    lease_holder: Mapped[str | None] = mapped_column(String(32), nullable=True)
    problem: Mapped[str] = mapped_column(Text, default="")      # why it needs a person, in Polish
    closed_reason: Mapped[str] = mapped_column(Text, default="")
    announced_at: Mapped[datetime.datetime | None] = mapped_column(nullable=True)   # the tenant was told
    execute_after: Mapped[datetime.datetime | None] = mapped_column(nullable=True)  # end of the objection window
    created_at: Mapped[datetime.datetime] = mapped_column(default=stamp, index=True)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=stamp, onupdate=stamp)


class PagePreview(Base):
    __tablename__ = "page_previews"
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))              # the PNG in the file store
    width: Mapped[int] = mapped_column(Integer)                  # of the page the boxes refer to
    height: Mapped[int] = mapped_column(Integer)


class Decision(Base):
    """An operator's approval or rejection, bound to the case version it was given for."""
    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    case_version: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(10))            # approve, reject
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime.datetime] = mapped_column(default=stamp)


class CallBack(Base):
    """A confirmation with a contact on file (never one from the letter or the mail)."""
    __tablename__ = "call_backs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    case_version: Mapped[int] = mapped_column(Integer)
    contact: Mapped[str] = mapped_column(String(320))
    outcome: Mapped[str] = mapped_column(String(20))             # confirmed, denied, no_answer
    note: Mapped[str] = mapped_column(Text, default="")
    called_at: Mapped[datetime.datetime] = mapped_column(default=stamp)


class Execution(Base):
    """The intent row, written before the application is called; one per case."""
    __tablename__ = "executions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), unique=True)
    action: Mapped[str] = mapped_column(String(30))
    account_id: Mapped[str] = mapped_column(String(100))
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="intent")   # intent, done, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[dict] = mapped_column(default=dict)
    error: Mapped[str] = mapped_column(Text, default="")
    notified: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[datetime.datetime] = mapped_column(default=stamp)
    finished_at: Mapped[datetime.datetime | None] = mapped_column(nullable=True)


class AuditEntry(Base):
    __tablename__ = "audit"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime.datetime] = mapped_column(default=stamp)
    event: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    actor: Mapped[str] = mapped_column(String(100), default="system")
    payload: Mapped[str] = mapped_column(Text)                   # canonical JSON, hashed as stored
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row: the last link of the chain. Appenders lock it, so the chain never forks."""
    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64))


class RegressionRun(Base):
    __tablename__ = "regression_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ran_at: Mapped[datetime.datetime] = mapped_column(default=stamp)
    folder: Mapped[str] = mapped_column(String(300))
    files: Mapped[int] = mapped_column(Integer, default=0)
    accuracy: Mapped[dict] = mapped_column(default=dict)
    versions: Mapped[dict] = mapped_column(default=dict)
    failed: Mapped[list] = mapped_column(default=list)
    seconds: Mapped[float] = mapped_column(default=0.0)


class Lease(Base):
    """A named lease across workers and machines (for instance: one mail fetcher at a time)."""
    __tablename__ = "leases"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    until: Mapped[datetime.datetime]
