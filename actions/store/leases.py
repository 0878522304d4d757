"""Named leases in the database: one holder at a time, for a bounded time, across every worker that
shares the store. A holder that dies loses the lease when it runs out."""
import datetime
from contextlib import contextmanager

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from .database import Store
from .tables import Lease


def take(store: Store, name: str, holder: str, ttl: datetime.timedelta) -> bool:
    now = store.clock.now()
    with store.transaction() as session:
        moved = session.execute(update(Lease).where(Lease.name == name, (Lease.until < now) | (Lease.holder == holder))
                                .values(holder=holder, until=now + ttl)).rowcount
        if moved:
            return True
    try:
        with store.transaction() as session:
            session.add(Lease(name=name, holder=holder, until=now + ttl))
        return True
    except IntegrityError:
        return False


def give_back(store: Store, name: str, holder: str) -> None:
    with store.transaction() as session:
        session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))


@contextmanager
def held(store: Store, name: str, holder: str, ttl: datetime.timedelta):
    """Yields whether the lease was taken; gives it back afterwards."""
    taken = take(store, name, holder, ttl)
    try:
        yield taken
    finally:
        if taken:
            give_back(store, name, holder)
