"""KRS Open API (Ministry of Justice): the current extract (OdpisAktualny, also OdpisPelny reduced to the
entries still in force) as an Entity, and a client that fetches it by KRS number, with the date each
person was entered taken from the full extract.

The API masks natural persons ("J** K*******"): Person.masked says so, and a signer can then only be
consistent with the register, never confirmed by it."""
import datetime
import re
import unicodedata
from dataclasses import replace

from .registry_errors import RegistryBadAnswer, RegistryError
from .http import DEFAULT_POLICY, HttpPolicy, RegistryHttp
from .krs_full import current_state, entered
from .types import CZLONEK, INNY, PREZES, PROKURENT, WICEPREZES, Entity, Evidence, Person

SERVICE = "krs"
# Name suffixes and dział 6 sections that mean the company cannot be taken as an ordinary, active one.
NAME_STATES = ("W LIKWIDACJI", "W UPADŁOŚCI", "W RESTRUKTURYZACJI")
DZIAL6_STATES = {"likwidacja": "W LIKWIDACJI", "postepowanieUpadlosciowe": "W UPADŁOŚCI",
                 "postepowanieRestrukturyzacyjne": "W RESTRUKTURYZACJI",
                 "rozwiazanieUniewaznienie": "ROZWIĄZANIE LUB UNIEWAŻNIENIE SPÓŁKI"}
STRUCK_OFF = "WYKREŚLONY Z KRS"


def parse_krs(body: dict) -> Entity:
    """An OdpisAktualny or OdpisPelny JSON body (rejestr P or S) as an Entity; RegistryBadAnswer when
    the body is not an extract (e.g. an error body)."""
    odpis = body.get("odpis") if isinstance(body, dict) else None
    if not isinstance(odpis, dict) or not isinstance(odpis.get("dane"), dict):
        raise RegistryBadAnswer(SERVICE, "shape", "KRS: odpowiedź nie zawiera odpisu; rejestru nie sprawdzono.")
    full = "naglowekP" in odpis or odpis.get("rodzaj") == "Pełny"
    header = _dict(odpis.get("naglowekP") if full else odpis.get("naglowekA"))
    dane = current_state(odpis["dane"]) if full else odpis["dane"]
    subject = _dict(_dict(dane.get("dzial1")).get("danePodmiotu"))
    name = _text(subject.get("nazwa")) or (_last_name(odpis["dane"]) if full else "")
    if not name:
        raise RegistryBadAnswer(SERVICE, "shape", "KRS: odpis bez nazwy podmiotu; rejestru nie sprawdzono.")
    ids = _dict(subject.get("identyfikatory"))
    dzial2 = _dict(dane.get("dzial2"))
    organ = _organ(dzial2.get("reprezentacja"))
    states = _states(name, header, ids, _dict(dane.get("dzial6")))
    if full:
        board, prokurenci = _dated_people(_dict(odpis["dane"].get("dzial2")), _entry_dates(header))
    else:
        board = tuple(_board_member(p) for p in _list(organ.get("sklad")))
        prokurenci = tuple(_prokurent(p) for p in _list(dzial2.get("prokurenci")))
    return Entity(
        source=SERVICE, name=name, nip=_text(ids.get("nip")) or None, regon=_regon(ids.get("regon")),
        krs=_text(header.get("numerKRS")) or None, legal_form=_text(subject.get("formaPrawna")),
        active=not states, status="; ".join(states) or "AKTYWNY", board=board, prokurenci=prokurenci,
        representation=_text(organ.get("sposobReprezentacji")) or None,
        representation_body=_text(organ.get("nazwaOrganu")) or None,
        as_of=_date(header.get("stanZDnia")), tenure_known=full)


def with_tenure(entity: Entity, full: Entity) -> Entity:
    """The current extract with each person's `since` taken from the full one (KRS masks names, so a
    person is known by masked names and role; of several alike, the latest entry counts). A person the
    full extract does not hold keeps since=None: unknown, never assumed."""
    def dated(person: Person, pool: tuple[Person, ...]) -> Person:
        key = (person.first_names, person.surnames, person.role)
        dates = [p.since for p in pool if (p.first_names, p.surnames, p.role) == key and p.since]
        return replace(person, since=max(dates) if dates else None)
    return replace(entity, board=tuple(dated(p, full.board) for p in entity.board),
                   prokurenci=tuple(dated(p, full.prokurenci) for p in entity.prokurenci), tenure_known=True)


