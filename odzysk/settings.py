"""The one place that reads settings (environment variables with defaults)."""
import datetime
import os
from dataclasses import dataclass, field

from intake.limits import Limits
from verify.kinds import NAMES, needing_always, needing_by_default


PUBLIC = {"krs": "https://api-krs.ms.gov.pl", "ceidg": "https://dane.biznes.gov.pl",
          "wl": "https://wl-api.mf.gov.pl"}


@dataclass(frozen=True)
class OutsideServices:
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

    def public(self) -> "OutsideServices":
        """The same, with the public registries wherever no URL was given."""
        return OutsideServices(self.krs_url or PUBLIC["krs"], self.ceidg_url or PUBLIC["ceidg"], self.ceidg_token,
                       self.wl_url or PUBLIC["wl"], self.app_url, self.app_token, self.timeout_s)


@dataclass(frozen=True)
class MailboxSettings:
    host: str | None = None
    port: int = 993
    user: str = ""
    password: str = ""
    tls: bool = True
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    authserv_id: str = ""          # our mail server's name in Authentication-Results; "" trusts none


@dataclass(frozen=True)
class Smtp:
    host: str | None = None
    port: int = 25
    user: str = ""
    password: str = ""
    sender: str = "odzysk@serwisant.online"
    starttls: bool = False


@dataclass(frozen=True)
class Service:
    """Where the desk and the workers keep their state and how they run."""
    database_url: str = "sqlite:///var/odzysk.db"
    data_dir: str = "var"                 # files, content-addressed
    redis_url: str | None = None          # None: the in-process broker (one machine, for the demo)
    redis_namespace: str = "odzysk"
    desk_host: str = "127.0.0.1"
    desk_port: int = 8000
    secure_cookies: bool = False          # set behind HTTPS
    fetch_every_s: float = 60.0
    reconcile_every_s: float = 120.0
    stuck_after_s: float = 300.0
    nightly_at: str = "02:00"               # local time; "off" for none
    regress_folder: str = "samples/letters"
    worker_processes: int = 1
    worker_threads: int = 2
    objection_hours: float = 24.0         # between the announcement to the tenant and the action
    lease_s: float = 180.0                # how long a worker holds a case it reads or executes
    # dramatiq's Redis broker: a worker silent this long is taken for dead and its messages go back to the
    # queue (the case lease keeps that from doubling an action); maintenance runs on this many commands
    # in a million.
    redis_heartbeat_s: float = 60.0
    redis_maintenance_per_million: int = 1000
    # Kinds that need a confirmed call-back to a contact on file, and kinds that need two operators.
    call_back_for: tuple[str, ...] = needing_by_default("call_back")
    two_approvals_for: tuple[str, ...] = needing_by_default("two_approvals")


@dataclass(frozen=True)
class Settings:
    limits: Limits = field(default_factory=Limits)
    jobs: int = 2                    # files read at once, one process (and one OCR thread) each
    max_letter_age_days: int = 60
    outside: OutsideServices = field(default_factory=OutsideServices)
    mailbox: MailboxSettings = field(default_factory=MailboxSettings)
    smtp: Smtp = field(default_factory=Smtp)
    service: Service = field(default_factory=Service)
    as_of: datetime.date | None = None     # judge letter dates as of this day instead of today (replays, tests)


