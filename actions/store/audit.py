"""The audit log: append-only and hash-chained. Each entry's hash covers the previous hash, its number,
time, event, case, actor and payload, so a changed, removed or inserted entry breaks every later link.
Appending locks the single head row first: concurrent workers queue up instead of forking the chain."""
import datetime
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .database import clock_of
from .tables import AuditEntry, AuditHead, as_utc

GENESIS = "0" * 64


def append(session: Session, event: str, payload: dict, case_id: str | None = None,
           actor: str = "system") -> AuditEntry:
    """Add one entry inside the caller's transaction (it commits or rolls back with the change it
    records)."""
    seq, prev_hash = _take_head(session)
    at = clock_of(session).now()
    body = canonical(payload)
    entry = AuditEntry(seq=seq, at=at, event=event, case_id=case_id, actor=actor, payload=body,
                       prev_hash=prev_hash, hash=link_hash(prev_hash, seq, at, event, case_id, actor, body))
    session.add(entry)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=entry.hash))
    return entry


@dataclass(frozen=True)
class ChainReport:
    entries: int
    broken_at: int | None          # seq of the first entry that does not fit, or None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(session: Session, batch: int = 1000) -> ChainReport:
    prev_hash, expected_seq, count, last = GENESIS, 1, 0, 0
    while True:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.seq > last)
                               .order_by(AuditEntry.seq).limit(batch)).all()
        if not rows:
            break
        for entry in rows:
            problem = _problem(entry, expected_seq, prev_hash)
            if problem:
                return ChainReport(count, entry.seq, problem)
            prev_hash, expected_seq, count, last = entry.hash, entry.seq + 1, count + 1, entry.seq
    head = session.get(AuditHead, 1)
    if head is not None and (head.seq != count or head.hash != prev_hash):
        return ChainReport(count, count + 1, "brakuje wpisów na końcu łańcucha (głowa wskazuje dalej)")
    return ChainReport(count, None)


def canonical(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def link_hash(prev_hash: str, seq: int, at: datetime.datetime, event: str, case_id: str | None,
              actor: str, body: str) -> str:
    stamp = as_utc(at).isoformat(timespec="microseconds")
    text = "\n".join((prev_hash, str(seq), stamp, event, case_id or "", actor, body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _take_head(session: Session) -> tuple[int, str]:
    # The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) before we read the head.
    moved = session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1))
    if moved.rowcount == 0:
        session.add(AuditHead(id=1, seq=1, hash=GENESIS))
        session.flush()
        return 1, GENESIS
    head = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
    return head.seq, head.hash


def _problem(entry: AuditEntry, expected_seq: int, prev_hash: str) -> str:
    if entry.seq != expected_seq:
        return f"brak wpisu nr {expected_seq} (następny ma nr {entry.seq})"
    if entry.prev_hash != prev_hash:
        return "wpis nie wskazuje na poprzedni (zmieniony lub wstawiony wpis przed nim)"
    if link_hash(entry.prev_hash, entry.seq, entry.at, entry.event, entry.case_id, entry.actor,
                 entry.payload) != entry.hash:
        return "treść wpisu nie zgadza się z jego skrótem (wpis zmieniony)"
    return ""