def role_of(function: str) -> str:
    """The role constant for a funkcjaWOrganie; anything not a board role (LIKWIDATOR...) is INNY."""
    words = " ".join(unicodedata.normalize("NFC", function).upper().split())
    for prefix, role in (("PREZES ZARZĄDU", PREZES), ("WICEPREZES ZARZĄDU", WICEPREZES),
                         ("CZŁONEK ZARZĄDU", CZLONEK)):
        if words == prefix or words.startswith(prefix + " "):
            return role
    return {"PREZES": PREZES, "WICEPREZES": WICEPREZES}.get(words, INNY)


def struck_off(krs: str, evidence: tuple[Evidence, ...] = ()) -> Entity:
    """What an empty answer (HTTP 204) to OdpisAktualny means: the entity was struck off the register."""
    return Entity(source=SERVICE, name="", nip=None, krs=krs, active=False,
                  status=f"{STRUCK_OFF} (brak odpisu aktualnego)", evidence=evidence)


class KrsClient:
    """`fetch(krs)`: the entity under that number, from register P or else S; None when neither has it."""

    def __init__(self, base_url: str, policy: HttpPolicy = DEFAULT_POLICY, **http_options):
        self.base_url = base_url.rstrip("/")
        self.http = RegistryHttp(SERVICE, policy, **http_options)

    def fetch(self, krs: str) -> tuple[Entity | None, list[Evidence]]:
        number = krs_number(krs)
        evidence: list[Evidence] = []
        try:
            for register in ("P", "S"):
                url = f"{self.base_url}/api/krs/OdpisAktualny/{number}?rejestr={register}&format=json"
                answer = self.http.get(url, expect=(200, 204, 404), parse=parse_krs)
                evidence.append(answer.evidence)
                if answer.status == 200:
                    entity = _same_number(answer.parsed, number, evidence)
                    return self._with_history(entity, number, register, evidence), evidence
                if answer.status == 204:
                    return struck_off(number, tuple(evidence)), evidence
                _require_not_found(answer.data, answer.evidence)
        except RegistryError as error:
            raise error.add_evidence(*evidence)
        return None, evidence

    def _with_history(self, entity: Entity, number: str, register: str, evidence: list[Evidence]) -> Entity:
        """Since when each person has stood in the register: the full extract (OdpisPelny) holds the
        entries. Without it a signer's appointment cannot be set against the letter's date, so its
        failure is the whole lookup's failure (THREATS A4, A6)."""
        url = f"{self.base_url}/api/krs/OdpisPelny/{number}?rejestr={register}&format=json"
        answer = self.http.get(url, expect=(200,), parse=parse_krs)
        evidence.append(answer.evidence)
        _same_number(answer.parsed, number, evidence)
        return replace(with_tenure(entity, answer.parsed), evidence=tuple(evidence))


def krs_number(krs: str) -> str:
    """Ten digits, zero-padded; a malformed number is a bad answer from whoever gave it to us."""
    digits = re.sub(r"[\s-]", "", str(krs or ""))
    if not digits.isdigit() or len(digits) > 10 or int(digits) == 0:
        raise RegistryBadAnswer(SERVICE, "bad-number", f"KRS: niepoprawny numer KRS {krs!r}.")
    return digits.zfill(10)


def _same_number(entity: Entity, number: str, evidence: list[Evidence]) -> Entity:
    if entity.krs and entity.krs != number:
        raise RegistryBadAnswer(SERVICE, "other-entity", f"KRS: na pytanie o {number} przyszedł odpis {entity.krs}.",
                                (evidence[-1],))
    return replace(entity, evidence=tuple(evidence))


def _require_not_found(data, evidence: Evidence) -> None:
    """A 404 is "not in this register" only when it is the API's own problem JSON."""
    if isinstance(data, dict) and (data.get("status") == 404 or data.get("title") == "Not Found"):
        return
    raise RegistryBadAnswer(SERVICE, "http-404", "KRS: odpowiedź 404 bez zwykłej treści; nie wiadomo, czy "
                            "podmiot istnieje.", (evidence,))


