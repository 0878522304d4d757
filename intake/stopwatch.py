"""Seconds spent in each stage of reading a document, for `odzysk bench --stages`."""
import time
from contextlib import contextmanager

STAGES = ("decode", "clean-up", "orientation", "ocr", "under stamps", "second opinion", "marks", "preview")


class Stopwatch:
    """Adds up the time of each stage over a document's pages."""

    def __init__(self):
        self.seconds = dict.fromkeys(STAGES, 0.0)

    @contextmanager
    def stage(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started

    def totals(self) -> tuple[tuple[str, float], ...]:
        return tuple((name, round(seconds, 4)) for name, seconds in self.seconds.items())
