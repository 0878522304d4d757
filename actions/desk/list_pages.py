"""The desk's list pages: the queue of cases, the regression runs, the audit log."""
from fastapi import APIRouter, Request

from actions.store import audit

from . import labels, queries
from .auth import PageOperator
from .context import desk_of, render

router = APIRouter()


@router.get("/")
def queue_page(request: Request, signed: PageOperator, state: str = "", verdict: str = "", q: str = ""):
    state = state if state in labels.STATES else ""
    verdict = verdict if verdict in queries.VERDICT_ORDER else ""
    with desk_of(request).store.transaction() as session:
        queue = queries.queue(session, state or None, verdict or None, q)
    return render(request, "queue.html", queue=queue, state=state, verdict=verdict, q=q[:100],
                  state_order=queries.STATE_ORDER, verdict_order=queries.VERDICT_ORDER)


@router.get("/regressions")
def regressions_page(request: Request, signed: PageOperator):
    with desk_of(request).store.transaction() as session:
        runs, names = queries.regression_runs(session)
    return render(request, "regressions.html", runs=runs, names=names)


@router.get("/audit")
def audit_page(request: Request, signed: PageOperator):
    with desk_of(request).store.transaction() as session:
        chain = audit.verify_chain(session)
        entries = queries.latest_audit(session)
    return render(request, "audit.html", chain=chain, entries=entries)
