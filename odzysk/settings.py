"""The one place that reads settings (environment variables with defaults)."""
import os
from dataclasses import dataclass, field

from intake.limits import Limits


@dataclass(frozen=True)
class Settings:
    limits: Limits = field(default_factory=Limits)
    jobs: int = 2                    # files read at once, one process (and one OCR thread) each
    max_letter_age_days: int = 60


def load(environ=os.environ) -> Settings:
    defaults = Limits()
    limits = Limits(
        max_file_bytes=_int(environ, "ODZYSK_MAX_FILE_MB", defaults.max_file_bytes // 2**20) * 2**20,
        max_pages=_int(environ, "ODZYSK_MAX_PAGES", defaults.max_pages),
        max_pixels=_int(environ, "ODZYSK_MAX_MEGAPIXELS", defaults.max_pixels // 10**6) * 10**6,
        ocr_timeout_s=_float(environ, "ODZYSK_OCR_TIMEOUT_S", defaults.ocr_timeout_s),
        file_timeout_s=_float(environ, "ODZYSK_FILE_TIMEOUT_S", defaults.file_timeout_s),
        memory_bytes=_int(environ, "ODZYSK_MEMORY_MB", defaults.memory_bytes // 2**20) * 2**20,
    )
    return Settings(limits=limits, jobs=_int(environ, "ODZYSK_JOBS", os.cpu_count() or 1),
                    max_letter_age_days=_int(environ, "ODZYSK_MAX_LETTER_AGE_DAYS", 60))


def _int(environ, name: str, default: int) -> int:
    try:
        return int(environ.get(name, default))
    except ValueError:
        raise SystemExit(f"odzysk: {name} must be a whole number, got {environ[name]!r}") from None


def _float(environ, name: str, default: float) -> float:
    try:
        return float(environ.get(name, default))
    except ValueError:
        raise SystemExit(f"odzysk: {name} must be a number, got {environ[name]!r}") from None
