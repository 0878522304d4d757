"""The mailbox from settings."""
from intake.mailbox import Mailbox, MailboxConfig, MailboxRefused
from intake.mime import MailLimits

from .settings import MailboxSettings, Settings


def open_mailbox(settings: MailboxSettings) -> Mailbox:
    if not settings.host:
        raise MailboxRefused("Nie ustawiono adresu skrzynki (ODZYSK_IMAP_HOST).")
    return Mailbox(MailboxConfig(settings.host, settings.port, settings.user, settings.password, settings.tls,
                                 settings.folder, settings.processed_folder))


def mail_limits(settings: Settings) -> MailLimits:
    # An attachment may be no larger than a file we agree to read.
    return MailLimits(max_attachment_bytes=settings.limits.max_file_bytes,
                      trusted_authserv_id=settings.mailbox.authserv_id)
