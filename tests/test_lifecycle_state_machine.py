"""A Hypothesis state machine over a case's whole life (THREATS A1, A9, A11, E7): letters arrive (new,
replayed byte for byte, or the same request in a new scan), are read, get call-backs, approvals and
rejections from several operators, change under the operators' feet, age past their approval TTL and
objection window, and are executed (sometimes twice in a row, sometimes by a worker that dies, sometimes
with the application down), with the reconciler re-sending whatever looks stuck.

Everything real: the case store (SQLite in a temporary folder, `open_store`), the `actions.*` functions,
and the application stand-in over HTTP on 127.0.0.1. Only the reading of a letter (OCR + registries) is
a stub, a function that answers `core_helpers.letter_result(...)` for the letter's bytes; a rule changes
what the registries say, so that the re-check before execution can fail or be inconclusive.

After every step the invariants are rebuilt from the database (audit log, decisions, call_backs,
executions) and from the calls the stand-in recorded, each timestamped when it reached the stand-in:

  (a) every POST (and every execution intent) follows, for the case's then-current version, approvals by
      two different operators within the TTL, a confirmed call-back to a contact on file, and an
      announcement whose objection window is over;
  (b) at most one effective action per case: one Idempotency-Key "<case id>:<action>" per case, at most
      one `execution.done`, no second POST unless a worker died after the first one;
  (c) a replayed letter's case (replay_of set) is never ready and executes only on its own approvals,
      given after it was flagged;
  (d) an approval given for an older version never counts (approvals are recorded for the version that
      was current, and only approvals of the approved version make a case approved or executable);
  (e) the audit chain verifies;
  (f) a case in state `executed` has exactly one Execution row, in state `done` (and vice versa).
"""
import datetime
import json
import shutil
import tempfile
from collections import Counter, defaultdict
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from core_helpers import CONTACTS, NIP, letter_result, mail, reading
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from actions.cases.creation import record_mail
from actions.cases.decisions import DecisionRefused, approve, record_call_back, reject
from actions.cases.policy import Policy
from actions.cases.reading import Reading, claim, process
from actions.cases.reconciler import stuck
from actions.clock import ManualClock
from actions.desk.tenant import tenant_on_file
from actions.execution.executor import TryLater, execute
from actions.store import audit
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import (
    APPROVED,
    END_STATES,
    EXECUTED,
    RECEIVED,
    AuditEntry,
    CallBack,
    Case,
    Decision,
    Execution,
    Operator,
)
from registries.application import AppClient
from standins.app import AppStandIn
from verify import kinds

pytestmark = pytest.mark.hostile

# Time is a ManualClock that each machine's store is opened with, moved by the rules that let time pass:
# only they decide which approvals expire and which windows close, never how fast the machine is, so a
# derandomized run takes the same path everywhere and a failure replays exactly while Hypothesis shrinks
# it. The TTL is far above what all the short waits of one run add up to (steps x WAITS["objection_window"])
# and is passed only by the long wait.
TTL = datetime.timedelta(hours=72)
WINDOW = datetime.timedelta(hours=1)
LEASE = datetime.timedelta(minutes=3)
POLICY = Policy(approval_ttl=TTL, objection_window=WINDOW, lease=LEASE)
SLACK = datetime.timedelta(milliseconds=100)   # between `now` inside the code and the audit entry's time
WAITS = {"objection_window": WINDOW + LEASE + datetime.timedelta(minutes=1),   # past the window and the lease
         "approval_ttl": TTL + SLACK + datetime.timedelta(minutes=1)}

OTHER_NIP = "5260250274"
ACCOUNTS = [
    {"id": "a-1", "login": "jkowalski", "email": "jan.kowalski@example-serwis.pl", "roles": ["user"],
     "mfa_enabled": True, "ip_lock_enabled": True,
     "tenant": {"id": "t-kowalski", "name": "Serwis RTV AGD Jan Kowalski", "payer_nip": NIP}},
    {"id": "a-2", "login": "anowak", "email": "anna.nowak@example-serwis.pl", "roles": ["user"],
     "mfa_enabled": True, "ip_lock_enabled": False,
     "tenant": {"id": "t-kowalski", "name": "Serwis RTV AGD Jan Kowalski", "payer_nip": NIP}},
    {"id": "a-3", "login": "pzielinski", "email": "piotr@inny-serwis.pl", "roles": ["user"],
     "mfa_enabled": True, "ip_lock_enabled": True,
     "tenant": {"id": "t-inny", "name": "Inny Serwis sp. z o.o.", "payer_nip": OTHER_NIP}},
]
TENANT_CONTACTS = {**CONTACTS, "t-inny": {"phones": ["+48 600 300 400"], "emails": ["biuro@inny-serwis.pl"],
                                          "admins": ["a-3"]}}
