"""The one client of the Serwisant Online admin API (docs: the application's admin-API contract), for
the checks (`find_accounts`), execution and the desk (`find`, `contacts`, `act`).

Account reads are never cached: an account's state must be read fresh before anyone acts on it. Reads go
through the same HTTP layer as the registries (evidence for every answer, an HTML page or a body that is
not JSON is never taken for data). The checks get RegistryError, like from any registry; execution and
the desk get AppFault (5xx, timeouts, no connection, an unreadable answer: ask again later, with the same
Idempotency-Key for a POST) or AppRefused (any other 4xx: a person must look).
"""
import re
from dataclasses import dataclass, field
from urllib.parse import quote

import requests

from intake.errors import OdzyskError, Treatment

from .registry_errors import RegistryBadAnswer, RegistryError
from .http import HttpPolicy, RegistryHttp
from .types import Evidence

# An action is a path below the account ("mfa/disable"); which ones exist is verify/kinds.py's business.
_ACTION = re.compile(r"[a-z][a-z-]*(/[a-z][a-z-]*)*")
class PayerAccounts(list):
    """The accounts of a payer's tenants; not `complete` when the payer has more tenants than were asked
    about (enough to show look-alikes, not to say that there is no other account)."""
    complete = True


_MAX_TENANTS = 20          # a payer with more tenants than this is asked about the first ones only


class AppFault(OdzyskError):
    """The application did not answer properly; try again later with the same key."""
    code = "app_fault"
    treatment = Treatment.RETRY


class AppRefused(OdzyskError):
    """The application refused the call; a person must look."""
    code = "app_refused"
    treatment = Treatment.OPERATOR


@dataclass(frozen=True)
class Account:
    """An account as the application describes it, with the tenant it belongs to."""
    id: str
    login: str
    email: str
    roles: tuple[str, ...]
    mfa_enabled: bool
    ip_lock_enabled: bool
    tenant_id: str
    tenant_name: str
    payer_nip: str

    @classmethod
    def from_api(cls, data: dict) -> "Account":
        tenant = data.get("tenant") if isinstance(data.get("tenant"), dict) else {}
        return cls(str(data.get("id", "")), str(data.get("login", "")), str(data.get("email", "")),
                   tuple(data.get("roles") or ()), bool(data.get("mfa_enabled")), bool(data.get("ip_lock_enabled")),
                   str(tenant.get("id", "")), str(tenant.get("name", "")), str(tenant.get("payer_nip", "")))


