"""A real IMAP server: Debian's Dovecot, our own throw-away instance on 127.0.0.1.

Fixture:
    dovecot (session) -- a running Dovecot 2.3 with one test user and Maildir storage in a temp dir. It
                         installs the Debian package `dovecot-imapd` with apt-get when /usr/sbin/dovecot is
                         missing (needs root and the Debian mirrors). A daemon the package may have started
                         on port 143 is left alone: this instance has its own configuration, base_dir and
                         free ports. Attributes and methods:
        host, port              plain IMAP (no TLS), LOGIN allowed
        tls_port, ca_file       IMAPS with a self-signed certificate for "localhost"/127.0.0.1, or None
                                when openssl could not make one
        user, password          the test user's credentials
        maildir                 Path of the user's Maildir (INBOX at its root, folders as .Name)
        append(raw, folder="INBOX", flags=()) -> int
                                store a message (creating the folder if needed); returns its UID
        connect() -> IMAPClient a logged-in imapclient.IMAPClient on the plain port; log it out yourself
        stop() / start()        stop the server (open connections drop) and start it again on the same
                                ports with the same mail, to simulate an outage
        running                 whether the server is up

A failed install or start fails the test (pytest.fail) with the reason; it never skips.
Marker: ``imap`` (registered in pyproject.toml).
"""
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from imapclient import IMAPClient

DOVECOT = Path("/usr/sbin/dovecot")
HOST = "127.0.0.1"
USER = "odzysk"
PASSWORD = "test-password-not-secret"
INSTALL_TIMEOUT_S = 900
START_TIMEOUT_S = 20

CONFIG = """\
# Throw-away Dovecot 2.3 configuration for the tests; nothing here is read from /etc/dovecot.
instance_name = odzysk-test-{port}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = {host}
ssl = {ssl}
{ssl_settings}
auth_mechanisms = plain login
disable_plaintext_auth = no
first_valid_uid = 0
mail_location = maildir:{root}/mail/%u
mail_privileged_group =
namespace inbox {{
  inbox = yes
  separator = .
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
{imaps_listener}}}
"""
IMAPS_LISTENER = """\
  inet_listener imaps {{
    address = {host}
    port = {port}
    ssl = yes
  }}
"""


class DovecotServer:
    def __init__(self, root: Path):
        self.root = root
        self.host, self.user, self.password = HOST, USER, PASSWORD
        self.port = _free_port()
        self.tls_port: int | None = None
        self.ca_file: str | None = None
        self.maildir = root / "mail" / USER
        self.config = root / "dovecot.conf"
        self._process: subprocess.Popen | None = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def configure(self) -> None:
        self.root.chmod(0o755)   # login and auth processes run as dovenull/dovecot
        (self.root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        uid, gid = _mail_owner()
        for name in ("mail", "home"):
            (self.root / name).mkdir()
            os.chown(self.root / name, uid, gid)
        ssl_settings, imaps_listener = "", ""
        if _make_certificate(self.root):
            self.tls_port, self.ca_file = _free_port(), str(self.root / "cert.pem")
            ssl_settings = f"ssl_cert = <{self.root}/cert.pem\nssl_key = <{self.root}/key.pem"
            if Path("/usr/share/dovecot/dh.pem").exists():
                ssl_settings += "\nssl_dh = </usr/share/dovecot/dh.pem"
            imaps_listener = IMAPS_LISTENER.format(host=HOST, port=self.tls_port)
        self.config.write_text(CONFIG.format(
            root=self.root, host=HOST, port=self.port, uid=uid, gid=gid, ssl="yes" if self.tls_port else "no",
            ssl_settings=ssl_settings, imaps_listener=imaps_listener))

    def start(self) -> None:
        if self.running:
            return
        log = open(self.root / "stdout.log", "ab")
        try:
            self._process = subprocess.Popen([str(DOVECOT), "-F", "-c", str(self.config)], stdout=log,
                                             stderr=subprocess.STDOUT, start_new_session=True)
        except OSError as exc:
            pytest.fail(f"could not start {DOVECOT}: {exc}", pytrace=False)
        finally:
            log.close()
        self._wait_until_answering()

    def stop(self) -> None:
        if self._process is None:
            return
        process, self._process = self._process, None
        # Dovecot runs in its own session (start_new_session), so its process group holds the master and
        # its children only. The master alone leaves imap processes behind: signal the whole group.
        _signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            pass
        _signal_group(process.pid, signal.SIGKILL)
        process.wait(10)
        _wait_until_closed(self.port)

    def connect(self) -> IMAPClient:
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client

    def append(self, raw: bytes, folder: str = "INBOX", flags=()) -> int:
        client = self.connect()
        try:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            answer = client.append(folder, raw, flags=flags)
        finally:
            client.logout()
        found = re.search(rb"APPENDUID \d+ (\d+)", answer)
        assert found, f"Dovecot did not answer APPEND with an APPENDUID: {answer!r}"
        return int(found.group(1))

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                pytest.fail(f"Dovecot exited with code {self._process.returncode} on start:\n{self._logs()}",
                            pytrace=False)
            if _greets(self.host, self.port):
                return
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"Dovecot did not answer on {self.host}:{self.port} within {START_TIMEOUT_S}s:\n{self._logs()}",
                    pytrace=False)

    def _logs(self) -> str:
        text = ""
        for name in ("stdout.log", "dovecot.log"):
            path = self.root / name
            if path.exists():
                text += f"--- {name}\n{path.read_text(errors='replace')[-3000:]}\n"
        return text


