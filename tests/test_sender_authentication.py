"""THREATS D3: only our own server's Authentication-Results count. A forged header under another
authserv-id is ignored; our server's DMARC fail sends the case to review; a pass changes nothing."""
from email.message import EmailMessage

import pytest
from core_helpers import letter_result, reader

from actions.cases.creation import record_mail
from actions.cases.from_mail import to_incoming
from actions.cases.policy import Policy
from actions.cases.reading import process
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import Case
from intake.limits import Limits
from intake.mime import MailLimits, parse_mail

pytestmark = pytest.mark.hostile
OURS = MailLimits(trusted_authserv_id="mx.serwisant.online")


def _mail(*results: str) -> bytes:
    message = EmailMessage()
    for value in results:
        message["Authentication-Results"] = value
    message["From"], message["Subject"] = "prezes@firma.example", "Upoważnienie"
    message.set_content("W załączeniu.")
    message.add_attachment(b"%PDF-1.4 x", maintype="application", subtype="pdf", filename="u.pdf")
    return bytes(message)


def test_only_our_servers_verdict_counts():
    forged = "mx.attacker.example; dmarc=pass header.from=firma.example"
    assert parse_mail(_mail(forged), OURS).dmarc == ""
    assert parse_mail(_mail("mx.serwisant.online; dmarc=fail header.from=firma.example", forged), OURS).dmarc == "fail"
    assert parse_mail(_mail("MX.serwisant.online 1; spf=pass; dmarc=pass"), OURS).dmarc == "pass"
    assert parse_mail(_mail("mx.serwisant.online; dmarc=fail"), MailLimits()).dmarc == ""   # none trusted


@pytest.mark.parametrize("verdict, expected", [("fail", "review"), ("pass", "ready"), ("", "ready")])
def test_a_dmarc_failure_sends_a_ready_case_to_review(tmp_path, verdict, expected):
    store, files = open_store(f"sqlite:///{tmp_path}/s.db"), FileStore(tmp_path / "f")
    header = f"mx.serwisant.online; dmarc={verdict}" if verdict else "mx.other.example; dmarc=fail"
    incoming = to_incoming(_mail(header), "INBOX", 1, 1, OURS, Limits())
    assert incoming.dmarc == verdict
    with store.transaction() as session:
        [case_id] = record_mail(session, files, incoming)
    process(store, files, case_id, reader(letter_result()), Policy())
    with store.transaction() as session:
        case = session.get(Case, case_id)
        assert case.verdict == expected
        assert any(c["name"] == "sender" for c in case.result["checks"]) == (verdict == "fail")
