"""Carrying out an approved case, once. The intent row is written before the application is called;
the case is re-read against the registries and the account re-found right before acting; the call
carries the idempotency key "<case id>:<action>"; the result and the notice are recorded once.
Every step can be repeated after a crash and ends in the same state."""
import datetime
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select

from actions.cases.claims import claim_case, extend, holding, let_go, release_case
from actions.cases.decisions import standing
from actions.cases.lifecycle import transition
from actions.cases.policy import Policy
from actions.cases.reading import Checker
from actions.store import audit
from actions.store.database import Store, clock_of
from actions.store.files import FileStore
from actions.store.tables import APPROVED, CHECKED, EXECUTED, EXECUTING, FAILED, Case, Execution, as_utc
from intake.errors import OdzyskError, Treatment
from registries.application import Account, AppClient, AppFault, AppRefused
from verify import kinds
from verify.account_check import match_account
from verify.result import CaseResult, Status


class TryLater(OdzyskError):
    """A transient fault (application or registry down): the worker retries with backoff."""
    code = "try_later"
    treatment = Treatment.RETRY


@dataclass(frozen=True)
class Notice:
    case_id: str
    kind: str
    account_login: str
    tenant_name: str
    executed_at: datetime.datetime     # for an announcement: the earliest time the action will be taken
    to: tuple[str, ...]
    stage: str = "done"                # announce (before the action) or done (after it)


Notify = Callable[[Notice], None]


def execute(store: Store, files: FileStore, case_id: str, app: AppClient, recheck: Checker, notify: Notify,
            policy: Policy) -> str:
    """Returns the case's state afterwards (approved: still inside the objection window, see
    `waiting_until`). Raises TryLater on transient faults."""
    if _state(store, case_id) == APPROVED and not _announced(store, case_id, app, notify, policy):
        return _state(store, case_id)
    holder = _start(store, case_id, policy)
    if holder is not None:
        try:
            _act(store, files, case_id, app, recheck, policy, holder)
        except Exception:
            _release(store, case_id, holder)   # a retry may go on at once; the intent row keeps the key
            raise
    if _state(store, case_id) == EXECUTED:
        _notify_once(store, case_id, app, notify, policy)
    return _state(store, case_id)


def waiting_until(store: Store, case_id: str) -> datetime.datetime | None:
    """The end of an approved case's objection window, while it lasts."""
    with store.transaction() as session:
        case = session.get(Case, case_id)
        if case is None or case.state != APPROVED or case.execute_after is None:
            return None
        until = as_utc(case.execute_after)
        return until if until > store.clock.now() else None


def _announced(store: Store, case_id: str, app: AppClient, notify: Notify, policy: Policy) -> bool:
    """Tell the tenant's contacts on file what is about to happen, once; True when the objection window
    is over and the action may go ahead."""
    with store.transaction() as session:
        case = session.get(Case, case_id)
        if not standing(session, case, policy).complete:
            return True               # _start sends it back to the desk
        if case.announced_at is not None:
            return as_utc(case.execute_after) <= store.clock.now()
        holder = claim_case(session, case_id, (APPROVED,), policy, Case.announced_at.is_(None))
    if holder is None:
        return False                  # another worker is telling the tenant right now
    try:
        account = _find_account(app, case)
        tenant = (account or {}).get("tenant") or {}
        emails = _emails(app, str(tenant.get("id", ""))) if account else ()
        not_before = store.clock.now() + policy.objection_window
        with store.transaction() as session:
            held = holding(session, case_id, holder, (APPROVED,))
            if held is None:
                return False          # stalled past the lease: the worker that took over tells the tenant
            if account is None:
                _fail(session, held, None, "Przed zapowiedzią: konto nie znalezione jednoznacznie w firmie o tym NIP.")
                return False
        if emails:
            notify(Notice(case_id, case.kind, str(account.get("login", "")), str(tenant.get("name", "")),
                          not_before, emails, stage="announce"))
    except BaseException:
        with store.transaction() as session:
            release_case(session, case_id, holder)
        raise
    # Recorded in the same transaction that gives the lease up: released first, a second worker could
    # claim a case that still looks unannounced and tell the tenant twice.
    with store.transaction() as session:
        case = session.get(Case, case_id, with_for_update=True)
        if case.announced_at is None:
            case.announced_at, case.execute_after = store.clock.now(), not_before
            audit.append(session, "notice.announced", {"to": list(emails), "not_before": not_before.isoformat(),
                                                       "version": case.version}, case_id)
        release_case(session, case_id, holder)
        return as_utc(case.execute_after) <= store.clock.now()


