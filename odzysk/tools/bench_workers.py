"""`odzysk bench-workers`: letters per minute through the Redis workers, with one and with two worker
processes. Each run gets a fresh SQLite store and its own Redis namespace; the registries and the
application are local stand-ins; time is counted from the first enqueue to the last case read, with
the workers already started."""
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from actions.cases.batch import still_waiting
from actions.cases.creation import IncomingFile, add_case
from actions.store.database import open_store
from actions.store.files import FileStore
from odzysk.arguments import expand
from odzysk.broker import drop_namespace
from odzysk.demo import app_accounts, registry_data, tenant_contacts
from odzysk.settings import Settings
from standins.app import AppStandIn
from standins.registries import RegistryStandIn

from .truth import load_truth


def run_bench_workers(folder: Path, settings: Settings, letters: int, runs: int, processes=(1, 2)) -> int:
    if not settings.service.redis_url:
        print("odzysk bench-workers: ustaw REDIS_URL (np. redis://127.0.0.1:6379/0).", file=sys.stderr)
        return 2
    truth, as_of = load_truth(folder)
    known = [t for t in truth if t["kind"] != "unknown" and t["fields"].get("nip")]
    paths = sorted(expand([str(folder)])[0])[:letters]
    paths = (paths * (letters // max(1, len(paths)) + 1))[:letters]
    rates = {}
    with RegistryStandIn(registry_data(known), today=as_of) as registries, \
            AppStandIn(app_accounts(known), tenant_contacts(app_accounts(known)), token="bench") as app:
        for count in processes:
            seconds = [_one_run(settings, paths, count, registries, app) for _ in range(runs)]
            rates[count] = [len(paths) / s * 60 for s in seconds]
            print(f"{count} worker process(es): {len(paths)} letters, runs {', '.join(f'{s:.1f} s' for s in seconds)}; "
                  f"median {statistics.median(rates[count]):.1f} letters/min", flush=True)
    if 1 in rates and 2 in rates:
        print(f"ratio 2 processes / 1 process: {statistics.median(rates[2]) / statistics.median(rates[1]):.2f}")
    return 0


def _one_run(settings: Settings, paths: list[str], processes: int, registries, app) -> float:
    with tempfile.TemporaryDirectory(prefix="odzysk-bench-") as data:
        namespace = f"odzysk-bench-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "ODZYSK_DATA_DIR": data, "DATABASE_URL": f"sqlite:///{data}/odzysk.db",
               "REDIS_URL": settings.service.redis_url, "ODZYSK_REDIS_NAMESPACE": namespace,
               "ODZYSK_KRS_URL": registries.url, "ODZYSK_CEIDG_URL": registries.url,
               "ODZYSK_CEIDG_TOKEN": registries.token, "ODZYSK_WL_URL": registries.url,
               "ODZYSK_APP_URL": app.url, "ODZYSK_APP_TOKEN": "bench", "ODZYSK_NIGHTLY_AT": "off"}
        store = open_store(env["DATABASE_URL"])
        files = FileStore(Path(data) / "files")
        with store.transaction() as session:
            ids = [add_case(session, files, IncomingFile(Path(p).name, Path(p).read_bytes()), source="bench").id
                   for p in paths]
        log = Path(data) / "worker.log"
        worker = subprocess.Popen([sys.executable, "-m", "odzysk", "worker", "--processes", str(processes),
                                   "--threads", "1"], env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                                  start_new_session=True)
        try:
            _wait_ready(log, processes)
            started = time.monotonic()
            broker = RedisBroker(url=settings.service.redis_url, namespace=namespace)
            for case_id in ids:
                broker.enqueue(dramatiq.Message(queue_name="letters", actor_name="process_case", args=(case_id,),
                                                kwargs={}, options={}))
            while _waiting(store, ids):
                time.sleep(0.2)
            return time.monotonic() - started
        finally:
            os.killpg(worker.pid, 15)
            worker.wait(60)
            store.dispose()
            drop_namespace(settings.service.redis_url, namespace)


def _wait_ready(log: Path, processes: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and log.read_text(errors="replace").count("ready for action") >= processes:
            return
        time.sleep(0.2)
    raise SystemExit(f"odzysk bench-workers: the workers did not start; see {log}:\n{log.read_text()[-2000:]}")


def _waiting(store, ids: list[str]) -> int:
    with store.transaction() as session:
        return still_waiting(session, ids)