# What a letter asks: (kind, account, NIP). The last one names an account of another tenant (A2).
LETTERS = [("mfa_removal", "jan.kowalski@example-serwis.pl", NIP),
           ("ip_unblock", "jan.kowalski@example-serwis.pl", NIP),
           ("admin_elevation", "anna.nowak@example-serwis.pl", NIP),
           ("mfa_removal", "piotr@inny-serwis.pl", OTHER_NIP),
           ("mfa_removal", "piotr@inny-serwis.pl", NIP)]
MAX_MAILS = 4                                # a few cases per run, so that each goes far
ACCOUNT_IDS = [a["id"] for a in ACCOUNTS]
FROM_THE_LETTER = "+48 511 222 333"          # a phone number printed in the letter: never on file
OPERATORS = ("anna", "piotr", "ewa")
REGISTRY_CHECKS = {
    "ok": None,                              # letter_result's default: every check passes
    "suspended": [{"name": "registry", "status": "fail", "detail": "Działalność zawieszona."},
                  {"name": "account_match", "status": "pass", "detail": "Konto należy do dzierżawcy."}],
    "down": [{"name": "registry", "status": "inconclusive", "detail": "CEIDG nie odpowiada."},
             {"name": "account_match", "status": "pass", "detail": "Konto należy do dzierżawcy."}],
}


REACHED = Counter()                          # how far the runs got, so that a machine that stops reaching
                                             # execution (after a change of rules) fails instead of passing


def _aware(at: datetime.datetime) -> datetime.datetime:
    return at.replace(tzinfo=datetime.timezone.utc) if at.tzinfo is None else at


class StampedCalls(list):
    """The stand-in's `calls`, each stamped with the time it reached the stand-in, by the clock of the
    machine that runs (set by `reset_standin`)."""

    clock: ManualClock | None = None

    def append(self, call):
        super().append({**call, "at": self.clock.now()})


class WorkerKilled(BaseException):
    """kill -9 of the worker: no `except Exception` runs, so the lease on the case stays."""


@dataclass(frozen=True)
class DyingActions(AppClient):
    """The application client of a worker that dies around its POST (before it, or after the application
    acted but before the answer was recorded: THREATS E2)."""
    after_post: bool = True
    posted: list = field(default_factory=list)

    def act(self, account_id: str, action: str, key: str) -> dict:
        if self.after_post:
            self.posted.append(super().act(account_id, action, key))
        raise WorkerKilled()


@pytest.fixture(scope="module")
def app_standin():
    """One stand-in for the whole run; each example resets its accounts and calls."""
    with AppStandIn(ACCOUNTS, TENANT_CONTACTS) as app:
        app.calls = StampedCalls()
        yield app


def reset_standin(app: AppStandIn, clock: ManualClock) -> None:
    with app.lock:
        app.accounts = deepcopy(ACCOUNTS)
        app.calls.clear()
        app.calls.clock = clock


