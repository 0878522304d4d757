"""The dramatiq actors. Messages carry case ids only; the database is the source of truth and every
actor can run any number of times with the same result. Retries are bounded with backoff; whether an
error is retried at all follows its treatment (see broker.retry_when)."""
import datetime
import logging
import os
import socket
import uuid

import dramatiq
from dramatiq.middleware import Retries

from actions.cases.claims import let_go
from actions.cases.from_mail import fetch_new_mail
from actions.cases.lifecycle import transition
from actions.cases.reading import process
from actions.cases.reconciler import stuck
from actions.execution.executor import TryLater, execute, waiting_until
from actions.store import audit
from actions.store.leases import held
from actions.store.tables import FAILED, Case
from intake.errors import Treatment

from . import settings as settings_module
from .broker import FailuresToDesk, make_broker, retry_when, treatment_of
from .mail import mail_limits, open_mailbox
from .runtime import Runtime

log = logging.getLogger("odzysk.actors")
broker = make_broker(settings_module.load())
dramatiq.set_broker(broker)
_runtime: Runtime | None = None
_HOLDER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def runtime() -> Runtime:
    global _runtime
    if _runtime is None:
        _runtime = Runtime(settings_module.load())
    return _runtime


def install(chosen: Runtime) -> None:
    """Use this runtime in this process (the demo and `odzysk serve` in-process mode)."""
    global _runtime
    _runtime = chosen


@dramatiq.actor(queue_name="letters", retry_when=retry_when(3), min_backoff=5_000, max_backoff=300_000,
                time_limit=15 * 60_000)
def process_case(case_id: str) -> None:
    rt = runtime()
    process(rt.store, rt.files, case_id, rt.read, rt.policy)


@dramatiq.actor(queue_name="actions", retry_when=retry_when(8), min_backoff=10_000, max_backoff=3_600_000,
                time_limit=10 * 60_000)
def execute_case(case_id: str) -> None:
    rt = runtime()
    if rt.app is None:
        raise TryLater("Nie skonfigurowano adresu aplikacji (ODZYSK_APP_URL).")
    execute(rt.store, rt.files, case_id, rt.app, rt.read, rt.notify, rt.policy)
    until = waiting_until(rt.store, case_id)
    if until is not None:       # the objection window: come back when it is over
        delay_ms = max(1000, int((until - rt.store.clock.now()).total_seconds() * 1000) + 500)
        execute_case.send_with_options(args=(case_id,), delay=min(delay_ms, 6 * 86_400_000))


@dramatiq.actor(queue_name="mail", retry_when=retry_when(3), min_backoff=10_000, max_backoff=300_000,
                time_limit=20 * 60_000)
def fetch_mail() -> None:
    rt = runtime()
    # One fetcher at a time: two sessions moving the same mail may leave two copies in the processed folder.
    holder = f"{_HOLDER}:{uuid.uuid4().hex[:8]}"       # threads of one process are different holders
    with held(rt.store, "fetch_mail", holder, datetime.timedelta(minutes=15)) as mine:
        if not mine:
            return
        with open_mailbox(rt.settings.mailbox) as mailbox:
            created = fetch_new_mail(rt.store, rt.files, mailbox, mail_limits(rt.settings), rt.settings.limits,
                                     process_case.send, rt.acknowledge)
    if created:
        log.info("fetched mail: %d new cases", len(created))


@dramatiq.actor(queue_name="maintenance", max_retries=0, time_limit=5 * 60_000)
def reconcile() -> None:
    """Re-enqueue cases a lost message or a killed worker left behind (the database is the truth)."""
    rt = runtime()
    with rt.store.transaction() as session:
        left = stuck(session, datetime.timedelta(seconds=rt.settings.service.stuck_after_s))
    for case_id, state in left:
        (process_case if state == "received" else execute_case).send(case_id)
    if left:
        log.info("reconciler re-enqueued %d cases", len(left))


@dramatiq.actor(queue_name="maintenance", max_retries=0, time_limit=3 * 3_600_000)
def nightly_regress() -> None:
    from .nightly import run_nightly
    rt = runtime()
    run_nightly(rt.store, rt.settings)


def _to_desk(actor_name: str, case_id: str, exception: BaseException) -> None:
    if actor_name not in ("process_case", "execute_case"):
        return
    with runtime().store.transaction() as session:
        case = session.get(Case, case_id)
        if case is None or case.state in ("executed", "rejected", FAILED):
            return
        transition(case, FAILED)
        let_go(case)
        case.problem = _problem(exception)
        audit.append(session, "case.failed", {"actor": actor_name, "error": str(exception)[:500]}, case_id)


def _problem(exception: BaseException) -> str:
    """What the desk shows for a job that failed for good."""
    if treatment_of(exception) in (None, Treatment.RETRY):
        return f"Zadanie nie powiodło się mimo ponowień: {exception}. Sprawdź sprawę ręcznie."
    said = getattr(exception, "message", None) or str(exception)
    return f"Zadanie przerwano bez ponawiania (ponowienie nic nie zmieni): {said} Sprawdź sprawę ręcznie."


# dramatiq runs after-hooks in reverse order: placed before Retries, ours sees the verdict of Retries.
broker.add_middleware(FailuresToDesk(_to_desk), before=Retries)
