"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives.

Fixture:
    smtp_server -- a running server on a free port for one test. Attributes and methods:
        host, port                 where to connect
        messages                   list of ReceivedMail(mail_from, rcpt_tos, message) in arrival order,
                                   message being a parsed email.message.EmailMessage
        wait_for(count, timeout=5) block until at least `count` messages arrived; returns the list,
                                   fails the test when they do not come in time
        refuse(address)            answer RCPT TO for that address with a permanent 550
        stop()                     stop the server now (to test what a client does when it is gone)
"""
import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


@dataclass(frozen=True)
class ReceivedMail:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage


class _CollectingHandler:
    def __init__(self, server: "SmtpServer"):
        self._server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self._server.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        self._server._received(ReceivedMail(envelope.mail_from, tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, host: str = HOST):
        self.host = host
        self.port = 0
        self.messages: list[ReceivedMail] = []
        self.refused: set[str] = set()
        self._arrived = threading.Condition()
        self._controller: Controller | None = None

    def start(self) -> "SmtpServer":
        last_error = None
        for _ in range(5):  # a free port can be taken between the probe and the bind; try again
            port = _free_port(self.host)
            controller = Controller(_CollectingHandler(self), hostname=self.host, port=port, ready_timeout=10)
            try:
                controller.start()
            except Exception as exc:  # noqa: BLE001 - any start failure: try another port, report the last
                last_error = exc
                continue
            self._controller, self.port = controller, port
            return self
        pytest.fail(f"could not start the test SMTP server on {self.host}: {last_error}", pytrace=False)

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def refuse(self, address: str) -> None:
        self.refused.add(address.lower())

    def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedMail]:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    pytest.fail(f"expected {count} message(s) on the test SMTP server within {timeout}s, "
                                f"got {len(self.messages)}", pytrace=False)
                self._arrived.wait(left)
            return list(self.messages)

    def _received(self, mail: ReceivedMail) -> None:
        with self._arrived:
            self.messages.append(mail)
            self._arrived.notify_all()


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    try:
        yield server
    finally:
        server.stop()
