"""The reconciler's question: which cases did the workers leave behind? A lost queue message or a killed
worker leaves a case in a state a worker should have moved on from; the scheduler re-sends each one to
its actor (odzysk/actors.py), which claims it like any other."""
import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store.database import clock_of
from actions.store.tables import APPROVED, EXECUTED, EXECUTING, RECEIVED, Case, Execution

# Not for ever: a notice the mail server keeps refusing stays on the desk as not sent.
NOTICE_RETRIES_FOR = datetime.timedelta(days=1)


def stuck(session: Session, older_than: datetime.timedelta) -> list[tuple[str, str]]:
    """(case id, state) of cases left in a state a worker should have moved on from, executed cases whose
    tenant was not told yet (a worker that died between the action and the notice) among them."""
    now = clock_of(session).now()
    limit = now - older_than
    unfinished = Case.state.in_((RECEIVED, APPROVED, EXECUTING))
    not_told = (Case.state == EXECUTED) & Execution.notified.is_(False) & (Execution.finished_at > now - NOTICE_RETRIES_FOR)
    rows = session.execute(select(Case.id, Case.state).outerjoin(Execution, Execution.case_id == Case.id).where(
        unfinished | not_told, Case.updated_at < limit,
        (Case.lease_until.is_(None)) | (Case.lease_until < now),
        (Case.execute_after.is_(None)) | (Case.execute_after < now))).all()
    return [(r.id, r.state) for r in rows]