def _states(name: str, header: dict, ids: dict, dzial6: dict) -> list[str]:
    """Why the entity is not an ordinary active one; empty when it is."""
    states = []
    wpisy = _list(header.get("wpis"))
    if header.get("stanPozycji") == 2 or any("WYKREŚLENIE" in _text(w.get("opis")) for w in wpisy):
        states.append(STRUCK_OFF)
    status_nip = _text(ids.get("statusNip"))
    if status_nip:
        decided = _text(ids.get("dataDecyzji"))
        states.append(f"NIP {status_nip}" + (f" (decyzja z {decided})" if decided else ""))
    for key, value in dzial6.items():
        state = next((s for k, s in DZIAL6_STATES.items() if key.startswith(k)), None)
        if state and _present(value) and state not in states:
            states.append(state)
    upper = name.upper()
    states += [s for s in NAME_STATES if s in upper and s not in states]
    return states


def _dated_people(raw_dzial2: dict, dates: dict[int, datetime.date]) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """Board and prokurenci of a full extract still in force, each with the date of the entry that
    brought them in."""
    organ = next((o for o in _list(raw_dzial2.get("reprezentacja")) if current_state(o)), {})
    board = tuple(replace(_board_member(now), since=dates.get(entered(raw)))
                  for raw in _list(organ.get("sklad")) if (now := current_state(raw)))
    prokurenci = tuple(replace(_prokurent(now), since=dates.get(entered(raw)))
                       for raw in _list(raw_dzial2.get("prokurenci")) if (now := current_state(raw)))
    return board, prokurenci


def _entry_dates(header: dict) -> dict[int, datetime.date]:
    """naglowekP.wpis: entry number -> the date it was made."""
    dates = {}
    for entry in _list(header.get("wpis")):
        number, day = entry.get("numerWpisu"), _date(entry.get("dataWpisu"))
        if isinstance(number, int | str) and str(number).isdigit() and day:
            dates[int(number)] = day
    return dates


def _organ(reprezentacja) -> dict:
    """dzial2.reprezentacja: a dict in OdpisAktualny, a list of organs in OdpisPelny."""
    if isinstance(reprezentacja, list):
        organs = [o for o in reprezentacja if isinstance(o, dict) and o]
        return organs[0] if organs else {}
    return _dict(reprezentacja)


def _board_member(entry: dict) -> Person:
    function = _text(entry.get("funkcjaWOrganie"))
    return _person(entry, role_of(function), function, suspended=entry.get("czyZawieszona") is True)


def _prokurent(entry: dict) -> Person:
    return _person(entry, PROKURENT, "PROKURENT", prokura=_text(entry.get("rodzajProkury")) or None)


def _person(entry: dict, role: str, function: str, **extra) -> Person:
    names, surname = _dict(entry.get("imiona")), _dict(entry.get("nazwisko"))
    first = tuple(n for n in (_text(names.get("imie")), _text(names.get("imieDrugie"))) if n)
    last = tuple(n for n in (_text(surname.get("nazwiskoICzlon")), _text(surname.get("nazwiskoIICzlon"))) if n)
    if not first and not last and _text(entry.get("nazwa")):
        last = (_text(entry.get("nazwa")),)      # a legal person in the organ
    masked = any("*" in part for part in first + last)
    return Person(first_names=first, surnames=last, role=role, function=function, masked=masked, **extra)


def _last_name(dane: dict):
    """OdpisPelny of a struck-off entity: every name is struck; the last one is still its name."""
    versions = _list(_dict(_dict(dane.get("dzial1")).get("danePodmiotu")).get("nazwa"))
    return _text(versions[-1].get("nazwa")) if versions else ""


def _present(value) -> bool:
    if isinstance(value, dict):
        return any(_present(v) for v in value.values())
    if isinstance(value, list):
        return any(_present(v) for v in value)
    return value not in (None, "", False)


def _regon(value) -> str | None:
    """KRS writes REGON as 14 digits (the 9-digit number + "00000"); the white list uses the 9 digits."""
    regon = _text(value)
    return regon[:9] if len(regon) == 14 and regon.endswith("00000") else (regon or None)


def _date(value) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(_text(value), "%d.%m.%Y").date()
    except ValueError:
        return None


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
