"""`odzysk check`: the wiring of verify.pipeline, which does the work, to settings and the registry
clients built from them; and several files read at once."""
import datetime
from concurrent.futures import ThreadPoolExecutor
from typing import Iterator

from intake.pages import Document
from verify import pipeline
from verify.fields import Letter
from verify.registry_checks import Lookups
from verify.result import CaseResult, Check

from .lookups import build_lookups
from .settings import Settings


def read_case(path: str, settings: Settings, today: datetime.date) -> tuple[Document, Letter, list[Check]]:
    """Read a file in a limited child process, then the letter and its local checks (IntakeError if the
    file cannot be read)."""
    data = pipeline.read_file(path, settings.limits)
    return pipeline.read_and_check_locally(data, settings.limits, today, settings.max_letter_age_days)


def check_file(path: str, settings: Settings, today: datetime.date, lookups: Lookups | None = None) -> CaseResult:
    return pipeline.check_path(path, settings.limits, today, settings.max_letter_age_days,
                               lookups or build_lookups(settings.outside))


def check_data(data: bytes, name: str, settings: Settings, today: datetime.date,
               lookups: Lookups | None = None) -> tuple[CaseResult, Document | None]:
    """The same as check_file, for bytes already in hand (a mail's attachment); also hands back the
    document, whose pages carry previews for the desk."""
    return pipeline.check_bytes(data, name, settings.limits, today, settings.max_letter_age_days,
                                lookups or build_lookups(settings.outside))


def check_files(paths: list[str], settings: Settings, today: datetime.date) -> Iterator[CaseResult]:
    """Results in the order of `paths`, reading several files at once."""
    lookups = build_lookups(settings.outside)
    with ThreadPoolExecutor(max_workers=max(1, settings.jobs)) as pool:
        yield from pool.map(lambda p: check_file(p, settings, today, lookups), paths)
