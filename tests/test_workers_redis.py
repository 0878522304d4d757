"""The Redis workers as `odzysk worker` runs them, on the real Redis and PostgreSQL: a lost message is
made good by the reconciler, a failure that no retry mends lands on the desk, the nightly run is
claimed once per day, and its results are stored with the tool versions."""
import json
import shutil

import pytest
from e2e_services import SAMPLES, odzysk_env, sample_truth, start, stop, wait_for
from sqlalchemy import select

from actions.cases.creation import IncomingFile, add_case
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import CHECKED, FAILED, Case, RegressionRun
from odzysk.broker import drop_namespace
from odzysk.demo import app_accounts, registry_data, tenant_contacts
from odzysk.nightly import run_nightly
from odzysk.scheduler import claim_in_redis
from odzysk.settings import Service, Settings
from standins.app import AppStandIn
from standins.registries import RegistryStandIn

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture
def worker_world(postgres_url, redis_url, redis_namespace, tmp_path):
    rows = sample_truth(["0006.pdf"])
    accounts = app_accounts(rows)
    with RegistryStandIn(registry_data(rows)) as registries, AppStandIn(accounts, tenant_contacts(accounts)) as app:
        env = odzysk_env(DATABASE_URL=postgres_url, REDIS_URL=redis_url, ODZYSK_REDIS_NAMESPACE=redis_namespace,
                         ODZYSK_DATA_DIR=tmp_path / "data", ODZYSK_AS_OF="2026-11-25", ODZYSK_NIGHTLY_AT="off",
                         ODZYSK_RECONCILE_EVERY_S=1, ODZYSK_STUCK_AFTER_S=0, ODZYSK_KRS_URL=registries.url,
                         ODZYSK_CEIDG_URL=registries.url, ODZYSK_CEIDG_TOKEN=registries.token,
                         ODZYSK_WL_URL=registries.url, ODZYSK_APP_URL=app.url, ODZYSK_APP_TOKEN=app.token)
        store = open_store(postgres_url)
        yield store, FileStore(tmp_path / "data" / "files"), env, tmp_path
        store.dispose()


def _case(store, files, name="0006.pdf") -> str:
    with store.transaction() as session:
        return add_case(session, files, IncomingFile(name, (SAMPLES / name).read_bytes()), source="test").id


def _state(store, case_id):
    with store.transaction() as session:
        return session.get(Case, case_id)


def test_a_case_whose_message_was_lost_is_read_after_the_reconciler_finds_it(worker_world):
    store, files, env, tmp = worker_world
    case_id = _case(store, files)                 # recorded, but its message never reached Redis
    worker = start(["worker", "--processes", "1", "--threads", "1"], env, tmp / "worker.log")
    try:
        case = wait_for(lambda: (c := _state(store, case_id)).state == CHECKED and c, 180,
                        "the reconciler to re-enqueue the case (see worker.log)")
    finally:
        stop(worker)
    assert case.verdict in ("ready", "review") and case.attempts == 1


def test_a_failure_no_retry_can_mend_lands_on_the_desk(worker_world):
    store, files, env, tmp = worker_world
    case_id = _case(store, files)
    shutil.rmtree(tmp / "data" / "files")         # the stored file is gone: a person must look
    worker = start(["worker", "--processes", "1", "--threads", "1"], env, tmp / "worker.log")
    try:
        case = wait_for(lambda: (c := _state(store, case_id)).state == FAILED and c, 120,
                        "the failure to reach the case (see worker.log)")
    finally:
        stop(worker)
    assert "Brak pliku" in case.problem


def test_the_nightly_run_is_claimed_once_a_day_across_machines(redis_url, redis_namespace):
    first, second = claim_in_redis(redis_url, redis_namespace), claim_in_redis(redis_url, redis_namespace)
    assert first("2026-11-25") is True
    assert second("2026-11-25") is False and first("2026-11-25") is False
    assert second("2026-11-26") is True


def test_the_nightly_regression_is_stored_with_tool_versions(postgres_url, tmp_path):
    folder = tmp_path / "samples"
    folder.mkdir()
    picked = sample_truth(["0006.pdf", "0024.pdf"])
    for row in picked:
        shutil.copy(SAMPLES / row["file"], folder / row["file"])
    (folder / "truth.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked))
    store = open_store(postgres_url)
    run = run_nightly(store, Settings(service=Service(regress_folder=str(folder))))
    with store.transaction() as session:
        stored = session.scalars(select(RegressionRun)).one()
    store.dispose()
    assert stored.files == 2 and stored.accuracy["kind"] == 1.0 and run.id == stored.id
    assert stored.versions["tesseract"] and "pol" in json.dumps(stored.versions)


def test_dropping_a_namespace_leaves_every_other_one_alone(redis_url, redis_namespace):
    import redis
    client = redis.Redis.from_url(redis_url)
    neighbour = redis_namespace + "x"                      # shares the prefix, not the namespace
    try:
        for index in range(1200):                          # more than one batch
            client.set(f"{redis_namespace}:key{index}", "1")
        client.set(f"{neighbour}:kept", "1")
        drop_namespace(redis_url, redis_namespace)
        assert not list(client.scan_iter(match=f"{redis_namespace}:*")) and client.get(f"{neighbour}:kept") == b"1"
    finally:
        client.delete(f"{neighbour}:kept")
        client.close()
