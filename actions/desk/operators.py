"""Operators of the desk and their web sessions.

Passwords are kept as argon2id hashes (argon2-cffi). A session token is handed to the browser once and
only its SHA-256 is stored, so a copy of the database opens no session. Each session carries its own
CSRF token and ends after 12 hours.

    >>> operator = add_operator(session, "anna", "Anna Nowak", "długie hasło 123")   # doctest: +SKIP
    >>> check_password(session, "anna", "długie hasło 123") is operator                 # doctest: +SKIP
    True
"""
import datetime
import hashlib
import re
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from actions.store import audit
from actions.store.database import clock_of
from actions.store.tables import Operator, WebSession, as_utc

MIN_PASSWORD = 10
SESSION_LIFETIME = datetime.timedelta(hours=12)
LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")

_hasher = PasswordHasher()


def add_operator(session: Session, login: str, name: str, password: str) -> Operator:
    """Create an operator; ValueError (with a message for the person at the keyboard) when the login
    is taken or malformed, or the password too short."""
    login = normal_login(login)
    if not LOGIN_PATTERN.fullmatch(login):
        raise ValueError("Login: 2–64 znaki, małe litery, cyfry, kropka, podkreślnik lub myślnik.")
    if not name.strip():
        raise ValueError("Podaj imię i nazwisko operatora.")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"Hasło musi mieć co najmniej {MIN_PASSWORD} znaków.")
    if session.scalars(select(Operator).where(Operator.login == login)).first() is not None:
        raise ValueError(f"Operator o loginie „{login}” już istnieje.")
    operator = Operator(login=login, name=name.strip()[:200], password_hash=_hasher.hash(password), active=True)
    session.add(operator)
    session.flush()
    audit.append(session, "operator.added", {"login": login, "name": operator.name})
    return operator


def check_password(session: Session, login: str, password: str) -> Operator | None:
    """The active operator with this login and password, or None. An unknown login costs the same
    hash check as a known one, so timing does not tell which logins exist."""
    operator = session.scalars(select(Operator).where(Operator.login == normal_login(login))).first()
    stored = operator.password_hash if operator is not None else _dummy_hash()
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if operator is None or not operator.active:
        return None
    if _hasher.check_needs_rehash(operator.password_hash):
        operator.password_hash = _hasher.hash(password)
    return operator


def open_session(session: Session, operator: Operator) -> tuple[str, str]:
    """Start a web session; returns (token for the cookie, CSRF token for the forms)."""
    now = clock_of(session).now()
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=token_hash(token), operator_id=operator.id, csrf=csrf, created_at=now,
                           expires_at=now + SESSION_LIFETIME))
    session.flush()
    return token, csrf


def find_session(session: Session, token: str) -> tuple[Operator, WebSession] | None:
    """The operator and the session behind a cookie's token, if the session is live and the operator
    still active."""
    if not token or len(token) > 200:
        return None
    row = session.get(WebSession, token_hash(token))
    if row is None:
        return None
    if as_utc(row.expires_at) <= clock_of(session).now():
        session.delete(row)
        return None
    operator = session.get(Operator, row.operator_id)
    if operator is None or not operator.active:
        return None
    return operator, row


def close_session(session: Session, token: str) -> None:
    if token and len(token) <= 200:
        session.execute(delete(WebSession).where(WebSession.token_hash == token_hash(token)))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normal_login(login: str) -> str:
    return login.strip().lower()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))
