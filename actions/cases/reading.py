"""Reading a received case: claim it (with a lease and an attempt counted before any work, so that a
file that kills its reader every time is quarantined instead of coming back for ever), read it with
the checker the composition root hands in, and record the result once."""
from dataclasses import dataclass
from typing import Callable

from sqlalchemy.orm import Session

from actions.store import audit
from actions.store.database import Store
from actions.store.files import FileStore
from actions.store.tables import (
    CHECKED,
    FAILED,
    RECEIVED,
    Case,
    Mail,
    PagePreview,
)
from verify.result import CaseResult, Check, Status

from .claims import claim_case, let_go, release_case
from .creation import earlier_same_file, earlier_same_request
from .lifecycle import transition
from .policy import Policy


@dataclass(frozen=True)
class Preview:
    number: int
    jpeg: bytes
    width: int           # of the page the field boxes refer to
    height: int


@dataclass(frozen=True)
class Reading:
    """What the checker found: the result `odzysk check` prints, and page previews."""
    result: CaseResult
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
        result = _mark_sender(session, case, _mark_replays(session, case, reading.result, policy))
        case.verdict, case.result = result.verdict.value, result.to_json()
        transition(case, CHECKED)
        case.version += 1
        let_go(case)
        read = reading.result.to_json()        # the reading itself, before the marks above
        audit.append(session, "case.read", _extraction(read), case_id)
        if read["evidence"]:
            audit.append(session, "case.registry_evidence", {"evidence": read["evidence"]}, case_id)
        return True


def _apply(case: Case, result: CaseResult) -> None:
    """The columns the queue and the replay search read; the verdict and the result are set after the
    marks below, which may add a check."""
    case.kind = result.kind
    case.nip = result.fields.get("nip")
    case.account = result.fields.get("account")
    case.company = str(result.fields.get("company") or "")[:300]
    if result.error:
        case.problem = result.error.message


def _mark_replays(session: Session, case: Case, result: CaseResult, policy: Policy) -> CaseResult:
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
        return result
    case.replay_of = (same_file or same_request).id
    return result.with_check(Check("replay", Status.INCONCLUSIVE, " ".join(notes)))


def _mark_sender(session: Session, case: Case, result: CaseResult) -> CaseResult:
    """A mail our own server found failing the sender domain's DMARC may be spoofed: a person looks.
    A pass proves nothing about the letter and changes nothing (THREATS D3)."""
    mail = session.get(Mail, case.mail_id) if case.mail_id else None
    if mail is None or mail.dmarc != "fail":
        return result
    return result.with_check(Check("sender", Status.INCONCLUSIVE, "Nasz serwer poczty oznaczył wiadomość jako niezgodną "
                                   "z DMARC domeny nadawcy: nadawca może być podszyty. Potwierdź wniosek wyłącznie "
                                   "przez kontakt zapisany w aplikacji."))


def _quarantine(session: Session, case: Case) -> None:
    transition(case, FAILED)
    let_go(case)
    case.problem = (f"Odczyt pliku przerwano {case.attempts - 1} razy (proces czytający ginął). Plik "
                    f"odłożono do kwarantanny: sprawdź go ręcznie albo poproś nadawcę o nowy skan.")
    audit.append(session, "case.quarantined", {"attempts": case.attempts - 1}, case.id)


def _extraction(read: dict) -> dict:
    keep = ("kind", "fields", "sources", "marks", "checks", "verdict", "error", "pages")
    return {k: read.get(k) for k in keep}