class LifecycleMachine(RuleBasedStateMachine):
    app: AppStandIn = None               # set by the test before the machine runs

    cases = Bundle("cases")

    def __init__(self):
        super().__init__()
        self.clock = ManualClock()
        reset_standin(self.app, self.clock)
        self.folder = Path(tempfile.mkdtemp(prefix="odzysk-lifecycle-"))
        self.store = open_store(f"sqlite:///{self.folder}/store.db", clock=self.clock)
        self.files = FileStore(self.folder / "files")
        self.actions = AppClient(self.app.url, self.app.token, timeout_s=5)
        with self.store.transaction() as session:
            # Operators as rows (their passwords are not under test, and argon2 costs time per example).
            for login in OPERATORS:
                session.add(Operator(login=login, name=login.title(), password_hash="-", active=True))
        self.letters: dict[bytes, tuple[tuple[str, str, str], str]] = {}   # file bytes -> (request, verdict)
        self.bodies: list[bytes] = []
        self.mails = []
        self.registry = "ok"
        self.notices = []
        self.posts_killed = Counter()    # case id -> POSTs whose worker died before recording them
        self.ttl_passed = False

    def teardown(self):
        with self.store.transaction() as session:
            REACHED.update(e.event for e in session.scalars(select(AuditEntry).where(
                AuditEntry.event.in_(("execution.intent", "execution.done", "execution.failed")))))
        self.store.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    # The reading (OCR + registries), not under test: what a real reading of these bytes would answer now.

    def read(self, data: bytes, name: str) -> Reading:
        (kind, account, nip), verdict = self.letters[data]
        if self.registry == "suspended":
            verdict = "reject"
        elif self.registry == "down" and verdict == "ready":
            verdict = "review"
        return reading(letter_result(kind=kind, account=account, verdict=verdict, nip=nip,
                                     checks=deepcopy(REGISTRY_CHECKS[self.registry])))

    # Letters arriving.

    @initialize(target=cases, letter=st.integers(0, len(LETTERS) - 2),   # the last one: no contacts to call
                start=st.sampled_from(["received", "checked", "approved", "announced"]
                                      + 2 * ["window_over", "executing"]))
    def first_letter(self, letter, start):
        """Every run starts with one letter, taken by the real functions as far as `start` says (received;
        read; approved by two operators after a confirmed call-back; announced to the tenant; with the
        objection window over; executing: its intent recorded, but the application was down), so that the
        rules spend their steps where the dangers are."""
        case = self.receive(how="new", letter=letter, verdict="ready", pick=0)
        if start != "received":
            self.read_letter(case)
        if start in ("approved", "announced", "window_over", "executing"):
            self._call_back(case, "anna", "confirmed", on_file=True, stale=False)
            self._approve(case, "anna", stale=False)
            self._approve(case, "piotr", stale=False)
        if start in ("announced", "window_over", "executing"):
            self._execute(case, self.actions)
        if start in ("window_over", "executing"):
            self.clock.advance(WAITS["objection_window"])
        if start == "executing":
            self._execute(case, AppClient("http://127.0.0.1:9", self.app.token, timeout_s=2))
        return case

    @precondition(lambda self: len(self.mails) < MAX_MAILS)
    @rule(target=cases, how=st.sampled_from(["new", "same_file", "same_request", "same_mail"]),
          letter=st.integers(0, len(LETTERS) - 1), verdict=st.sampled_from(["ready", "review", "reject"]),
          pick=st.integers(0, 20))
    def receive(self, how, letter, verdict, pick):
        """A mail with a letter: a new one; the same bytes in another mail (A9 replay); the same NIP,
        account and kind in a new scan (A9); or the same mail fetched again (D5: no new case)."""
        earlier = self.bodies[pick % len(self.bodies)] if self.bodies else None
        if how == "same_mail" and self.mails:
            with self.store.transaction() as session:
                assert record_mail(session, self.files, self.mails[pick % len(self.mails)]) == []
            return multiple()
        if how == "same_file" and earlier is not None:
            body = earlier
        else:
            body = b"%%PDF-1.4 letter %d" % len(self.bodies)
            self.letters[body] = self.letters[earlier] if how == "same_request" and earlier else (LETTERS[letter],
                                                                                                   verdict)
            self.bodies.append(body)
        uid = len(self.mails) + 1
        incoming = mail(uid=uid, body=body, sender=f"nadawca{uid}@example.pl".encode())
        self.mails.append(incoming)
        with self.store.transaction() as session:
            [case_id] = record_mail(session, self.files, incoming)
        return case_id

    # Reading.

    @rule(case=cases, dies=st.sampled_from([False, False, True]))
    def read_letter(self, case, dies=False):
        """The reading worker takes the case (a redelivered message for a case already read does nothing);
        when `dies`, it is killed (kill -9) after claiming it and before recording anything."""
        if dies:
            claim(self.store, case, POLICY)
        else:
            process(self.store, self.files, case, self.read, POLICY)

    # The desk.

    def _decide(self, case_id: str, login: str, stale: bool, act) -> None:
        """One operator's form, sent with the version the operator saw (an older one when `stale`)."""
        before = self._audit_entries()
        try:
            with self.store.transaction() as session:
                case = session.get(Case, case_id, with_for_update=True)
                operator = session.scalars(select(Operator).where(Operator.login == login)).one()
                act(session, case, operator, case.version - 1 if stale else case.version)
        except DecisionRefused:
            assert self._audit_entries() == before, "a refused decision left an audit entry"

    def _call_back(self, case_id: str, login: str, outcome: str, on_file: bool, stale: bool) -> None:
        with self.store.transaction() as session:
            case = session.get(Case, case_id)
            account, nip = case.account, case.nip
        # As the desk does: the contacts on file are fetched from the application for the letter's account.
        contacts = list(tenant_on_file(self.actions, account, nip).contacts)
        contact = contacts[0] if on_file and contacts else FROM_THE_LETTER
        self._decide(case_id, login, stale,
                     lambda s, c, o, seen: record_call_back(s, c, o, contact, outcome, "", contacts, seen))

    def _approve(self, case_id: str, login: str, stale: bool) -> None:
        self._decide(case_id, login, stale, lambda s, c, o, seen: approve(s, c, o, "Zgodne.", POLICY, seen))

    @rule(case=cases, operator=st.sampled_from(OPERATORS),
          what=st.sampled_from(["approve", "call_back", "approve", "call_back", "approve", "call_back", "reject"]),
          outcome=st.sampled_from(["confirmed", "denied", "no_answer"]), on_file=st.booleans(),
          stale=st.sampled_from([False, False, True]))
    def operator_decides(self, case, operator, what, outcome, on_file, stale):
        """One operator's form: an approval, a call-back (confirmed, denied or unanswered; to a contact on
        file or to one from the letter) or a rejection; `stale` sends the version seen before a change."""
        if what == "approve":
            self._approve(case, operator, stale)
        elif what == "call_back":
            self._call_back(case, operator, outcome, on_file, stale)
        else:
            self._decide(case, operator, stale, lambda s, c, o, seen: reject(s, c, o, "Nie zgadza się.", seen))

    # Execution and the reconciler.

    def _execute(self, case_id: str, app: AppClient) -> None:
        try:
            execute(self.store, self.files, case_id, app, self.read, self.notices.append, POLICY)
        except TryLater:
            pass

    # Everything else that happens around a case: the desk's usual path, the execute message in its many
    # deliveries, the reconciler, time passing, the case changing, the world outside changing. One rule
    # with many ways rather than many rules: Hypothesis switches whole rules off in some runs (swarm
    # testing), and the dangerous paths need several of these in one run.
    EVENTS = (3 * ["case_changes"] + 3 * ["execute_after_window"] + 2 * ["reconcile"] + 3 * ["desk_approves"]
              + 2 * ["execute_once"] + ["execute_twice", "execute_application_down", "execute_killed_before_post",
                                        "execute_killed_after_post"]
              + 3 * ["wait_objection_window"] + ["wait_approval_ttl"]
              + ["registry_ok", "registry_suspended", "registry_down"] + [f"restore_{a}" for a in ACCOUNT_IDS])

    @rule(case=cases, what=st.sampled_from(EVENTS), first=st.sampled_from(OPERATORS),
          second=st.sampled_from(OPERATORS))
    def meanwhile(self, case, what, first, second):
        """desk_approves: the usual path at the desk: a confirmed call-back to a contact on file by
        `first`, then approvals by `first` and `second` (the same operator, sometimes) and, once the case
        is approved, the execute message the desk sends (which announces the action).
        execute_*: the execute message: once; twice in a row (E7); as the actor does for an approved case
        (deliver, wait out the objection window, deliver its delayed re-send); with the application down;
        or to a worker killed just before or just after its POST (E2: its lease stays, the message will
        come back).
        reconcile: what the reconciler actor does: every case left in received, approved or executing is
        re-sent to its actor (for every case, not only `case`).
        wait_*: time passes, past the objection window and the lease, or past the TTL (once a run at most;
        a second one waits the window).
        case_changes: the case changes (a re-read, a new attachment, another target): its version goes
        up, recorded in the audit log as such a change would be, so that the invariants can see when.
        registry_*: the registries now say something else (the company suspended, or a registry down).
        restore_*: a tenant turns MFA and the IP lock back on and takes the admin role away."""
        if what == "desk_approves":
            self._call_back(case, first, "confirmed", on_file=True, stale=False)
            self._approve(case, first, stale=False)
            self._approve(case, second, stale=False)
            with self.store.transaction() as session:
                approved = session.get(Case, case).state == APPROVED
            if approved:
                self._execute(case, self.actions)
        elif what in ("execute_once", "execute_twice", "execute_after_window"):
            self._execute(case, self.actions)
            if what == "execute_after_window":
                self.clock.advance(WAITS["objection_window"])
            if what != "execute_once":
                self._execute(case, self.actions)
        elif what == "execute_application_down":
            self._execute(case, AppClient("http://127.0.0.1:9", self.app.token, timeout_s=2))
        elif what.startswith("execute_killed"):
            dying = DyingActions(self.app.url, self.app.token, timeout_s=5, after_post=what.endswith("after_post"))
            try:
                execute(self.store, self.files, case, dying, self.read, self.notices.append, POLICY)
            except TryLater:
                pass
            except WorkerKilled:
                self.posts_killed[case] += len(dying.posted)
        elif what == "reconcile":
            self.reconcile()
        elif what == "wait_approval_ttl" and not self.ttl_passed:
            self.ttl_passed = True
            self.clock.advance(WAITS["approval_ttl"])
        elif what.startswith("wait_"):
            self.clock.advance(WAITS["objection_window"])
        elif what == "case_changes":
            with self.store.transaction() as session:
                row = session.get(Case, case, with_for_update=True)
                if row.state not in END_STATES:
                    row.version += 1
                    audit.append(session, "case.changed", {"version": row.version, "why": "nowy załącznik"}, case,
                                 "test")
        elif what.startswith("registry_"):
            self.registry = what.removeprefix("registry_")
        else:
            account = what.removeprefix("restore_")
            with self.app.lock:
                self.app.accounts = [deepcopy(next(a for a in ACCOUNTS if a["id"] == account))
                                     if a["id"] == account else a for a in self.app.accounts]

    def reconcile(self):
        with self.store.transaction() as session:
            left = stuck(session, datetime.timedelta(0))
        for case_id, state in left:
            if state == RECEIVED:
                process(self.store, self.files, case_id, self.read, POLICY)
            else:
                self._execute(case_id, self.actions)

    # Invariants.

    def _audit_entries(self) -> int:
        with self.store.transaction() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry))

    @invariant()
    def lifecycle_invariants(self):
        check_lifecycle(self.store, self.app, self.notices, self.posts_killed)


