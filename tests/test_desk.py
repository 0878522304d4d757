"""The operator desk over a real SQLite store, a real file store and the application stand-in served
over HTTP: logins, CSRF, the queue, the case page, call-backs, two-operator approval, rejection, the
regression and audit pages."""
import copy
import datetime
import io
import re
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw
from sqlalchemy import select, update

from actions.cases.policy import Policy
from actions.clock import SYSTEM_CLOCK, ManualClock
from actions.desk import create_app
from actions.desk.operators import add_operator, check_password, close_session, find_session, open_session, token_hash
from actions.store import audit
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import (
    APPROVED,
    CHECKED,
    EXECUTED,
    REJECTED,
    AuditEntry,
    CallBack,
    Case,
    Decision,
    Execution,
    PagePreview,
    RegressionRun,
    WebSession,
)
from registries.application import AppClient
from standins.app import AppStandIn

PASSWORD = {"anna": "anna-ma-kota-123", "bartek": "bartek-ma-psa-456"}
NIP = "1578308628"
PHONE, EMAIL = "+48 600 100 200", "biuro@example-serwis.pl"
LETTER_PHONE = "+48 799 000 111"          # what a forger would write in the letter
ACCOUNTS = [{"id": "a-1f3c9e0b2d", "login": "jkowalski", "email": "jan.kowalski@example-serwis.pl",
             "roles": ["user"], "mfa_enabled": True, "ip_lock_enabled": False,
             "tenant": {"id": "t-kowalski", "name": "Serwis RTV AGD Jan Kowalski", "payer_nip": NIP}},
            {"id": "a-other", "login": "obcy", "email": "obcy@example.org", "roles": ["user"], "mfa_enabled": True,
             "ip_lock_enabled": False, "tenant": {"id": "t-obcy", "name": "Obca firma", "payer_nip": "5260250995"}}]
CONTACTS = {"t-kowalski": {"phones": [PHONE], "emails": [EMAIL], "admins": ["a-77aa01"]},
            "t-obcy": {"phones": ["+48 500 500 500"], "emails": [], "admins": []}}
PAGE_W, PAGE_H = 2480, 3508               # the page the boxes refer to (A4 at 300 dpi)
RESULT = {
    "file": "skan.pdf", "kind": "admin_elevation",
    "fields": {"nip": NIP, "operator_nip": "5471824223", "company": "Serwis RTV AGD Jan Kowalski",
               "signers": ["Jan Kowalski"], "account": "jan.kowalski@example-serwis.pl", "city": "Kraków",
               "date": "2026-11-12", "krs": None},
    "sources": {"nip": {"confidence": 0.93, "page": 1, "box": [248, 620, 1240, 700], "read_by": "ocr"},
                "company": {"confidence": 0.41, "page": 1, "box": [248, 500, 1736, 580], "read_by": "ocr"},
                "account": {"confidence": 0.9, "page": 1, "box": [248, 1400, 2232, 1470], "read_by": "ocr"}},
    "marks": {"signatures": [[300, 2900, 900, 3050]], "stamp": False},
    "checks": [{"name": "nip_checksum", "status": "pass", "detail": "NIP 1578308628 ma poprawną sumę kontrolną."},
               {"name": "representation", "status": "inconclusive",
                "detail": "KRS pokazuje nazwisko zamaskowane (J*** K*******): porównaj z pełnym odpisem."},
               {"name": "stamp", "status": "inconclusive", "detail": "Nie znaleziono pieczęci firmowej."},
               {"name": "account_match", "status": "pass", "detail": "Konto a-1f3c9e0b2d należy do klienta."}],
    "verdict": "review", "error": None,
    "evidence": [{"service": "wl", "url": "https://wl-api.mf.gov.pl/api/search/nip/1578308628?date=2026-11-20",
                  "fetched_at": "2026-11-20T10:00:00+00:00", "sha256": "ab" * 32, "status": 200,
                  "request_id": "Xy12-abc"}],
    "pages": {"count": 1, "read": [1], "blank": [], "rotation": [0], "skew": [0.0]},
}


