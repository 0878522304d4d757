"""The notice after an executed action: composed in Polish and sent through a real SMTP server (aiosmtpd)."""
from datetime import datetime, timezone

import pytest

from actions.execution.notices import compose_notice
from actions.execution.smtp import NoticeError, SmtpConfig, send
from verify.kinds import NAMES as KINDS

SENDER = "odzysk@serwisant.online"
CONTACTS = ["biuro@example-serwis.pl", "szef@example-serwis.pl"]
EXECUTED = datetime(2026, 11, 12, 13, 5, tzinfo=timezone.utc)  # 14:05 in Warsaw (CET)
# Nothing about how the letter was checked may reach the customer: no failed checks, no registries.
FORBIDDEN = ["niezgodn", "odrzuc", "nie powiod", "błęd", "niepoprawn", "podejrzan", "wątpliw", "weryfikacj",
             "sprawdzen", "reprezentacj", "krs", "ceidg", "nip", "rejestr", "fail", "inconclusive", "reject"]


def notice(kind="mfa_removal", to=CONTACTS, login="jan.kowalski@example-serwis.pl", case_id="C-2026-0042"):
    return compose_notice(kind, login, "Serwis RTV AGD Jan Kowalski", case_id, EXECUTED, list(to), SENDER)


def config(server, **kwargs) -> SmtpConfig:
    return SmtpConfig(host=server.host, port=server.port, timeout_s=5, **kwargs)


def test_a_notice_reaches_every_contact_with_subject_and_polish_body(smtp_server):
    send(notice(), config(smtp_server))

    [mail] = smtp_server.wait_for(1)
    assert mail.mail_from == SENDER
    assert sorted(mail.rcpt_tos) == sorted(CONTACTS)
    assert mail.message["Subject"] == ("Serwisant Online: wyłączono uwierzytelnianie dwuskładnikowe na koncie "
                                       "jan.kowalski@example-serwis.pl [sprawa C-2026-0042]")
    assert mail.message["From"] == SENDER and mail.message["Message-ID"]
    body = mail.message.get_content()
    assert "jan.kowalski@example-serwis.pl" in body and "C-2026-0042" in body
    assert "wyłączyliśmy uwierzytelnianie dwuskładnikowe" in body
    assert "12.11.2026 o godz. 14:05" in body
    assert "upoważnienia" in body
    assert "odpowiedzieć na tę wiadomość" in body and "zadzwonić do operatora" in body


@pytest.mark.parametrize("kind, said", [
    ("mfa_removal", "wyłączyliśmy uwierzytelnianie dwuskładnikowe"),
    ("ip_unblock", "zdjęliśmy blokadę IP"),
    ("admin_elevation", "nadaliśmy uprawnienia administratora"),
])
def test_each_kind_says_what_was_done_and_nothing_about_checks(kind, said):
    message = notice(kind)
    body, subject = message.get_content(), message["Subject"]
    assert said in body
    assert "jan.kowalski@example-serwis.pl" in subject and "C-2026-0042" in subject
    text = (subject + "\n" + body).lower()
    assert [word for word in FORBIDDEN if word in text] == []


def test_every_kind_is_covered():
    assert set(KINDS) == {"mfa_removal", "ip_unblock", "admin_elevation"}
    with pytest.raises(ValueError):
        notice("password_reset")
    with pytest.raises(ValueError):
        notice(to=[])


def test_a_login_cannot_break_the_headers():
    message = notice(login="jan\r\nBcc: intruz@example.com")
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]


def test_the_same_notice_keeps_its_message_id():
    assert notice()["Message-ID"] == notice()["Message-ID"] == "<notice.mfa_removal.C-2026-0042@serwisant.online>"


def test_a_stopped_server_means_retry_later(smtp_server):
    settings = config(smtp_server)
    smtp_server.stop()

    with pytest.raises(NoticeError) as caught:
        send(notice(), settings)
    assert caught.value.treatment == "retry"
    assert "Spróbujemy ponownie" in str(caught.value)


def test_a_refused_recipient_goes_to_the_operator(smtp_server):
    smtp_server.refuse("nie-ma@example-serwis.pl")

    with pytest.raises(NoticeError) as caught:
        send(notice(to=["nie-ma@example-serwis.pl"]), config(smtp_server))
    assert caught.value.treatment == "operator"
    assert "nie-ma@example-serwis.pl" in caught.value.refused
    assert smtp_server.messages == []


def test_one_refused_among_several_still_reaches_the_others_and_tells_the_operator(smtp_server):
    smtp_server.refuse("nie-ma@example-serwis.pl")

    with pytest.raises(NoticeError) as caught:
        send(notice(to=["biuro@example-serwis.pl", "nie-ma@example-serwis.pl"]), config(smtp_server))
    assert caught.value.treatment == "operator"
    assert list(caught.value.refused) == ["nie-ma@example-serwis.pl"]
    [mail] = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ("biuro@example-serwis.pl",)


def test_starttls_on_a_server_without_it_goes_to_the_operator(smtp_server):
    with pytest.raises(NoticeError) as caught:
        send(notice(), config(smtp_server, starttls=True))
    assert caught.value.treatment == "operator"
