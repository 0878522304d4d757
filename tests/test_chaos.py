"""Faults (THREATS D5 and E): workers killed with SIGKILL while reading and while acting, a worker frozen
(SIGSTOP) past its heartbeat while acting, Redis losing its data or restarting, PostgreSQL restarting. Afterwards: exactly one case per letter, at most one action
per approval, no case stuck. Timings are printed, never asserted."""
import signal
import time

import pytest
from chaos_tools import (
    count_events,
    descendants,
    enqueue,
    kill_dramatiq_workers,
    restart_postgres,
    restart_redis,
    taken,
)
from e2e_services import SAMPLES, sample_truth, service_env, start, stop, wait_for
from sqlalchemy import func, select

from actions.cases.creation import IncomingFile, add_case
from actions.cases.decisions import approve, record_call_back
from actions.cases.policy import Policy
from actions.desk.operators import add_operator
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import CHECKED, EXECUTED, EXECUTING, FAILED, Case, Execution
from odzysk.broker import drop_namespace
from odzysk.demo import app_accounts, registry_data, tenant_contacts
from standins.app import AppStandIn
from standins.registries import RegistryStandIn

pytestmark = [pytest.mark.chaos, pytest.mark.redis, pytest.mark.postgres]
LETTER = "0006.pdf"


@pytest.fixture
def world(postgres_url, redis_url, redis_namespace, tmp_path):
    rows = sample_truth([LETTER])
    accounts = app_accounts(rows)
    with RegistryStandIn(registry_data(rows)) as registries, \
            AppStandIn(accounts, tenant_contacts(accounts), answer_delay_s=4) as app:
        env = service_env(postgres_url, redis_url, redis_namespace, tmp_path / "data", registries, app,
                          ODZYSK_LEASE_S=6, ODZYSK_STUCK_AFTER_S=1, ODZYSK_RECONCILE_EVERY_S=1)
        store = open_store(postgres_url)
        world = {"store": store, "files": FileStore(tmp_path / "data" / "files"), "env": env, "tmp": tmp_path,
                 "redis": redis_url, "namespace": redis_namespace, "app": app, "workers": []}
        yield world
        for worker in world["workers"]:
            stop(worker)
        store.dispose()


def _worker(world, processes=1, **env):
    worker = start(["worker", "--processes", str(processes), "--threads", "1"], world["env"] | env,
                   world["tmp"] / f"worker-{len(world['workers'])}.log")
    world["workers"].append(worker)
    return worker


def _case(world, name=LETTER) -> str:
    with world["store"].transaction() as session:
        return add_case(session, world["files"], IncomingFile(name, (SAMPLES / name).read_bytes()), source="test").id


def _case_row(world, case_id) -> Case:
    with world["store"].transaction() as session:
        return session.get(Case, case_id)


def _read(world, case_id, timeout=180) -> Case:
    return wait_for(lambda: (c := _case_row(world, case_id)).state != "received" and c, timeout,
                    f"case {case_id[:8]} to be read")


def test_a_worker_killed_while_reading_loses_and_doubles_nothing(world):
    supervisor = _worker(world)
    case_id = _case(world)
    enqueue(world["redis"], world["namespace"], "process_case", case_id, "letters")
    wait_for(lambda: _case_row(world, case_id).attempts == 1, 60, "the reading to start")
    time.sleep(0.5)                                        # inside OCR
    killed_at = time.monotonic()
    assert kill_dramatiq_workers(supervisor.pid)
    case = _read(world, case_id)
    print(f"E1: read again {time.monotonic() - killed_at:.1f} s after kill -9 (lease 6 s, reconciler every 1 s)")
    assert case.state == CHECKED and case.attempts == 2
    assert count_events(world["store"], "case.read", case_id) == 1
    with world["store"].transaction() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1


def test_a_file_that_keeps_killing_its_reader_is_quarantined_not_retried_for_ever(world):
    supervisor = _worker(world)
    case_id = _case(world)
    enqueue(world["redis"], world["namespace"], "process_case", case_id, "letters")
    for attempt in (1, 2, 3):
        wait_for(lambda: _case_row(world, case_id).attempts == attempt, 120, f"reading attempt {attempt}")
        time.sleep(0.3)
        kill_dramatiq_workers(supervisor.pid)
    case = wait_for(lambda: (c := _case_row(world, case_id)).state == FAILED and c, 120, "the quarantine")
    assert "kwarantann" in case.problem and count_events(world["store"], "case.read", case_id) == 0


def test_a_worker_killed_after_the_application_acted_does_not_act_twice(world):
    supervisor = _worker(world)
    case_id = _case(world)
    enqueue(world["redis"], world["namespace"], "process_case", case_id, "letters")
    assert _read(world, case_id).verdict in ("ready", "review")
    _approve(world, case_id)
    enqueue(world["redis"], world["namespace"], "execute_case", case_id, "actions")
    wait_for(lambda: _posts(world), 120, "the call to the application")
    assert kill_dramatiq_workers(supervisor.pid)           # the application acted; its answer is pending
    case = wait_for(lambda: (c := _case_row(world, case_id)).state == EXECUTED and c, 180, "the execution to finish")
    assert len(_posts(world)) == 1 and case.state == EXECUTED
    with world["store"].transaction() as session:
        execution = session.scalars(select(Execution)).one()
    assert execution.result["outcome"] == "already" and execution.attempts >= 1
    assert count_events(world["store"], "execution.done", case_id) == 1
    # The notice follows the recorded result, in the same job: wait for it, then for anything more.
    wait_for(lambda: count_events(world["store"], "notice.sent", case_id), 60, "the notice")
    time.sleep(2)
    assert count_events(world["store"], "notice.sent", case_id) == 1


