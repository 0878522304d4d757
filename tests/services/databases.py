"""Real PostgreSQL and Redis for tests that need them.

Fixtures:
    postgres_url    -- a fresh, empty database on 127.0.0.1:5432 for one test, as a SQLAlchemy URL
                       ("postgresql+psycopg://postgres@127.0.0.1:5432/odzysk_test_<hex>"); dropped afterwards.
    redis_url       -- "redis://127.0.0.1:6379/0", after checking that the server answers.
    redis_namespace -- a unique key prefix "odzysk-test-<hex>"; keys under it are deleted afterwards.

A missing server fails the test (pytest.fail) with the reason; it never skips.
Markers: ``postgres`` and ``redis`` (registered in pyproject.toml).
"""
import secrets

import psycopg
import pytest
import redis
from psycopg import sql

from odzysk.broker import drop_namespace

POSTGRES_HOST = "127.0.0.1"
POSTGRES_PORT = 5432
POSTGRES_USER = "postgres"
POSTGRES_ADMIN_DB = "test"
REDIS_URL = "redis://127.0.0.1:6379/0"
CONNECT_TIMEOUT_S = 5


def _postgres_admin() -> psycopg.Connection:
    try:
        return psycopg.connect(host=POSTGRES_HOST, port=POSTGRES_PORT, user=POSTGRES_USER, dbname=POSTGRES_ADMIN_DB,
                               connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
    except psycopg.Error as exc:
        error = str(exc).strip()
    pytest.fail(f"PostgreSQL does not answer at {POSTGRES_HOST}:{POSTGRES_PORT} as user {POSTGRES_USER} "
                f"(database {POSTGRES_ADMIN_DB}): {error}\nStart it; this test needs a real PostgreSQL.", pytrace=False)


@pytest.fixture
def postgres_url():
    """A SQLAlchemy URL to a new empty database, dropped (WITH (FORCE)) after the test."""
    name = f"odzysk_test_{secrets.token_hex(6)}"
    with _postgres_admin() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"postgresql+psycopg://{POSTGRES_USER}@{POSTGRES_HOST}:{POSTGRES_PORT}/{name}"
    finally:
        with _postgres_admin() as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def redis_url() -> str:
    """The local Redis URL, once the server has answered a PING."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=CONNECT_TIMEOUT_S, socket_timeout=CONNECT_TIMEOUT_S)
    try:
        client.ping()
        return REDIS_URL
    except redis.RedisError as exc:
        error = str(exc)
    finally:
        client.close()
    pytest.fail(f"Redis does not answer at {REDIS_URL}: {error}\nStart it; this test needs a real Redis.", pytrace=False)


@pytest.fixture
def redis_namespace(redis_url):
    """A unique namespace for one test; every key in it ("<namespace>:...") is deleted afterwards."""
    prefix = f"odzysk-test-{secrets.token_hex(6)}"
    yield prefix
    drop_namespace(redis_url, prefix)