def _mail_owner() -> tuple[int, int]:
    """Who owns the mail: the current user, or `nobody` when that is root (Dovecot refuses uid 0 for mail)."""
    if os.getuid() != 0:
        return os.getuid(), os.getgid()
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.fail("running as root, and there is no user `nobody` to own the test mail", pytrace=False)
    return nobody.pw_uid, nobody.pw_gid


def _signal_group(group: int, signum: int) -> None:
    try:
        os.killpg(group, signum)
    except ProcessLookupError:
        pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _greets(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as conn:
            return conn.recv(100).startswith(b"* OK")
    except OSError:
        return False


def _wait_until_closed(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _greets(HOST, port):
        time.sleep(0.1)


def _make_certificate(root: Path) -> bool:
    """A self-signed certificate for localhost and 127.0.0.1; False when openssl is missing or fails."""
    if shutil.which("openssl") is None:
        return False
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
               "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem"), "-subj", "/CN=localhost",
               "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
    try:
        return subprocess.run(command, capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _install() -> None:
    if DOVECOT.exists():
        return
    if shutil.which("apt-get") is None:
        pytest.fail(f"{DOVECOT} is missing and apt-get is not available to install it", pytrace=False)
    if os.geteuid() != 0:
        pytest.fail(f"{DOVECOT} is missing; installing the Debian package `dovecot-imapd` needs root", pytrace=False)
    _run(["apt-get", "update", "-qq"])
    _run(["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", "dovecot-imapd"])
    if not DOVECOT.exists():
        pytest.fail(f"apt-get installed `dovecot-imapd` but {DOVECOT} is still missing", pytrace=False)


def _run(command: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.fail(f"installing Dovecot failed: {' '.join(command)}: {exc}", pytrace=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip()[-2000:]
        pytest.fail(f"installing Dovecot failed: {' '.join(command)} exited {done.returncode}:\n{tail}",
                    pytrace=False)


def _check_version() -> None:
    try:
        version = subprocess.run([str(DOVECOT), "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.fail(f"{DOVECOT} --version failed: {exc}", pytrace=False)
    if not version.startswith("2.3."):
        pytest.fail(f"the test configuration is written for Dovecot 2.3 (Debian 12); found {version.strip()!r}",
                    pytrace=False)


@pytest.fixture(scope="session")
def dovecot():
    """Our own Dovecot on free ports of 127.0.0.1 for the whole session; removed afterwards."""
    _install()
    _check_version()
    root = Path(tempfile.mkdtemp(prefix="odzysk-dovecot-"))
    server = DovecotServer(root)
    try:
        server.configure()
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
