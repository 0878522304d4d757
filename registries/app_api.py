"""Client for the Serwisant Online admin API (../shared/contracts/app-admin-api.md): reading accounts
and tenant contacts. Acting on accounts belongs to `actions`. Answers are never cached: an account's
state must be read fresh."""
from urllib.parse import quote

from .errors import RegistryBadAnswer
from .http import HttpPolicy, RegistryHttp
from .types import Evidence


class AppClient:
    def __init__(self, base_url: str, token: str, policy: HttpPolicy = HttpPolicy(cache_ttl=0), **http):
        self.base = base_url.rstrip("/")
        self.http = RegistryHttp("app", policy, headers={"Authorization": f"Bearer {token}"}, **http)

    def find_accounts(self, query: str) -> tuple[list[dict], list[Evidence]]:
        """Accounts whose login or e-mail equals `query` (the application ignores case)."""
        answer = self.http.get(f"{self.base}/admin/api/accounts?query={quote(query, safe='')}")
        accounts = answer.data.get("accounts") if isinstance(answer.data, dict) else None
        if not isinstance(accounts, list):
            raise RegistryBadAnswer("app", "shape", "Aplikacja: odpowiedź bez listy kont.", (answer.evidence,))
        return accounts, [answer.evidence]

    def contacts(self, tenant_id: str) -> tuple[dict | None, list[Evidence]]:
        """The tenant's contacts on file, or None when there is no such tenant."""
        answer = self.http.get(f"{self.base}/admin/api/tenants/{quote(tenant_id, safe='')}/contacts", expect=(200, 404))
        return (answer.data if answer.status == 200 else None), [answer.evidence]