@pytest.fixture
def app_standin():
    with AppStandIn(ACCOUNTS, CONTACTS) as app:
        yield app


@pytest.fixture
def desk(request, tmp_path, app_standin):
    """The desk on SQLite; on PostgreSQL where a test is parametrized indirectly with "postgres"."""
    on_postgres = getattr(request, "param", "sqlite") == "postgres"
    store = open_store(request.getfixturevalue("postgres_url") if on_postgres else f"sqlite:///{tmp_path}/d.db")
    files = FileStore(tmp_path / "files")
    with store.transaction() as session:
        for login, password in PASSWORD.items():
            add_operator(session, login, login.capitalize() + " Operator", password)
    enqueued: list[str] = []

    def enqueue(case_id: str) -> None:
        # Called after the commit: a worker reading the case now must see it approved.
        with store.transaction() as session:
            assert session.get(Case, case_id).state == APPROVED
        enqueued.append(case_id)

    app = create_app(store, files, Policy(), AppClient(app_standin.url, app_standin.token, 5.0), enqueue)
    yield Desk(store, files, app, enqueued)
    store.dispose()


class Desk:
    def __init__(self, store, files, app, enqueued):
        self.store, self.files, self.app, self.enqueued = store, files, app, enqueued

    def client(self, login: str | None = None) -> TestClient:
        client = TestClient(self.app, follow_redirects=False)
        if login:
            sign_in(client, login, PASSWORD[login])
        return client

    def add_case(self, **overrides) -> str:
        result = copy.deepcopy(overrides.pop("result", RESULT))
        values = dict(id=str(uuid.uuid4()), file_name="skan.pdf", source="mail", state=CHECKED,
                      verdict=result["verdict"], kind=result["kind"], nip=result["fields"]["nip"],
                      account=result["fields"]["account"], company=result["fields"].get("company") or "",
                      result=result, version=2)
        values.update(overrides)
        digest = self.files.put(page_jpeg())
        with self.store.transaction() as session:
            session.add(Case(**values))
            session.flush()
            session.add(PagePreview(case_id=values["id"], number=1, sha256=digest, width=PAGE_W, height=PAGE_H))
            audit.append(session, "case.read", {"verdict": values["verdict"]}, values["id"])
        return values["id"]

    def case(self, case_id: str) -> Case:
        with self.store.transaction() as session:
            return session.get(Case, case_id)


def page_jpeg() -> bytes:
    image = Image.new("RGB", (1000, round(1000 * PAGE_H / PAGE_W)), "white")
    ImageDraw.Draw(image).text((100, 200), "UPOWAZNIENIE  NIP 157-830-86-28", fill="black")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def sign_in(client: TestClient, login: str, password: str):
    page = client.get("/login")
    response = client.post("/login", data={"login": login, "password": password, "csrf": form_token(page.text),
                                           "next": "/"})
    return response


