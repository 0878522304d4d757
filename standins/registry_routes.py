"""What RegistryStandIn answers: the route of each registry, and the failure modes it can be told to play.

An answer is (mode, status, body, content type); the handler plays "timeout" and "reset" itself."""
import datetime
import re
import zoneinfo

from . import registry_bodies as bodies

JSON, HTML = "application/json; charset=utf-8", "text/html; charset=utf-8"
SERVER_ERRORS = {"500", "502", "503", "504"}
MODES = SERVER_ERRORS | {"timeout", "reset", "429", "html", "html-as-json", "not-json", "204", "404", "404-html",
                         "404-gateway", "401"}
CEIDG_PATH = re.compile(r"^/api/ceidg/v[23]/(firmy|firma)(?:/([0-9A-Fa-f-]+))?$")
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def check_mode(mode) -> None:
    if mode is not None and mode not in MODES and not re.fullmatch(r"WL-\d{3}", str(mode)):
        raise ValueError(f"unknown failure mode {mode!r}")


def route(fake, path: str, query: dict, headers: dict):
    """(registry, nip, answer) for one GET."""
    if path.startswith("/api/krs/"):
        return ("krs",) + _krs(fake, path, query)
    if path.startswith("/api/ceidg/"):
        return ("ceidg",) + _ceidg(fake, path, query, headers)
    if path.startswith(("/api/search/", "/api/check/")):
        return ("wl",) + _whitelist(fake, path, query)
    return None, None, (None, 404, {"error": "no such route"}, JSON)


def _krs(fake, path: str, query: dict):
    match = re.fullmatch(r"/api/krs/(OdpisAktualny|OdpisPelny)/(\w+)", path)
    kind, number = match.groups() if match else ("", "")
    nip = fake.nip_of_krs(number) if number else None
    mode = fake.failure("krs", nip)
    failed = _failure("krs", mode, number)
    if failed:
        return nip, failed
    register = _one(query, "rejestr")
    if not (number.isdigit() and len(number) == 10) or register not in ("P", "S"):
        return nip, (mode, 400, bodies.KRS_400 | {"traceId": bodies.trace_id(path)}, JSON)
    spec = fake.data[nip]["krs"] if nip else {}
    if not nip or spec.get("register", "P") != register:
        return nip, (mode, 404, bodies.KRS_404 | {"traceId": bodies.trace_id(path + register)}, JSON)
    if spec.get("struck_off") and kind == "OdpisAktualny":
        return nip, (mode, 204, b"", JSON)
    build = bodies.krs_odpis if kind == "OdpisAktualny" else bodies.krs_odpis_pelny
    body = build(nip, _name(fake.data[nip], nip), spec, fake.today, register)
    return nip, (mode, 200, body, JSON)


def _ceidg(fake, path: str, query: dict, headers: dict):
    nip = _one(query, "nip")
    mode = fake.failure("ceidg", nip)
    failed = _failure("ceidg", mode, nip)
    if failed:
        return nip, failed
    if headers.get("Authorization") != f"Bearer {fake.token}":
        return nip, (mode, 401, {"message": "Unauthorized"}, JSON)
    match = CEIDG_PATH.fullmatch(path)
    if not match or not (nip or match.group(2)):
        return nip, (mode, 400, {"message": "Nieprawidłowe zapytanie."}, JSON)
    detail = match.group(1) == "firma"
    items = _ceidg_items(fake, nip, detail)
    if match.group(2):
        items = [i for i in _all_ceidg_items(fake, detail) if i["id"] == match.group(2).upper()]
    statuses = query.get("status")
    items = [i for i in items if not statuses or i["status"] in statuses]
    if not items:
        return nip, (mode, 204, b"", JSON)
    body = bodies.ceidg_detail(items) if detail else bodies.ceidg_list(items, fake.url, nip or "")
    return nip, (mode, 200, body, JSON)