def _emails(app: AppClient, tenant_id: str) -> tuple[str, ...]:
    try:
        return tuple(app.contacts(tenant_id).get("emails") or ())
    except (AppFault, AppRefused) as fault:
        raise TryLater(f"Kontakty klienta: {fault}") from None


def _release(store: Store, case_id: str, holder: str) -> None:
    with store.transaction() as session:
        release_case(session, case_id, holder)


def _mine(session, case_id: str, holder: str) -> Case | None:
    """The executing case, locked, while this worker still holds its lease."""
    return holding(session, case_id, holder, (EXECUTING,))


def _start(store: Store, case_id: str, policy: Policy) -> str | None:
    """Move an approved case to executing (compare-and-set on state and version) with its intent row, or
    take over an executing one whose lease ran out; returns the lease holder's token, None when there is
    nothing for this worker to do."""
    with store.transaction() as session:
        case = session.get(Case, case_id, with_for_update=True)
        if case is None or case.state not in (APPROVED, EXECUTING):
            return None
        if case.state == APPROVED:
            if not standing(session, case, policy).complete:
                # Approvals expired or were voided: back to the desk, never onwards; a new round of
                # approvals is announced to the tenant anew.
                transition(case, CHECKED)
                case.announced_at, case.execute_after = None, None
                audit.append(session, "execution.refused", {"reason": "approvals no longer valid"}, case_id)
                return None
            if case.announced_at is None or as_utc(case.execute_after) > store.clock.now():
                return None           # the tenant has not been told, or may still object
            holder = claim_case(session, case_id, (APPROVED,), policy, Case.version == case.version, state=EXECUTING)
            if holder is None:
                return None
            action = kinds.named(case.kind).action
            row = _execution(session, case_id)
            if row is None:
                session.add(Execution(case_id=case_id, action=action, account_id="",
                                      idempotency_key=f"{case_id}:{action}"))
            else:                     # approved again after an earlier attempt was sent back to the desk
                row.state, row.error, row.attempts, row.finished_at = "intent", "", 0, None
            audit.append(session, "execution.intent", {"action": action, "key": f"{case_id}:{action}",
                                                       "version": case.version}, case_id)
        else:
            holder = claim_case(session, case_id, (EXECUTING,), policy)
            if holder is None:
                return None           # another worker is on it (a redelivered or re-enqueued message)
            row = _execution(session, case_id)
            row.attempts += 1
            if row.attempts > policy.max_execute_attempts:
                _fail(session, case, row, f"Wykonanie nie udało się po {row.attempts - 1} próbach.")
                return None
        return holder


def _act(store: Store, files: FileStore, case_id: str, app: AppClient, recheck: Checker, policy: Policy,
         holder: str) -> None:
    with store.transaction() as session:
        case = session.get(Case, case_id)
        digest, name, earlier = case.file_sha256, case.file_name, case.result
        action = _execution(session, case_id).action
    account = _find_account(app, case)
    if account is not None and _already(action, account):
        # Nothing left to do (a killed attempt may have acted already): no re-check can make this worse.
        _call(store, case_id, app, account, holder, policy)
        return
    if _approvals_lapsed(store, case_id, policy, holder):
        return
    reading = recheck(files.get(digest), name)
    problem, transient = _compare(earlier, reading.result)
    if transient:
        raise TryLater(problem)
    if account is None and not problem:
        problem = "Konto nie znalezione jednoznacznie w dzierżawcy o tym NIP przed wykonaniem."
    if problem:
        with store.transaction() as session:
            if case := _mine(session, case_id, holder):
                _fail(session, case, _execution(session, case_id), f"Ponowne sprawdzenie przed wykonaniem: {problem}")
        return
    _call(store, case_id, app, account, holder, policy)


def _approvals_lapsed(store: Store, case_id: str, policy: Policy, holder: str) -> bool:
    """Nothing has been done yet: the approvals must still stand (this version, within their time), as
    at the start. A retry after a fault may come much later, or after the case changed (THREATS A11).
    True also when another worker took the case over."""
    with store.transaction() as session:
        case = _mine(session, case_id, holder)
        return case is None or _voided(session, case, policy)


def _voided(session, case: Case, policy: Policy) -> bool:
    """Send the case back to the desk if its approvals no longer stand."""
    if standing(session, case, policy).complete:
        return False
    row = _execution(session, case.id)
    transition(case, CHECKED)
    case.announced_at, case.execute_after = None, None
    let_go(case)
    row.state, row.error = "voided", "Zatwierdzenia wygasły lub sprawa zmieniła się przed wykonaniem."
    audit.append(session, "execution.refused", {"reason": "approvals no longer valid", "version": case.version},
                 case.id)
    return True


