"""Sending the notice to the tenant's contacts on file: by SMTP when it is configured, otherwise into
an outbox folder (the demo, or a desk whose operators send notices themselves)."""
import logging
from pathlib import Path

from actions.cases.acknowledgment import compose_acknowledgment, reply_address
from actions.cases.creation import IncomingMail
from actions.execution.executor import Notice
from actions.execution.notices import compose_announcement, compose_notice
from actions.execution.smtp import SmtpConfig, send

from .settings import Smtp

log = logging.getLogger("odzysk.notify")


def deliver_notice(notice: Notice, smtp: Smtp, outbox: Path) -> None:
    if not notice.to:
        log.warning("case %s: the tenant has no e-mail on file; no notice sent", notice.case_id)
        return
    compose = compose_announcement if notice.stage == "announce" else compose_notice
    message = compose(notice.kind, notice.account_login, notice.tenant_name, notice.case_id, notice.executed_at,
                      list(notice.to), smtp.sender)
    if smtp.host is None:
        outbox.mkdir(parents=True, exist_ok=True)
        (outbox / f"{notice.case_id}.{notice.stage}.eml").write_bytes(bytes(message))
        return
    send(message, SmtpConfig(smtp.host, smtp.port, smtp.user, smtp.password, smtp.sender, smtp.starttls))


def acknowledge_mail(mail: IncomingMail, smtp: Smtp, outbox: Path) -> None:
    """The fixed acknowledgment to the sender of a new mail, when the sender is unambiguous."""
    to = reply_address(mail.sender, mail.sender_defects, smtp.sender)
    if to is None:
        return
    message = compose_acknowledgment(to, mail.message_id, smtp.sender)
    if smtp.host is None:
        outbox.mkdir(parents=True, exist_ok=True)
        (outbox / f"ack-{mail.sha256[:16]}.eml").write_bytes(bytes(message))
        return
    send(message, SmtpConfig(smtp.host, smtp.port, smtp.user, smtp.password, smtp.sender, smtp.starttls))
