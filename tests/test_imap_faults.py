"""THREATS D5: the IMAP connection dropped in the middle of a FETCH. The fetch fails with a retryable
error; the next fetch takes what is left; every mail ends as exactly one set of cases and is moved."""
import secrets
import socket
import threading

import pytest
from e2e_services import SAMPLES, letter_mail
from sqlalchemy import func, select

from actions.cases.from_mail import fetch_new_mail
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.tables import Case, Mail
from intake.limits import Limits
from intake.mailbox import Mailbox, MailboxConfig, MailboxUnavailable
from intake.mime import MailLimits

pytestmark = [pytest.mark.chaos, pytest.mark.imap]


class CuttingProxy:
    """A TCP relay to the IMAP server that drops both sides once the server has sent `cut_after` bytes."""

    def __init__(self, port: int, cut_after: int):
        self.target, self.cut_after, self.sent = port, cut_after, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        client, _ = self.listener.accept()
        server = socket.create_connection(("127.0.0.1", self.target))
        threading.Thread(target=self._pipe, args=(client, server, False), daemon=True).start()
        self._pipe(server, client, True)

    def _pipe(self, source, sink, counted):
        try:
            while chunk := source.recv(4096):
                if counted:
                    self.sent += len(chunk)
                    if self.sent > self.cut_after:
                        break
                sink.sendall(chunk)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            end.close()


def test_a_connection_dropped_mid_fetch_loses_and_doubles_nothing(dovecot, tmp_path):
    folder = f"cut-{secrets.token_hex(4)}"
    small, large = letter_mail(SAMPLES / "0006.pdf"), letter_mail(SAMPLES / "0015.jpg")
    dovecot.append(small, folder)
    dovecot.append(large, folder)
    store, files = open_store(f"sqlite:///{tmp_path}/s.db"), FileStore(tmp_path / "f")
    proxy = CuttingProxy(dovecot.port, cut_after=len(small) + len(large) // 2)    # inside the second FETCH

    def config(port):
        return MailboxConfig(dovecot.host, port, dovecot.user, dovecot.password, False, folder, f"{folder}-done")
    with pytest.raises(MailboxUnavailable) as dropped:
        with Mailbox(config(proxy.port)) as mailbox:
            fetch_new_mail(store, files, mailbox, MailLimits(), Limits(), lambda _: None)
    assert dropped.value.treatment == "retry" and dropped.value.message
    with Mailbox(config(dovecot.port)) as mailbox:          # the next scheduled fetch
        fetch_new_mail(store, files, mailbox, MailLimits(), Limits(), lambda _: None)
        assert mailbox.pending() == []
    with store.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Mail)) == 2
        assert sorted(c.file_name for c in session.scalars(select(Case))) == ["0006.pdf", "0015.jpg"]
    client = dovecot.connect()
    try:
        assert client.select_folder(f"{folder}-done")[b"EXISTS"] == 2
    finally:
        client.logout()
