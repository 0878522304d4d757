"""The one client of the application's admin API (registries/application.py), against the application's
stand-in and against a server that answers whatever a test scripts: what is retried, what is refused."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from registries.application import AppClient, AppFault, AppRefused
from registries.registry_errors import RegistryBadAnswer, RegistryUnavailable
from standins.app import AppStandIn

ACCOUNT = {"id": "a-1", "login": "jkowalski", "email": "jan@example-serwis.pl", "roles": ["user"],
           "mfa_enabled": True, "ip_lock_enabled": True,
           "tenant": {"id": "t-1", "name": "Serwis RTV", "payer_nip": "1578308628"}}


class Scripted:
    """An HTTP server that answers each request with the next (status, content type, body), then 200 {}."""

    def __init__(self, *answers: tuple[int, str, bytes]):
        self.answers, self.requests = list(answers), []
        script = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self._answer()

            def do_POST(self):
                self._answer()

            def _answer(self):
                script.requests.append((self.command, self.path))
                status, kind, body = script.answers.pop(0) if script.answers else (200, "application/json", b"{}")
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


JSON, HTML = "application/json", "text/html"


def test_an_action_carries_its_idempotency_key_and_reads_are_never_cached():
    with AppStandIn([ACCOUNT], token="t") as app:
        client = AppClient(app.url, "t", 5)
        assert client.find("JKowalski")[0]["mfa_enabled"] is True
        after = client.act("a-1", "mfa/disable", "C-1:mfa/disable")
        assert after["mfa_enabled"] is False
        assert client.find("jkowalski")[0]["mfa_enabled"] is False       # read again, not from a cache
        [post] = [c for c in app.calls if c["method"] == "POST"]
        assert post["headers"]["Idempotency-Key"] == "C-1:mfa/disable"
        assert post["headers"]["Authorization"] == "Bearer t"
        assert [c["method"] for c in app.calls] == ["GET", "POST", "GET"]


def test_the_checks_get_accounts_with_evidence():
    with AppStandIn([ACCOUNT], token="t") as app:
        accounts, evidence = AppClient(app.url, "t", 5, attempts=3).find_accounts("jkowalski")
    assert [(a.id, a.payer_nip, a.mfa_enabled) for a in accounts] == [("a-1", "1578308628", True)]
    assert [e.service for e in evidence] == ["app"] and len(evidence[0].sha256) == 64


@pytest.mark.parametrize("answer, error", [
    ((503, JSON, b"{}"), AppFault),
    ((200, HTML, b"<html>przerwa techniczna</html>"), AppFault),
    ((200, JSON, b"not json"), AppFault),
    ((404, JSON, b'{"error": "no such tenant"}'), AppRefused),
    ((401, JSON, b'{"error": "unauthorized"}'), AppRefused),
    ((429, JSON, b"{}"), AppRefused),
])
def test_execution_and_the_desk_tell_a_fault_from_a_refusal(answer, error):
    with Scripted(answer, answer) as server:
        client = AppClient(server.url, "t", 2)
        with pytest.raises(error) as caught:
            client.contacts("t-1")
        assert len(server.requests) == 1                     # asked once: the caller retries
        assert caught.value.treatment == ("retry" if error is AppFault else "operator")
        assert str(caught.value).startswith(("Aplikacja", "Brak połączenia"))


@pytest.mark.parametrize("answer, error", [((502, JSON, b"{}"), AppFault), ((200, JSON, b"{"), AppFault),
                                           ((409, JSON, b"{}"), AppRefused)])
def test_an_action_is_posted_once_and_judged_the_same_way(answer, error):
    with Scripted(answer) as server:
        with pytest.raises(error):
            AppClient(server.url, "t", 2).act("a-1", "roles/admin", "C-1:roles/admin")
        assert server.requests == [("POST", "/admin/api/accounts/a-1/roles/admin")]


def test_no_connection_is_a_fault_and_an_odd_action_is_refused_unsent():
    client = AppClient("http://127.0.0.1:9", "t", 1)
    with pytest.raises(AppFault, match="Brak połączenia"):
        client.find("jkowalski")
    with pytest.raises(AppFault, match="Brak połączenia"):
        client.act("a-1", "mfa/disable", "k")
    with pytest.raises(AppRefused, match="Nieznana czynność"):
        client.act("a-1", "../../tenants/t-1/delete", "k")


def test_the_checks_retry_a_5xx_and_never_read_a_page_as_accounts():
    with Scripted((503, JSON, b"{}"), (200, JSON, json.dumps({"accounts": [ACCOUNT]}).encode())) as server:
        accounts, _ = AppClient(server.url, "t", 2, attempts=2).find_accounts("jkowalski")
        assert [a.id for a in accounts] == ["a-1"] and len(server.requests) == 2
    with Scripted(*[(503, JSON, b"{}")] * 2) as server:
        with pytest.raises(RegistryUnavailable):
            AppClient(server.url, "t", 2, attempts=2).find_accounts("jkowalski")
    with Scripted((200, HTML, b"<html></html>")) as server:
        with pytest.raises(RegistryBadAnswer):
            AppClient(server.url, "t", 2).find_accounts("jkowalski")
