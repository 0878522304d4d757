"""What the desk's pages show, gathered from the store into plain values the templates only print.

Nothing here writes; every function takes an open session and returns values that stay valid after
it closes."""
import re
from dataclasses import dataclass

from sqlalchemy import case as sql_case
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from actions.cases.decisions import standing
from actions.cases.policy import Policy
from actions.store.database import clock_of
from actions.store.tables import (
    CHECKED,
    AuditEntry,
    CallBack,
    Case,
    Decision,
    Execution,
    Mail,
    Operator,
    PagePreview,
    RegressionRun,
)
from verify.result import CaseResult, Check, Marks, Registry, Status, Verdict

from . import labels

STATE_ORDER = ("checked", "failed", "received", "approved", "executing", "executed", "rejected")
VERDICT_ORDER = tuple(Verdict)
QUEUE_LIMIT = 1000
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class QueueRow:
    id: str
    verdict: str
    kind: str
    company: str
    nip: str
    account: str
    file_name: str
    age: str
    received: str
    state: str


@dataclass(frozen=True)
class Queue:
    rows: list[QueueRow]
    by_state: dict[str, int]
    by_verdict: dict[str, int]          # of the cases waiting for a decision
    total: int
    shown_limit: bool


def queue(session: Session, state: str | None, verdict: str | None = None, search: str = "") -> Queue:
    """The cases in the desk's order, filtered by state, verdict and a search; counts are of all cases."""
    by_state = dict(session.execute(select(Case.state, func.count()).group_by(Case.state)).all())
    by_verdict = dict(session.execute(select(Case.verdict, func.count()).where(Case.state == CHECKED)
                                      .group_by(Case.verdict)).all())
    query = select(Case.id, Case.verdict, Case.kind, Case.company, Case.nip, Case.account, Case.file_name,
                   Case.created_at, Case.state)
    if state:
        query = query.where(Case.state == state)
    if verdict:
        query = query.where(Case.verdict == verdict)
    if (matching := _matching(search)) is not None:
        query = query.where(matching)
    rows = session.execute(query.order_by(*_queue_order()).limit(QUEUE_LIMIT + 1)).all()
    now = clock_of(session).now()
    shown = [QueueRow(r.id, r.verdict or "", r.kind or "", r.company or "", r.nip or "", r.account or "",
                      r.file_name, labels.age(r.created_at, now), labels.local_time(r.created_at), r.state)
             for r in rows[:QUEUE_LIMIT]]
    return Queue(shown, by_state, {k: v for k, v in by_verdict.items() if k}, sum(by_state.values()),
                 len(rows) > QUEUE_LIMIT)


def _queue_order():
    """Waiting for a decision first; ready before review before reject; oldest first."""
    by_state = sql_case(*((Case.state == s, i) for i, s in enumerate(STATE_ORDER)), else_=len(STATE_ORDER))
    by_verdict = sql_case(*((Case.verdict == v, i) for i, v in enumerate(VERDICT_ORDER)), else_=len(VERDICT_ORDER))
    return by_state, by_verdict, Case.created_at


def _matching(search: str):
    """What an operator types: a NIP in any spelling (its digits), or part of a company, an account, a
    file name or a case number; None for an empty search. LIKE's wildcards in it are taken literally.
    Case is ignored for ASCII letters (SQL lower() may not fold Ł to ł); as typed, it always matches."""
    words = " ".join(search.split())[:100]
    if not words:
        return None
    columns = (Case.company, Case.account, Case.file_name)
    found = or_(*(column.contains(words, autoescape=True) for column in columns),
                *(func.lower(column).contains(words.lower(), autoescape=True) for column in columns),
                Case.id.startswith(words.lower(), autoescape=True))
    digits = re.sub(r"[\s-]", "", words)
    if digits.isdigit() and len(digits) >= 3:
        found = or_(found, Case.nip.contains(digits))
    return found


@dataclass(frozen=True)
class Box:
    id: str
    field: str
    label: str
    value: str
    left: float
    top: float
    width: float
    height: float
    low: bool


@dataclass(frozen=True)
class PageView:
    number: int
    boxes: list[Box]


@dataclass(frozen=True)
class Approval:
    operator_id: int
    who: str
    at: str
    reason: str


@dataclass(frozen=True)
class Call:
    who: str
    contact: str
    outcome: str
    outcome_label: str
    note: str
    at: str
    version: int
    counts: bool


@dataclass(frozen=True)
class CaseView:
    case: Case
    result: CaseResult
    mail: Mail | None
    pages: list[PageView]
    fields: list[dict]
    checks: list[dict]
    to_confirm: list[dict]
    evidence: list[dict]
    approvals: list[Approval]
    needed: int
    call_back_needed: bool
    call_back: Call | None
    calls: list[Call]
    decisions: list[dict]
    execution: Execution | None
    audit: list[dict]
    marks: Marks | None = None          # None: the file was never read


