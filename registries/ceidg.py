"""CEIDG (Hurtownia Danych, API v3; v2 has the same shape for what we read): sole traders by NIP.

One NIP may have several entries (old struck-off registrations). Owners' names are full and unmasked,
typed by the entrepreneur in mixed case; they are kept as written."""
import re
from dataclasses import replace

from .registry_errors import RegistryBadAnswer, RegistryError
from .http import DEFAULT_POLICY, HttpPolicy, RegistryHttp
from .rate_limits import SlidingWindowLimiter
from .types import WLASCICIEL, Entity, Evidence, Person

SERVICE = "ceidg"
ACTIVE = "AKTYWNY"
STRUCK_OFF = "WYKRESLONY"
LEGAL_FORM = "OSOBA FIZYCZNA PROWADZĄCA DZIAŁALNOŚĆ GOSPODARCZĄ"


def parse_ceidg_list(body) -> list[dict]:
    """The entries (`firmy`) of a list answer, as the register gives them (id, nazwa, status, wlasciciel,
    adresDzialalnosci, link...); RegistryBadAnswer when the body is not a list answer."""
    return _items(body, "firmy")


def parse_ceidg_firma(body) -> list[Entity]:
    """The entities of a detail answer `{"firma": [...]}`."""
    return [ceidg_entity(item) for item in _items(body, "firma")]


def ceidg_entity(item: dict) -> Entity:
    """One entry, from a list or a detail answer. Active only when AKTYWNY and nothing in the details
    (the owner's death, a revoked NIP) says otherwise."""
    owner = item.get("wlasciciel") if isinstance(item.get("wlasciciel"), dict) else {}
    status = _text(item.get("status"))
    reasons = _inactive_details(item, owner)
    return Entity(
        source=SERVICE, name=_text(item.get("nazwa")), nip=_text(owner.get("nip")) or None,
        regon=_text(owner.get("regon")) or None, legal_form=LEGAL_FORM,
        active=status == ACTIVE and not reasons, status="; ".join([status] + reasons),
        board=(_owner(owner),) if owner else ())


class CeidgClient:
    """`find(nip)`: every CEIDG entry for the NIP ([] when there is none). Keeps CEIDG's limits on our side
    (50 requests in 3 minutes and 1000 in an hour, unless `limiters` says otherwise)."""

    def __init__(self, base_url: str, token: str, policy: HttpPolicy = DEFAULT_POLICY, *,
                 limiters: tuple[SlidingWindowLimiter, ...] | None = None, **http_options):
        self.base_url = base_url.rstrip("/")
        if limiters is None:
            clock_args = {k: http_options[k] for k in ("clock", "sleep") if k in http_options}
            limiters = (SlidingWindowLimiter(SERVICE, 50, 180.0, **clock_args),
                        SlidingWindowLimiter(SERVICE, 1000, 3600.0, **clock_args))
        self.http = RegistryHttp(SERVICE, policy, headers={"Authorization": f"Bearer {token}"},
                                 limiters=limiters, **http_options)

    def find(self, nip: str) -> tuple[list[Entity], list[Evidence]]:
        nip = compact_nip(nip)
        listing = self.http.get(f"{self.base_url}/api/ceidg/v3/firmy?nip={nip}", expect=(200, 204),
                                parse=parse_ceidg_list)
        evidence = [listing.evidence]
        items = listing.parsed or []
        if listing.status == 204 or not items:
            return [], evidence
        try:
            if any(_text(i.get("status")) != STRUCK_OFF for i in items):
                items = self._details(nip, items, evidence)
            _require_owner_nip(items, nip)
        except RegistryError as error:
            raise error.add_evidence(*evidence)
        entities = [replace(ceidg_entity(i), evidence=tuple(evidence)) for i in items]
        return entities, evidence

    def _details(self, nip: str, listed: list[dict], evidence: list[Evidence]) -> list[dict]:
        """The detail entries (death of the owner, revoked NIP...) in place of the listed ones."""
        answer = self.http.get(f"{self.base_url}/api/ceidg/v3/firma?nip={nip}", expect=(200, 204),
                               parse=lambda body: _items(body, "firma"))
        evidence.append(answer.evidence)
        if answer.status == 204 or not answer.parsed:
            raise RegistryBadAnswer(SERVICE, "inconsistent", "CEIDG: lista podaje wpisy, a szczegółów brak; "
                                    "wpisu nie da się ocenić.", (answer.evidence,))
        detailed = {i.get("id"): i for i in answer.parsed}
        return [detailed.pop(i.get("id"), i) for i in listed] + list(detailed.values())


def _require_owner_nip(items: list[dict], nip: str) -> None:
    """An entry whose owner has another NIP is not an answer to our question."""
    for item in items:
        owner = item.get("wlasciciel") if isinstance(item.get("wlasciciel"), dict) else {}
        if _text(owner.get("nip")) not in ("", nip):
            raise RegistryBadAnswer(SERVICE, "other-entity", f"CEIDG: na pytanie o NIP {nip} przyszedł wpis z NIP "
                                    f"{_text(owner.get('nip'))}.")


def compact_nip(nip: str) -> str:
    digits = re.sub(r"[\s-]", "", str(nip or ""))
    if not (digits.isdigit() and len(digits) == 10):
        raise ValueError(f"NIP must be 10 digits, got {nip!r}")
    return digits


def _items(body, key: str) -> list[dict]:
    items = body.get(key) if isinstance(body, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise RegistryBadAnswer(SERVICE, "shape", f"CEIDG: odpowiedź bez listy „{key}”; wpisu nie sprawdzono.")
    return items


def _owner(owner: dict) -> Person:
    first = tuple(_text(owner.get("imie")).split())
    surnames = tuple(p.strip() for p in _text(owner.get("nazwisko")).split("-") if p.strip())
    return Person(first_names=first, surnames=surnames, role=WLASCICIEL, function="WŁAŚCICIEL", masked=False)


def _inactive_details(item: dict, owner: dict) -> list[str]:
    reasons = []
    if item.get("dataZgonu"):
        reasons.append(f"ZGON WŁAŚCICIELA ({_text(item.get('dataZgonu'))})")
    for key, words in (("nipUchylony", "NIP UCHYLONY"), ("nipUniewazniony", "NIP UNIEWAŻNIONY")):
        if owner.get(key):
            reasons.append(words)
    return reasons


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
