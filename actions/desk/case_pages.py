"""One case: its page, its page images, and what operators do on it (call-back, approve, reject).

Every form carries the case version the operator saw; the decisions module refuses a stale one. A
refusal re-renders the case with the message; a success redirects back to it (POST, redirect, GET).
Execution is queued only after the transaction with the completing approval has committed."""
import logging
from typing import Annotated, Callable, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.cases.decisions import DecisionRefused, approve, record_call_back, reject
from actions.store.files import FileStoreError
from actions.store.tables import APPROVED, CHECKED, FAILED, RECEIVED, Case, Operator, PagePreview

from . import queries
from .auth import PageOperator, PostOperator
from .context import desk_of, render
from .tenant import TenantOnFile, tenant_on_file

log = logging.getLogger("odzysk.desk")
router = APIRouter()
T = TypeVar("T")

NOTICES = {"call_back": "Zapisano wynik kontaktu.",
           "approved": "Zapisano Twoje zatwierdzenie. Drugie musi dać inny operator.",
           "complete": "Sprawa ma komplet zatwierdzeń i została przekazana do wykonania.",
           "enqueue_failed": "Sprawa ma komplet zatwierdzeń, ale kolejka wykonania nie przyjęła zlecenia. "
                             "Nic nie trzeba robić: zaległe sprawy są przekazywane ponownie automatycznie.",
           "rejected": "Sprawa odrzucona."}
DECIDABLE_REJECT = (CHECKED, APPROVED, FAILED)


@router.get("/cases/{case_id}")
def case_page(request: Request, case_id: str, signed: PageOperator, ok: str = ""):
    return _show(request, case_id, notice=NOTICES.get(ok, ""))


@router.get("/cases/{case_id}/pages/{number}.jpg")
def page_image(request: Request, case_id: str, number: int, signed: PageOperator):
    desk = desk_of(request)
    with desk.store.transaction() as session:
        preview = session.scalars(select(PagePreview).where(PagePreview.case_id == case_id,
                                                            PagePreview.number == number)).first()
        digest = preview.sha256 if preview else None
    if digest is None:
        raise HTTPException(404, "Nie ma takiej strony.")
    try:
        data = desk.files.get(digest)
    except FileStoreError as error:
        log.error("page image of case %s: %s", case_id, error)
        raise HTTPException(404, "Obrazu strony nie ma w magazynie plików.") from None
    return Response(data, media_type="image/jpeg", headers={"Cache-Control": "private, no-store"})


@router.post("/cases/{case_id}/call-back")
def call_back(request: Request, case_id: str, signed: PostOperator, seen_version: Annotated[str, Form()] = "",
              contact: Annotated[str, Form()] = "", outcome: Annotated[str, Form()] = "",
              note: Annotated[str, Form()] = ""):
    desk = desk_of(request)
    with desk.store.transaction() as session:
        case = _case(session, case_id)
        account, nip = case.account, case.nip
    # The contacts are fetched again here: what the form sends is only a choice among them.
    tenant = tenant_on_file(desk.app_actions, account, nip)
    try:
        if not tenant.contacts:
            raise DecisionRefused(tenant.problem or "Klient nie ma w aplikacji kontaktów: kontaktu nie da się zapisać.")
        version = _version(seen_version)
        _decide(desk, case_id, signed.id, lambda s, c, o: record_call_back(s, c, o, contact, outcome, note,
                                                                           list(tenant.contacts), version))
    except DecisionRefused as refused:
        return _show(request, case_id, error=refused.message, status=409, tenant=tenant)
    return _back(case_id, "call_back")


@router.post("/cases/{case_id}/approve")
def approve_case(request: Request, case_id: str, signed: PostOperator, seen_version: Annotated[str, Form()] = "",
                 reason: Annotated[str, Form()] = ""):
    desk = desk_of(request)
    try:
        version = _version(seen_version)
        state = _decide(desk, case_id, signed.id, lambda s, c, o: approve(s, c, o, reason, desk.policy, version))
    except DecisionRefused as refused:
        return _show(request, case_id, error=refused.message, status=409)
    if state != APPROVED:
        return _back(case_id, "approved")
    try:
        desk.enqueue_execution(case_id)
    except Exception:           # the reconciler picks up approved cases left behind
        log.exception("could not queue the execution of case %s", case_id)
        return _back(case_id, "enqueue_failed")
    return _back(case_id, "complete")


@router.post("/cases/{case_id}/reject")
def reject_case(request: Request, case_id: str, signed: PostOperator, seen_version: Annotated[str, Form()] = "",
                reason: Annotated[str, Form()] = ""):
    desk = desk_of(request)
    try:
        version = _version(seen_version)
        _decide(desk, case_id, signed.id, lambda s, c, o: reject(s, c, o, reason, version))
    except DecisionRefused as refused:
        return _show(request, case_id, error=refused.message, status=409)
    return _back(case_id, "rejected")


def _show(request: Request, case_id: str, error: str = "", notice: str = "", status: int = 200,
          tenant: TenantOnFile | None = None) -> Response:
    desk = desk_of(request)
    with desk.store.transaction() as session:
        case = _case(session, case_id)
        view = queries.case_view(session, case, desk.policy)
    if tenant is None:
        tenant = (TenantOnFile(problem="Pismo czeka na odczyt.") if case.state == RECEIVED
                  else tenant_on_file(desk.app_actions, case.account, case.nip))
    return render(request, "case.html", status, view=view, case=case, tenant=tenant,
                  comparison=queries.comparison(view.result, tenant), error=error, notice=notice,
                  open_for_decision=case.state == CHECKED, can_reject=case.state in DECIDABLE_REJECT)


def _decide(desk, case_id: str, operator_id: int, action: Callable[[Session, Case, Operator], T]) -> T:
    """Run one decision in its own transaction, on the locked case, as the signed-in operator."""
    with desk.store.transaction() as session:
        case = _case(session, case_id, lock=True)
        operator = session.get(Operator, operator_id)
        if operator is None or not operator.active:
            raise DecisionRefused("Twoje konto operatora jest nieaktywne.")
        return action(session, case, operator)


def _case(session: Session, case_id: str, lock: bool = False) -> Case:
    case = session.get(Case, case_id, with_for_update=lock) if len(case_id) <= 36 else None
    if case is None:
        raise HTTPException(404, "Nie ma takiej sprawy.")
    return case


def _version(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise DecisionRefused("Formularz nie podaje wersji sprawy: odśwież stronę i spróbuj ponownie.") from None


def _back(case_id: str, notice: str) -> RedirectResponse:
    return RedirectResponse(f"/cases/{quote(case_id, safe='')}?ok={notice}", status_code=303)
