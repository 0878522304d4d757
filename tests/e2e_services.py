"""Starting odzysk's own processes for end-to-end tests: the worker and the desk, as a user would."""
import json
import os
import socket
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "letters"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_truth(names: list[str]) -> list[dict]:
    rows = [json.loads(line) for line in (SAMPLES / "truth.jsonl").read_text().splitlines() if line.strip()]
    return [r for r in rows if r["file"] in names]


def letter_mail(path: Path, sender="prezes@firma.example", subject="Upoważnienie") -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "odzyskiwanie@serwisant.online", subject
    message["Message-ID"] = f"<{path.stem}.{time.time_ns()}@firma.example>"
    message.set_content("W załączeniu upoważnienie.")
    kind = {"pdf": ("application", "pdf"), "jpg": ("image", "jpeg"), "png": ("image", "png"),
            "tif": ("image", "tiff")}[path.suffix[1:]]
    message.add_attachment(path.read_bytes(), maintype=kind[0], subtype=kind[1], filename=path.name)
    return bytes(message)


def odzysk_env(**values) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ODZYSK_", "REDIS_URL", "DATABASE_URL"))}
    env.update({k: str(v) for k, v in values.items()})
    return env


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "wb") as handle:            # the child writes to its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "odzysk", *args], cwd=ROOT, env=env, stdout=handle,
                                stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait(10)


def wait_for(condition, timeout: float, what: str, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def wait_for_port(port: int, timeout: float = 30) -> None:
    def answers():
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", port)) == 0
    wait_for(answers, timeout, f"port {port}")


def service_env(database_url: str, redis_url: str, namespace: str, data_dir: Path, registries, app, **extra) -> dict:
    """The environment of odzysk's processes in tests: stand-ins for the registries and the application,
    the samples' day, no nightly run, no objection window, quick reconciling."""
    return odzysk_env(DATABASE_URL=database_url, REDIS_URL=redis_url, ODZYSK_REDIS_NAMESPACE=namespace,
                      ODZYSK_DATA_DIR=data_dir, ODZYSK_AS_OF="2026-11-25", ODZYSK_NIGHTLY_AT="off",
                      ODZYSK_OBJECTION_HOURS=0, ODZYSK_KRS_URL=registries.url, ODZYSK_CEIDG_URL=registries.url,
                      ODZYSK_CEIDG_TOKEN=registries.token, ODZYSK_WL_URL=registries.url, ODZYSK_APP_URL=app.url,
                      ODZYSK_APP_TOKEN=app.token, **extra)
