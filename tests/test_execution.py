"""Execution against the stand-in of the application: once, with the idempotency key, after a re-check;
never without the approvals; a repeat is a no-op; a notice goes to the contacts on file."""
import datetime
import threading
import time

import pytest
from core_helpers import CONTACTS, account, letter_result, mail, reader
from sqlalchemy import select

from actions.cases.creation import record_mail
from actions.cases.decisions import approve, record_call_back, reject
from actions.cases.policy import Policy
from actions.cases.reading import process
from actions.cases.reconciler import stuck
from actions.clock import ManualClock
from actions.desk.operators import add_operator
from actions.execution.executor import TryLater, execute, waiting_until
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import APPROVED, CHECKED, EXECUTED, FAILED, REJECTED, Case, Execution, Operator
from registries.application import AppClient
from standins.app import AppStandIn


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def store(tmp_path, clock):
    store = open_store(f"sqlite:///{tmp_path}/store.db", clock=clock)
    yield store
    store.dispose()


@pytest.fixture
def files(tmp_path):
    return FileStore(tmp_path / "files")


def _approved(store, files, result=None, approvers=2) -> str:
    with store.transaction() as session:
        [case_id] = record_mail(session, files, mail())
    process(store, files, case_id, reader(result or letter_result()), Policy())
    with store.transaction() as session:
        case = session.get(Case, case_id)
        operators = [add_operator(session, f"op{n}", f"Operator {n}", f"haslo-dlugie-{n}") for n in range(2)]
        record_call_back(session, case, operators[0], "+48 600 100 200", "confirmed", "", ["+48 600 100 200"],
                         case.version)
        for operator in operators[:approvers]:
            approve(session, case, operator, "", Policy(), case.version)
    return case_id


NOW = Policy(objection_window=datetime.timedelta(0))


def _run(store, files, case_id, app, notices, result=None, policy=NOW):
    return execute(store, files, case_id, AppClient(app.url, app.token), reader(result or letter_result()),
                   notices.append, policy)


def test_an_approved_case_is_executed_once_with_the_idempotency_key(store, files):
    case_id = _approved(store, files)
    notices = []
    with AppStandIn([account()], CONTACTS) as app:
        assert _run(store, files, case_id, app, notices) == EXECUTED
        assert _run(store, files, case_id, app, notices) == EXECUTED          # redelivered message
        posts = [c for c in app.calls if c["method"] == "POST"]
        assert [p["path"] for p in posts] == ["/admin/api/accounts/a-1f3c9e0b2d/mfa/disable"]
        assert posts[0]["headers"]["Idempotency-Key"] == f"{case_id}:mfa/disable"
        assert app.accounts[0]["mfa_enabled"] is False
    assert [n.stage for n in notices] == ["announce", "done"]
    assert notices[0].to == notices[1].to == ("biuro@example-serwis.pl",)
    with store.transaction() as session:
        row = session.scalars(select(Execution)).one()
        assert row.state == "done" and row.notified and row.result["outcome"] == "done"


@pytest.mark.hostile
def test_one_approval_is_not_enough(store, files):
    case_id = _approved(store, files, approvers=1)
    with AppStandIn([account()], CONTACTS) as app:
        assert _run(store, files, case_id, app, []) == CHECKED
        assert not [c for c in app.calls if c["method"] == "POST"]


def test_an_account_already_as_asked_is_not_touched_again(store, files):
    case_id = _approved(store, files)
    with AppStandIn([account(mfa=False)], CONTACTS) as app:
        assert _run(store, files, case_id, app, []) == EXECUTED
        assert not [c for c in app.calls if c["method"] == "POST"]


@pytest.mark.hostile
def test_a_re_check_that_fails_stops_execution(store, files):
    case_id = _approved(store, files)
    failing = letter_result(checks=[{"name": "registry", "status": "fail", "detail": "Działalność zawieszona."}],
                            verdict="reject")
    with AppStandIn([account()], CONTACTS) as app:
        assert _run(store, files, case_id, app, [], result=failing) == FAILED
        assert not [c for c in app.calls if c["method"] == "POST"]
    with store.transaction() as session:
        assert "zawieszona" in session.get(Case, case_id).problem