def _whitelist(fake, path: str, query: dict):
    match = re.fullmatch(r"/api/search/nip/([^/]*)", path)
    nip = match.group(1) if match else None
    mode = fake.failure("wl", nip)
    failed = _failure("wl", mode, nip)
    if failed:
        return nip, failed
    if not match:
        return nip, _wl_error(mode, "WL-190")
    problem = _date_problem(_one(query, "date"), fake.today) or _nip_problem(nip)
    if problem:
        return nip, _wl_error(mode, problem)
    spec = fake.data.get(nip)
    subject = None
    if spec is not None and spec.get("wl", True) is not False:
        wl = spec.get("wl") if isinstance(spec.get("wl"), dict) else {}
        krs = (spec.get("krs") or {}).get("number")
        subject = bodies.wl_subject(nip, _name(spec, nip), wl, krs, sole_trader=not krs and "ceidg" in spec)
    now = datetime.datetime.now(_warsaw())
    return nip, (mode, 200, bodies.wl_result(subject, fake.request_id(), now), JSON)


def _failure(registry: str, mode, key):
    """The answer a failure mode calls for; None for no failure (or one the handler plays)."""
    if mode in (None, "timeout", "reset"):
        return None
    if mode in SERVER_ERRORS:
        return mode, int(mode), f"<html><body><h1>{mode} Service Unavailable</h1></body></html>".encode(), HTML
    if mode == "html":
        return mode, 200, MAINTENANCE_PAGE, HTML
    if mode == "404-html":
        return mode, 404, b"<html><body><h1>404 Not Found</h1><hr>nginx</body></html>", HTML
    if mode == "404-gateway":
        return mode, 404, {"error": "no route to upstream"}, JSON
    if mode == "html-as-json":
        return mode, 200, MAINTENANCE_PAGE, JSON
    if mode == "not-json":
        return mode, 200, b'{"odpis": {"rodzaj": "Aktualny", "naglowekA": {', JSON
    if mode == "204":
        return mode, 204, b"", JSON
    if registry == "wl" and mode in ("429", "404"):
        return _wl_error(mode, "WL-191" if mode == "429" else "WL-190")
    if mode == "429":
        return mode, 429, {"title": "Too Many Requests", "status": 429}, JSON
    if mode == "404":
        return mode, 404, bodies.KRS_404 | {"traceId": bodies.trace_id(str(key))}, JSON
    if mode == "401":
        return mode, 401, {"message": "Unauthorized"}, JSON
    return _wl_error(mode, mode)


def _wl_error(mode, code: str):
    status = {"WL-190": 404, "WL-191": 429}.get(code, 400)
    return mode, status, {"code": code, "message": bodies.WL_ERRORS.get(code, "Niepoprawne żądanie.")}, JSON


def _date_problem(value: str | None, today: datetime.date) -> str | None:
    if not value:
        return "WL-101"
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return "WL-102"
    if day > today:
        return "WL-103"
    return "WL-118" if day < datetime.date(2018, 9, 1) else None


def _nip_problem(nip: str) -> str | None:
    if len(nip) != 10:
        return "WL-113"
    if not nip.isdigit():
        return "WL-114"
    check = sum(int(d) * w for d, w in zip(nip, NIP_WEIGHTS)) % 11
    return None if check == int(nip[9]) else "WL-115"


def _ceidg_items(fake, nip: str | None, detail: bool) -> list[dict]:
    specs = (fake.data.get(nip) or {}).get("ceidg", []) if nip else []
    return [bodies.ceidg_item(nip, s, i, fake.url, detail) for i, s in enumerate(specs)]


def _all_ceidg_items(fake, detail: bool) -> list[dict]:
    return [item for nip in fake.data for item in _ceidg_items(fake, nip, detail)]


def _name(spec: dict, nip: str) -> str:
    if spec.get("name"):
        return spec["name"]
    for entry in spec.get("ceidg", []):
        first, _, surname = bodies.person_names(entry)
        return entry.get("business", f"{first} {'-'.join(surname)}")
    return f"FIRMA {nip}"


def _warsaw() -> datetime.tzinfo:
    try:
        return zoneinfo.ZoneInfo("Europe/Warsaw")
    except zoneinfo.ZoneInfoNotFoundError:
        return datetime.UTC


def _one(query: dict, key: str) -> str | None:
    values = query.get(key)
    return values[0] if values else None


MAINTENANCE_PAGE = ("<!DOCTYPE html><html lang=\"pl\"><head><meta charset=\"utf-8\"><title>Przerwa techniczna"
                    "</title></head><body><h1>Przerwa techniczna</h1><p>Serwis jest chwilowo niedostępny. "
                    "Przepraszamy za utrudnienia.</p></body></html>").encode()
