"""The notices to a tenant's contacts on file: the announcement before an approved action is carried out
on one of its accounts, and the notice after it (Polish, plain text). Sending them is actions/execution/smtp.py.

The notice says what was done, to which account, when, and on what basis (a letter of authorization, by case
reference), and what to do if nobody asked for it. It never says how the letter was checked: no reasons, no
registry details (design guide, "Replies to the sender are the same whatever failed; reasons stay inside").
The words that differ by kind are in verify/kinds.py.

Recipients are the tenant's contacts on file, never an address taken from the letter or its e-mail; the caller
passes them in.
"""
import re
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from verify import kinds
from verify.kinds import NoticeTexts

OPERATOR = "Sugar Mice Software"
LOCAL_TIME = ZoneInfo("Europe/Warsaw")

_ANNOUNCEMENT = """Dzień dobry,

otrzymaliśmy pisemne upoważnienie do operatora aplikacji Serwisant Online, firmy {operator}, na
{planned} w aplikacji Serwisant Online, należącym do firmy {tenant}. Numer sprawy: {case}.

Zrobimy to nie wcześniej niż {when}.

Jeśli nikt w Państwa firmie nie prosił o tę zmianę, prosimy przed tym terminem odpowiedzieć na tę
wiadomość albo zadzwonić do operatora aplikacji Serwisant Online{phone}, podając numer sprawy {case}.
Wtedy nic nie zostanie zmienione.

Tę wiadomość wysłaliśmy na adresy kontaktowe firmy zapisane w aplikacji Serwisant Online.

Pozdrawiamy
{operator}
operator aplikacji Serwisant Online
"""
_BODY = """Dzień dobry,

{done}

Zrobiliśmy to na podstawie pisemnego upoważnienia przesłanego do operatora aplikacji, firmy {operator}.
Numer sprawy: {case}.

{after}

Jeśli nikt w Państwa firmie nie prosił o tę zmianę, prosimy natychmiast odpowiedzieć na tę wiadomość
albo zadzwonić do operatora aplikacji Serwisant Online{phone}, podając numer sprawy {case}.

Tę wiadomość wysłaliśmy na adresy kontaktowe firmy zapisane w aplikacji Serwisant Online.

Pozdrawiamy
{operator}
operator aplikacji Serwisant Online
"""


def compose_notice(kind: str, account_login: str, tenant_name: str, case_id: str, executed_at: datetime,
                   to: list[str], sender: str, *, operator_phone: str = "") -> EmailMessage:
    """The notice for one executed action, addressed to the tenant's contacts on file.

    ``executed_at`` without a time zone is taken as UTC; the notice shows Polish local time.
    ``operator_phone``, when given, is printed as the number to call.
    """
    texts = _texts(kind)
    recipients = [_one_line(address) for address in to if _one_line(address)]
    if not recipients:
        raise ValueError("a notice needs at least one recipient from the tenant's contacts on file")
    login, tenant, case = _one_line(account_login), _one_line(tenant_name), _one_line(case_id)
    if not login or not case:
        raise ValueError("a notice needs the account login and the case id")

    message = EmailMessage()
    message["Subject"] = texts.subject.format(login=login, case=case)
    message["From"] = _one_line(sender)
    message["To"] = ", ".join(recipients)
    message["Reply-To"] = _one_line(sender)
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    message["Message-ID"] = _message_id(kind, case, sender)
    message["Auto-Submitted"] = "auto-generated"
    done = texts.done.format(when=_when(executed_at), login=login, tenant=tenant or "(bez nazwy)")
    message.set_content(_BODY.format(done=done, operator=OPERATOR, case=case, after=texts.after,
                                     phone=f" pod numer {_one_line(operator_phone)}" if operator_phone else ""))
    return message


def compose_announcement(kind: str, account_login: str, tenant_name: str, case_id: str, not_before: datetime,
                         to: list[str], sender: str, *, operator_phone: str = "") -> EmailMessage:
    """The notice sent before an approved action is carried out, so that the tenant can object in time."""
    message = compose_notice(kind, account_login, tenant_name, case_id, not_before, to, sender,
                             operator_phone=operator_phone)
    login, case = _one_line(account_login), _one_line(case_id)
    del message["Subject"], message["Message-ID"]
    message["Subject"] = f"Serwisant Online: zapowiedź zmiany na koncie {login} [sprawa {case}]"
    message["Message-ID"] = _message_id(f"planned.{kind}", case, sender)
    planned = _texts(kind).planned.format(login=login)
    message.set_content(_ANNOUNCEMENT.format(operator=OPERATOR, planned=planned, case=case,
                                             tenant=_one_line(tenant_name) or "(bez nazwy)", when=_when(not_before),
                                             phone=f" pod numer {_one_line(operator_phone)}" if operator_phone else ""))
    return message


def _texts(kind: str) -> NoticeTexts:
    request = kinds.named(kind)
    if request is None:
        raise ValueError(f"unknown action kind {kind!r}; expected one of {', '.join(kinds.NAMES)}")
    return request.notice


def _when(executed_at: datetime) -> str:
    if executed_at.tzinfo is None:
        executed_at = executed_at.replace(tzinfo=timezone.utc)
    local = executed_at.astimezone(LOCAL_TIME)
    return f"{local:%d.%m.%Y} o godz. {local:%H:%M} (czasu polskiego)"


def _message_id(kind: str, case: str, sender: str) -> str:
    """The same notice gets the same Message-ID, so a repeated send can be recognised as a duplicate."""
    domain = sender.rpartition("@")[2].strip(" >") or "serwisant.online"
    token = re.sub(r"[^A-Za-z0-9._-]+", "-", case).strip("-") or "bez-numeru"
    return f"<notice.{kind}.{token}@{domain}>"


def _one_line(value: str) -> str:
    """Collapse control characters and runs of white space: nothing may break a header or a line."""
    return re.sub(r"[\s\x00-\x1f\x7f]+", " ", str(value)).strip()
