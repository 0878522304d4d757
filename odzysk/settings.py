"""The one place that reads settings (environment variables with defaults)."""
import os
from dataclasses import dataclass, field

from intake.limits import Limits


PUBLIC = {"krs": "https://api-krs.ms.gov.pl", "ceidg": "https://dane.biznes.gov.pl",
          "wl": "https://wl-api.mf.gov.pl"}


@dataclass(frozen=True)
class Outside:
    """Where the registries and the application are. A registry is asked only when its URL is set or
    the public services were chosen explicitly (ODZYSK_REGISTRIES=public, or `--online`)."""
    krs_url: str | None = None
    ceidg_url: str | None = None
    ceidg_token: str = ""
    wl_url: str | None = None
    app_url: str | None = None
    app_token: str = ""
    timeout_s: float = 10.0

    @property
    def configured(self) -> bool:
        return any((self.krs_url, self.ceidg_url, self.wl_url, self.app_url))

    def public(self) -> "Outside":
        """The same, with the public registries wherever no URL was given."""
        return Outside(self.krs_url or PUBLIC["krs"], self.ceidg_url or PUBLIC["ceidg"], self.ceidg_token,
                       self.wl_url or PUBLIC["wl"], self.app_url, self.app_token, self.timeout_s)


@dataclass(frozen=True)
class Settings:
    limits: Limits = field(default_factory=Limits)
    jobs: int = 2                    # files read at once, one process (and one OCR thread) each
    max_letter_age_days: int = 60
    outside: Outside = field(default_factory=Outside)


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
    outside = Outside(krs_url=environ.get("ODZYSK_KRS_URL") or None, ceidg_url=environ.get("ODZYSK_CEIDG_URL") or None,
                      ceidg_token=environ.get("ODZYSK_CEIDG_TOKEN", ""), wl_url=environ.get("ODZYSK_WL_URL") or None,
                      app_url=environ.get("ODZYSK_APP_URL") or None, app_token=environ.get("ODZYSK_APP_TOKEN", ""),
                      timeout_s=_float(environ, "ODZYSK_HTTP_TIMEOUT_S", 10.0))
    if environ.get("ODZYSK_REGISTRIES", "").lower() == "public":
        outside = outside.public()
    return Settings(limits=limits, jobs=_int(environ, "ODZYSK_JOBS", os.cpu_count() or 1),
                    max_letter_age_days=_int(environ, "ODZYSK_MAX_LETTER_AGE_DAYS", 60), outside=outside)


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
