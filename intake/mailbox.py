"""The mailbox that letters arrive in, over IMAP. The only module that talks to imapclient.

Mail is read with BODY.PEEK[], which leaves \\Seen alone, and leaves the folder only through
`move_to_processed`, which the caller invokes after the mail is safely recorded (THREATS D5). Every
UID in the watched folder is therefore pending. Faults of the connection raise MailboxUnavailable
(treatment "retry"); a server that refuses us (wrong password, missing folder) raises MailboxRefused
(treatment "operator"). After either, open the mailbox again.
"""
import imaplib
import ssl
from contextlib import contextmanager
from dataclasses import dataclass, field

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from .errors import IntakeError, Treatment

_BODY_PEEK = b"BODY.PEEK[]"
_BODY = b"BODY[]"
_SIZE = b"RFC822.SIZE"


@dataclass(frozen=True)
class MailboxConfig:
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    tls: bool
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    timeout_s: float = 30
    ca_file: str | None = None   # a CA bundle for a private server certificate; None: the system's


class MailboxUnavailable(IntakeError):
    code = "mailbox_unavailable"
    treatment = Treatment.RETRY
    advice = ("To zwykle chwilowa awaria sieci lub serwera poczty: pobieranie zostanie ponowione później. "
              "Jeśli trwa to dłużej, sprawdź adres i port serwera IMAP oraz jego działanie.")


class MailboxRefused(IntakeError):
    code = "mailbox_refused"
    treatment = Treatment.OPERATOR
    advice = ("Sprawdź w ustawieniach użytkownika i hasło skrzynki (ODZYSK_IMAP_*) oraz nazwy folderów, "
              "potem uruchom pobieranie ponownie.")


class MessageGone(IntakeError):
    code = "message_gone"
    treatment = Treatment.RETRY
    advice = "Nic nie trzeba robić: wiadomość przeniósł lub usunął ktoś inny, skrzynka zostanie odczytana ponownie."


class Mailbox:
    """One IMAP session on `config.folder`. Use as a context manager, or call open() and close()."""

    def __init__(self, config: MailboxConfig):
        self.config = config
        self._client: IMAPClient | None = None
        self._uidvalidity: int | None = None
        self._processed_exists = False

    def __enter__(self) -> "Mailbox":
        self.open()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def open(self) -> None:
        if self._client is not None:
            return
        with self._guard("łączenie"):
            self._client = IMAPClient(self.config.host, port=self.config.port, ssl=self.config.tls,
                                      ssl_context=self._ssl_context(), timeout=self.config.timeout_s)
            self._client.login(self.config.user, self.config.password)
            selected = self._client.select_folder(self.config.folder)
        self._uidvalidity = int(selected[b"UIDVALIDITY"])

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            _shutdown(client)

    def uidvalidity(self) -> int:
        """UIDVALIDITY of the watched folder, as the server gave it when the folder was selected."""
        self._connected()
        return self._uidvalidity

    def pending(self) -> list[int]:
        """UIDs of every message in the watched folder (processed mail is moved out), oldest first."""
        with self._guard("lista wiadomości"):
            client = self._connected()
            client.noop()           # a server may show mail that arrived since SELECT only after a sync
            return sorted(client.search(["NOT", "DELETED"]))

    def size(self, uid: int) -> int:
        """RFC822.SIZE of one message, to check before its body is fetched."""
        return int(self._fetch_item(uid, _SIZE, _SIZE, "rozmiar wiadomości"))

    def fetch(self, uid: int) -> bytes:
        """The raw message, read with BODY.PEEK[] so that \\Seen is not set."""
        return bytes(self._fetch_item(uid, _BODY_PEEK, _BODY, "pobieranie wiadomości"))

    def move_to_processed(self, uid: int) -> None:
        """Move one message to the processed folder (created when missing). A UID already gone is no error."""
        with self._guard("przenoszenie wiadomości"):
            client = self._connected()
            self._ensure_processed_folder(client)
            if client.has_capability("MOVE"):
                client.move([uid], self.config.processed_folder)
                return
            client.copy([uid], self.config.processed_folder)
            client.add_flags([uid], [b"\\Deleted"])
            if client.has_capability("UIDPLUS"):
                client.uid_expunge([uid])   # only this message; pending() skips \Deleted ones meanwhile

    def _fetch_item(self, uid: int, item: bytes, answer_key: bytes, doing: str):
        with self._guard(doing):
            answer = self._connected().fetch([uid], [item])
        if uid not in answer or answer_key not in answer[uid]:
            raise MessageGone(f"Wiadomości o UID {uid} nie ma już w folderze {self.config.folder}.")
        return answer[uid][answer_key]

    def _ensure_processed_folder(self, client: IMAPClient) -> None:
        if not self._processed_exists and not client.folder_exists(self.config.processed_folder):
            client.create_folder(self.config.processed_folder)
        self._processed_exists = True

    def _ssl_context(self) -> ssl.SSLContext | None:
        return ssl.create_default_context(cafile=self.config.ca_file) if self.config.tls else None

    def _connected(self) -> IMAPClient:
        if self._client is None:
            raise MailboxUnavailable(f"Połączenie ze skrzynką {self._where()} nie jest otwarte.")
        return self._client

    def _where(self) -> str:
        return f"{self.config.user}@{self.config.host}:{self.config.port}"

    @contextmanager
    def _guard(self, doing: str):
        """Translate imapclient's and the socket's errors into ours; a broken session is dropped."""
        try:
            yield
        except ssl.SSLCertVerificationError as exc:   # not passing: a wrong certificate or someone in between
            self._drop()
            raise MailboxRefused(f"Certyfikat serwera poczty {self._where()} nie przeszedł weryfikacji "
                                 f"({doing}): {exc.verify_message}.") from exc
        except (OSError, imaplib.IMAP4.abort) as exc:   # includes timeouts, TLS errors, a closed connection
            self._drop()
            raise MailboxUnavailable(f"Brak połączenia z serwerem poczty {self._where()} ({doing}): "
                                     f"{type(exc).__name__}: {exc}.") from exc
        except (IMAPClientError, imaplib.IMAP4.error) as exc:   # NO or BAD: the server refused
            self._drop()
            raise MailboxRefused(f"Serwer poczty {self._where()} odmówił ({doing}): {exc}.") from exc

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _shutdown(client)


def _shutdown(client: IMAPClient) -> None:
    try:
        client.shutdown()
    except (OSError, imaplib.IMAP4.error):
        pass
