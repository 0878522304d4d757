"""The notice to a tenant's contacts on file after an action was carried out on one of its accounts.

Two verbs: ``compose_notice`` builds the e-mail (Polish, plain text), ``send`` hands it to an SMTP server.
The notice says what was done, to which account, when, and on what basis (a letter of authorization, by case
reference), and what to do if nobody asked for it. It never says how the letter was checked: no reasons, no
registry details (design guide, "Replies to the sender are the same whatever failed; reasons stay inside").

Recipients are the tenant's contacts on file, never an address taken from the letter or its e-mail; the caller
passes them in. ``send`` raises ``NoticeError`` whose ``treatment`` tells the caller what comes next:
``"retry"`` (the server was unreachable or answered 4xx: send again later) or ``"operator"`` (a recipient or the
message was refused, or the configuration is wrong: a person must look).

This module imports nothing from the project but the errors' base class.
"""
import re
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from intake.errors import OdzyskError, Treatment

KINDS = ("mfa_removal", "ip_unblock", "admin_elevation")
OPERATOR = "Sugar Mice Software"
LOCAL_TIME = ZoneInfo("Europe/Warsaw")

_SUBJECTS = {
    "mfa_removal": "Serwisant Online: wyłączono uwierzytelnianie dwuskładnikowe na koncie {login} [sprawa {case}]",
    "ip_unblock": "Serwisant Online: zdjęto blokadę IP z konta {login} [sprawa {case}]",
    "admin_elevation": "Serwisant Online: nadano uprawnienia administratora kontu {login} [sprawa {case}]",
}
_DONE = {
    "mfa_removal": "{when} wyłączyliśmy uwierzytelnianie dwuskładnikowe (MFA) na koncie „{login}” w aplikacji "
                   "Serwisant Online, należącym do firmy {tenant}.",
    "ip_unblock": "{when} zdjęliśmy blokadę IP (ograniczenie logowania do zaufanych adresów IP) z konta „{login}” "
                  "w aplikacji Serwisant Online, należącego do firmy {tenant}.",
    "admin_elevation": "{when} nadaliśmy uprawnienia administratora kontu „{login}” w aplikacji Serwisant Online, "
                       "należącemu do firmy {tenant}.",
}
_AFTER = {
    "mfa_removal": "Do logowania nadal potrzebne są login i hasło tego konta. Zalecamy ponowne włączenie "
                   "uwierzytelniania dwuskładnikowego zaraz po zalogowaniu.",
    "ip_unblock": "Do logowania nadal potrzebne są login i hasło tego konta. Po zalogowaniu prosimy wyłączyć "
                  "blokadę IP albo dodać właściwe adresy do listy zaufanych sieci.",
    "admin_elevation": "Do logowania nadal potrzebne są login i hasło tego konta. Prosimy przejrzeć listę kont "
                       "z uprawnieniami administratora w aplikacji.",
}
_PLANNED = {
    "mfa_removal": "wyłączenie uwierzytelniania dwuskładnikowego (MFA) na koncie „{login}”",
    "ip_unblock": "zdjęcie blokady IP z konta „{login}”",
    "admin_elevation": "nadanie uprawnień administratora kontu „{login}”",
}
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


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    user: str = ""
    password: str = ""
    sender: str = "odzysk@serwisant.online"
    starttls: bool = False
    timeout_s: float = 20


class NoticeError(OdzyskError):
    """The notice was not (fully) delivered to the SMTP server. The message is Polish, for the operator.

    ``treatment`` is ``"retry"`` (send again later) or ``"operator"`` (a person must look);
    ``refused`` maps each refused recipient to the server's (code, reply), when there were any.
    """

    def __init__(self, message: str, treatment: Treatment | str,
                 refused: dict[str, tuple[int, bytes]] | None = None):
        treatment = Treatment(treatment)
        super().__init__(message, treatment=treatment,
                         code="notice_not_sent" if treatment is Treatment.RETRY else "notice_refused")
        self.refused = dict(refused or {})

    def __reduce__(self):
        return type(self), (self.problem, self.treatment, self.refused)


