"""A stand-in for the three public registries (KRS Open API, CEIDG API v3, VAT white list), served over
HTTP on 127.0.0.1 in their real formats: for tests and the demo, never for production.

    with RegistryStandIn(data, failures={"ceidg": "429"}) as fake:
        KrsClient(fake.url) ...; fake.requests[-1]["headers"]

`data` maps a NIP (10 digits) to a description of the business (every key optional):

    "name":  the business's name;
    "krs":   {"number", "register" ("P"|"S"), "legal_form", "organ", "clause", "board": [person + "function",
              "suspended"], "prokurenci": [person + "prokura"], "status_nip", "liquidation", "bankruptcy",
              "struck_off" (OdpisAktualny answers 204), "registered" (ISO date, the first entry)}: names given in
              full come out masked as KRS masks them; a board member or prokurent may carry "since" and "left"
              (ISO dates: entered and struck by later entries of OdpisPelny);
    "ceidg": [{person, "status", "business", "regon", "since", "died"}, ...]: one entry per registration;
    "wl":    {"status", "regon", "representatives", "authorized_clerks", "partners": [person | {"company"}]}
             or False (not on the list: subject null). Default: listed, "Czynny", with the KRS number;
    "fail":  {"krs"|"ceidg"|"wl": mode or [mode, ...]}.

`failures` gives the same per registry, for every NIP. A mode is one of:
    "timeout" (answers after `delay` seconds), "reset" (closes the connection without answering),
    "500" / "502" / "503" / "504", "429" (white list: WL-191), "html" (a "Przerwa techniczna" page with
    status 200), "html-as-json" (the same page labelled application/json), "not-json", "204", "404"
    (KRS: its problem JSON; white list: WL-190), "404-html" (a proxy's error page), "404-gateway" (a 404
    whose JSON is not the registry's own), "401", or a white-list code "WL-1xx" (HTTP 400).
A list of modes is used up one per request (None: answer normally), then the registry answers normally;
a single mode holds for every request. `fake.fail(registry, *modes, nip=None)` changes them on the fly.
A person is described as in registry_bodies."""
import datetime
import json
import secrets
import string
import threading
from copy import deepcopy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from .registry_routes import JSON, check_mode, route


class RegistryStandIn:
    def __init__(self, data: dict[str, dict], *, failures: dict | None = None, token: str = "test-token",
                 delay: float = 2.0, today: datetime.date | None = None):
        self.data = deepcopy(data)
        self.failures = deepcopy(failures or {})
        for holder in [self.failures] + [spec.get("fail", {}) for spec in self.data.values()]:
            for modes in holder.values():
                for mode in modes if isinstance(modes, list) else [modes]:
                    check_mode(mode)
        self.token, self.delay = token, delay
        self.today = today or datetime.date.today()
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def fail(self, registry: str, *modes, nip: str | None = None) -> None:
        """From now on: `modes` for `registry` (for one NIP, or for all); one mode holds, several are used up."""
        for mode in modes:
            check_mode(mode)
        with self.lock:
            target = self.data.setdefault(nip, {}).setdefault("fail", {}) if nip else self.failures
            target[registry] = modes[0] if len(modes) == 1 else list(modes)

    def of(self, registry: str) -> list[dict]:
        """The requests one registry received."""
        return [r for r in self.requests if r["registry"] == registry]

    def failure(self, registry: str, nip: str | None):
        """The mode for this request (used up when it comes from a list)."""
        with self.lock:
            for holder in ((self.data.get(nip) or {}).get("fail", {}) if nip else {}, self.failures):
                mode = holder.get(registry)
                if isinstance(mode, list):
                    if not mode:
                        continue
                    return mode.pop(0)
                if mode:
                    return mode
        return None

    def nip_of_krs(self, number: str) -> str | None:
        return next((nip for nip, spec in self.data.items() if (spec.get("krs") or {}).get("number") == number), None)

    def request_id(self) -> str:
        alphabet = string.ascii_letters + string.digits
        return "".join(secrets.choice(alphabet) for _ in range(5)) + "-" + \
            "".join(secrets.choice(string.ascii_lowercase + string.digits) for _ in range(7))


def _handler(fake: RegistryStandIn):
    class RegistryHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            url = urlparse(self.path)
            query = parse_qs(url.query)
            registry, nip, answer = route(fake, url.path, query, dict(self.headers))
            entry = {"registry": registry, "method": "GET", "path": url.path, "query": query,
                     "headers": dict(self.headers), "nip": nip}
            with fake.lock:
                fake.requests.append(entry)
            self._send(entry, *answer)

        def _send(self, entry: dict, mode: str | None, status: int, body, content_type: str = JSON):
            if mode == "reset":
                self.close_connection = True
                entry.update(status=None, response=b"")
                return
            if mode == "timeout" and fake.stopping.wait(fake.delay):
                return
            data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False, indent=2).encode()
            entry.update(status=status, response=data)
            try:
                self.send_response(status)
                if status != 204:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(0 if status == 204 else len(data)))
                self.end_headers()
                if status != 204:
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return RegistryHandler