def check_lifecycle(store, app, notices, posts_killed) -> None:
    with store.transaction() as session:
        chain = audit.verify_chain(session)
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
        cases = {c.id: c for c in session.scalars(select(Case))}
        logins = {o.id: o.login for o in session.scalars(select(Operator))}
        decisions = session.scalars(select(Decision).order_by(Decision.id)).all()
        call_backs = session.scalars(select(CallBack).order_by(CallBack.id)).all()
        executions = session.scalars(select(Execution)).all()
    with app.lock:
        posts = [dict(c) for c in app.calls if c["method"] == "POST"]

    # (e) the audit chain verifies.
    assert chain.intact, f"(e) audit chain broken at {chain.broken_at}: {chain.reason}"
    assert chain.entries == len(entries)

    by_case = defaultdict(list)
    for entry in entries:
        if entry.case_id:
            by_case[entry.case_id].append(entry)

    def at(entry):
        return _aware(entry.at)

    def payload(entry):
        return json.loads(entry.payload)

    def version_at(case_id: str, moment: datetime.datetime) -> int | None:
        """The case's version at a moment, rebuilt from the audit log (created: 1; each read: +1; a change
        names its version)."""
        version = None
        for entry in by_case[case_id]:
            if at(entry) > moment:
                break
            if entry.event == "case.created":
                version = 1
            elif entry.event == "case.read":
                version += 1
            elif entry.event == "case.changed":
                version = payload(entry)["version"]
        return version

    for case_id, case in cases.items():
        assert version_at(case_id, store.clock.now()) == case.version, f"audit does not explain version of {case_id}"

    # A case may get a new intent after an earlier one was voided (the approvals lapsed before anything
    # was done) and the case was approved again.
    intents = defaultdict(list)
    for entry in entries:
        if entry.event == "execution.intent":
            intents[entry.case_id].append(entry)

    def backed(case_id: str, version: int, moment: datetime.datetime, what: str) -> set[str]:
        """Check that approvals by enough different operators within the TTL and a confirmed call-back, all
        for `version`, back what happened at `moment`; returns the approving operators."""
        case = cases[case_id]
        needed = POLICY.approvals_needed(case.kind or "")
        since = moment - TTL - SLACK
        approved_in_log = {e.actor for e in by_case[case_id] if e.event == "case.approved"
                           and payload(e)["version"] == version and since <= at(e) <= moment}
        approved_in_db = {logins[d.operator_id] for d in decisions if d.case_id == case_id
                          and d.decision == "approve" and d.case_version == version
                          and since <= _aware(d.decided_at) <= moment}
        assert len(approved_in_log) >= needed and len(approved_in_db) >= needed, (
            f"(a/d) {what} for case {case_id} v{version} without {needed} approvals by different operators "
            f"at that version within TTL: log {approved_in_log}, decisions {approved_in_db}")
        if POLICY.needs_call_back(case.kind or ""):
            confirmed_in_log = [e for e in by_case[case_id] if e.event == "case.call_back" and at(e) <= moment
                                and payload(e)["version"] == version and payload(e)["outcome"] == "confirmed"]
            confirmed_in_db = [c for c in call_backs if c.case_id == case_id and c.case_version == version
                               and c.outcome == "confirmed" and _aware(c.called_at) <= moment]
            assert confirmed_in_log and confirmed_in_db, (
                f"(a) {what} for case {case_id} v{version} without a confirmed call-back at that version")
        return approved_in_db

    # (a) every intent (the compare-and-set before acting) is backed, and comes after the announcement
    # with its objection window over.
    for case_id, case_intents in intents.items():
        for intent in case_intents:
            moment, version = at(intent), payload(intent)["version"]
            assert version == version_at(case_id, moment), f"(d) intent for case {case_id} names a stale version"
            backed(case_id, version, moment, "execution intent")
            announced = [e for e in by_case[case_id] if e.event == "notice.announced" and at(e) <= moment]
            assert announced, f"(a) execution intent for case {case_id} before any announcement"
            not_before = datetime.datetime.fromisoformat(payload(announced[0])["not_before"])
            assert _aware(not_before) <= moment, (
                f"(a) execution intent for case {case_id} inside the objection window")

    # (a) every POST follows its case's intent, at the version the intent was for, on the right account.
    keys_by_case = defaultdict(list)
    for post in posts:
        key = post["headers"].get("Idempotency-Key", "")
        case_id, _, action = key.partition(":")
        assert case_id in cases, f"(b) POST {post['path']} without a case's idempotency key: {key!r}"
        keys_by_case[case_id].append(key)
        case = cases[case_id]
        assert action == kinds.named(case.kind).action, f"(b) POST for case {case_id} with key {key!r}"
        before = [intent for intent in intents[case_id] if at(intent) < post["at"]]
        assert before, f"(a) POST for case {case_id} before its intent"
        intent = before[-1]
        assert version_at(case_id, post["at"]) == payload(intent)["version"], (
            f"(a/d) POST for case {case_id} after the case changed: approved v{payload(intent)['version']}, "
            f"v{version_at(case_id, post['at'])} when the application was called")
        backed(case_id, version_at(case_id, post["at"]), post["at"], "POST to the application")
        owner = [a["id"] for a in ACCOUNTS if case.account == a["email"] and a["tenant"]["payer_nip"] == case.nip]
        assert post["path"] == f"/admin/api/accounts/{owner[0] if owner else '?'}/{action}", (
            f"(a) POST {post['path']} for case {case_id} is not the account the letter names in its tenant (A2)")

    # (b) one effective action per case.
    done = Counter(e.case_id for e in entries if e.event == "execution.done")
    assert all(n == 1 for n in done.values()), f"(b) more than one execution.done: {done}"
    for case_id, keys in keys_by_case.items():
        assert len(set(keys)) == 1, f"(b) case {case_id} acted on with several keys: {keys}"
        assert len(keys) <= 1 + posts_killed[case_id], (
            f"(b) case {case_id} POSTed {len(keys)} times (workers killed after a POST: {posts_killed[case_id]})")

    # (c) a replayed letter never rides on another case's approvals.
    for case_id, case in cases.items():
        if case.replay_of is None:
            continue
        assert case.verdict != "ready", f"(c) replay {case_id} of {case.replay_of} is marked ready"
        read = [at(e) for e in by_case[case_id] if e.event == "case.read"]
        for intent in intents[case_id]:
            own = {logins[d.operator_id] for d in decisions if d.case_id == case_id and d.decision == "approve"
                   and d.case_version == payload(intent)["version"] and read[0] < _aware(d.decided_at) <= at(intent)}
            assert len(own) >= POLICY.approvals_needed(case.kind), (
                f"(c) replay {case_id} of {case.replay_of} executed without two approvals of its own")

    # (d) an approval is recorded for the version the case had, and only approvals of the version in
    # force move a case to approved.
    for decision in decisions:
        assert decision.case_version == version_at(decision.case_id, _aware(decision.decided_at)), (
            f"(d) decision {decision.id} recorded for v{decision.case_version} of a case at another version")
    for entry in entries:
        if entry.event == "case.ready_to_execute":
            version = payload(entry)["version"]
            assert version == version_at(entry.case_id, at(entry)), "(d) approved for a stale version"
            backed(entry.case_id, version, at(entry), "move to approved")

    # (f) executed <=> exactly one Execution row, done.
    rows = Counter(x.case_id for x in executions)
    for case_id, case in cases.items():
        mine = [x for x in executions if x.case_id == case_id]
        if case.state == EXECUTED:
            assert len(mine) == 1 and mine[0].state == "done", (
                f"(f) executed case {case_id} has executions {[x.state for x in mine]}")
        assert all(x.state != "done" for x in mine) or case.state == EXECUTED, (
            f"(f) case {case_id} in state {case.state} has a done execution")
    assert all(n == 1 for n in rows.values())

    # A1 (ii, iii): call-backs and notices go only to the contacts on file of the tenant that owns the
    # account the letter names (and whose payer has the letter's NIP).
    def on_file(case_id: str) -> set[str]:
        case = cases[case_id]
        tenants = [a["tenant"]["id"] for a in ACCOUNTS
                   if a["email"] == case.account and a["tenant"]["payer_nip"] == case.nip]
        return {c for t in tenants for c in TENANT_CONTACTS[t]["phones"] + TENANT_CONTACTS[t]["emails"]}

    for call in call_backs:
        assert call.contact in on_file(call.case_id), f"(a) a call-back to {call.contact}, not on file"
    for notice in notices:
        assert set(notice.to) <= on_file(notice.case_id), f"(a) a notice to {notice.to}, not on file"
    done_notices = Counter(n.case_id for n in notices if n.stage == "done")
    assert all(n == 1 for n in done_notices.values()), f"(b) a case reported done twice: {done_notices}"


