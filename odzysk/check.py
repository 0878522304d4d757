"""`odzysk check`: one file in, one result out (kind, fields, checks, verdict or error)."""
import datetime
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Iterator

from intake.errors import IntakeError, TooLarge
from intake.pages import Document
from intake.read import read_document
from intake.sandbox import run_isolated
from verify.checks import FAIL, Check, local_checks
from verify.fields import FIELD_NAMES, Letter
from verify.letter import decisive_lines, read_letter
from verify.registry_checks import Lookups, outside_checks
from verify.verdict import verdict

from .lookups import build_lookups
from .settings import Settings


def read_case(path: str, settings: Settings, today: datetime.date) -> tuple[Document, Letter, list[Check]]:
    """Read a file in a limited child process, then the letter and its local checks (IntakeError if the
    file cannot be read)."""
    return read_data(_read_bytes(path, settings), settings, today)


def read_data(data: bytes, settings: Settings, today: datetime.date) -> tuple[Document, Letter, list[Check]]:
    if len(data) > settings.limits.max_file_bytes:
        raise TooLarge(f"Plik ma {len(data) // 1024} KB (limit {settings.limits.max_file_bytes // 1024} KB).")
    document = run_isolated(read_document, data, settings.limits, decisive_lines, limits=settings.limits)
    letter = read_letter(document)
    return document, letter, local_checks(letter, document, today, settings.max_letter_age_days)


def check_file(path: str, settings: Settings, today: datetime.date, lookups: Lookups | None = None) -> dict:
    started = time.monotonic()
    try:
        document, letter, checks = read_case(path, settings, today)
    except IntakeError as error:
        return _error_result(path, error, time.monotonic() - started)
    return judge(path, document, letter, checks, settings, today, lookups, started)


def check_data(data: bytes, name: str, settings: Settings, today: datetime.date,
               lookups: Lookups | None = None) -> tuple[dict, Document | None]:
    """The same as check_file, for bytes already in hand (a mail's attachment); also hands back the
    document, whose pages carry previews for the desk."""
    started = time.monotonic()
    try:
        document, letter, checks = read_data(data, settings, today)
    except IntakeError as error:
        return _error_result(name, error, time.monotonic() - started), None
    return judge(name, document, letter, checks, settings, today, lookups, started), document


def judge(path: str, document: Document, letter: Letter, checks: list[Check], settings: Settings,
          today: datetime.date, lookups: Lookups | None, started: float) -> dict:
    evidence, entity = (), None
    if letter.kind != "unknown" and letter.nip_valid:
        # Registries are asked only for what could be acted on: their daily limits are small.
        outside = outside_checks(letter, lookups or build_lookups(settings.outside), today)
        checks += list(outside.checks)
        evidence, entity = outside.evidence, outside.entity
    return {
        "file": path,
        "kind": letter.kind,
        "fields": _fields(letter),
        "sources": _sources(letter),
        "marks": {"signatures": list(letter.signatures), "stamp": letter.stamp},
        "checks": [_check(c) for c in checks],
        "verdict": verdict(checks),
        "error": None,
        "evidence": [asdict(e) for e in evidence],
        "registry": _registry(entity),
        "pages": {"count": document.page_count, "read": [p.number for p in document.pages],
                  "blank": list(document.blank_pages), "rotation": [p.rotation for p in document.pages],
                  "skew": [round(p.skew, 1) for p in document.pages]},
        "seconds": round(time.monotonic() - started, 2),
    }


def check_files(paths: list[str], settings: Settings, today: datetime.date) -> Iterator[dict]:
    """Results in the order of `paths`, reading several files at once."""
    lookups = build_lookups(settings.outside)
    with ThreadPoolExecutor(max_workers=max(1, settings.jobs)) as pool:
        yield from pool.map(lambda p: check_file(p, settings, today, lookups), paths)


def _read_bytes(path: str, settings: Settings) -> bytes:
    size = os.stat(path).st_size
    if size > settings.limits.max_file_bytes:
        raise TooLarge(f"Plik ma {size // 1024} KB (limit {settings.limits.max_file_bytes // 1024} KB).")
    return Path(path).read_bytes()


def _fields(letter: Letter) -> dict:
    out = {name: letter.value(name) for name in FIELD_NAMES}
    out["signers"] = list(out["signers"] or [])
    return out


def _sources(letter: Letter) -> dict:
    out = {}
    for name in FIELD_NAMES:
        field = getattr(letter, name)
        if field.found:
            out[name] = {"confidence": field.confidence, "page": field.page,
                         "box": list(field.box) if field.box else None, "read_by": field.read_by}
    return out


def _registry(entity) -> dict | None:
    """What the register says about the company, for the operator to set beside the letter."""
    if entity is None:
        return None
    people = [" ".join(p.first_names + p.surnames) + (f" ({p.function})" if p.function else "")
              + (f", w KRS od {p.since:%d.%m.%Y}" if p.since else "") for p in entity.board + entity.prokurenci]
    return {"source": entity.source, "name": entity.name, "nip": entity.nip, "krs": entity.krs,
            "status": entity.status, "active": entity.active, "representation": entity.representation,
            "board": people}


def _check(check: Check) -> dict:
    return {"name": check.name, "status": check.status, "detail": check.detail}


def _error_result(path: str, error: IntakeError, seconds: float) -> dict:
    checks = [Check("readable", FAIL, error.message)]
    return {"file": path, "kind": "unknown",
            "fields": {name: ([] if name == "signers" else None) for name in FIELD_NAMES},
            "sources": {}, "marks": {}, "checks": [_check(c) for c in checks], "verdict": "reject",
            "error": {"code": error.code, "message": error.message, "treatment": error.treatment},
            "evidence": [], "pages": {}, "seconds": round(seconds, 2)}
