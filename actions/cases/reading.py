"""Reading a received case: claim it (with a lease and an attempt counted before any work, so that a
file that kills its reader every time is quarantined instead of coming back for ever), read it with
the checker the composition root hands in, and record the result once."""
import datetime
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store import audit
from actions.store.database import Store, clock_of
from actions.store.files import FileStore
from actions.store.tables import (
    APPROVED,
    CHECKED,
    EXECUTED,
    EXECUTING,
    FAILED,
    RECEIVED,
    Case,
    Execution,
    Mail,
    PagePreview,
)

from .claims import claim_case, let_go, release_case
from .creation import earlier_same_file, earlier_same_request
from .policy import Policy


@dataclass(frozen=True)
class Preview:
    number: int
    jpeg: bytes
    width: int           # of the page the field boxes refer to
    height: int


@dataclass(frozen=True)
class Reading:
    """What the checker found: the result in `odzysk check`'s shape, and page previews."""
    result: dict
    previews: tuple[Preview, ...] = ()


Checker = Callable[[bytes, str], Reading]


def claim(store: Store, case_id: str, policy: Policy) -> tuple[str, str] | None:
    """Take a received case for reading; returns its file hash and the lease holder's token, or None when
    there is nothing to do (already read, leased by another worker, or quarantined now)."""
    with store.transaction() as session:
        holder = claim_case(session, case_id, (RECEIVED,), policy, attempts=Case.attempts + 1)
        if holder is None:
            return None
        case = session.get(Case, case_id)
        if case.attempts > policy.max_read_attempts:
            _quarantine(session, case)
            return None
        return case.file_sha256, holder


def process(store: Store, files: FileStore, case_id: str, read: Checker, policy: Policy) -> bool:
    """Read one case if it still needs reading. Safe to call any number of times."""
    claimed = claim(store, case_id, policy)
    if claimed is None:
        return False
    digest, holder = claimed
    with store.transaction() as session:
        name = session.get(Case, case_id).file_name
    try:
        reading = read(files.get(digest), name)
    except Exception:
        with store.transaction() as session:
            release_case(session, case_id, holder)   # a retry may take it at once; the attempt stays counted
        raise
    return record(store, files, case_id, reading, policy)


def record(store: Store, files: FileStore, case_id: str, reading: Reading, policy: Policy) -> bool:
    with store.transaction() as session:
        case = session.get(Case, case_id, with_for_update=True)
        if case is None or case.state != RECEIVED:
            return False
        for preview in reading.previews:
            session.merge(PagePreview(case_id=case_id, number=preview.number, sha256=files.put(preview.jpeg),
                                      width=preview.width, height=preview.height))
        _apply(case, reading.result)
        _mark_replays(session, case, policy)
        _mark_sender(session, case)
        case.state, case.version = CHECKED, case.version + 1
        let_go(case)
        audit.append(session, "case.read", _extraction(reading.result), case_id)
        if reading.result.get("evidence"):
            audit.append(session, "case.registry_evidence", {"evidence": reading.result["evidence"]}, case_id)
        return True


def _apply(case: Case, result: dict) -> None:
    fields = result.get("fields") or {}
    case.kind, case.verdict, case.result = result.get("kind"), result.get("verdict"), result
    case.nip = fields.get("nip")
    case.account = fields.get("account")
    case.company = str(fields.get("company") or "")[:300]
    if result.get("error"):
        case.problem = result["error"]["message"]


def _mark_replays(session: Session, case: Case, policy: Policy) -> None:
    """A letter seen before never rides on the earlier case: it is flagged and needs its own review."""
    notes = []
    same_file = earlier_same_file(session, case)
    if same_file is not None:
        notes.append(f"Ten sam plik był już w sprawie {same_file.id[:8]} (stan: {same_file.state}).")
    same_request = earlier_same_request(session, case, policy.replay_window)
    if same_request is not None and same_request is not same_file:
        notes.append(f"To samo żądanie (NIP, konto, rodzaj) było już w sprawie {same_request.id[:8]} "
                     f"z {same_request.created_at:%Y-%m-%d} (stan: {same_request.state}).")
    if not notes:
        return
    case.replay_of = (same_file or same_request).id
    checks = list(case.result.get("checks", [])) + [{"name": "replay", "status": "inconclusive",
                                                     "detail": " ".join(notes)}]
    case.result = {**case.result, "checks": checks}
    if case.verdict == "ready":
        case.verdict = "review"


def _mark_sender(session: Session, case: Case) -> None:
    """A mail our own server found failing the sender domain's DMARC may be spoofed: a person looks.
    A pass proves nothing about the letter and changes nothing (THREATS D3)."""
    mail = session.get(Mail, case.mail_id) if case.mail_id else None
    if mail is None or mail.dmarc != "fail":
        return
    check = {"name": "sender", "status": "inconclusive",
             "detail": "Nasz serwer poczty oznaczył wiadomość jako niezgodną z DMARC domeny nadawcy: nadawca może być "
                       "podszyty. Potwierdź wniosek wyłącznie przez kontakt zapisany w aplikacji."}
    case.result = {**case.result, "checks": list(case.result.get("checks", [])) + [check]}
    if case.verdict == "ready":
        case.verdict = "review"


def _quarantine(session: Session, case: Case) -> None:
    case.state = FAILED
    let_go(case)
    case.problem = (f"Odczyt pliku przerwano {case.attempts - 1} razy (proces czytający ginął). Plik "
                    f"odłożono do kwarantanny: sprawdź go ręcznie albo poproś nadawcę o nowy skan.")
    audit.append(session, "case.quarantined", {"attempts": case.attempts - 1}, case.id)


def _extraction(result: dict) -> dict:
    keep = ("kind", "fields", "sources", "marks", "checks", "verdict", "error", "pages")
    return {k: result.get(k) for k in keep}


NOTICE_RETRIES_FOR = datetime.timedelta(days=1)


def stuck(session: Session, older_than: datetime.timedelta) -> list[tuple[str, str]]:
    """(case id, state) of cases left in a state a worker should have moved on from, executed cases whose
    tenant was not told yet (a worker that died between the action and the notice) among them."""
    now = clock_of(session).now()
    limit = now - older_than
    unfinished = Case.state.in_((RECEIVED, APPROVED, EXECUTING))
    # Not for ever: a notice the mail server keeps refusing stays on the desk as not sent.
    not_told = (Case.state == EXECUTED) & Execution.notified.is_(False) & (Execution.finished_at > now - NOTICE_RETRIES_FOR)
    rows = session.execute(select(Case.id, Case.state).outerjoin(Execution, Execution.case_id == Case.id).where(
        unfinished | not_told, Case.updated_at < limit,
        (Case.lease_until.is_(None)) | (Case.lease_until < now),
        (Case.execute_after.is_(None)) | (Case.execute_after < now))).all()
    return [(r.id, r.state) for r in rows]