SETTINGS = settings(max_examples=100, stateful_step_count=12, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


def test_case_lifecycle_keeps_its_invariants(app_standin):
    LifecycleMachine.app = app_standin
    REACHED.clear()
    run_state_machine_as_test(LifecycleMachine, settings=SETTINGS)
    assert REACHED["execution.done"] >= 5, f"the runs hardly reach execution: {dict(REACHED)}"


# The shortest runs this machine found against actions/execution.py before `_approvals_lapsed` (both shrunk
# by Hypothesis), kept as plain tests so that they run the same way every time, whatever the machine
# explores. The execute message met the application down after recording the intent, so the case stayed
# in `executing` with its lease given back; the next delivery (here the reconciler's re-send) went from
# `_start` straight to `_act` and POSTed, without the compare-and-set that THREATS A11 asks of execution:
# neither the version nor the approvals nor their TTL were looked at again once the intent existed.

def _replay(app: AppStandIn, steps) -> None:
    LifecycleMachine.app = app
    state = LifecycleMachine()
    try:
        cases_0 = state.first_letter(letter=0, start="executing")
        state.lifecycle_invariants()
        for step in steps:
            step(state, cases_0)
            state.lifecycle_invariants()
    finally:
        state.teardown()


def test_a_case_changed_while_its_execution_waits_for_a_retry_is_not_acted_on(app_standin):
    """A11: the case changes (v2 -> v3) between the intent and the retry; the retry POSTs on the v2
    approvals."""
    _replay(app_standin, [lambda state, case: state.meanwhile(case=case, what="case_changes", first="anna",
                                                              second="anna"),
                          lambda state, case: state.meanwhile(case=case, what="reconcile", first="anna",
                                                              second="anna")])


def test_approvals_that_expired_while_execution_waits_for_a_retry_do_not_count(app_standin):
    """A11: the approvals pass their TTL between the intent and the retry; the retry POSTs anyway."""
    _replay(app_standin, [lambda state, case: state.meanwhile(case=case, what="wait_approval_ttl", first="anna",
                                                              second="anna"),
                          lambda state, case: state.meanwhile(case=case, what="reconcile", first="anna",
                                                              second="anna")])
