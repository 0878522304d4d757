"""Opening the database and bringing its schema up to date (Alembic). SQLite by default, PostgreSQL
when the URL says so. SQLite transactions start IMMEDIATE, so two writers wait for each other instead
of failing half-way. A store keeps the clock it was opened with (actions.clock): its sessions carry it
(`clock_of`), and the tables' time columns are stamped by it."""
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from actions.clock import SYSTEM_CLOCK, Clock

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Store:
    def __init__(self, url: str, clock: Clock = SYSTEM_CLOCK):
        self.url = url
        self.clock = clock
        self.engine = _engine(url)
        # The clock rides along as an execution option, where the tables' column defaults find it.
        self.sessions = sessionmaker(self.engine.execution_options(clock=clock), expire_on_commit=False,
                                     info={"clock": clock})

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        with self.sessions.begin() as session:
            yield session

    def migrate(self) -> None:
        with self.engine.begin() as connection:
            config = alembic_config(self.url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(url: str, migrate: bool = True, clock: Clock = SYSTEM_CLOCK) -> Store:
    store = Store(url, clock)
    if migrate:
        store.migrate()
    return store


def clock_of(session: Session) -> Clock:
    """The clock of the store that made this session (the system clock for a session made otherwise)."""
    return session.info.get("clock", SYSTEM_CLOCK)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, future=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_connection, record):
        dbapi_connection.isolation_level = None         # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    return engine