@dataclass(frozen=True)
class AppClient:
    """`attempts`: how often a read is tried. The checks try like any registry (3); execution and the desk
    ask once, because their callers retry (the worker with backoff, the operator by reloading)."""
    base_url: str
    token: str
    timeout_s: float = 15.0
    attempts: int = 1
    connect_timeout_s: float | None = None          # None: timeout_s
    http: RegistryHttp = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        policy = HttpPolicy(connect_timeout=self.connect_timeout_s or self.timeout_s, read_timeout=self.timeout_s,
                            attempts=self.attempts, cache_ttl=0)
        # Frozen, but the HTTP layer is made from the fields once, here.
        http = RegistryHttp("app", policy, headers={"Authorization": f"Bearer {self.token}"})
        object.__setattr__(self, "http", http)

    @property
    def base(self) -> str:
        return self.base_url.rstrip("/")

    # The checks' side: registry errors and evidence.

    def find_accounts(self, query: str) -> tuple[list[Account], list[Evidence]]:
        """Accounts whose login or e-mail equals `query` (the application ignores case)."""
        answer = self.http.get(self.base + self._accounts_path(query))
        accounts = answer.data.get("accounts") if isinstance(answer.data, dict) else None
        if not isinstance(accounts, list):
            raise RegistryBadAnswer("app", "shape", "Aplikacja: odpowiedź bez listy kont.", (answer.evidence,))
        return [Account.from_api(a) for a in accounts if isinstance(a, dict)], [answer.evidence]

    def payer_accounts(self, payer_nip: str) -> tuple["PayerAccounts", list[Evidence]]:
        """Every account of the tenants whose payer has this NIP (to show an operator what a misread
        account may have meant; never to choose one)."""
        answer = self.http.get(self.base + f"/admin/api/tenants?payer_nip={quote(payer_nip, safe='')}")
        tenants = answer.data.get("tenants") if isinstance(answer.data, dict) else None
        if not isinstance(tenants, list):
            raise RegistryBadAnswer("app", "shape", "Aplikacja: odpowiedź bez listy klientów.", (answer.evidence,))
        accounts, evidence = PayerAccounts(), [answer.evidence]
        accounts.complete = len(tenants) <= _MAX_TENANTS
        for tenant in tenants[:_MAX_TENANTS]:
            if not isinstance(tenant, dict) or not isinstance(tenant.get("id"), str):
                continue
            listed = self.http.get(self.base + f"/admin/api/tenants/{quote(tenant['id'], safe='')}/accounts")
            evidence.append(listed.evidence)
            found = listed.data.get("accounts") if isinstance(listed.data, dict) else None
            accounts += [Account.from_api(a) for a in found or [] if isinstance(a, dict)]
        return accounts, evidence

    # Execution's and the desk's side: AppFault or AppRefused, the application's own JSON.

    def find(self, query: str) -> list[dict]:
        data = self._get(self._accounts_path(query))
        accounts = data.get("accounts") if isinstance(data, dict) else None
        if not isinstance(accounts, list):
            raise AppFault("Aplikacja odpowiedziała bez listy kont.")
        return [a for a in accounts if isinstance(a, dict)]

    def contacts(self, tenant_id: str) -> dict:
        data = self._get(f"/admin/api/tenants/{quote(tenant_id, safe='')}/contacts")
        return data if isinstance(data, dict) else {}

    def act(self, account_id: str, action: str, key: str) -> dict:
        """POST the action once; a retry (by the caller) carries the same key, so it cannot act twice."""
        if not _ACTION.fullmatch(action):
            raise AppRefused(f"Nieznana czynność {action!r}.")
        path = f"/admin/api/accounts/{quote(account_id, safe='')}/{action}"
        policy = self.http.policy
        try:
            response = self.http.session.post(self.base + path, headers={**self.http.headers, "Idempotency-Key": key},
                                              timeout=(policy.connect_timeout, policy.read_timeout),
                                              allow_redirects=False)
        except requests.RequestException as error:
            raise AppFault(f"Brak połączenia z aplikacją ({type(error).__name__}); ponowię później.") from None
        data = _json_or_none(response)
        if response.status_code >= 500 or (response.status_code == 200 and data is None):
            raise _fault(response.status_code)
        if response.status_code != 200:
            raise AppRefused(f"Aplikacja odmówiła ({response.status_code}) dla POST {path}.")
        return data

    def _accounts_path(self, query: str) -> str:
        return f"/admin/api/accounts?query={quote(query, safe='')}"

    def _get(self, path: str):
        try:
            return self.http.get(self.base + path).data
        except RegistryError as error:
            status = error.evidence[-1].status if error.evidence else None
            if status is None:
                raise AppFault(f"Brak połączenia z aplikacją ({error.code}); ponowię później.") from None
            if status >= 500 or status == 200:
                raise _fault(status) from None
            raise AppRefused(f"Aplikacja odmówiła ({status}) dla GET {path.split('?')[0]}.") from None


def _fault(status: int) -> AppFault:
    if status == 200:
        return AppFault("Aplikacja odpowiedziała czymś, co nie jest JSON-em; ponowię później.")
    return AppFault(f"Aplikacja odpowiedziała błędem {status}; ponowię później.")


def _json_or_none(response: requests.Response):
    try:
        return response.json()
    except ValueError:
        return None
