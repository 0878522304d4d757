"""The one way the project sends e-mail: hand a composed message to an SMTP server.

``send`` raises ``NoticeError`` whose ``treatment`` tells the caller what comes next: ``"retry"`` (the server
was unreachable or answered 4xx: send again later) or ``"operator"`` (a recipient or the message was refused,
or the configuration is wrong: a person must look).

This module imports nothing from the project but the errors' base class.
"""
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from intake.errors import OdzyskError, Treatment


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


def _reply_text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
