"""What operators decide: call-backs, approvals and rejections, and whether a case may be executed.

An approval is bound to the case version the operator saw: any change to the case voids it. Two
approvals must come from two different operators. Where a call-back is needed, it must be confirmed
with a contact on file before the approval that completes the case."""
import datetime
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store import audit
from actions.store.database import clock_of
from actions.store.tables import (
    APPROVED,
    CHECKED,
    FAILED,
    REJECTED,
    CallBack,
    Case,
    Decision,
    Operator,
    as_utc,
)
from intake.errors import OdzyskError, Treatment
from verify import kinds
from verify.result import Verdict

from .lifecycle import transition
from .policy import Policy

OUTCOMES = {"confirmed": "potwierdził", "denied": "zaprzeczył", "no_answer": "nie odebrał"}


class DecisionRefused(OdzyskError):
    """The desk shows the message to the operator; nothing was recorded."""
    code = "decision_refused"
    treatment = Treatment.OPERATOR


@dataclass(frozen=True)
class Standing:
    """Where a case stands on its way to execution."""
    approvals: tuple[Decision, ...]
    needed: int
    call_back: CallBack | None
    call_back_needed: bool

    @property
    def complete(self) -> bool:
        return len(self.approvals) >= self.needed and (self.call_back is not None or not self.call_back_needed)


def standing(session: Session, case: Case, policy: Policy, now: datetime.datetime | None = None) -> Standing:
    now = now or clock_of(session).now()
    since = now - policy.approval_ttl
    rows = session.scalars(select(Decision).where(Decision.case_id == case.id, Decision.decision == "approve",
                                                  Decision.case_version == case.version)
                           .order_by(Decision.decided_at)).all()
    approvals, seen = [], set()
    for row in rows:
        if as_utc(row.decided_at) >= since and row.operator_id not in seen:
            approvals.append(row)
            seen.add(row.operator_id)
    return Standing(tuple(approvals), policy.approvals_needed(case.kind or ""), confirmed_call_back(session, case),
                    policy.needs_call_back(case.kind or ""))


def confirmed_call_back(session: Session, case: Case) -> CallBack | None:
    """A confirmation at this version, unless a contact on file denied the request at this version: a
    denial is never outweighed by another call."""
    calls = session.scalars(select(CallBack).where(CallBack.case_id == case.id, CallBack.case_version == case.version)
                            .order_by(CallBack.called_at.desc())).all()
    if any(c.outcome == "denied" for c in calls):
        return None
    return next((c for c in calls if c.outcome == "confirmed"), None)


def record_call_back(session: Session, case: Case, operator: Operator, contact: str, outcome: str, note: str,
                     contacts_on_file: list[str], seen_version: int) -> CallBack:
    _must_be_open(case, seen_version)
    if contact not in contacts_on_file:
        raise DecisionRefused("Można dzwonić lub pisać tylko na kontakt zapisany w aplikacji, nie z pisma ani z maila.")
    if outcome not in OUTCOMES:
        raise DecisionRefused("Wybierz wynik kontaktu: potwierdził, zaprzeczył albo nie odebrał.")
    row = CallBack(case_id=case.id, operator_id=operator.id, case_version=case.version, contact=contact,
                   outcome=outcome, note=note.strip()[:2000])
    session.add(row)
    session.flush()
    audit.append(session, "case.call_back", {"contact": contact, "outcome": outcome, "note": row.note,
                                             "version": case.version}, case.id, operator.login)
    return row


def approve(session: Session, case: Case, operator: Operator, reason: str, policy: Policy, seen_version: int) -> str:
    """Record an approval; returns the case's state afterwards (approved once enough are in)."""
    _must_be_open(case, seen_version)
    if case.verdict not in (Verdict.READY, Verdict.REVIEW) or kinds.named(case.kind) is None:
        raise DecisionRefused("Sprawy z werdyktem „odrzucić” nie można zatwierdzić; można ją tylko zamknąć.")
    before = standing(session, case, policy)
    if any(a.operator_id == operator.id for a in before.approvals):
        raise DecisionRefused("To zatwierdzenie już jest Twoje: drugie musi dać inny operator.")
    if before.call_back_needed and before.call_back is None:
        raise DecisionRefused("Najpierw zapisz potwierdzenie telefoniczne lub mailowe z kontaktem z aplikacji.")
    session.add(Decision(case_id=case.id, operator_id=operator.id, case_version=case.version, decision="approve",
                         reason=reason.strip()[:2000]))
    session.flush()
    audit.append(session, "case.approved", {"version": case.version, "reason": reason.strip()},
                 case.id, operator.login)
    if standing(session, case, policy).complete:
        transition(case, APPROVED)
        audit.append(session, "case.ready_to_execute", {"version": case.version}, case.id, operator.login)
    return case.state


def reject(session: Session, case: Case, operator: Operator, reason: str, seen_version: int) -> None:
    if case.state not in (CHECKED, APPROVED, FAILED):
        raise DecisionRefused("Tej sprawy nie można już odrzucić (jest wykonywana, wykonana lub zamknięta).")
    if case.version != seen_version:
        raise DecisionRefused("Sprawa zmieniła się, odkąd ją otwarto: odśwież stronę i przejrzyj ją ponownie.")
    if not reason.strip():
        raise DecisionRefused("Podaj powód odrzucenia.")
    session.add(Decision(case_id=case.id, operator_id=operator.id, case_version=case.version, decision="reject",
                         reason=reason.strip()[:2000]))
    transition(case, REJECTED)
    case.closed_reason = reason.strip()[:2000]
    audit.append(session, "case.rejected", {"version": case.version, "reason": reason.strip()}, case.id, operator.login)


def _must_be_open(case: Case, seen_version: int) -> None:
    if case.state != CHECKED:
        raise DecisionRefused("Ta sprawa nie czeka na decyzję.")
    if case.version != seen_version:
        raise DecisionRefused("Sprawa zmieniła się, odkąd ją otwarto: odśwież stronę i przejrzyj ją ponownie.")
