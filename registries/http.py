"""The one way this package talks HTTP: timeouts, bounded retries with backoff, the registries' limits
on our side, a short cache, and evidence (URL, time, SHA-256 of the raw body, status) for every answer.

Retries only where asking again can help: connection errors, timeouts and 5xx. Never on 4xx; a 429 is
raised at once. A 200 that is an HTML page (a maintenance notice) or not JSON is a bad answer, never
"not found"."""
import datetime
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import requests

from .registry_errors import RegistryBadAnswer, RegistryError, RegistryRateLimited, RegistryUnavailable, service_name
from .rate_limits import Clock, Sleep, SlidingWindowLimiter, TtlCache
from .types import Evidence

USER_AGENT = "odzysk/0.1 (recovery desk; registry checks)"
STATUS_HINTS = {400: "serwis uznał zapytanie za błędne", 401: "brak lub nieważny token dostępu",
                403: "brak uprawnień", 404: "nie ma takiego zasobu"}


@dataclass(frozen=True)
class HttpPolicy:
    connect_timeout: float = 3.05
    read_timeout: float = 10.0
    attempts: int = 3            # in all, the first included
    backoff: float = 0.5         # seconds before the second attempt; doubles after each failure
    cache_ttl: float = 600.0     # successful (200) answers only; 0 turns the cache off


DEFAULT_POLICY = HttpPolicy()


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: the raw body, its JSON (None when there is none) and the evidence for it.
    `parsed` holds what the caller's parser made of a 200 (cached with it)."""
    status: int
    body: bytes
    data: Any
    evidence: Evidence
    parsed: Any = None


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class RegistryHttp:
    """GET with the policy above for one registry (`service`: krs, ceidg, wl)."""

    def __init__(self, service: str, policy: HttpPolicy = DEFAULT_POLICY, *, headers: dict | None = None,
                 limiters: Iterable[SlidingWindowLimiter] = (), session: requests.Session | None = None,
                 clock: Clock = time.monotonic, sleep: Sleep = time.sleep,
                 now: Callable[[], datetime.datetime] = utc_now):
        self.service, self.policy = service, policy
        self.headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
        self.limiters = tuple(limiters)
        self.session = session or requests.Session()
        self.sleep, self.now = sleep, now
        self.cache = TtlCache(policy.cache_ttl, clock=clock)

    def get(self, url: str, expect: tuple[int, ...] = (200,), parse: Callable[[Any], Any] | None = None) -> Answer:
        """The answer to GET `url`, if its status is in `expect`; else a RegistryError saying why.
        For a 200, `parse(data)` runs before the answer is cached; what it raises carries the evidence."""
        cached = self.cache.get(url)
        if cached is not None:
            return cached
        answer = self._fetch(url, expect)
        if answer.status == 200 and parse is not None:
            try:
                answer = Answer(answer.status, answer.body, answer.data, answer.evidence, parse(answer.data))
            except RegistryError as error:
                raise error.add_evidence(answer.evidence)
        if answer.status == 200:
            self.cache.put(url, answer)
        return answer

    def _fetch(self, url: str, expect: tuple[int, ...]) -> Answer:
        failure: RegistryError | None = None
        for attempt in range(max(self.policy.attempts, 1)):
            if attempt:
                self.sleep(self.policy.backoff * 2 ** (attempt - 1))
            for limiter in self.limiters:
                limiter.acquire()
            try:
                response = self.session.get(url, headers=self.headers, allow_redirects=False,
                                            timeout=(self.policy.connect_timeout, self.policy.read_timeout))
            except (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                failure = self._silence(exc)
                continue
            except requests.RequestException as exc:
                raise RegistryUnavailable(self.service, "request", f"{self._name}: zapytanie nie wyszło ({exc}).")
            answer = self._answer(url, response)
            if response.status_code >= 500:
                failure = RegistryUnavailable(self.service, f"http-{response.status_code}",
                                              f"{self._name}: błąd serwera (HTTP {response.status_code}).",
                                              (answer.evidence,))
                continue
            return self._judge(answer, response, expect)
        raise failure

    def _judge(self, answer: Answer, response: requests.Response, expect: tuple[int, ...]) -> Answer:
        status, evidence = answer.status, (answer.evidence,)
        if status == 429:
            for limiter in self.limiters:
                limiter.penalize(_retry_after(response))
            raise RegistryRateLimited(self.service, "http-429",
                                      f"{self._name}: przekroczony limit zapytań (HTTP 429); ponów później.", evidence)
        if _looks_like_html(response):
            raise RegistryBadAnswer(self.service, "html", f"{self._name}: strona serwisowa zamiast danych "
                                    f"(HTTP {status}); rejestru nie sprawdzono.", evidence)
        if status not in expect:
            hint = STATUS_HINTS.get(status, "nieoczekiwana odpowiedź")
            raise RegistryBadAnswer(self.service, f"http-{status}", f"{self._name}: HTTP {status} ({hint}).", evidence)
        if status == 200 and answer.data is None:
            raise RegistryBadAnswer(self.service, "not-json", f"{self._name}: odpowiedź nie jest poprawnym JSON-em; "
                                    "rejestru nie sprawdzono.", evidence)
        return answer

    def _answer(self, url: str, response: requests.Response) -> Answer:
        body = response.content or b""
        evidence = Evidence(service=self.service, url=url, fetched_at=self.now().isoformat(timespec="milliseconds"),
                            sha256=hashlib.sha256(body).hexdigest(), status=response.status_code)
        return Answer(response.status_code, body, _json(body), evidence)

    def _silence(self, exc: Exception) -> RegistryUnavailable:
        if isinstance(exc, requests.Timeout):
            return RegistryUnavailable(self.service, "timeout", f"{self._name}: brak odpowiedzi w wyznaczonym czasie.")
        return RegistryUnavailable(self.service, "connection", f"{self._name}: nie udało się połączyć z serwisem.")

    @property
    def _name(self) -> str:
        return service_name(self.service)


def _json(body: bytes) -> Any:
    if not body.strip():
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _looks_like_html(response: requests.Response) -> bool:
    content_type = response.headers.get("Content-Type", "").lower()
    return "text/html" in content_type or (response.content or b"").lstrip().startswith(b"<")


def _retry_after(response: requests.Response) -> float | None:
    try:
        return float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None