@pytest.mark.hostile
def test_a_registry_down_at_execution_means_try_later(store, files):
    case_id = _approved(store, files)
    down = letter_result(checks=[{"name": "registry", "status": "inconclusive", "detail": "CEIDG nie odpowiada."},
                                 {"name": "account_match", "status": "pass", "detail": "ok"}], verdict="review")
    with AppStandIn([account()], CONTACTS) as app:
        with pytest.raises(TryLater):
            _run(store, files, case_id, app, [], result=down)
        assert not [c for c in app.calls if c["method"] == "POST"]


@pytest.mark.hostile
def test_an_account_moved_to_another_tenant_is_not_acted_on(store, files):
    case_id = _approved(store, files)
    with AppStandIn([account(nip="5260250274")], CONTACTS) as app:
        assert _run(store, files, case_id, app, []) == FAILED
        assert not [c for c in app.calls if c["method"] == "POST"]


def test_an_application_outage_is_retried_with_the_same_key(store, files):
    case_id = _approved(store, files)
    with AppStandIn([account()], CONTACTS) as app:
        with pytest.raises(TryLater):
            execute(store, files, case_id, AppClient("http://127.0.0.1:9", "x"), reader(letter_result()), [].append,
                    NOW)
        assert _run(store, files, case_id, app, []) == EXECUTED
    with store.transaction() as session:
        assert session.scalars(select(Execution)).one().idempotency_key == f"{case_id}:mfa/disable"


@pytest.mark.hostile
def test_nothing_is_done_before_the_tenant_was_told_and_the_objection_window_is_over(store, files, clock):
    case_id = _approved(store, files)
    notices, window = [], Policy(objection_window=datetime.timedelta(hours=24))
    with AppStandIn([account()], CONTACTS) as app:
        assert _run(store, files, case_id, app, notices, policy=window) == APPROVED
        assert waiting_until(store, case_id) is not None
        assert _run(store, files, case_id, app, notices, policy=window) == APPROVED      # still inside it
        assert [n.stage for n in notices] == ["announce"] and not _posts(app)
        clock.advance(datetime.timedelta(hours=23, minutes=59))
        assert _run(store, files, case_id, app, notices, policy=window) == APPROVED      # a minute to go
        clock.advance(datetime.timedelta(minutes=1))
        assert _run(store, files, case_id, app, notices, policy=window) == EXECUTED
        assert [n.stage for n in notices] == ["announce", "done"] and len(_posts(app)) == 1


@pytest.mark.hostile
def test_an_objection_inside_the_window_stops_the_action(store, files):
    case_id = _approved(store, files)
    with AppStandIn([account()], CONTACTS) as app:
        assert _run(store, files, case_id, app, [], policy=Policy()) == APPROVED
        with store.transaction() as session:          # the owner replied: an operator closes the case
            case = session.get(Case, case_id)
            reject(session, case, session.scalars(select(Operator)).first(), "Właściciel zaprzeczył.", case.version)
        assert _run(store, files, case_id, app, [], policy=NOW) == REJECTED
        assert not _posts(app)


def _posts(app):
    return [c for c in app.calls if c["method"] == "POST"]


@pytest.mark.hostile
def test_a_second_worker_does_not_execute_while_the_first_holds_the_lease(store, files, clock):
    case_id = _approved(store, files)
    with AppStandIn([account()], CONTACTS) as app:
        with store.transaction() as session:            # a first worker started and is still calling
            case = session.get(Case, case_id)
            case.state, case.announced_at, case.execute_after = "executing", clock.now(), clock.now()
            case.lease_until = clock.now() + datetime.timedelta(minutes=5)
            session.add(Execution(case_id=case_id, action="mfa/disable", account_id="",
                                  idempotency_key=f"{case_id}:mfa/disable"))
        assert _run(store, files, case_id, app, []) == "executing"
        assert not _posts(app)


