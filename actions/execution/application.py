"""Acting on accounts through the application's admin API (../shared/contracts/app-admin-api.md).
Every call carries an Idempotency-Key, so a retry after a timeout cannot act twice. Faults worth a
retry (5xx, timeouts, no connection) and final refusals (other 4xx) are told apart."""
from dataclasses import dataclass
from urllib.parse import quote

import requests

TARGET_STATE = {"mfa/disable": lambda a: not a.get("mfa_enabled"),
                "ip-lock/disable": lambda a: not a.get("ip_lock_enabled"),
                "roles/admin": lambda a: "admin" in (a.get("roles") or [])}


class AppFault(Exception):
    """The application did not answer properly; try again later with the same key."""
    treatment = "retry"


class AppRefused(Exception):
    """The application refused the call; a person must look."""
    treatment = "operator"


@dataclass(frozen=True)
class AppActions:
    base_url: str
    token: str
    timeout_s: float = 15.0

    def find(self, query: str) -> list[dict]:
        data = self._call("GET", f"/admin/api/accounts?query={quote(query, safe='')}")
        accounts = data.get("accounts") if isinstance(data, dict) else None
        if not isinstance(accounts, list):
            raise AppFault("Aplikacja odpowiedziała bez listy kont.")
        return accounts

    def contacts(self, tenant_id: str) -> dict:
        data = self._call("GET", f"/admin/api/tenants/{quote(tenant_id, safe='')}/contacts")
        return data if isinstance(data, dict) else {}

    def act(self, account_id: str, action: str, key: str) -> dict:
        if action not in TARGET_STATE:
            raise AppRefused(f"Nieznana czynność {action!r}.")
        return self._call("POST", f"/admin/api/accounts/{quote(account_id, safe='')}/{action}",
                          headers={"Idempotency-Key": key})

    def _call(self, method: str, path: str, headers: dict | None = None) -> dict:
        try:
            response = requests.request(method, self.base_url.rstrip("/") + path, timeout=self.timeout_s,
                                        headers={"Authorization": f"Bearer {self.token}", **(headers or {})})
        except requests.RequestException as error:
            raise AppFault(f"Brak połączenia z aplikacją ({type(error).__name__}); ponowię później.") from None
        if response.status_code >= 500:
            raise AppFault(f"Aplikacja odpowiedziała błędem {response.status_code}; ponowię później.")
        if response.status_code != 200:
            raise AppRefused(f"Aplikacja odmówiła ({response.status_code}) dla {method} {path.split('?')[0]}.")
        try:
            return response.json()
        except ValueError:
            raise AppFault("Aplikacja odpowiedziała czymś, co nie jest JSON-em; ponowię później.") from None
