"""Where a batch of cases stands, for the tools that load many at once and wait for them (the demo,
the worker bench): the queries live here so that odzysk/ needs no SQL of its own."""
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions.store.tables import RECEIVED, Case


def read_so_far(session: Session, case_ids: Iterable[str]) -> list[tuple[str, str]]:
    """(id, file name) of the cases among `case_ids` that have been read."""
    rows = session.execute(select(Case.id, Case.file_name).where(Case.id.in_(list(case_ids)), Case.state != RECEIVED))
    return [(row.id, row.file_name) for row in rows]


def still_waiting(session: Session, case_ids: Iterable[str]) -> int:
    """How many of `case_ids` have not been read yet."""
    return session.scalar(select(func.count()).select_from(Case).where(Case.id.in_(list(case_ids)),
                                                                       Case.state == RECEIVED))


def cases_by_id(session: Session, case_ids: Iterable[str]) -> dict[str, Case]:
    return {case.id: case for case in session.scalars(select(Case).where(Case.id.in_(list(case_ids))))}