def case_view(session: Session, case: Case, policy: Policy) -> CaseView:
    result = CaseResult.from_json(case.result)
    names = dict(session.execute(select(Operator.id, Operator.name)).all())
    logins = dict(session.execute(select(Operator.id, Operator.login)).all())

    def who(operator_id: int) -> str:
        return f"{names.get(operator_id, '?')} ({logins.get(operator_id, '?')})"

    stand = standing(session, case, policy)
    calls = [_call(c, who(c.operator_id), case.version) for c in session.scalars(
        select(CallBack).where(CallBack.case_id == case.id).order_by(CallBack.called_at)).all()]
    confirmed = next((c for c in reversed(calls) if c.counts), None)
    decisions = [{"who": who(d.operator_id), "decision": d.decision, "reason": d.reason, "version": d.case_version,
                  "at": labels.local_time(d.decided_at), "current": d.case_version == case.version}
                 for d in session.scalars(select(Decision).where(Decision.case_id == case.id)
                                          .order_by(Decision.decided_at)).all()]
    checks = [_check(c) for c in result.checks]
    return CaseView(
        case=case, result=result, mail=session.get(Mail, case.mail_id) if case.mail_id else None,
        pages=_pages(session, case.id, result), fields=_fields(result), checks=checks,
        to_confirm=[c for c in checks if c["status"] == Status.INCONCLUSIVE], evidence=_evidence(result),
        approvals=[Approval(a.operator_id, who(a.operator_id), labels.local_time(a.decided_at), a.reason) for a in stand.approvals],
        needed=stand.needed, call_back_needed=stand.call_back_needed, call_back=confirmed, calls=calls,
        decisions=decisions, execution=session.scalars(select(Execution).where(Execution.case_id == case.id)).first(),
        audit=[_audit(e) for e in session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id)
                                                   .order_by(AuditEntry.seq)).all()],
        marks=result.marks)


def _pages(session: Session, case_id: str, result: CaseResult) -> list[PageView]:
    previews = session.scalars(select(PagePreview).where(PagePreview.case_id == case_id)
                               .order_by(PagePreview.number)).all()
    pages = []
    for preview in previews:
        boxes = []
        for name, source in result.sources.items():
            if source.page != preview.number:
                continue
            box = _percent_box(source.box, preview.width, preview.height)
            if box is None:
                continue
            confidence = source.confidence
            boxes.append(Box(f"box-{preview.number}-{len(boxes)}", name, labels.FIELDS.get(name, name),
                             _text(result.fields.get(name)), *box,
                             low=isinstance(confidence, (int, float)) and confidence < LOW_CONFIDENCE))
        pages.append(PageView(preview.number, boxes))
    return pages


def _percent_box(box, width: int, height: int) -> tuple[float, float, float, float] | None:
    """[x0, y0, x1, y1] in page pixels -> (left, top, width, height) in percent of the page, clamped."""
    if not (isinstance(box, (list, tuple)) and len(box) == 4 and width > 0 and height > 0):
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in box)
    except (TypeError, ValueError):
        return None
    left, top = _clamp(min(x0, x1) / width * 100), _clamp(min(y0, y1) / height * 100)
    right, bottom = _clamp(max(x0, x1) / width * 100), _clamp(max(y0, y1) / height * 100)
    if right <= left or bottom <= top:
        return None
    return round(left, 3), round(top, 3), round(right - left, 3), round(bottom - top, 3)


def _clamp(value: float) -> float:
    return min(100.0, max(0.0, value))


def _fields(result: CaseResult) -> list[dict]:
    out = []
    for name, label in labels.FIELDS.items():
        source = result.sources.get(name)
        confidence = source.confidence if source else None
        read_by = source.read_by if source else None
        out.append({"name": name, "label": label, "value": _text(result.fields.get(name)),
                    "confidence": labels.percent(confidence, 0) if isinstance(confidence, (int, float)) else "—",
                    "low": isinstance(confidence, (int, float)) and confidence < LOW_CONFIDENCE,
                    "page": (source.page if source else None) or "—",
                    "read_by": labels.READ_BY.get(read_by, read_by or "—")})
    return out


def _check(check: Check) -> dict:
    return {"name": check.name, "label": labels.CHECKS.get(check.name, check.name), "status": check.status.value,
            "status_label": labels.CHECK_STATUS.get(check.status, check.status.value), "detail": check.detail}


def _evidence(result: CaseResult) -> list[dict]:
    return [{"service": labels.SERVICES.get(e.service, e.service), "url": e.url, "fetched_at": e.fetched_at,
             "status": "" if e.status is None else e.status, "sha256": e.sha256, "request_id": e.request_id or ""} for e in result.evidence]


def _call(row: CallBack, who: str, version: int) -> Call:
    return Call(who, row.contact, row.outcome, labels.CALL_OUTCOMES.get(row.outcome, row.outcome), row.note,
                labels.local_time(row.called_at), row.case_version,
                counts=row.case_version == version and row.outcome == "confirmed")


