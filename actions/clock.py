"""Where the time comes from. Whatever decides by the time (the leases, the approvals' TTL, the objection
window, the operators' web sessions, the reconciler) asks the clock the store was opened with
(`open_store(url, clock=...)`), and so does every time the store writes (column defaults, audit entries):
what is stamped and what it is compared with come from one clock. The composition root hands in the
system clock; tests hand in a ManualClock and move it instead of sleeping."""
import datetime
import threading
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime.datetime:
        """The time now, aware, in UTC."""


class SystemClock:
    def now(self) -> datetime.datetime:
        return datetime.datetime.now(datetime.timezone.utc)


SYSTEM_CLOCK = SystemClock()


class ManualClock:
    """A clock that moves only when told (`advance`, `set`). Each reading is one `tick` later than the one
    before, as with real time: things that happen one after another never share a moment, so the order of
    audit entries, decisions and calls can still be read from their times. Safe to read from threads."""

    def __init__(self, start: datetime.datetime | None = None,
                 tick: datetime.timedelta = datetime.timedelta(microseconds=1)):
        self._at = start or SYSTEM_CLOCK.now()
        self._tick = tick
        self._lock = threading.Lock()

    def now(self) -> datetime.datetime:
        with self._lock:
            self._at += self._tick
            return self._at

    def advance(self, by: datetime.timedelta | float) -> datetime.datetime:
        """Move on by a timedelta or a number of seconds; returns the new time."""
        step = by if isinstance(by, datetime.timedelta) else datetime.timedelta(seconds=by)
        if step < datetime.timedelta(0):
            raise ValueError("a clock does not go back")
        with self._lock:
            self._at += step
            return self._at

    def set(self, at: datetime.datetime) -> None:
        with self._lock:
            self._at = at
