"""Wykaz podatników VAT (the "white list", Ministry of Finance): a NIP's official name, REGON, KRS number
and VAT status on a given day. Not a register of who represents a company: its person lists are
usually empty for KRS companies.

An unknown NIP is answered with HTTP 200 and `subject: null`: that is "not found". Errors come as
`{"code": "WL-1xx", "message": ...}` (HTTP 400, or 404 for an unknown route)."""
import datetime
import re
from dataclasses import replace
from urllib.parse import quote

from .registry_errors import RegistryBadAnswer, RegistryError, RegistryRateLimited, RegistryUnavailable
from .http import DEFAULT_POLICY, HttpPolicy, RegistryHttp
from .types import INNY, WSPOLNIK, Entity, Evidence, Person

SERVICE = "wl"
ACTIVE_STATUSES = ("Czynny", "Zwolniony")
RATE_LIMIT_CODES = {"WL-191"}              # daily limit of queries used up
TRANSIENT_CODES = {"WL-195", "WL-196"}     # the register is being updated: ask again later


def parse_whitelist(body) -> tuple[Entity | None, str | None]:
    """A search/nip (or search/regon) answer: (the subject or None when the register has none, requestId).
    An error body raises the RegistryError its WL code calls for."""
    result = _result(body)
    if "subject" not in result:
        raise _shape_error()
    request_id = _text(result.get("requestId")) or None
    subject = result["subject"]
    if subject is None:
        return None, request_id
    if not isinstance(subject, dict):
        raise _shape_error()
    return whitelist_entity(subject, _request_date(result)), request_id


def parse_whitelist_batch(body) -> tuple[dict[str, Entity | RegistryError | None], str | None]:
    """A search/nips answer: for each identifier its subject, None when unknown, or the error in its place
    (e.g. WL-115 for a NIP failing its checksum)."""
    result = _result(body)
    entries = result.get("entries")
    if not isinstance(entries, list):
        raise _shape_error()
    as_of, answers = _request_date(result), {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise _shape_error()
        subjects = entry.get("subjects") or []
        if isinstance(entry.get("error"), dict):
            answers[_text(entry.get("identifier"))] = error_from_code(entry["error"])
        else:
            answers[_text(entry.get("identifier"))] = whitelist_entity(subjects[0], as_of) if subjects else None
    return answers, _text(result.get("requestId")) or None


def whitelist_entity(subject: dict, as_of: datetime.date | None = None) -> Entity:
    status = _text(subject.get("statusVat"))
    board = (_people(subject.get("representatives"), INNY, "reprezentant (wykaz VAT)")
             + _people(subject.get("partners"), WSPOLNIK, "wspólnik (wykaz VAT)"))
    return Entity(
        source=SERVICE, name=_text(subject.get("name")), nip=_text(subject.get("nip")) or None,
        regon=_text(subject.get("regon")) or None, krs=_text(subject.get("krs")) or None,
        active=status in ACTIVE_STATUSES, status=status, board=board,
        prokurenci=_people(subject.get("authorizedClerks"), INNY, "prokurent/pełnomocnik (wykaz VAT)"),
        as_of=as_of)


def error_from_code(body: dict) -> RegistryError:
    """The RegistryError for a white-list error body {"code": "WL-1xx", "message": ...}."""
    code = _text(body.get("code")) or "WL-?"
    text = _text(body.get("message"))
    if code in RATE_LIMIT_CODES:
        return RegistryRateLimited(SERVICE, code, f"Wykaz VAT: wyczerpany limit zapytań ({text}); ponów jutro.")
    if code in TRANSIENT_CODES:
        return RegistryUnavailable(SERVICE, code, f"Wykaz VAT chwilowo niedostępny ({text}); ponów później.")
    return RegistryBadAnswer(SERVICE, code, f"Wykaz VAT odrzucił zapytanie: {text or 'bez opisu'} ({code}).")


class WhiteListClient:
    """`search(nip, date)`: the subject under that NIP on that day; None when the register has none."""

    def __init__(self, base_url: str, policy: HttpPolicy = DEFAULT_POLICY, **http_options):
        self.base_url = base_url.rstrip("/")
        self.http = RegistryHttp(SERVICE, policy, **http_options)

    def search(self, nip: str, date: datetime.date) -> tuple[Entity | None, list[Evidence]]:
        nip = re.sub(r"[\s-]", "", str(nip or ""))
        url = f"{self.base_url}/api/search/nip/{quote(nip, safe='')}?date={date.isoformat()}"
        answer = self.http.get(url, expect=(200, 400, 404), parse=parse_whitelist)
        if answer.status != 200:
            error = error_from_code(answer.data) if _is_error(answer.data) else _shape_error()
            raise error.add_evidence(answer.evidence)
        entity, request_id = answer.parsed
        evidence = [replace(answer.evidence, request_id=request_id)]
        if entity is not None and entity.nip != nip:
            raise RegistryBadAnswer(SERVICE, "other-entity", f"Wykaz VAT: na pytanie o NIP {nip} przyszedł "
                                    f"podmiot z NIP {entity.nip}.", tuple(evidence))
        if entity is not None:
            entity = replace(entity, evidence=tuple(evidence))
        return entity, evidence


def _result(body) -> dict:
    if _is_error(body):
        raise error_from_code(body)
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, dict):
        raise _shape_error()
    return result


def _is_error(body) -> bool:
    return isinstance(body, dict) and "code" in body and "result" not in body


def _shape_error() -> RegistryBadAnswer:
    return RegistryBadAnswer(SERVICE, "shape", "Wykaz VAT: odpowiedź o nieznanym kształcie; NIP-u nie sprawdzono.")


def _people(items, role: str, function: str) -> tuple[Person, ...]:
    people = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        first, last = _text(item.get("firstName")), _text(item.get("lastName"))
        company = _text(item.get("companyName"))
        if company and not (first or last):
            people.append(Person(first_names=(), surnames=(company,), role=role, function=f"{function}: firma"))
        elif first or last:
            surnames = tuple(part.strip() for part in last.split("-") if part.strip())
            people.append(Person(first_names=tuple(first.split()), surnames=surnames, role=role, function=function))
    return tuple(people)


def _request_date(result: dict) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(_text(result.get("requestDateTime")), "%d-%m-%Y %H:%M:%S").date()
    except ValueError:
        return None


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
