"""The periodic jobs: fetch mail, reconcile stuck cases, the nightly regression. One scheduler runs
beside each group of workers; with several machines, the nightly run is claimed once per day in Redis
(fetching and reconciling twice is harmless: both are idempotent)."""
import datetime
import logging
import threading
import time

from .settings import Settings

log = logging.getLogger("odzysk.scheduler")


class Scheduler(threading.Thread):
    def __init__(self, settings: Settings, jobs, claim_day=None, tick_s: float = 1.0):
        """jobs: object with fetch_mail, reconcile, nightly_regress actors (their .send is called)."""
        super().__init__(name="odzysk-scheduler", daemon=True)
        self.settings, self.jobs, self.tick_s = settings, jobs, tick_s
        self.claim_day = claim_day or _claim_locally()
        self.stopping = threading.Event()

    def run(self) -> None:
        service = self.settings.service
        next_fetch = next_reconcile = time.monotonic()
        while not self.stopping.is_set():
            now = time.monotonic()
            if self.settings.mailbox.host and now >= next_fetch:
                self._send(self.jobs.fetch_mail)
                next_fetch = now + service.fetch_every_s
            if now >= next_reconcile:
                self._send(self.jobs.reconcile)
                next_reconcile = now + service.reconcile_every_s
            if _nightly_due(service.nightly_at) and self.claim_day(datetime.date.today().isoformat()):
                self._send(self.jobs.nightly_regress)
            self.stopping.wait(self.tick_s)

    def stop(self) -> None:
        self.stopping.set()

    def _send(self, actor) -> None:
        try:
            actor.send()
        except Exception as error:          # a broker outage must not stop the clock
            log.warning("could not enqueue %s: %s", actor.actor_name, error)


def _nightly_due(at: str) -> bool:
    if at == "off":
        return False
    hour, minute = (int(x) for x in at.split(":"))
    now = datetime.datetime.now()
    return (now.hour, now.minute) >= (hour, minute)


def _claim_locally():
    claimed = set()

    def claim(day: str) -> bool:
        if day in claimed:
            return False
        claimed.add(day)
        return True
    return claim


def claim_in_redis(url: str, namespace: str):
    """Once per day across every machine that shares the Redis."""
    import redis
    client = redis.Redis.from_url(url)

    def claim(day: str) -> bool:
        try:
            return bool(client.set(f"{namespace}:nightly:{day}", "1", nx=True, ex=3 * 86400))
        except redis.RedisError as error:
            log.warning("nightly claim failed: %s", error)
            return False
    return claim