def load(environ=os.environ) -> Settings:
    defaults = Limits()
    limits = Limits(
        max_file_bytes=_int(environ, "ODZYSK_MAX_FILE_MB", defaults.max_file_bytes // 2**20) * 2**20,
        max_pages=_int(environ, "ODZYSK_MAX_PAGES", defaults.max_pages),
        max_pixels=_int(environ, "ODZYSK_MAX_MEGAPIXELS", defaults.max_pixels // 10**6) * 10**6,
        ocr_timeout_s=_float(environ, "ODZYSK_OCR_TIMEOUT_S", defaults.ocr_timeout_s),
        file_timeout_s=_float(environ, "ODZYSK_FILE_TIMEOUT_S", defaults.file_timeout_s),
        memory_bytes=_int(environ, "ODZYSK_MEMORY_MB", defaults.memory_bytes // 2**20) * 2**20,
        ocr_engine=environ.get("ODZYSK_OCR_ENGINE", defaults.ocr_engine).strip().lower() or defaults.ocr_engine,
    )
    outside = OutsideServices(krs_url=environ.get("ODZYSK_KRS_URL") or None, ceidg_url=environ.get("ODZYSK_CEIDG_URL") or None,
                      ceidg_token=environ.get("ODZYSK_CEIDG_TOKEN", ""), wl_url=environ.get("ODZYSK_WL_URL") or None,
                      app_url=environ.get("ODZYSK_APP_URL") or None, app_token=environ.get("ODZYSK_APP_TOKEN", ""),
                      timeout_s=_float(environ, "ODZYSK_HTTP_TIMEOUT_S", 10.0))
    if environ.get("ODZYSK_REGISTRIES", "").lower() == "public":
        outside = outside.public()
    return Settings(limits=limits, jobs=_int(environ, "ODZYSK_JOBS", os.cpu_count() or 1),
                    max_letter_age_days=_int(environ, "ODZYSK_MAX_LETTER_AGE_DAYS", 60), outside=outside,
                    mailbox=_mailbox(environ), smtp=_smtp(environ), service=_service(environ),
                    as_of=_date(environ, "ODZYSK_AS_OF"))


def _mailbox(environ) -> MailboxSettings:
    tls = environ.get("ODZYSK_IMAP_TLS", "yes").lower() not in ("no", "0", "false")
    return MailboxSettings(host=environ.get("ODZYSK_IMAP_HOST") or None, port=_int(environ, "ODZYSK_IMAP_PORT", 993 if tls else 143),
                   user=environ.get("ODZYSK_IMAP_USER", ""), password=environ.get("ODZYSK_IMAP_PASSWORD", ""), tls=tls,
                   folder=environ.get("ODZYSK_IMAP_FOLDER", "INBOX"),
                   processed_folder=environ.get("ODZYSK_IMAP_PROCESSED_FOLDER", "Processed"),
                   authserv_id=environ.get("ODZYSK_AUTHSERV_ID", ""))


def _smtp(environ) -> Smtp:
    return Smtp(host=environ.get("ODZYSK_SMTP_HOST") or None, port=_int(environ, "ODZYSK_SMTP_PORT", 25),
                user=environ.get("ODZYSK_SMTP_USER", ""), password=environ.get("ODZYSK_SMTP_PASSWORD", ""),
                sender=environ.get("ODZYSK_SMTP_FROM", "odzysk@serwisant.online"),
                starttls=environ.get("ODZYSK_SMTP_STARTTLS", "no").lower() in ("yes", "1", "true"))


def _service(environ) -> Service:
    data_dir = environ.get("ODZYSK_DATA_DIR", "var")
    return Service(database_url=environ.get("DATABASE_URL") or f"sqlite:///{os.path.abspath(data_dir)}/odzysk.db",
                   data_dir=os.path.abspath(data_dir), redis_url=environ.get("REDIS_URL") or None,
                   redis_namespace=environ.get("ODZYSK_REDIS_NAMESPACE", "odzysk"),
                   desk_host=environ.get("ODZYSK_DESK_HOST", "127.0.0.1"), desk_port=_int(environ, "ODZYSK_DESK_PORT", 8000),
                   secure_cookies=environ.get("ODZYSK_SECURE_COOKIES", "no").lower() in ("yes", "1", "true"),
                   fetch_every_s=_float(environ, "ODZYSK_FETCH_EVERY_S", 60.0),
                   reconcile_every_s=_float(environ, "ODZYSK_RECONCILE_EVERY_S", 120.0),
                   stuck_after_s=_float(environ, "ODZYSK_STUCK_AFTER_S", 300.0),
                   nightly_at=environ.get("ODZYSK_NIGHTLY_AT", "02:00"),
                   regress_folder=environ.get("ODZYSK_REGRESS_FOLDER", "samples/letters"),
                   worker_processes=_int(environ, "ODZYSK_WORKER_PROCESSES", 1),
                   worker_threads=_int(environ, "ODZYSK_WORKER_THREADS", 2),
                   objection_hours=_float(environ, "ODZYSK_OBJECTION_HOURS", 24.0),
                   lease_s=_float(environ, "ODZYSK_LEASE_S", 180.0),
                   redis_heartbeat_s=_float(environ, "ODZYSK_REDIS_HEARTBEAT_S", 60.0),
                   redis_maintenance_per_million=_int(environ, "ODZYSK_REDIS_MAINTENANCE_PER_MILLION", 1000),
                   call_back_for=_kinds(environ, "ODZYSK_CALL_BACK_FOR", "call_back"),
                   two_approvals_for=_kinds(environ, "ODZYSK_TWO_APPROVALS_FOR", "two_approvals"))


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


def _date(environ, name: str) -> datetime.date | None:
    if not environ.get(name):
        return None
    try:
        return datetime.date.fromisoformat(environ[name])
    except ValueError:
        raise SystemExit(f"odzysk: {name} must be a date YYYY-MM-DD, got {environ[name]!r}") from None


def _kinds(environ, name: str, need: str) -> tuple[str, ...]:
    """A comma-separated list of request kinds that have `need` (call_back, two_approvals); the kinds
    whose need is ALWAYS (what the design demands) cannot be left out."""
    if name not in environ:
        return needing_by_default(need)
    kinds = tuple(k.strip() for k in environ[name].split(",") if k.strip())
    unknown = [k for k in kinds if k not in NAMES]
    if unknown:
        raise SystemExit(f"odzysk: {name}: unknown kinds {unknown}; use {', '.join(NAMES)}")
    return tuple(sorted(set(kinds) | set(needing_always(need))))
