"""Checking one file, stage by stage: read it in the sandbox, read the letter, check it locally, ask
the registries and the application, give the verdict. Each stage is one call below; everything a
stage needs (limits, the letter's allowed age, the lookups) is handed in by the caller."""
import datetime
import os
import time
from pathlib import Path

from intake.errors import IntakeError, TooLarge, Treatment
from intake.limits import Limits
from intake.pages import Document
from intake.read import read_document
from intake.sandbox import preload, run_isolated

from .checks import local_checks
from .fields import FIELD_NAMES, Letter
from .letter import decisive_lines, read_letter
from .registry_checks import Lookups, OutsideFindings, outside_checks, with_outside
from .result import CaseResult, Check, Marks, Pages, ReadError, Registry, Source, Status, verdict

preload(decisive_lines.__module__)      # readers are handed decisive_lines: its module, loaded once


def check_path(path: str, limits: Limits, today: datetime.date, max_age_days: int,
               lookups: Lookups) -> CaseResult:
    started = time.monotonic()
    try:
        data = read_file(path, limits)
    except IntakeError as error:
        return unreadable(path, error, started)
    return check_bytes(data, path, limits, today, max_age_days, lookups)[0]


def check_bytes(data: bytes, name: str, limits: Limits, today: datetime.date, max_age_days: int,
                lookups: Lookups) -> tuple[CaseResult, Document | None]:
    """The result, and the document read (None if it could not be), whose pages carry previews."""
    started = time.monotonic()
    try:
        document, letter, checks = read_and_check_locally(data, limits, today, max_age_days)
    except IntakeError as error:
        return unreadable(name, error, started), None
    outside = ask_outside(letter, lookups, today)
    return judge(name, document, letter, with_outside(letter, checks, outside), outside, started), document


def read_and_check_locally(data: bytes, limits: Limits, today: datetime.date,
                           max_age_days: int) -> tuple[Document, Letter, list[Check]]:
    """The stages that need nothing from outside (IntakeError if the file cannot be read)."""
    document = read_in_sandbox(data, limits)
    letter = read_letter(document)
    return document, letter, local_checks(letter, document, today, max_age_days)


def read_file(path: str, limits: Limits) -> bytes:
    size = os.stat(path).st_size
    if size > limits.max_file_bytes:
        raise TooLarge(f"Plik ma {size // 1024} KB (limit {limits.max_file_bytes // 1024} KB).")
    return Path(path).read_bytes()


def read_in_sandbox(data: bytes, limits: Limits) -> Document:
    if len(data) > limits.max_file_bytes:
        raise TooLarge(f"Plik ma {len(data) // 1024} KB (limit {limits.max_file_bytes // 1024} KB).")
    return run_isolated(read_document, data, limits, decisive_lines, limits=limits)


def ask_outside(letter: Letter, lookups: Lookups, today: datetime.date) -> OutsideFindings:
    if letter.kind == "unknown" or not letter.nip_valid:
        # Registries are asked only for what could be acted on: their daily limits are small.
        return OutsideFindings(())
    return outside_checks(letter, lookups, today)


def judge(name: str, document: Document, letter: Letter, checks: list[Check], outside: OutsideFindings,
          started: float) -> CaseResult:
    return CaseResult(
        file=name, kind=letter.kind, fields=_fields(letter), sources=_sources(letter),
        marks=Marks(tuple(letter.signatures), letter.stamp), checks=tuple(checks), verdict=verdict(checks),
        evidence=tuple(outside.evidence), registry=_registry(outside.entity), pages=_pages(document),
        seconds=_since(started))


def unreadable(name: str, error: IntakeError, started: float) -> CaseResult:
    # Only a file that can never be read fails the letter; a fault of ours (or a missing tool) is a
    # question for a person, never a reason to send the customer back to scan again.
    readable = Check("readable", Status.FAIL if error.treatment == Treatment.REJECT else Status.INCONCLUSIVE,
                     error.message)
    return CaseResult(
        file=name, kind="unknown", fields={n: (() if n == "signers" else None) for n in FIELD_NAMES},
        checks=(readable,), verdict=verdict([readable]),
        error=ReadError(error.code, error.message, error.treatment), seconds=_since(started))


def _fields(letter: Letter) -> dict:
    out = {name: letter.value(name) for name in FIELD_NAMES}
    out["signers"] = tuple(out["signers"] or ())
    return out


def _sources(letter: Letter) -> dict[str, Source]:
    found = {name: getattr(letter, name) for name in FIELD_NAMES if getattr(letter, name).found}
    return {name: Source(f.confidence, f.page, tuple(f.box) if f.box else None, f.read_by) for name, f in found.items()}


def _pages(document: Document) -> Pages:
    return Pages(document.page_count, tuple(p.number for p in document.pages), tuple(document.blank_pages),
                 tuple(p.rotation for p in document.pages), tuple(round(p.skew, 1) for p in document.pages))


def _registry(entity) -> Registry | None:
    if entity is None:
        return None
    people = tuple(" ".join(p.first_names + p.surnames) + (f" ({p.function})" if p.function else "")
                   + (f", w KRS od {p.since:%d.%m.%Y}" if p.since else "") for p in entity.board + entity.prokurenci)
    return Registry(entity.source, entity.name, entity.nip, entity.krs, entity.status, entity.active,
                    entity.representation, people)


def _since(started: float) -> float:
    return round(time.monotonic() - started, 2)
