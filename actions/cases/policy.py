"""The rules a case must meet before anything is done on the application: how many operators approve,
when a call-back is needed, how long an approval lasts, what counts as a replay."""
import datetime
from dataclasses import dataclass

from verify.kinds import needing_by_default


@dataclass(frozen=True)
class Policy:
    # The issue asks two operators for MFA removal and admin elevation, THREATS A8 for admin elevation
    # and the IP lock: we take both, so every kind needs two.
    two_approvals: tuple[str, ...] = needing_by_default("two_approvals")
    # A call-back to a contact on file is the one defence against a perfect forgery (THREATS A1).
    call_back: tuple[str, ...] = needing_by_default("call_back")
    approval_ttl: datetime.timedelta = datetime.timedelta(hours=72)
    replay_window: datetime.timedelta = datetime.timedelta(days=90)
    max_read_attempts: int = 3           # a file that kills the reader this often is quarantined
    max_execute_attempts: int = 5
    # Between the tenant's announcement and the action, time for the real owner to object (THREATS A1).
    objection_window: datetime.timedelta = datetime.timedelta(hours=24)
    lease: datetime.timedelta = datetime.timedelta(minutes=3)   # longer than one file may take

    def approvals_needed(self, kind: str) -> int:
        return 2 if kind in self.two_approvals else 1

    def needs_call_back(self, kind: str) -> bool:
        return kind in self.call_back
