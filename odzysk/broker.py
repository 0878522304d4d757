"""The dramatiq broker: Redis when REDIS_URL is set (several workers on several machines share it),
otherwise an in-process stub broker served by worker threads in the same process (one machine, the
demo). Cases that fail for good are mirrored into the database, so a person sees them on the desk:
dramatiq's dead-letter queue is purged silently after a week.

What is retried follows the error's treatment (intake.errors.Treatment), never a list of classes:
`retry` is retried with backoff up to the actor's max_retries; `operator` and `reject` are not retried at
all (the failure goes to the desk at once). An exception without a treatment (a bug of ours, or a fault
from below that nobody wrapped: sqlalchemy's OperationalError while the database restarts) is retried
like a passing fault, as many times: a database coming back mends it, a real bug fails the same way each
time and then lands on the desk as `failed` with its reason."""
import logging
from typing import Callable

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

from intake.errors import Treatment

from .settings import Settings

log = logging.getLogger("odzysk.broker")


def make_broker(settings: Settings) -> dramatiq.Broker:
    service = settings.service
    if service.redis_url:
        broker = RedisBroker(url=service.redis_url, namespace=service.redis_namespace,
                             heartbeat_timeout=int(service.redis_heartbeat_s * 1000),
                             maintenance_chance=service.redis_maintenance_per_million)
    else:
        broker = StubBroker()
        broker.emit_after("process_boot")
    return broker


def treatment_of(exception: BaseException) -> Treatment | None:
    """The error's own treatment; None for an exception that carries none (or one we do not know)."""
    try:
        return Treatment(getattr(exception, "treatment"))
    except (AttributeError, ValueError):
        return None


def retry_when(max_retries: int) -> Callable[[int, BaseException], bool]:
    """dramatiq's `retry_when` for an actor: whether a message that raised `exception` after `retries`
    earlier retries is tried again."""
    def decide(retries: int, exception: BaseException) -> bool:
        return treatment_of(exception) in (Treatment.RETRY, None) and retries < max_retries
    return decide


class FailuresToDesk(dramatiq.Middleware):
    """After the last retry, put the failure on the case (state failed, with the reason)."""

    def __init__(self, on_failure):
        self.on_failure = on_failure

    def after_process_message(self, broker, message, *, result=None, exception=None):
        if exception is not None and message.failed and message.args:
            try:
                self.on_failure(message.actor_name, str(message.args[0]), exception)
            except Exception:      # the store may be the thing that failed; the reconciler retries
                log.exception("could not record the failure of %s on the desk", message.message_id)


def drop_namespace(redis_url: str, namespace: str) -> None:
    """Delete every key of one namespace (dramatiq's queues and ours, all "<namespace>:..."), in batches:
    for benchmarks and tests that made it, never a namespace workers still use."""
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=5, socket_timeout=5)
    try:
        batch = []
        for key in client.scan_iter(match=f"{namespace}:*", count=500):
            batch.append(key)
            if len(batch) >= 500:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
    finally:
        client.close()
