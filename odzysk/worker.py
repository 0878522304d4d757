"""`odzysk worker`: dramatiq worker processes on the shared Redis, with the scheduler beside them.
The worker processes are restarted whenever they exit, whatever their exit code (an OOM kill has been
seen to make dramatiq exit with 0)."""
import logging
import os
import signal
import subprocess
import sys
import time

from .settings import Settings

log = logging.getLogger("odzysk.worker")


def run_worker(settings: Settings, processes: int, threads: int) -> int:
    service = settings.service
    if not service.redis_url:
        print("odzysk worker: ustaw REDIS_URL (np. redis://127.0.0.1:6379/0). Bez Redisa zadania wykonuje "
              "`odzysk serve` w jednym procesie.", file=sys.stderr)
        return 2
    from . import actors
    from .scheduler import Scheduler, claim_in_redis
    actors.runtime().store      # migrate the schema once, before the workers start
    scheduler = Scheduler(settings, actors, claim_in_redis(service.redis_url, service.redis_namespace))
    scheduler.start()
    command = [sys.executable, "-m", "dramatiq", "odzysk.actors", "--processes", str(processes),
               "--threads", str(threads)]
    stopping = []
    signal.signal(signal.SIGTERM, lambda *a: stopping.append(True))
    try:
        while not stopping:
            child = subprocess.Popen(command, env=os.environ.copy())
            while child.poll() is None and not stopping:
                time.sleep(0.5)
            if stopping:
                child.terminate()
                child.wait(30)
                break
            log.warning("dramatiq exited with %s; restarting in 2 s", child.returncode)
            time.sleep(2)
    except KeyboardInterrupt:
        child.terminate()
        child.wait(30)
    scheduler.stop()
    return 0