def _call(store: Store, case_id: str, app: AppClient, account: dict, holder: str, policy: Policy) -> None:
    with store.transaction() as session:
        case, row = _mine(session, case_id, holder), _execution(session, case_id)
        if case is None:
            return                    # replaced while it re-checked: the worker that took over acts, never both
        action, key = row.action, row.idempotency_key
        # Nothing to do when the account is as asked (a killed attempt acted): that is only recorded.
        already = _already(action, account)
        if not already and _voided(session, case, policy):
            return
        extend(case, policy)          # the call itself gets the whole lease
        row.account_id = account["id"]
    try:
        if already:
            after, note = account, "already"
        else:
            after, note = app.act(account["id"], action, key), "done"
    except AppFault as fault:
        raise TryLater(str(fault)) from None
    except AppRefused as refused:
        with store.transaction() as session:
            if case := _mine(session, case_id, holder):
                _fail(session, case, _execution(session, case_id), str(refused))
        return
    with store.transaction() as session:
        case, row = _mine(session, case_id, holder), _execution(session, case_id)
        if case is None:
            return                    # the worker that took over records it
        row.state, row.finished_at, row.result = "done", store.clock.now(), {"account": after, "outcome": note}
        transition(case, EXECUTED)
        let_go(case)
        audit.append(session, "execution.done", {"action": action, "key": key, "account_id": account["id"],
                                                 "outcome": note, "account_after": after}, case_id)


def _compare(stored: dict, now: CaseResult) -> tuple[str, bool]:
    """What stands in the way of acting now, and whether waiting could help."""
    earlier = CaseResult.from_json(stored)
    if now.kind != earlier.kind or any(now.fields.get(f) != earlier.fields.get(f) for f in ("nip", "account")):
        return "pismo odczytane teraz różni się od zatwierdzonego.", False
    before = {c.name: c.status for c in earlier.checks}
    failed = now.checks_with(Status.FAIL)
    if failed:
        return "; ".join(c.detail for c in failed), False
    lost = [c for c in now.checks if c.status != Status.PASS and before.get(c.name) == Status.PASS]
    if lost:
        return "nie udało się teraz potwierdzić: " + "; ".join(c.detail for c in lost), True
    return "", False


def _find_account(app: AppClient, case: Case) -> dict | None:
    try:
        found = app.find(case.account)
    except AppFault as fault:
        raise TryLater(str(fault)) from None
    return match_account(case.account, case.nip, found, Account.from_api).account


def _already(action: str, account: dict) -> bool:
    """The account is already as the action leaves it (a killed attempt may have acted)."""
    return kinds.by_action(action).is_done(Account.from_api(account))


def _notify_once(store: Store, case_id: str, app: AppClient, notify: Notify, policy: Policy) -> None:
    """Tell the tenant's contacts what was done, once: one worker at a time (the lease of an executed case)."""
    with store.transaction() as session:
        holder = claim_case(session, case_id, (EXECUTED,), policy)
        if holder is None:
            return
        case, row = session.get(Case, case_id), _execution(session, case_id)
        if row is None or row.notified:
            release_case(session, case_id, holder)
            return
        kind, account, at = case.kind, row.result.get("account") or {}, row.finished_at
    try:
        tenant = account.get("tenant") or {}
        emails = _emails(app, str(tenant.get("id", "")))
        with store.transaction() as session:
            if holding(session, case_id, holder, (EXECUTED,)) is None:
                return                # stalled past the lease: the worker that took over tells them
        notify(Notice(case_id, kind, str(account.get("login", "")), str(tenant.get("name", "")), at, emails))
        with store.transaction() as session:
            row = _execution(session, case_id)
            if not row.notified:
                row.notified = True
                audit.append(session, "notice.sent", {"to": list(emails)}, case_id)
    finally:
        with store.transaction() as session:
            release_case(session, case_id, holder)


def _execution(session, case_id: str) -> Execution | None:
    return session.scalars(select(Execution).where(Execution.case_id == case_id)).first()


def _fail(session, case: Case, row: Execution | None, problem: str) -> None:
    transition(case, FAILED)
    case.problem = problem
    let_go(case)
    if row is not None:
        row.state, row.error, row.finished_at = "failed", problem, clock_of(session).now()
    audit.append(session, "execution.failed", {"problem": problem}, case.id)


def _state(store: Store, case_id: str) -> str:
    with store.transaction() as session:
        case = session.get(Case, case_id)
        return case.state if case else ""