def form_token(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def post(client: TestClient, path: str, case_page: str | None = None, **data):
    """A form post as the browser sends it, with the CSRF token and the version from the page."""
    page = client.get(case_page or "/")
    data.setdefault("csrf", form_token(page.text))
    if case_page and "seen_version" not in data:
        data["seen_version"] = re.search(r'name="seen_version" value="(\d+)"', page.text).group(1)
    return client.post(path, data=data)


def call_back(client, case_id, contact=PHONE, outcome="confirmed", **extra):
    return post(client, f"/cases/{case_id}/call-back", f"/cases/{case_id}", contact=contact, outcome=outcome,
                note="Rozmawiałam z właścicielem.", **extra)


def approve(client, case_id, **extra):
    return post(client, f"/cases/{case_id}/approve", f"/cases/{case_id}", **extra)


# --- logins -------------------------------------------------------------------------------------------

@pytest.mark.hostile
def test_every_page_needs_a_login_and_every_post_a_session(desk):
    case_id = desk.add_case()
    client = desk.client()
    for path in ("/", "/?state=checked", f"/cases/{case_id}", f"/cases/{case_id}/pages/1.jpg", "/regressions",
                 "/audit"):
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=/"), path
    for path in (f"/cases/{case_id}/call-back", f"/cases/{case_id}/approve", f"/cases/{case_id}/reject", "/logout"):
        response = client.post(path, data={"csrf": "x", "seen_version": "2", "reason": "r", "contact": PHONE,
                                           "outcome": "confirmed"})
        assert response.status_code == 403, path
        assert "zaloguj się" in response.text
    assert desk.case(case_id).state == CHECKED


@pytest.mark.hostile
def test_a_wrong_password_or_unknown_login_is_refused(desk):
    client = desk.client()
    for login, password in (("anna", "nie-to-haslo-123"), ("nikt", PASSWORD["anna"]), ("anna", "")):
        response = sign_in(client, login, password)
        assert response.status_code == 401
        assert "Nieprawidłowy login lub hasło." in response.text
        assert "odzysk_sesja" not in response.headers.get("set-cookie", "")
    assert client.get("/").status_code == 303
    with desk.store.transaction() as session:
        events = session.scalars(select(AuditEntry.event)).all()
    assert events.count("operator.login_failed") == 3


@pytest.mark.hostile
def test_the_login_form_needs_its_own_token(desk):
    client = desk.client()
    response = client.post("/login", data={"login": "anna", "password": PASSWORD["anna"], "csrf": "zgadnięty"})
    assert response.status_code == 403
    assert client.get("/").status_code == 303


def test_login_sets_a_strict_cookie_and_pages_carry_security_headers(desk):
    client = desk.client()
    response = sign_in(client, "anna", PASSWORD["anna"])
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = [c for c in response.headers.get_list("set-cookie") if c.startswith("odzysk_sesja=")][0]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Secure" not in cookie
    page = client.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'none'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "<script" not in page.text


def test_secure_cookies_when_asked(desk, app_standin):
    app = create_app(desk.store, desk.files, Policy(), None, lambda case_id: None, secure_cookies=True)
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    response = sign_in(client, "anna", PASSWORD["anna"])
    cookie = [c for c in response.headers.get_list("set-cookie") if c.startswith("odzysk_sesja=")][0]
    assert "Secure" in cookie


@pytest.mark.hostile
def test_next_after_login_stays_on_the_desk(desk):
    client = desk.client()
    page = client.get("/login?next=//evil.example/x")
    response = client.post("/login", data={"login": "anna", "password": PASSWORD["anna"],
                                           "csrf": form_token(page.text), "next": "https://evil.example/"})
    assert response.headers["location"] == "/"


def test_logout_ends_the_session(desk):
    client = desk.client("anna")
    assert client.get("/").status_code == 200
    # A browser under Referrer-Policy no-referrer sends "Origin: null" with our own forms.
    response = client.post("/logout", data={"csrf": form_token(client.get("/").text)},
                           headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/").status_code == 303
    with desk.store.transaction() as session:
        assert session.scalars(select(WebSession)).all() == []


@pytest.mark.hostile
def test_csrf_token_is_enforced_on_every_post(desk):
    case_id = desk.add_case()
    client = desk.client("anna")
    for path in (f"/cases/{case_id}/call-back", f"/cases/{case_id}/approve", f"/cases/{case_id}/reject", "/logout"):
        for token in ("", "zly-token"):
            data = {"seen_version": "2", "reason": "bo tak", "contact": PHONE, "outcome": "confirmed"}
            if token:
                data["csrf"] = token
            response = client.post(path, data=data)
            assert response.status_code == 403, (path, token)
            assert "token" in response.text
    cross_site = client.post("/logout", data={"csrf": form_token(client.get("/").text)},
                             headers={"Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    fetched_cross_site = client.post("/logout", data={"csrf": form_token(client.get("/").text)},
                                     headers={"Sec-Fetch-Site": "cross-site"})
    assert fetched_cross_site.status_code == 403
    assert desk.case(case_id).state == CHECKED
    with desk.store.transaction() as session:
        assert session.scalars(select(CallBack)).all() == [] and session.scalars(select(Decision)).all() == []
    assert client.get("/").status_code == 200          # still signed in


# --- the queue ----------------------------------------------------------------------------------------

def test_the_queue_lists_cases_in_order_and_counts_them(desk):
    now = SYSTEM_CLOCK.now()
    reject = dict(RESULT, verdict="reject", kind="mfa_removal")
    ready = dict(RESULT, verdict="ready", kind="ip_unblock")
    ids = {
        "review_old": desk.add_case(created_at=now - datetime.timedelta(days=3)),
        "review_new": desk.add_case(created_at=now - datetime.timedelta(hours=2)),
        "ready": desk.add_case(result=ready, created_at=now - datetime.timedelta(hours=1)),
        "reject": desk.add_case(result=reject, created_at=now - datetime.timedelta(days=9)),
        "executed": desk.add_case(state=EXECUTED, created_at=now - datetime.timedelta(days=20)),
    }
    client = desk.client("anna")
    page = client.get("/")
    rows = re.findall(r'data-testid="queue-row" data-case-id="([^"]+)" data-state="(\w+)"', page.text)
    assert [r[0] for r in rows] == [ids[k] for k in ("ready", "review_old", "review_new", "reject", "executed")]
    assert re.search(r'data-testid="count-all">Wszystkie <b>5</b>', page.text)
    assert re.search(r'data-testid="count-checked">czeka na decyzję <b>4</b>', page.text)
    assert re.search(r'data-testid="count-executed">wykonana <b>1</b>', page.text)
    assert re.search(r'data-testid="count-verdict-review">do sprawdzenia: <b>2</b>', page.text)
    for words in ("zdjęcie blokady IP", "usunięcie MFA", "nadanie roli administratora", "157-830-86-28",
                  "Serwis RTV AGD Jan Kowalski", "3 dni", "2 godz."):
        assert words in page.text
    filtered = client.get("/?state=executed").text
    assert re.findall(r'data-testid="queue-row" data-case-id="([^"]+)"', filtered) == [ids["executed"]]
    assert "Brak spraw" in client.get("/?state=rejected").text


@pytest.mark.parametrize("desk", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_the_queue_finds_cases_by_nip_company_account_file_or_number(desk):
    other = copy.deepcopy(RESULT)
    other["fields"].update(nip="5260250995", company="Łódzki Serwis 100% Sp. z o.o.", account="biuro@lodz.pl")
    kowalski = desk.add_case(file_name="upowaznienie_kowalski.pdf")
    lodz = desk.add_case(result=other, file_name="skan_lodz.jpg")
    client = desk.client("anna")

    def found(query: str, **filters) -> list[str]:
        page = client.get("/", params={"q": query, **filters})
        assert page.status_code == 200
        return re.findall(r'data-testid="queue-row" data-case-id="([^"]+)"', page.text)

    assert found("157-830-86-28") == found("1578308628") == found("830 86") == [kowalski]
    assert found("rtv agd") == found("Serwis RTV") == [kowalski]            # any case, ASCII letters
    assert found("Łódzki") == found("lodz.pl") == found("skan_lodz") == [lodz]
    assert found(lodz[:8]) == [lodz]
    assert found("100%") == [lodz] and found("%") == [lodz] and found("_") == [kowalski, lodz]   # literal, not wildcards
    assert found("nikogo takiego") == [] and "pasujących do „nikogo takiego”" in client.get("/?q=nikogo+takiego").text
    assert found("") == [kowalski, lodz]


def test_the_verdict_counts_filter_the_queue(desk):
    ready = desk.add_case(result=dict(RESULT, verdict="ready"))
    review = desk.add_case()
    client = desk.client("anna")
    page = client.get("/", params={"state": "checked", "verdict": "ready"}).text
    assert re.findall(r'data-testid="queue-row" data-case-id="([^"]+)"', page) == [ready]
    assert 'href="/?state=checked&amp;verdict=review"' in page
    assert re.findall(r'data-testid="queue-row" data-case-id="([^"]+)"',
                      client.get("/?verdict=nonsense").text) == [ready, review]    # an unknown verdict: no filter


# --- the case -----------------------------------------------------------------------------------------

def test_the_case_page_shows_fields_checks_boxes_and_contacts(desk):
    case_id = desk.add_case()
    client = desk.client("anna")
    page = client.get(f"/cases/{case_id}")
    assert page.status_code == 200
    html = page.text
    for words in ("Serwis RTV AGD Jan Kowalski", "jan.kowalski@example-serwis.pl", "Kraków", "Jan Kowalski",
                  "157-830-86-28", "NIP 1578308628 ma poprawną sumę kontrolną.", "Sposób reprezentacji",
                  "wl-api.mf.gov.pl", "Xy12-abc", "Zatwierdzenia: <b>0 z 2</b>", PHONE, EMAIL):
        assert words in html, words
    # What the operator must confirm: every inconclusive check, and nothing that passed.
    confirm = html[html.index('data-testid="to-confirm"'):html.index('data-testid="pages"')]
    assert "J*** K*******" in confirm and "pieczęci" in confirm and "sumę kontrolną" not in confirm
    assert "Przed zatwierdzeniem: potwierdź" in confirm
    # Boxes over the page image, placed in percent of the page by a style with this response's nonce.
    nonce = re.search(r"'nonce-([^']+)'", page.headers["content-security-policy"]).group(1)
    assert f'<style nonce="{nonce}">' in html
    assert 'data-testid="box-nip"' in html and 'data-testid="box-company"' in html
    assert re.search(r"#box-1-0\{left:10\.0%;top:17\.67\d%;width:40\.0%;height:2\.28\d?%\}", html)
    assert re.search(r'class="box low" id="box-1-\d" data-testid="box-company"', html)
    # The tenant as the application has it, beside the letter.
    assert "t-kowalski" in html and "a-1f3c9e0b2d" in html
    select_html = html[html.index('data-testid="call-back-contact"'):]
    select_html = select_html[:select_html.index("</select>")]
    assert re.findall(r'<option value="([^"]+)"', select_html) == [PHONE, EMAIL]
    for form in ("call-back-form", "approve-waits", "reject-form"):
        assert f'data-testid="{form}"' in html
    assert 'data-testid="case-state" data-state="checked"' in html
    image = client.get(f"/cases/{case_id}/pages/1.jpg")
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert image.content[:2] == b"\xff\xd8"
    assert client.get(f"/cases/{case_id}/pages/2.jpg").status_code == 404
    assert client.get("/cases/no-such-case").status_code == 404


def test_the_letter_is_shown_beside_the_registry_and_the_application(desk):
    result = copy.deepcopy(RESULT)
    result["registry"] = {"source": "ceidg", "name": "Jan Kowalski Serwis RTV AGD", "nip": "1578308629",
                          "status": "AKTYWNY", "board": ["Jan Kowalski"]}
    html = desk.client("anna").get(f"/cases/{desk.add_case(result=result)}").text
    table = html[html.index('data-testid="comparison"'):]
    table = table[:table.index("</table>")]
    assert "Jan Kowalski Serwis RTV AGD" in table and "Status: AKTYWNY" in table
    nip_row = re.search(r'<tr class="differs"><th>NIP</th><td>157-830-86-28</td><td>157-830-86-29</td>'
                        r'<td>157-830-86-28 \(płatnik\)</td></tr>', table)
    assert nip_row, table
    assert "jkowalski &lt;jan.kowalski@example-serwis.pl&gt; (id a-1f3c9e0b2d)" in table


@pytest.mark.hostile
def test_a_call_back_goes_only_to_a_contact_on_file(desk, app_standin):
    case_id = desk.add_case()
    client = desk.client("anna")
    refused = call_back(client, case_id, contact=LETTER_PHONE)
    assert refused.status_code == 409
    assert "tylko na kontakt zapisany w aplikacji" in refused.text
    assert call_back(client, case_id, outcome="maybe").status_code == 409
    done = call_back(client, case_id)
    assert done.status_code == 303 and done.headers["location"] == f"/cases/{case_id}?ok=call_back"
    with desk.store.transaction() as session:
        rows = session.scalars(select(CallBack)).all()
    assert [(r.contact, r.outcome, r.case_version) for r in rows] == [(PHONE, "confirmed", 2)]
    page = client.get(done.headers["location"]).text
    assert "Zapisano wynik kontaktu." in page and "potwierdzone" in page and "Anna Operator (anna)" in page
    assert 'data-testid="approve-form"' in page and 'data-testid="approve-waits"' not in page
    assert any(c["path"] == "/admin/api/tenants/t-kowalski/contacts" for c in app_standin.calls)


@pytest.mark.hostile
def test_no_contact_is_offered_when_the_account_belongs_to_another_tenant(desk):
    result = copy.deepcopy(RESULT)
    result["fields"]["account"] = "obcy"
    case_id = desk.add_case(result=result)
    client = desk.client("anna")
    page = client.get(f"/cases/{case_id}").text
    assert "kontaktów tego klienta nie używamy" in page
    assert 'data-testid="call-back-contact"' not in page
    refused = call_back(client, case_id, contact="+48 500 500 500")
    assert refused.status_code == 409 and "kontaktów tego klienta nie używamy" in refused.text


@pytest.mark.hostile
def test_approval_needs_a_call_back_first(desk):
    case_id = desk.add_case()
    client = desk.client("anna")
    refused = approve(client, case_id)
    assert refused.status_code == 409 and "Najpierw zapisz potwierdzenie" in refused.text


@pytest.mark.hostile
def test_one_operator_cannot_give_both_approvals(desk):
    case_id = desk.add_case()
    anna = desk.client("anna")
    assert call_back(anna, case_id).status_code == 303
    first = approve(anna, case_id, reason="Zgodne z odpisem pełnym.")
    assert first.status_code == 303 and first.headers["location"].endswith("?ok=approved")
    second = approve(anna, case_id)
    assert second.status_code == 409 and "drugie musi dać inny operator" in second.text
    assert desk.case(case_id).state == CHECKED and desk.enqueued == []
    page = anna.get(f"/cases/{case_id}").text
    assert "Zatwierdzenia: <b>1 z 2</b>" in page and "Zgodne z odpisem pełnym." in page
    assert 'data-testid="approve-done"' in page and 'data-testid="approve-form"' not in page
    assert 'data-testid="approve-form"' in desk.client("bartek").get(f"/cases/{case_id}").text


def test_the_second_operator_completes_the_case_and_execution_is_queued_once(desk):
    case_id = desk.add_case()
    anna, bartek = desk.client("anna"), desk.client("bartek")
    assert call_back(anna, case_id).status_code == 303
    assert approve(anna, case_id).status_code == 303
    done = approve(bartek, case_id)
    assert done.status_code == 303 and done.headers["location"].endswith("?ok=complete")
    assert desk.case(case_id).state == APPROVED
    assert desk.enqueued == [case_id]
    again = approve(bartek, case_id, seen_version="2")
    assert again.status_code == 409 and "nie czeka na decyzję" in again.text
    assert desk.enqueued == [case_id]
    page = bartek.get(done.headers["location"]).text
    assert 'data-state="approved"' in page and "przekazana do wykonania" in page
    assert "Zatwierdzenia: <b>2 z 2</b>" in page
    assert 'data-testid="approve-form"' not in page
    events = re.findall(r'data-testid="case-audit-row"><td>\d+</td><td>[^<]*</td><td>([^<]+)</td>', page)
    assert events[-4:] == ["kontakt zwrotny", "zatwierdzenie", "zatwierdzenie", "komplet zatwierdzeń"]


def test_a_failed_queue_still_leaves_the_case_approved(desk, app_standin):
    def broken(case_id):
        raise ConnectionError("redis down")
    app = create_app(desk.store, desk.files, Policy(), AppClient(app_standin.url, app_standin.token), broken)
    case_id = desk.add_case()
    anna = TestClient(app, follow_redirects=False)
    bartek = TestClient(app, follow_redirects=False)
    sign_in(anna, "anna", PASSWORD["anna"])
    sign_in(bartek, "bartek", PASSWORD["bartek"])
    call_back(anna, case_id)
    approve(anna, case_id)
    response = approve(bartek, case_id)
    assert response.headers["location"].endswith("?ok=enqueue_failed")
    assert desk.case(case_id).state == APPROVED


def test_the_execution_result_is_shown(desk):
    case_id = desk.add_case(state=EXECUTED)
    with desk.store.transaction() as session:
        session.add(Execution(case_id=case_id, action="roles/admin", account_id="a-1f3c9e0b2d",
                              idempotency_key=f"{case_id}:roles/admin", state="done", attempts=1,
                              result={"outcome": "done", "account": {"id": "a-1f3c9e0b2d"}}, notified=True,
                              finished_at=SYSTEM_CLOCK.now()))
    page = desk.client("anna").get(f"/cases/{case_id}").text
    section = page[page.index('data-testid="execution-result"'):]
    assert 'data-state="done"' in section[:60]
    assert "wykonano w aplikacji" in section and "roles/admin" in section and "wysłane" in section
    assert 'data-testid="approve-form"' not in page and 'data-testid="reject-form"' not in page


def test_a_rejection_needs_a_reason(desk):
    case_id = desk.add_case()
    client = desk.client("anna")
    refused = post(client, f"/cases/{case_id}/reject", f"/cases/{case_id}", reason="   ")
    assert refused.status_code == 409 and "Podaj powód odrzucenia." in refused.text
    assert desk.case(case_id).state == CHECKED
    done = post(client, f"/cases/{case_id}/reject", f"/cases/{case_id}", reason="Podpis nie zgadza się z KRS.")
    assert done.status_code == 303
    case = desk.case(case_id)
    assert case.state == REJECTED and case.closed_reason == "Podpis nie zgadza się z KRS."
    assert "Podpis nie zgadza się z KRS." in client.get(f"/cases/{case_id}").text


@pytest.mark.hostile
def test_a_rejected_verdict_cannot_be_approved(desk):
    case_id = desk.add_case(result=dict(RESULT, verdict="reject"))
    client = desk.client("anna")
    page = client.get(f"/cases/{case_id}").text
    assert 'data-testid="approve-form"' not in page and 'data-testid="reject-form"' in page
    refused = approve(client, case_id, seen_version="2", csrf=form_token(page))
    assert refused.status_code == 409 and "nie można zatwierdzić" in refused.text


@pytest.mark.hostile
def test_a_stale_version_is_refused(desk):
    case_id = desk.add_case()
    client = desk.client("anna")
    assert call_back(client, case_id).status_code == 303
    for version in ("1", "3", "", "dwa"):
        response = approve(client, case_id, seen_version=version)
        assert response.status_code == 409, version
        assert "odśwież stronę" in response.text
    stale_reject = post(client, f"/cases/{case_id}/reject", f"/cases/{case_id}", seen_version="1", reason="x")
    assert stale_reject.status_code == 409 and "Sprawa zmieniła się" in stale_reject.text
    with desk.store.transaction() as session:
        assert session.scalars(select(Decision)).all() == []
    # The case changes under the operator (read again): the approval form seen before no longer counts.
    page = client.get(f"/cases/{case_id}").text
    with desk.store.transaction() as session:
        session.execute(update(Case).where(Case.id == case_id).values(version=3))
    response = client.post(f"/cases/{case_id}/approve", data={"csrf": form_token(page), "seen_version": "2"})
    assert response.status_code == 409 and "Sprawa zmieniła się" in response.text


@pytest.mark.hostile
def test_html_in_a_file_name_and_in_the_letter_is_escaped(desk):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">.pdf'
    result = copy.deepcopy(RESULT)
    result["fields"]["company"] = '"><b onmouseover=alert(3)>Firma</b>'
    result["checks"][0]["detail"] = "<iframe src=//evil.example></iframe>"
    case_id = desk.add_case(file_name=hostile, result=result)
    client = desk.client("anna")
    for path in (f"/cases/{case_id}", "/"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = client.get(f"/cases/{case_id}").text
    assert "<iframe" not in html and "&lt;iframe src=//evil.example&gt;" in html


def test_the_regressions_page_shows_runs_newest_first_with_the_trend(desk):
    now = SYSTEM_CLOCK.now()
    with desk.store.transaction() as session:
        session.add(RegressionRun(ran_at=now - datetime.timedelta(days=1), folder="samples/letters", files=40,
                                  accuracy={"kind": 0.95, "nip": 0.9}, versions={"tesseract": "5.3.0"}, seconds=80))
        session.add(RegressionRun(ran_at=now, folder="samples/letters", files=40, accuracy={"kind": 0.95, "nip": 0.92},
                                  versions={"tesseract": "5.4.1"}, failed=["nip"], seconds=75))
    page = desk.client("anna").get("/regressions")
    assert page.status_code == 200
    rows = re.findall(r'data-testid="regression-row" data-run-id="(\d+)"', page.text)
    assert rows == ["2", "1"]
    assert "92,0 %" in page.text and "+2,0 pp" in page.text and "bez zmian" in page.text
    assert "tesseract: 5.3.0 → 5.4.1" in page.text


def test_the_audit_page_verifies_the_chain(desk):
    case_id = desk.add_case()
    client = desk.client("anna")
    call_back(client, case_id)
    page = client.get("/audit")
    assert page.status_code == 200
    assert 'data-testid="chain-status" data-intact="true"' in page.text
    assert "kontakt zwrotny" in page.text and "logowanie" in page.text
    assert len(re.findall(r'data-testid="audit-row"', page.text)) >= 4
    with desk.store.transaction() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.event == "case.call_back")).one()
        entry.payload = entry.payload.replace(PHONE, LETTER_PHONE)
    broken = client.get("/audit").text
    assert 'data-intact="false"' in broken and "przerwany" in broken


# --- operators ----------------------------------------------------------------------------------------

def test_operators_refuse_short_passwords_and_duplicate_logins(tmp_path):
    store = open_store(f"sqlite:///{tmp_path}/o.db")
    with store.transaction() as session:
        with pytest.raises(ValueError, match="co najmniej 10 znaków"):
            add_operator(session, "ewa", "Ewa", "krótkie")
        add_operator(session, "Ewa", "Ewa Nowak", "dość-długie-hasło")
    with store.transaction() as session:
        with pytest.raises(ValueError, match="już istnieje"):
            add_operator(session, "ewa", "Inna Ewa", "inne-długie-hasło")
    with store.transaction() as session:
        operator = check_password(session, " EWA ", "dość-długie-hasło")
        assert operator is not None and operator.password_hash.startswith("$argon2id$")
        assert check_password(session, "ewa", "dość-długie-hasłO") is None
        assert check_password(session, "nikt", "dość-długie-hasło") is None
    store.dispose()


def test_sessions_store_only_a_hash_and_expire(tmp_path):
    clock = ManualClock()
    store = open_store(f"sqlite:///{tmp_path}/s.db", clock=clock)
    with store.transaction() as session:
        operator = add_operator(session, "ewa", "Ewa Nowak", "dość-długie-hasło")
        token, csrf = open_session(session, operator)
    with store.transaction() as session:
        row = session.scalars(select(WebSession)).one()
        assert row.token_hash == token_hash(token) and token not in (row.token_hash, row.csrf)
        found = find_session(session, token)
        assert found is not None and found[0].login == "ewa" and found[1].csrf == csrf
        assert find_session(session, token + "x") is None
    clock.advance(datetime.timedelta(hours=11, minutes=59))
    with store.transaction() as session:
        assert find_session(session, token) is not None
    clock.advance(datetime.timedelta(minutes=1))                   # 12 hours after it was opened
    with store.transaction() as session:
        assert find_session(session, token) is None
    with store.transaction() as session:
        token, _ = open_session(session, operator)
        close_session(session, token)
        assert find_session(session, token) is None
    store.dispose()


def test_every_audit_event_has_a_polish_label():
    """The case journal names each event in Polish: an event added in code without a label would show raw."""
    from actions.desk.labels import EVENTS
    root = Path(__file__).resolve().parents[1]
    used = set()
    for path in list((root / "actions").rglob("*.py")) + list((root / "odzysk").rglob("*.py")):
        used |= set(re.findall(r'audit\.append\(\s*session,\s*"([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert len(used) > 15 and not used - set(EVENTS), used - set(EVENTS)
