"""A stand-in for the Serwisant Online admin API (docs/app-admin-api.md), served over
HTTP on 127.0.0.1 in the contract's formats: for tests and for the demo, never for production."""
import json
import threading
import time
from copy import deepcopy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

_ACTIONS = {"mfa/disable": ("mfa_enabled", False), "ip-lock/disable": ("ip_lock_enabled", False),
            "roles/admin": ("roles", "admin")}


class AppStandIn:
    """`with AppStandIn(accounts, contacts, token) as app: app.url` serves the admin API.

    accounts: dicts in the contract's account shape (id, login, email, roles, mfa_enabled,
    ip_lock_enabled, tenant {id, name, payer_nip}); contacts: tenant id -> {phones, emails, admins}.
    `calls` records every request (method, path, headers) so that tests can inspect them."""

    def __init__(self, accounts: list[dict], contacts: dict[str, dict] | None = None, token: str = "test-token",
                 answer_delay_s: float = 0.0):
        """answer_delay_s: an action is carried out at once but answered only after this long (for tests of
        a caller that dies while it waits)."""
        self.accounts = deepcopy(accounts)
        self.contacts = deepcopy(contacts or {})
        self.token = token
        self.answer_delay_s = answer_delay_s
        self.calls: list[dict] = []
        self.stalls: list[float] = []       # `stall_next`: seconds the next GETs wait before they are answered
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def stall_next(self, *seconds: float) -> None:
        """The next GETs (one per value) are recorded on arrival, then wait this long before they are
        answered: a caller that stalls inside a call, while others go on."""
        with self.lock:
            self.stalls.extend(seconds)

    def find(self, query: str) -> list[dict]:
        wanted = query.casefold()
        return [a for a in self.accounts if wanted in (a["login"].casefold(), a["email"].casefold())]

    def tenants_of(self, payer_nip: str | None) -> list[dict]:
        """The tenants of the accounts, each once; those of one payer when `payer_nip` is given."""
        tenants = {a["tenant"]["id"]: a["tenant"] for a in self.accounts}
        return [t for t in tenants.values() if payer_nip is None or t["payer_nip"] == payer_nip]

    def act(self, account_id: str, action: str) -> dict | None:
        account = next((a for a in self.accounts if a["id"] == account_id), None)
        if account is None:
            return None
        key, value = _ACTIONS[action]
        if key == "roles":
            account["roles"] = sorted(set(account["roles"]) | {value})
        else:
            account[key] = value
        return account


def _handler(app: AppStandIn):
    class AppHandler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self._serve("GET")

        def do_POST(self):
            self._serve("POST")

        def _serve(self, method: str):
            url = urlparse(self.path)
            with app.lock:             # recorded on arrival, before any stall
                app.calls.append({"method": method, "path": url.path, "headers": dict(self.headers)})
                stall = app.stalls.pop(0) if app.stalls and method == "GET" else 0.0
            time.sleep(stall)
            with app.lock:
                if self.headers.get("Authorization") != f"Bearer {app.token}":
                    return self._send(401, {"error": "unauthorized"})
                parts = url.path.strip("/").split("/")
                if method == "GET" and url.path == "/admin/api/accounts":
                    query = parse_qs(url.query).get("query", [""])[0]
                    return self._send(200, {"accounts": app.find(query)})
                if method == "GET" and url.path == "/admin/api/tenants":
                    payer = parse_qs(url.query).get("payer_nip", [""])[0]
                    return self._send(200, {"tenants": app.tenants_of(payer)})
                if method == "GET" and parts[:3] == ["admin", "api", "tenants"] and parts[-1] == "accounts":
                    accounts = [a for a in app.accounts if a["tenant"]["id"] == parts[3]]
                    known = any(t["id"] == parts[3] for t in app.tenants_of(None))
                    return self._send(200, {"accounts": accounts}) if known else self._send(404, {"error": "no such tenant"})
                if method == "GET" and parts[:3] == ["admin", "api", "tenants"] and parts[-1] == "contacts":
                    contacts = app.contacts.get(parts[3])
                    return self._send(200, contacts) if contacts else self._send(404, {"error": "no such tenant"})
                if method == "POST" and parts[:3] == ["admin", "api", "accounts"] and len(parts) >= 6:
                    account = app.act(parts[3], "/".join(parts[4:]))
                    if account and app.answer_delay_s:
                        app.lock.release()          # let other calls in while this answer waits
                        try:
                            time.sleep(app.answer_delay_s)
                        finally:
                            app.lock.acquire()
                    return self._send(200, account) if account else self._send(404, {"error": "no such account"})
                return self._send(404, {"error": "no such route"})

        def _send(self, status: int, body: dict):
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return AppHandler
