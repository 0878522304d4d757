"""Everything one process needs to run the desk's jobs, built once from settings: the store (opened with
the system clock, which everything that decides by the time asks), the file store, the policy, the
clients, and the reading function. The actors and the desk get their parts from here; nothing below
odzysk/ reads settings."""
import datetime
import logging
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from actions.cases.creation import IncomingMail
from actions.clock import Clock, SystemClock
from actions.cases.policy import Policy
from actions.cases.reading import Preview, Reading
from actions.execution.executor import Notice
from actions.store.database import Store, open_store
from actions.store.files import FileStore
from registries.application import AppClient
from verify.registry_checks import Lookups

from .check import check_data
from .lookups import build_lookups
from .notify import acknowledge_mail, deliver_notice
from .settings import Settings

log = logging.getLogger("odzysk")


@dataclass
class Runtime:
    settings: Settings
    policy: Policy | None = None               # None: the default policy with the settings' objection window
    as_of: datetime.date | None = None         # judge letter dates as of this day (the demo's samples)
    stand_ins: bool = False                    # the registries are local stand-ins without limits
    clock: Clock = field(default_factory=SystemClock)

    def __post_init__(self):
        if self.policy is None:
            service = self.settings.service
            self.policy = Policy(two_approvals=service.two_approvals_for, call_back=service.call_back_for,
                                 objection_window=datetime.timedelta(hours=service.objection_hours),
                                 lease=datetime.timedelta(seconds=service.lease_s))

    @cached_property
    def store(self) -> Store:
        url = self.settings.service.database_url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        return open_store(url, clock=self.clock)

    @cached_property
    def files(self) -> FileStore:
        return FileStore(Path(self.settings.service.data_dir) / "files")

    @cached_property
    def lookups(self) -> Lookups:
        return build_lookups(self.settings.outside, stand_ins=self.stand_ins)

    @cached_property
    def app(self) -> AppClient | None:
        outside = self.settings.outside
        return AppClient(outside.app_url, outside.app_token, outside.timeout_s) if outside.app_url else None

    def today(self) -> datetime.date:
        return self.as_of or self.settings.as_of or datetime.date.today()

    def read(self, data: bytes, name: str) -> Reading:
        settings = replace(self.settings, jobs=1)
        result, document = check_data(data, name, settings, self.today(), self.lookups)
        previews = () if document is None else tuple(
            Preview(p.number, p.preview, p.width, p.height) for p in document.pages if p.preview)
        return Reading(result, previews)

    def notify(self, notice: Notice) -> None:
        deliver_notice(notice, self.settings.smtp, Path(self.settings.service.data_dir) / "outbox")

    def acknowledge(self, mail: IncomingMail) -> None:
        acknowledge_mail(mail, self.settings.smtp, Path(self.settings.service.data_dir) / "outbox")
