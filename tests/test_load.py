"""Load: 300 letters through a real mailbox with two worker processes on Redis and PostgreSQL. None lost,
none doubled, none stuck; the figures are printed (never asserted as times)."""
import secrets
import time

import pytest
from e2e_services import SAMPLES, letter_mail, sample_truth, service_env, start, stop, wait_for
from sqlalchemy import func, select

from actions.store.database import open_store
from actions.store.tables import Case, Mail
from odzysk.demo import app_accounts, registry_data, tenant_contacts
from standins.app import AppStandIn
from standins.registries import RegistryStandIn

pytestmark = [pytest.mark.chaos, pytest.mark.imap, pytest.mark.redis, pytest.mark.postgres, pytest.mark.slow]
LETTERS = 300


def test_three_hundred_letters_through_the_mailbox_with_two_workers(dovecot, postgres_url, redis_url,
                                                                     redis_namespace, tmp_path):
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".png", ".jpg", ".tif"))
    rows = sample_truth([p.name for p in files])
    known = [r for r in rows if r["kind"] != "unknown" and r["fields"].get("nip")]
    folder = f"load-{secrets.token_hex(4)}"
    for number in range(LETTERS):
        dovecot.append(letter_mail(files[number % len(files)], sender=f"nadawca{number}@firma.example"), folder)
    with RegistryStandIn(registry_data(known)) as registries, \
            AppStandIn(app_accounts(known), tenant_contacts(app_accounts(known))) as app:
        env = service_env(postgres_url, redis_url, redis_namespace, tmp_path / "data", registries, app,
                          ODZYSK_IMAP_HOST=dovecot.host, ODZYSK_IMAP_PORT=dovecot.port, ODZYSK_IMAP_TLS="no",
                          ODZYSK_IMAP_USER=dovecot.user, ODZYSK_IMAP_PASSWORD=dovecot.password,
                          ODZYSK_IMAP_FOLDER=folder, ODZYSK_IMAP_PROCESSED_FOLDER=f"{folder}-done",
                          ODZYSK_FETCH_EVERY_S=2, ODZYSK_RECONCILE_EVERY_S=30)
        store = open_store(postgres_url)
        started = time.monotonic()
        worker = start(["worker", "--processes", "2", "--threads", "1"], env, tmp_path / "worker.log")
        try:
            def counts():
                with store.transaction() as session:
                    total = session.scalar(select(func.count()).select_from(Case))
                    waiting = session.scalar(select(func.count()).select_from(Case).where(Case.state == "received"))
                return (total, waiting) if total == LETTERS and waiting == 0 else None
            wait_for(counts, 1800, f"{LETTERS} letters to be read (see worker.log)", every=2)
            seconds = time.monotonic() - started
        finally:
            stop(worker)
    with store.transaction() as session:
        mails = session.scalar(select(func.count()).select_from(Mail))
        distinct = session.scalar(select(func.count(func.distinct(Mail.sha256))))
        cases = session.scalars(select(Case)).all()
        by_verdict = {v: sum(c.verdict == v for c in cases) for v in ("ready", "review", "reject")}
    store.dispose()
    client = dovecot.connect()
    try:
        left, moved = client.select_folder(folder)[b"EXISTS"], client.select_folder(f"{folder}-done")[b"EXISTS"]
    finally:
        client.logout()
    print(f"\nload: {LETTERS} letters in {seconds:.0f} s with 2 worker processes = "
          f"{LETTERS / seconds * 60:.1f} letters/min; verdicts {by_verdict}")
    assert mails == distinct == LETTERS and len(cases) == LETTERS
    assert len({c.mail_id for c in cases}) == LETTERS
    assert all(c.attempts == 1 for c in cases if c.file_sha256)
    assert left == 0 and moved == LETTERS