def compose_notice(kind: str, account_login: str, tenant_name: str, case_id: str, executed_at: datetime,
                   to: list[str], sender: str, *, operator_phone: str = "") -> EmailMessage:
    """The notice for one executed action, addressed to the tenant's contacts on file.

    ``executed_at`` without a time zone is taken as UTC; the notice shows Polish local time.
    ``operator_phone``, when given, is printed as the number to call.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown action kind {kind!r}; expected one of {', '.join(KINDS)}")
    recipients = [_one_line(address) for address in to if _one_line(address)]
    if not recipients:
        raise ValueError("a notice needs at least one recipient from the tenant's contacts on file")
    login, tenant, case = _one_line(account_login), _one_line(tenant_name), _one_line(case_id)
    if not login or not case:
        raise ValueError("a notice needs the account login and the case id")

    message = EmailMessage()
    message["Subject"] = _SUBJECTS[kind].format(login=login, case=case)
    message["From"] = _one_line(sender)
    message["To"] = ", ".join(recipients)
    message["Reply-To"] = _one_line(sender)
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    message["Message-ID"] = _message_id(kind, case, sender)
    message["Auto-Submitted"] = "auto-generated"
    done = _DONE[kind].format(when=_when(executed_at), login=login, tenant=tenant or "(bez nazwy)")
    message.set_content(_BODY.format(done=done, operator=OPERATOR, case=case, after=_AFTER[kind],
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
    planned = _PLANNED[kind].format(login=login)
    message.set_content(_ANNOUNCEMENT.format(operator=OPERATOR, planned=planned, case=case,
                                             tenant=_one_line(tenant_name) or "(bez nazwy)", when=_when(not_before),
                                             phone=f" pod numer {_one_line(operator_phone)}" if operator_phone else ""))
    return message


def send(message: EmailMessage, config: SmtpConfig) -> None:
    """Hand the notice to the SMTP server; raise NoticeError when it is not accepted for every recipient."""
    where = f"{config.host}:{config.port}"
    try:
        with smtplib.SMTP(config.host, config.port, timeout=config.timeout_s) as smtp:
            if config.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if config.user:
                smtp.login(config.user, config.password)
            refused = smtp.send_message(message, from_addr=config.sender)
    except smtplib.SMTPRecipientsRefused as exc:
        raise _refused_error(exc.recipients, delivered_to_others=False) from exc
    except smtplib.SMTPAuthenticationError as exc:
        raise NoticeError(f"Serwer poczty {where} nie przyjął logowania użytkownika {config.user} "
                          f"({exc.smtp_code}). Popraw ustawienia SMTP i wyślij powiadomienie ponownie.",
                          "operator") from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise NoticeError(f"Serwer poczty {where} nie obsługuje STARTTLS lub logowania: {exc}. "
                          "Popraw ustawienia SMTP i wyślij powiadomienie ponownie.", "operator") from exc
    except smtplib.SMTPResponseException as exc:  # sender refused, data refused, helo refused, ...
        reply = _reply_text(exc.smtp_error)
        if 400 <= exc.smtp_code < 500:
            raise NoticeError(f"Serwer poczty {where} chwilowo nie przyjął powiadomienia ({exc.smtp_code} {reply}). "
                              "Spróbujemy ponownie później.", "retry") from exc
        raise NoticeError(f"Serwer poczty {where} odrzucił powiadomienie ({exc.smtp_code} {reply}). "
                          "Sprawdź wiadomość i ustawienia SMTP, a potem wyślij ją ręcznie.", "operator") from exc
    except ssl.SSLCertVerificationError as exc:
        raise NoticeError(f"Certyfikat serwera poczty {where} nie przeszedł weryfikacji: {exc}. "
                          "Popraw ustawienia SMTP i wyślij powiadomienie ponownie.", "operator") from exc
    except (smtplib.SMTPException, OSError) as exc:  # refused connection, timeout, disconnect, DNS
        raise NoticeError(f"Nie udało się połączyć z serwerem poczty {where} ({exc or type(exc).__name__}). "
                          "Spróbujemy ponownie później.", "retry") from exc
    if refused:
        raise _refused_error(refused, delivered_to_others=True)


def _refused_error(refused: dict[str, tuple[int, bytes]], delivered_to_others: bool) -> NoticeError:
    listed = "; ".join(f"{address} ({code} {_reply_text(reply)})" for address, (code, reply) in refused.items())
    temporary = all(400 <= code < 500 for code, _ in refused.values())
    if temporary and not delivered_to_others:
        return NoticeError(f"Serwer poczty chwilowo nie przyjął adresatów: {listed}. Spróbujemy ponownie później.",
                           "retry", refused)
    others = " Pozostali adresaci otrzymali powiadomienie." if delivered_to_others else ""
    return NoticeError(f"Serwer poczty odrzucił adresatów: {listed}.{others} Sprawdź adresy kontaktowe firmy "
                       "w aplikacji i powiadom ją ręcznie.", "operator", refused)


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


def _reply_text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