def _audit(entry: AuditEntry) -> dict:
    payload = entry.payload if len(entry.payload) <= 400 else entry.payload[:400] + "…"
    return {"seq": entry.seq, "at": labels.local_time(entry.at), "event": entry.event,
            "event_label": labels.EVENTS.get(entry.event, entry.event), "case_id": entry.case_id or "",
            "actor": entry.actor, "payload": payload, "hash": entry.hash}


def _text(value) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def comparison(result: CaseResult, tenant) -> list[dict]:
    """The letter beside the registry and the application: rows of (what, letter, registry, app, differs)."""
    fields = result.fields
    registry = result.registry or Registry()
    details = {c.name: c.detail for c in result.checks}
    account, company = tenant.account or {}, tenant.tenant or {}
    letter_nip, payer_nip = fields.get("nip") or "", str(company.get("payer_nip") or "")
    registry_nip = str(registry.nip or "")
    rows = [
        {"what": "Firma", "letter": _text(fields.get("company")),
         "registry": _text(registry.name) or details.get("registry", ""),
         "app": _text(company.get("name")), "differs": False},
        {"what": "NIP", "letter": labels.nip(letter_nip), "registry": labels.nip(registry_nip) if registry_nip else "",
         "app": labels.nip(payer_nip) + (" (płatnik)" if payer_nip else "") if payer_nip else "",
         "differs": bool(letter_nip) and any(v and v != letter_nip for v in (registry_nip, payer_nip))},
        {"what": "KRS", "letter": _text(fields.get("krs")), "registry": _text(registry.krs), "app": "",
         "differs": False},
        {"what": "Podpisujący", "letter": _text(fields.get("signers")),
         "registry": _registry_people(registry) or details.get("representation", ""), "app": "", "differs": False},
        {"what": "Konto", "letter": _text(fields.get("account")), "registry": "",
         "app": _account_text(account), "differs": False},
    ]
    return rows


def _registry_people(registry: Registry) -> str:
    parts = []
    if registry.representation:
        parts.append(f"Sposób reprezentacji: {registry.representation}")
    if registry.board:
        parts.append("Osoby: " + _text(registry.board))
    if registry.status:
        parts.append(f"Status: {registry.status}")
    return "; ".join(parts)


def _account_text(account: dict) -> str:
    if not account:
        return ""
    roles = ", ".join(str(r) for r in account.get("roles") or []) or "—"
    return (f"{account.get('login', '')} <{account.get('email', '')}> (id {account.get('id', '')}); role: {roles}; "
            f"MFA: {'włączone' if account.get('mfa_enabled') else 'wyłączone'}; "
            f"blokada IP: {'włączona' if account.get('ip_lock_enabled') else 'wyłączona'}")


@dataclass(frozen=True)
class RunView:
    run: RegressionRun
    ran_at: str
    accuracy: dict[str, str]
    trend: dict[str, tuple[str, str]]          # field -> (text, up/down/same)
    changed_versions: list[str]


MEASURED = ("kind", "nip", "operator_nip", "account", "signers", "date", "city", "company", "signed", "stamped")
MEASURED_LABELS = {"kind": "Rodzaj", "signed": "Podpis", "stamped": "Pieczęć", **labels.FIELDS}


def regression_runs(session: Session, limit: int = 200) -> tuple[list[RunView], list[tuple[str, str]]]:
    runs = session.scalars(select(RegressionRun).order_by(RegressionRun.ran_at.desc(), RegressionRun.id.desc())
                           .limit(limit + 1)).all()
    names = [n for n in MEASURED if any(n in (r.accuracy or {}) for r in runs)]
    names += sorted({n for r in runs for n in (r.accuracy or {})} - set(names))
    views = []
    for index, run in enumerate(runs[:limit]):
        previous = runs[index + 1] if index + 1 < len(runs) else None
        accuracy = run.accuracy or {}
        views.append(RunView(run, labels.local_time(run.ran_at),
                             {n: labels.percent(accuracy.get(n)) if n in accuracy else "—" for n in names},
                             _trend(accuracy, previous.accuracy if previous else None, names),
                             _changed(run.versions or {}, previous.versions if previous else None)))
    return views, [(n, MEASURED_LABELS.get(n, n)) for n in names]


def _trend(now: dict, before: dict | None, names: list[str]) -> dict[str, tuple[str, str]]:
    out = {}
    for name in names:
        if before is None or name not in now or name not in (before or {}):
            continue
        delta = (float(now[name]) - float(before[name])) * 100
        if abs(delta) < 0.05:
            out[name] = ("bez zmian", "same")
        else:
            out[name] = (f"{delta:+.1f} pp".replace(".", ","), "up" if delta > 0 else "down")
    return out


def _changed(now: dict, before: dict | None) -> list[str]:
    if before is None:
        return []
    return [f"{k}: {before.get(k, '—')} → {now.get(k, '—')}" for k in sorted(set(now) | set(before))
            if now.get(k) != before.get(k)]


def latest_audit(session: Session, limit: int = 200) -> list[dict]:
    return [_audit(e) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)).all()]