@pytest.mark.hostile
@pytest.mark.parametrize("late_step", ["calls the application", "releases its lease after a fault"])
def test_a_worker_that_stalled_past_its_lease_and_was_replaced_does_nothing_more(store, files, clock, late_step):
    """E4, deterministically: the first worker stalls inside its re-check (the reading is where a worker
    spends its time) until its lease runs out, and a second worker takes the case over and acts. When the
    first one goes on, its view of the account is stale: it must neither call the application nor give up
    the second worker's lease."""
    policy = Policy(objection_window=datetime.timedelta(hours=24), lease=datetime.timedelta(minutes=3))
    case_id = _approved(store, files)
    with AppStandIn([account()], CONTACTS) as app:
        actions = AppClient(app.url, app.token)
        assert execute(store, files, case_id, actions, reader(letter_result()), [].append, policy) == APPROVED
        clock.advance(datetime.timedelta(hours=24))                    # the objection window is over
        seen = {}

        def stalled_recheck(data: bytes, name: str):
            clock.advance(datetime.timedelta(minutes=4))               # past the lease
            if late_step == "calls the application":
                seen["second"] = execute(store, files, case_id, actions, reader(letter_result()), [].append, policy)
            else:
                _take_over(store, case_id)                             # the second worker is still at it
            if late_step == "releases its lease after a fault":
                raise TryLater("registry down")
            return reader(letter_result())(data, name)

        with pytest.raises(TryLater) if late_step != "calls the application" else _nothing():
            execute(store, files, case_id, actions, stalled_recheck, [].append, policy)
        with store.transaction() as session:
            case = session.get(Case, case_id)
            if late_step == "calls the application":
                assert seen["second"] == EXECUTED and case.state == EXECUTED
                assert len(_posts(app)) == 1                          # the second worker's, and no other
            else:
                assert case.state == "executing" and case.lease_holder == "second-worker"
                assert case.lease_until is not None and not _posts(app)


def _take_over(store, case_id):
    """What the second worker's _start does to an executing case whose lease ran out."""
    with store.transaction() as session:
        case = session.get(Case, case_id)
        case.lease_until, case.lease_holder = store.clock.now() + datetime.timedelta(minutes=5), "second-worker"


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.hostile
def test_a_worker_that_stalled_while_preparing_the_announcement_does_not_send_it_too(store, files, clock):
    """E4 for the announcement: the first worker's lookup of the account takes longer than its lease; a
    second worker takes the case over and tells the tenant. The first one, back, sends nothing."""
    policy = Policy(objection_window=datetime.timedelta(hours=1), lease=datetime.timedelta(minutes=3))
    case_id = _approved(store, files)
    first_notices, second_notices = [], []
    with AppStandIn([account()], CONTACTS) as app:
        actions = AppClient(app.url, app.token)
        app.stall_next(1.0)                                            # the first worker's account lookup
        first = threading.Thread(target=execute, args=(store, files, case_id, actions, reader(letter_result()),
                                                       first_notices.append, policy))
        first.start()
        deadline = time.monotonic() + 10
        while not any(c["method"] == "GET" for c in app.calls) and time.monotonic() < deadline:
            time.sleep(0.01)                                           # the first worker is in its lookup
        clock.advance(datetime.timedelta(minutes=4))                   # and its lease has run out
        assert execute(store, files, case_id, actions, reader(letter_result()), second_notices.append,
                       policy) == APPROVED
        first.join()
    assert [n.stage for n in second_notices] == ["announce"] and first_notices == []
    with store.transaction() as session:
        case = session.get(Case, case_id)
        assert case.announced_at is not None and case.lease_until is None


@pytest.mark.hostile
def test_a_notice_lost_with_its_worker_is_sent_after_the_reconciler_finds_the_case(store, files, clock):
    """The worker died after the action was recorded and before the tenant was told: the reconciler finds
    the executed, untold case; the next run tells them once; a day on, it stops asking (the desk shows it)."""
    case_id = _approved(store, files)
    notices = []
    with AppStandIn([account()], CONTACTS) as app:
        def dies_before_telling(notice):
            if notice.stage == "done":
                raise KeyboardInterrupt("kill -9")
            notices.append(notice)
        with pytest.raises(KeyboardInterrupt):
            execute(store, files, case_id, AppClient(app.url, app.token), reader(letter_result()),
                    dies_before_telling, NOW)
        with store.transaction() as session:
            assert session.get(Case, case_id).state == EXECUTED
            assert stuck(session, datetime.timedelta(0)) == [(case_id, EXECUTED)]
        assert _run(store, files, case_id, app, notices) == EXECUTED
        assert [n.stage for n in notices] == ["announce", "done"] and len(_posts(app)) == 1
    with store.transaction() as session:
        assert stuck(session, datetime.timedelta(0)) == []
        session.scalars(select(Execution)).one().notified = False     # the notice lost again
    with store.transaction() as session:
        assert stuck(session, datetime.timedelta(0)) == [(case_id, EXECUTED)]
    clock.advance(datetime.timedelta(days=1, minutes=1))          # a day on: left to the desk
    with store.transaction() as session:
        assert stuck(session, datetime.timedelta(0)) == []
