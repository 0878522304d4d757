"""Faults for the chaos tests: killing processes by role, restarting the machine's Redis and PostgreSQL
with the commands that started them, counting audit events."""
import os
import signal
import subprocess
import time
from pathlib import Path

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from sqlalchemy import func, select

from actions.store.tables import AuditEntry

REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
               "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"]


def descendants(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every process below `pid`."""
    children: dict[int, list[int]] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            commands[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append((child, commands.get(child, "")))
            todo.append(child)
    return found


def kill_dramatiq_workers(supervisor_pid: int, sig: int = signal.SIGKILL) -> list[int]:
    """kill -9 (or send `sig` to) the dramatiq worker processes (not their main process, nor our supervisor)."""
    tree = descendants(supervisor_pid)
    mains = {pid for pid, cmd in tree if "dramatiq odzysk.actors" in cmd and _parent(pid) == supervisor_pid}
    workers = [pid for pid, cmd in tree if "dramatiq odzysk.actors" in cmd and _parent(pid) in mains]
    for pid in workers:
        os.kill(pid, sig)
    return workers


def taken(redis_url: str, namespace: str, queue: str) -> set[tuple[str, str]]:
    """(ack set, message id) of the messages workers have taken from `queue` and not yet acknowledged:
    dramatiq keeps them in $namespace:__acks__.$worker.$queue."""
    import redis
    client = redis.Redis.from_url(redis_url)
    try:
        return {(key.decode(), member.decode()) for key in client.scan_iter(f"{namespace}:__acks__.*.{queue}")
                if client.type(key) == b"set" for member in client.smembers(key)}
    finally:
        client.close()


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return -1


def enqueue(redis_url: str, namespace: str, actor: str, case_id: str, queue: str) -> str:
    """Send a message as the actors do; returns its id."""
    broker = RedisBroker(url=redis_url, namespace=namespace)
    message = dramatiq.Message(queue_name=queue, actor_name=actor, args=(case_id,), kwargs={}, options={})
    broker.enqueue(message)
    broker.close()
    return message.message_id


def restart_redis() -> None:
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], capture_output=True, timeout=30)
    time.sleep(0.5)
    subprocess.run(REDIS_START, check=True, timeout=30)
    _until(lambda: subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True,
                                  text=True).stdout.strip() == "PONG", "Redis to answer again")


def restart_postgres() -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True, timeout=120)
    _until(lambda: subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True).returncode == 0,
           "PostgreSQL to answer again")


def count_events(store, event: str, case_id: str | None = None) -> int:
    with store.transaction() as session:
        query = select(func.count()).select_from(AuditEntry).where(AuditEntry.event == event)
        if case_id:
            query = query.where(AuditEntry.case_id == case_id)
        return session.scalar(query)


def _until(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")