def _reading(pid: int) -> bool:
    """A reader is at work below the worker: a child of the sandbox's forkserver (which has the same
    command line), or a tesseract program (ODZYSK_OCR_ENGINE=cli)."""
    commands = [command for _, command in descendants(pid)]
    return sum("forkserver" in command for command in commands) >= 2 or any("tesseract" in c for c in commands)


@pytest.mark.parametrize("moment", ["before the call", "inside the call"])
def test_a_worker_frozen_past_its_heartbeat_while_acting_does_not_act_twice(world, moment):
    """E4: a worker blocked (SIGSTOP: no thread runs, as in a long C call holding the GIL) longer than
    dramatiq's heartbeat (3 s here) and the case lease (6 s): while it re-checks the case before calling
    the application, or inside the call (the application acted; its answer is 4 s away). dramatiq takes it
    for dead and gives its message to the other worker, which takes the case over once the lease is out.
    The frozen worker then wakes up: it must not call the application again, nor record anything twice."""
    fast = {"ODZYSK_REDIS_HEARTBEAT_S": "3", "ODZYSK_REDIS_MAINTENANCE_PER_MILLION": "1000000"}
    first = _worker(world, **fast)
    case_id = _case(world)
    enqueue(world["redis"], world["namespace"], "process_case", case_id, "letters")
    assert _read(world, case_id).verdict in ("ready", "review")
    _approve(world, case_id)
    enqueue(world["redis"], world["namespace"], "execute_case", case_id, "actions")
    if moment == "before the call":       # executing and re-reading the letter (OCR): the account was found
        wait_for(lambda: _case_row(world, case_id).state == EXECUTING and _reading(first.pid), 120,
                 "the re-check", every=0.05)
    else:
        wait_for(lambda: _posts(world), 120, "the call to the application", every=0.05)
    frozen = kill_dramatiq_workers(first.pid, signal.SIGSTOP)
    try:
        posts_at_freeze = len(_posts(world))
        held_by_first = taken(world["redis"], world["namespace"], "actions")
        assert frozen and held_by_first                            # the message it is acting on
        frozen_at = time.monotonic()
        _worker(world, **fast)
        wait_for(lambda: not taken(world["redis"], world["namespace"], "actions") & held_by_first, 60,
                 "dramatiq to take the message back from the frozen worker")
        wait_for(lambda: _case_row(world, case_id).state == EXECUTED, 180, "the other worker to finish the case")
        print(f"E4 ({moment}): {posts_at_freeze} call(s) before the freeze; the case finished by the other "
              f"worker {time.monotonic() - frozen_at:.1f} s after it")
    finally:
        kill_dramatiq_workers(first.pid, signal.SIGCONT)
    time.sleep(8)                                # the woken worker finishes its re-check or gets its answer
    assert len(_posts(world)) == 1 and _case_row(world, case_id).state == EXECUTED
    with world["store"].transaction() as session:
        execution = session.scalars(select(Execution)).one()
    # Inside the call the application had acted: the other worker found the account as asked.
    assert execution.result["outcome"] == ("already" if moment == "inside the call" else "done")
    assert count_events(world["store"], "execution.done", case_id) == 1
    assert count_events(world["store"], "notice.sent", case_id) == 1


def test_redis_losing_every_message_loses_no_letter(world):
    case_ids = [_case(world) for _ in range(3)]
    for case_id in case_ids:
        enqueue(world["redis"], world["namespace"], "process_case", case_id, "letters")
    drop_namespace(world["redis"], world["namespace"])   # FLUSHALL, or a restart without persistence
    _worker(world)
    for case_id in case_ids:
        assert _read(world, case_id).state == CHECKED
        assert count_events(world["store"], "case.read", case_id) == 1


def test_a_redis_restart_under_running_workers(world):
    _worker(world)
    first = _case(world)
    enqueue(world["redis"], world["namespace"], "process_case", first, "letters")
    assert _read(world, first).state == CHECKED
    restart_redis()
    second = _case(world)
    enqueue(world["redis"], world["namespace"], "process_case", second, "letters")
    assert _read(world, second).state == CHECKED
    assert count_events(world["store"], "case.read", second) == 1


def test_a_postgres_restart_under_running_workers(world):
    _worker(world)
    first = _case(world)
    enqueue(world["redis"], world["namespace"], "process_case", first, "letters")
    assert _read(world, first).state == CHECKED
    restart_postgres()
    second = _case(world)
    enqueue(world["redis"], world["namespace"], "process_case", second, "letters")
    assert _read(world, second).state == CHECKED
    assert count_events(world["store"], "case.read", second) == 1


def _approve(world, case_id) -> None:
    with world["store"].transaction() as session:
        case = session.get(Case, case_id)
        operators = [add_operator(session, f"op{n}", f"Operator {n}", f"haslo-dlugie-{n}") for n in range(2)]
        record_call_back(session, case, operators[0], "x", "confirmed", "", ["x"], case.version)
        for operator in operators:
            approve(session, case, operator, "", Policy(), case.version)


def _posts(world) -> list:
    return [c for c in world["app"].calls if c["method"] == "POST"]
