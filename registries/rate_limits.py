"""Our side of a registry's limits: a sliding-window request limiter and a small TTL cache.

Both take the clock (and the limiter the sleep) as arguments, so tests can drive time."""
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from .registry_errors import RegistryRateLimited, service_name

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class SlidingWindowLimiter:
    """At most `limit` requests in any `window` seconds (CEIDG: 50 per 180 s, and 1000 per hour).

    `acquire()` before each request: when the window is full it sleeps if the wait is at most `max_wait`
    seconds, else raises RegistryRateLimited without sending anything. `penalize()` after a 429 blocks
    every request for `cooldown` seconds (CEIDG counts its 180 s block from the last request, so
    knocking again only prolongs it)."""

    def __init__(self, service: str, limit: int, window: float, *, max_wait: float = 3.0,
                 cooldown: float | None = None, clock: Clock = time.monotonic, sleep: Sleep = time.sleep):
        self.service, self.limit, self.window, self.max_wait = service, limit, window, max_wait
        self.cooldown = window if cooldown is None else cooldown
        self.clock, self.sleep = clock, sleep
        self.sent: deque[float] = deque()
        self.blocked_until = float("-inf")
        self.lock = threading.Lock()

    def acquire(self) -> None:
        with self.lock:
            wait = self._wait(self.clock())
            if wait > self.max_wait:
                raise RegistryRateLimited(
                    self.service, "local-limit",
                    f"{service_name(self.service)}: wyczerpany limit zapytań ({self.limit} na "
                    f"{self.window:.0f} s); ponów za {wait:.0f} s.")
            if wait > 0:
                self.sleep(wait)
            now = self.clock()
            self._forget(now)
            self.sent.append(now)

    def penalize(self, seconds: float | None = None) -> None:
        with self.lock:
            self.blocked_until = max(self.blocked_until, self.clock() + (seconds or self.cooldown))

    def _wait(self, now: float) -> float:
        self._forget(now)
        wait = self.blocked_until - now
        if len(self.sent) >= self.limit:
            wait = max(wait, self.sent[len(self.sent) - self.limit] + self.window - now)
        return max(wait, 0.0)

    def _forget(self, now: float) -> None:
        while self.sent and self.sent[0] <= now - self.window:
            self.sent.popleft()


class TtlCache:
    """Answers kept for `ttl` seconds, at most `size` of them (the oldest go first)."""

    def __init__(self, ttl: float, size: int = 256, clock: Clock = time.monotonic):
        self.ttl, self.size, self.clock = ttl, size, clock
        self.items: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            hit = self.items.get(key)
            if hit is None:
                return None
            if self.clock() - hit[0] >= self.ttl:
                del self.items[key]
                return None
            return hit[1]

    def put(self, key: str, value) -> None:
        if self.ttl <= 0:
            return
        with self.lock:
            self.items.pop(key, None)
            self.items[key] = (self.clock(), value)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
