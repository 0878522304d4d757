"""E7, duplicate delivery: every actor is idempotent. A case goes the whole way (the mail fetched, the letter
read, a confirmed call-back and two approvals at the desk, the execute message that announces the action,
its delayed re-send once the objection window is over, the reconciler), first with each message delivered
once, then with each message delivered k >= 1 times, the extra copies arriving at any later point and in
any order among the other messages. The final database (case, verdict, Execution row, how many audit
entries of each kind, the audit chain) and the application (its accounts, one POST with the case's
idempotency key, the notices sent) must be the same. A last test delivers the execute message to two
workers at the same moment.

Real parts: the case store (SQLite in a temporary folder), the `actions.*` functions and the application
stand-in over HTTP. The reading (OCR + registries) is a stub answering `core_helpers.letter_result()`.
A message is delivered the way its actor delivers it (odzysk/actors.py): `process` for process_case,
`execute` for execute_case, and for the reconciler every case `stuck` returns re-sent to its actor.
"""
import datetime
import functools
import json
import shutil
import tempfile
import threading
import time
from collections import Counter
from copy import deepcopy
from pathlib import Path

import pytest
from core_helpers import CONTACTS, account, letter_result, mail, reading
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from actions.cases.creation import record_mail
from actions.cases.decisions import approve, record_call_back
from actions.cases.policy import Policy
from actions.cases.reading import Reading, process
from actions.cases.reconciler import stuck
from actions.clock import ManualClock
from actions.execution.executor import execute
from actions.store import audit
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import RECEIVED, AuditEntry, CallBack, Case, Decision, Execution, Mail, Operator
from registries.application import AppClient
from standins.app import AppStandIn

pytestmark = pytest.mark.hostile

WINDOW = datetime.timedelta(hours=24)
POLICY = Policy(objection_window=WINDOW)
AFTER_WINDOW = WINDOW + datetime.timedelta(minutes=1)     # the store's ManualClock is moved on by this

# Phases of the case's life, in order: 0 after the mail was fetched (the case is received); 1 after the
# desk's completing approval; 2 after the objection window; 3 later on. A message is sent in one phase
# and its first copy is delivered then; extra copies arrive in that phase or any later one.
PHASES = (0, 1, 2, 3)
# message -> (the phase of its first copy, the earliest phase an extra copy can arrive in)
MESSAGES = {
    "fetch": (None, 0),         # the mail fetched again (the first fetch, before phase 0, made the case)
    "process": (0, 0),          # process_case, sent when the mail was recorded
    "execute": (1, 1),          # execute_case, sent by the desk after the completing approval
    "execute_delayed": (2, 2),  # execute_case, re-sent by the actor for the end of the objection window
    "reconcile": (3, 0),        # the reconciler runs on its own clock: its re-sends can come at any point
}


@st.composite
def deliveries(draw) -> dict[int, list[str]]:
    """For each phase, the messages delivered in it, in order."""
    per_phase = {phase: [] for phase in PHASES}
    for message, (first, earliest) in MESSAGES.items():
        if first is not None:
            per_phase[first].append(message)
        for _ in range(draw(st.integers(1, 3), label=f"copies of {message}") - 1):
            per_phase[draw(st.sampled_from(PHASES[earliest:]))].append(message)
    return {phase: draw(st.permutations(messages)) for phase, messages in per_phase.items()}


ONCE = {0: ["process"], 1: ["execute"], 2: ["execute_delayed"], 3: ["reconcile"]}


@pytest.fixture(scope="module")
def app_standin():
    with AppStandIn([account()], CONTACTS) as app:
        yield app


