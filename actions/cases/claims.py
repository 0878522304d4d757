"""The lease on a case: one worker at a time reads it, tells the tenant, acts on it or reports the result.

A claim is a compare-and-set on the case's state with a free (or run-out) lease, and hands out a holder
token. The token is checked right before any step that reaches outside (the application, the tenant's
mailbox) and before the lease is given up, so a worker that stalled past its lease and was replaced does
nothing more (THREATS E4). A dead worker's lease simply runs out."""
import uuid

from sqlalchemy import update
from sqlalchemy.orm import object_session

from actions.store.database import clock_of
from actions.store.tables import Case

from .lifecycle import require_moves
from .policy import Policy


def claim_case(session, case_id: str, states: tuple[str, ...], policy: Policy, *where, **values) -> str | None:
    """Take the case's lease if it is in one of `states`, its lease is free and `where` holds; `values`
    are set with it. Returns the holder token, None when another worker has it or there is nothing to do."""
    now, holder = clock_of(session).now(), uuid.uuid4().hex
    moved = session.execute(update(Case).where(
        Case.id == case_id, Case.state.in_(states), (Case.lease_until.is_(None)) | (Case.lease_until < now), *where)
        .values(lease_until=now + policy.lease, lease_holder=holder, **values)
        .execution_options(synchronize_session="fetch")).rowcount     # SQLite hands back naive datetimes
    if "state" in values:
        require_moves(states, values["state"], case_id)    # raising rolls the claim's transaction back
    return holder if moved else None


def holding(session, case_id: str, holder: str, states: tuple[str, ...]) -> Case | None:
    """The case, locked, while this holder still has its lease and it is in one of `states`."""
    case = session.get(Case, case_id, with_for_update=True)
    return case if case is not None and case.state in states and case.lease_holder == holder else None


def extend(case: Case, policy: Policy) -> None:
    """A whole lease again, from now, for the case this worker holds (before a step that may take long)."""
    case.lease_until = clock_of(object_session(case)).now() + policy.lease


def let_go(case: Case) -> None:
    """Nobody holds the case: it has left the state its lease was for (read, executed, failed, sent back)."""
    case.lease_until = case.lease_holder = None


def release_case(session, case_id: str, holder: str) -> None:
    """Give the lease up, if it is still this holder's (a replaced worker must not free its successor's)."""
    session.execute(update(Case).where(Case.id == case_id, Case.lease_holder == holder)
                    .values(lease_until=None, lease_holder=None).execution_options(synchronize_session="fetch"))
