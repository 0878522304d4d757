"""End to end, as operators work: a letter appended to a real Dovecot mailbox goes through the Redis
workers into PostgreSQL and onto the desk; Debian's Chromium, driven by Playwright, logs in, reviews,
records the call-back, gives two approvals and sees the action executed on the stand-in application,
with the notice delivered over SMTP. A screenshot is kept in test-artifacts/."""
import secrets
import subprocess
import sys

import pytest
from e2e_services import (
    ROOT,
    SAMPLES,
    free_port,
    letter_mail,
    odzysk_env,
    sample_truth,
    start,
    stop,
    wait_for,
    wait_for_port,
)
from services.browser import save_screenshot
from sqlalchemy import select

from actions.store.database import open_store
from actions.store.tables import Case, Execution
from odzysk.demo import app_accounts, registry_data, tenant_contacts
from standins.app import AppStandIn
from standins.registries import RegistryStandIn

pytestmark = [pytest.mark.imap, pytest.mark.redis, pytest.mark.postgres, pytest.mark.browser]
LETTER = "0015.jpg"        # admin elevation by a sole trader: call-back and two approvals
AS_OF = "2026-11-25"       # the samples' day


@pytest.fixture
def world(dovecot, postgres_url, redis_url, redis_namespace, smtp_server, tmp_path):
    rows = sample_truth([LETTER])
    accounts = app_accounts(rows)
    folder = f"e2e-{secrets.token_hex(4)}"
    with RegistryStandIn(registry_data(rows)) as registries, \
            AppStandIn(accounts, tenant_contacts(accounts), token="e2e") as app:
        port = free_port()
        env = odzysk_env(DATABASE_URL=postgres_url, REDIS_URL=redis_url, ODZYSK_REDIS_NAMESPACE=redis_namespace,
                         ODZYSK_DATA_DIR=tmp_path / "data", ODZYSK_AS_OF=AS_OF, ODZYSK_NIGHTLY_AT="off",
                         ODZYSK_OBJECTION_HOURS=0,
                         ODZYSK_IMAP_HOST=dovecot.host, ODZYSK_IMAP_PORT=dovecot.port, ODZYSK_IMAP_TLS="no",
                         ODZYSK_IMAP_USER=dovecot.user, ODZYSK_IMAP_PASSWORD=dovecot.password,
                         ODZYSK_IMAP_FOLDER=folder, ODZYSK_IMAP_PROCESSED_FOLDER=f"{folder}-done",
                         ODZYSK_SMTP_HOST=smtp_server.host, ODZYSK_SMTP_PORT=smtp_server.port,
                         ODZYSK_KRS_URL=registries.url, ODZYSK_CEIDG_URL=registries.url,
                         ODZYSK_CEIDG_TOKEN=registries.token, ODZYSK_WL_URL=registries.url,
                         ODZYSK_APP_URL=app.url, ODZYSK_APP_TOKEN="e2e", ODZYSK_FETCH_EVERY_S=1,
                         ODZYSK_RECONCILE_EVERY_S=5, ODZYSK_DESK_PORT=port)
        for login in ("anna", "piotr"):
            added = subprocess.run([sys.executable, "-m", "odzysk", "operator", "add", login, "--password-stdin"],
                                   input=f"haslo-{login}-123\n", text=True, capture_output=True, cwd=ROOT, env=env)
            assert added.returncode == 0, added.stderr
        dovecot.append(letter_mail(SAMPLES / LETTER), folder)
        worker = start(["worker", "--processes", "1", "--threads", "2"], env, tmp_path / "worker.log")
        desk = start(["serve"], env, tmp_path / "desk.log")
        store = open_store(postgres_url, migrate=False)
        try:
            wait_for_port(port, 60)
            yield {"url": f"http://127.0.0.1:{port}", "app": app, "env": env, "folder": folder,
                   "store": store, "logs": tmp_path}
        finally:
            store.dispose()
            stop(worker)
            stop(desk)


def _log_in(page, url: str, login: str) -> None:
    page.goto(f"{url}/login")
    page.get_by_test_id("login-login").fill(login)
    page.get_by_test_id("login-password").fill(f"haslo-{login}-123")
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("queue").wait_for()


def _open_case(page, url: str, case_id: str) -> None:
    page.goto(f"{url}/")
    page.locator(f'[data-testid="queue-row"] a[href="/cases/{case_id}"]').first.click()
    page.get_by_test_id("case-state").wait_for()


def test_a_mailed_letter_reaches_execution_through_the_desk(world, page, smtp_server, dovecot):
    store, url = world["store"], world["url"]

    def checked_case():
        with store.transaction() as session:
            cases = session.scalars(select(Case)).all()
            return cases if cases and all(c.state != "received" for c in cases) else None
    [case] = wait_for(checked_case, 240, "the mailed letter to be read (see worker.log)")
    assert case.file_name == LETTER and case.kind == "admin_elevation" and case.verdict in ("ready", "review")

    _log_in(page, url, "anna")
    _open_case(page, url, case.id)
    assert "nowak" in page.get_by_test_id("fields").inner_text().lower()
    page.get_by_test_id("call-back-contact").select_option(index=0)
    page.get_by_test_id("call-back-outcome").select_option("confirmed")
    page.get_by_test_id("call-back-note").fill("Właściciel potwierdził prośbę telefonicznie.")
    page.get_by_test_id("call-back-submit").click()
    page.get_by_test_id("approve-submit").click()
    page.get_by_test_id("approvals").wait_for()
    assert "1" in page.get_by_test_id("approvals-count").inner_text()
    page.get_by_test_id("logout-form").locator("button").click()

    _log_in(page, url, "piotr")
    _open_case(page, url, case.id)
    page.get_by_test_id("approve-submit").click()
    page.get_by_test_id("approvals").wait_for()

    def executed():
        page.goto(f"{url}/cases/{case.id}")
        return page.get_by_test_id("case-state").inner_text().strip().lower() == "wykonana"
    wait_for(executed, 180, "the action to be executed (see worker.log)", every=1)
    assert "roles/admin" in page.get_by_test_id("execution-result").inner_text()
    save_screenshot(page, "desk-e2e-executed")

    posts = [c for c in world["app"].calls if c["method"] == "POST"]
    assert len(posts) == 1 and posts[0]["path"].endswith("/roles/admin")
    assert posts[0]["headers"]["Idempotency-Key"] == f"{case.id}:roles/admin"
    assert "admin" in world["app"].accounts[0]["roles"]
    on_file = tuple(world["app"].contacts[world["app"].accounts[0]["tenant"]["id"]]["emails"])
    received = smtp_server.wait_for(3, timeout=60)
    [ack] = [m for m in received if m.rcpt_tos == ("prezes@firma.example",)]
    assert "otrzymaliśmy" in ack.message["Subject"]           # the sender learns nothing more
    announcement, notice = [m for m in received if m is not ack]
    assert announcement.rcpt_tos == notice.rcpt_tos == on_file
    assert "zapowiedź" in announcement.message["Subject"] and "nadano" in notice.message["Subject"]
    with store.transaction() as session:
        assert session.scalars(select(Execution)).one().state == "done"
    client = dovecot.connect()
    try:
        assert client.select_folder(world["folder"])[b"EXISTS"] == 0
        assert client.select_folder(f"{world['folder']}-done")[b"EXISTS"] == 1
    finally:
        client.logout()
    verified = subprocess.run([sys.executable, "-m", "odzysk", "audit", "verify"], capture_output=True, text=True,
                              cwd=ROOT, env=world["env"])
    assert verified.returncode == 0, verified.stderr