def run_case(app: AppStandIn, plan: dict[int, list], stagger_s: float = 0.0) -> dict:
    """Take one letter through its life, delivering the messages as `plan` says (a tuple of messages is
    delivered by as many workers at the same moment, the n-th starting n * `stagger_s` later); returns the end state, with the case id replaced by
    "<case>" so that two runs can be compared."""
    with app.lock:
        app.accounts = [account()]
        app.calls.clear()
    folder = Path(tempfile.mkdtemp(prefix="odzysk-e7-"))
    clock = ManualClock()
    store = open_store(f"sqlite:///{folder}/store.db", clock=clock)
    try:
        files = FileStore(folder / "files")
        actions = AppClient(app.url, app.token, timeout_s=5)
        notices = []
        letter = mail()

        def read(data: bytes, name: str) -> Reading:
            return reading(letter_result())

        def deliver(message: str) -> None:
            if message == "fetch":
                with store.transaction() as session:
                    assert record_mail(session, files, letter) == []
            elif message == "process":
                process(store, files, case_id, read, POLICY)
            elif message in ("execute", "execute_delayed"):
                execute(store, files, case_id, actions, read, notices.append, POLICY)
            else:
                with store.transaction() as session:
                    left = stuck(session, datetime.timedelta(0))
                for stuck_id, state in left:
                    if state == RECEIVED:
                        process(store, files, stuck_id, read, POLICY)
                    else:
                        execute(store, files, stuck_id, actions, read, notices.append, POLICY)

        def deliver_all(messages: list) -> None:
            for item in messages:
                if isinstance(item, tuple):
                    together(item)
                else:
                    deliver(item)

        def together(messages: tuple) -> None:
            start, failures = threading.Barrier(len(messages)), []

            def worker(message, lag_s):
                start.wait()
                time.sleep(lag_s)
                try:
                    deliver(message)
                except Exception as error:          # re-raised below, in the test's thread
                    failures.append(error)
            threads = [threading.Thread(target=worker, args=(m, n * stagger_s)) for n, m in enumerate(messages)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            if failures:
                raise failures[0]

        with store.transaction() as session:
            anna = Operator(login="anna", name="Anna", password_hash="-")
            piotr = Operator(login="piotr", name="Piotr", password_hash="-")
            session.add_all([anna, piotr])
            [case_id] = record_mail(session, files, letter)
        deliver_all(plan[0])
        with store.transaction() as session:            # the desk
            case = session.get(Case, case_id, with_for_update=True)
            record_call_back(session, case, anna, "+48 600 100 200", "confirmed", "Prezes potwierdził.",
                             CONTACTS["t-kowalski"]["phones"], case.version)
            approve(session, case, anna, "Zgodne.", POLICY, case.version)
            approve(session, case, piotr, "Zgodne.", POLICY, case.version)
        deliver_all(plan[1])
        clock.advance(AFTER_WINDOW)
        deliver_all(plan[2])
        deliver_all(plan[3])
        return end_state(store, app, notices, case_id)
    finally:
        store.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def end_state(store, app: AppStandIn, notices: list, case_id: str) -> dict:
    def anonymous(value):
        return json.loads(json.dumps(value, default=str).replace(case_id, "<case>"))

    with store.transaction() as session:
        chain = audit.verify_chain(session)
        case = session.get(Case, case_id)
        executions = session.scalars(select(Execution)).all()
        state = {
            "audit chain intact": chain.intact,
            "case": {"state": case.state, "verdict": case.verdict, "kind": case.kind, "nip": case.nip,
                     "account": case.account, "version": case.version, "attempts": case.attempts,
                     "replay_of": case.replay_of, "problem": case.problem, "closed_reason": case.closed_reason,
                     "leased": case.lease_until is not None, "announced": case.announced_at is not None,
                     "execute_after": case.execute_after is not None},
            "executions": [{"action": x.action, "account_id": x.account_id, "key": x.idempotency_key,
                            "state": x.state, "attempts": x.attempts, "result": x.result, "error": x.error,
                            "notified": x.notified, "finished": x.finished_at is not None} for x in executions],
            "audit events": dict(Counter(e.event for e in session.scalars(select(AuditEntry)))),
            "cases": len(session.scalars(select(Case)).all()),
            "mails": len(session.scalars(select(Mail)).all()),
            "decisions": len(session.scalars(select(Decision)).all()),
            "call_backs": len(session.scalars(select(CallBack)).all()),
        }
    with app.lock:
        state["application"] = {
            "accounts": deepcopy(app.accounts),
            "posts": [(c["path"], c["headers"].get("Idempotency-Key")) for c in app.calls if c["method"] == "POST"],
        }
    state["notices"] = [(n.stage, n.kind, n.account_login, n.to) for n in notices]
    return anonymous(state)


@functools.lru_cache(maxsize=1)
def delivered_once(app: AppStandIn) -> dict:
    """The end state with each message delivered once (computed once per stand-in, that is per run)."""
    once = run_case(app, ONCE)
    # The baseline itself is what E7 expects of one delivery each: executed once, with the key, announced
    # before and reported after.
    assert once["case"]["state"] == "executed" and once["audit chain intact"]
    assert once["application"]["posts"] == [["/admin/api/accounts/a-1f3c9e0b2d/mfa/disable", "<case>:mfa/disable"]]
    assert [stage for stage, *_ in once["notices"]] == ["announce", "done"]
    assert once["executions"][0]["state"] == "done" and once["audit events"]["execution.done"] == 1
    return once


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plan=deliveries())
def test_delivering_messages_again_changes_nothing(app_standin, plan):
    once, again = delivered_once(app_standin), run_case(app_standin, plan)
    differing = {key: {"once": once[key], "again": again.get(key)} for key in once if once[key] != again.get(key)}
    assert not differing, f"delivering messages again changed the end state: {differing}"


# The second worker starts this much later: at 0 both race for the claim; later ones land in the steps of
# the first worker's announcement (the account lookup, the contacts, the notice, recording it). CI once
# caught two announcements when the claim was given up before the announcement was recorded.
STAGGERS_S = (0.0, 0.0, 0.002, 0.005, 0.01, 0.02, 0.04, 0.08)


@pytest.mark.parametrize("stagger_s", STAGGERS_S)
def test_two_workers_given_the_same_execute_message_at_once_act_and_tell_once(app_standin, stagger_s):
    """E7 (and E4) with the copies arriving together: a duplicated message (dramatiq #431 duplicates delayed
    messages, and the execute actor re-sends itself with a delay) taken by two workers at the same moment.
    Still one POST, one announcement and one notice after the action."""
    plan = {0: ["process"], 1: [("execute", "execute")], 2: [("execute_delayed", "execute_delayed")],
            3: ["reconcile"]}
    once, again = delivered_once(app_standin), run_case(app_standin, plan, stagger_s)
    differing = {key: {"once": once[key], "again": again.get(key)} for key in once if once[key] != again.get(key)}
    assert not differing, f"two workers with the same message changed the end state: {differing}"
