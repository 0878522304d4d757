"""Bodies in the real formats of KRS, CEIDG and the VAT white list (shapes as in
tests/data/registry-samples/), built from the simple descriptions that RegistryStandIn takes.

A person is {"name": "Jan Maria Kowalska-Nowak"} (first word: first name, last word: surname, words
between: second name; a "-" splits a double-barrelled surname) or {"first", "second", "surname"}."""
import datetime
import hashlib
import uuid

KRS_404 = {"type": "https://tools.ietf.org/html/rfc7231#section-6.5.4", "title": "Not Found", "status": 404}
KRS_400 = {"type": "https://tools.ietf.org/html/rfc7231#section-6.5.1", "title": "Bad Request", "status": 400}
# White-list error texts: WL-103/115/118/190 seen in real answers; WL-101/102/113/114/191 from third-party
# clients (approximate wording).
WL_ERRORS = {
    "WL-101": "Pole 'data' nie może być puste.", "WL-102": "Pole 'data' ma nieprawidłowy format.",
    "WL-103": "Data nie może być datą przyszłą.", "WL-113": "Pole 'NIP' ma nieprawidłową długość. Wymagane 10 znaków.",
    "WL-114": "Pole 'NIP' zawiera niedozwolone znaki. Wymagane tylko cyfry.", "WL-115": "Nieprawidłowy NIP.",
    "WL-118": "Data sprzed zakresu rejestru.", "WL-190": "Niepoprawne żądanie.",
    "WL-191": "Wyczerpano dzienny limit zapytań.", "WL-195": "Trwa aktualizacja danych. Spróbuj ponownie później.",
}
CEIDG_STATUS_NUMBERS = {"AKTYWNY": 1, "WYKRESLONY": 2, "ZAWIESZONY": 3, "OCZEKUJE_NA_ROZPOCZECIE_DZIALANOSCI": 4,
                        "WYLACZNIE_W_FORMIE_SPOLKI": 9}
ADDRESS = {"ulica": "ul. Długa", "budynek": "5", "miasto": "Kraków", "wojewodztwo": "MAŁOPOLSKIE",
           "powiat": "Kraków", "gmina": "Kraków", "kraj": "PL", "kod": "30-001"}


def mask(word: str) -> str:
    """KRS's own masking: the first letter (upper case, diacritics kept), then one '*' per letter left."""
    word = word.upper()
    return word[:1] + "*" * (len(word) - 1)


def person_names(spec: dict) -> tuple[str, str, list[str]]:
    """(first name, second name or "", surname parts) of a person description."""
    if "name" in spec:
        words = spec["name"].split()
        first, second, surname = words[0], " ".join(words[1:-1]), words[-1]
    else:
        first, second, surname = spec["first"], spec.get("second", ""), spec["surname"]
    return first, second, [part.strip() for part in surname.split("-") if part.strip()]


def krs_odpis(nip: str, name: str, spec: dict, today: datetime.date, register: str) -> dict:
    ids = {"regon": spec.get("regon", regon_of(nip)) + "00000", "nip": nip}
    if spec.get("status_nip"):
        ids.update(statusNip=spec["status_nip"], dataDecyzji=spec.get("status_nip_date", "2024-11-18"))
    if spec.get("liquidation") and "W LIKWIDACJI" not in name.upper():
        name = f"{name} W LIKWIDACJI"
    dzial2 = {"reprezentacja": {"nazwaOrganu": spec.get("organ", "ZARZĄD"),
                                "sposobReprezentacji": spec.get("clause", "CZŁONEK ZARZĄDU SAMODZIELNIE."),
                                "sklad": [_krs_member(p) for p in in_office(spec.get("board", []), today)]}}
    if in_office(spec.get("prokurenci", []), today):
        dzial2["prokurenci"] = [_krs_prokurent(p) for p in in_office(spec["prokurenci"], today)]
    day = today.strftime("%d.%m.%Y")
    return {"odpis": {
        "rodzaj": "Aktualny",
        "naglowekA": {"rejestr": f"Rej{register}", "numerKRS": spec["number"],
                      "dataCzasOdpisu": f"{day} 12:00:00", "stanZDnia": day, "dataRejestracjiWKRS": "03.04.2019",
                      "numerOstatniegoWpisu": 3, "dataOstatniegoWpisu": day,
                      "sygnaturaAktSprawyDotyczacejOstatniegoWpisu": "KR.XI NS-REJ.KRS/1234/26/100",
                      "oznaczenieSaduDokonujacegoOstatniegoWpisu": "SĄD REJONOWY DLA KRAKOWA-ŚRÓDMIEŚCIA W KRAKOWIE, "
                                                                   "XI WYDZIAŁ GOSPODARCZY KRAJOWEGO REJESTRU SĄDOWEGO",
                      "stanPozycji": 1},
        "dane": {
            "dzial1": {"danePodmiotu": {"formaPrawna": spec.get("legal_form", _legal_form(name)),
                                        "identyfikatory": ids, "nazwa": name, "daneOWczesniejszejRejestracji": {},
                                        "czyProwadziDzialalnoscZInnymiPodmiotami": False,
                                        "czyPosiadaStatusOPP": False}},
            "dzial2": dzial2, "dzial3": {}, "dzial4": {}, "dzial5": {}, "dzial6": _dzial6(spec)}}}


def krs_odpis_pelny(nip: str, name: str, spec: dict, today: datetime.date, register: str) -> dict:
    """OdpisPelny: the current extract's values as versions of numbered entries (naglowekP.wpis). The
    company was registered on spec["registered"] (entry 1); a person with "since" (ISO date) came in
    by a later entry, one with "left" was struck by one."""
    current = krs_odpis(nip, name, spec, today, register)["odpis"]
    people = spec.get("board", []) + spec.get("prokurenci", [])
    registered = datetime.date.fromisoformat(spec.get("registered", "2019-04-03"))
    days = sorted({registered} | {datetime.date.fromisoformat(p[k]) for p in people for k in ("since", "left") if p.get(k)})
    entry = {day: str(n) for n, day in enumerate(days, 1)}

    def of(person: dict, key: str) -> dict:
        when = person.get(key)
        return {} if not when else {"nrWpisuWykr" if key == "left" else "nrWpisuWprow":
                                    entry[datetime.date.fromisoformat(when)]}

    def person(p: dict, body: dict) -> dict:
        # As in the real extract: the identifier's fields stand in the version itself, other values under their key.
        return {key: [({**value} if key == "identyfikator" else {key: value}) | {"nrWpisuWprow": "1"}
                      | of(p, "since") | of(p, "left")] for key, value in body.items()}

    current["dane"]["dzial1"]["danePodmiotu"].pop("daneOWczesniejszejRejestracji", None)
    dane = {section: _versions(body, "1") for section, body in current["dane"].items() if section != "dzial2"}
    organ = {k: [{k: v, "nrWpisuWprow": "1"}] for k, v in current["dane"]["dzial2"]["reprezentacja"].items() if k != "sklad"}
    organ["sklad"] = [person(p, _krs_member(p)) for p in spec.get("board", [])]
    dane["dzial2"] = {"reprezentacja": [organ]}
    if spec.get("prokurenci"):
        dane["dzial2"]["prokurenci"] = [person(p, _krs_prokurent(p)) for p in spec["prokurenci"]]
    header = current["naglowekA"]
    wpisy = [{"numerWpisu": int(n), "opis": "REJESTRACJA W KRAJOWYM REJESTRZE SĄDOWYM" if n == "1" else
              "ZMIANA DANYCH W REJESTRZE", "dataWpisu": day.strftime("%d.%m.%Y"),
              "sygnaturaAktSprawyDotyczacejWpisu": f"KR.XI NS-REJ.KRS/{1000 + int(n)}/{day:%y}/100"}
             for day, n in entry.items()]
    return {"odpis": {"rodzaj": "Pełny", "naglowekP": {
        "rejestr": header["rejestr"], "numerKRS": header["numerKRS"], "dataCzasOdpisu": header["dataCzasOdpisu"],
        "stanZDnia": header["stanZDnia"], "wpis": wpisy, "stanPozycji": 1}, "dane": dane}}


def in_office(people: list[dict], today: datetime.date) -> list[dict]:
    """The people a current extract lists: entered by `today` and not struck off by then."""
    return [p for p in people if not (p.get("since") and datetime.date.fromisoformat(p["since"]) > today)
            and not (p.get("left") and datetime.date.fromisoformat(p["left"]) <= today)]


def _versions(node, entry: str):
    """A section of the current extract as the full one writes it: each value a list of versions."""
    if isinstance(node, dict):
        return {k: (_versions(v, entry) if isinstance(v, dict) and k.startswith(("dzial", "dane")) or
                    isinstance(v, list) else [{k: v, "nrWpisuWprow": entry}]) for k, v in node.items()}
    if isinstance(node, list):
        return [_versions(item, entry) for item in node]
    return node


def ceidg_item(nip: str, spec: dict, index: int, base: str, detail: bool) -> dict:
    first, second, surname = person_names(spec)
    item_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"ceidg:{nip}:{index}")).upper()
    owner = {"imie": " ".join(w for w in (first, second) if w), "nazwisko": "-".join(surname), "nip": nip,
             "regon": spec.get("regon", regon_of(nip, index))}
    status = spec.get("status", "AKTYWNY")
    item = {"id": item_id, "nazwa": spec.get("business", f"{owner['imie']} {owner['nazwisko']}"),
            "adresDzialalnosci": dict(ADDRESS), "wlasciciel": owner,
            "dataRozpoczecia": spec.get("since", "2014-07-29"), "status": status,
            "link": f"{base}/api/ceidg/v3/firma/{item_id}"}
    if detail:
        item.update(adresKorespondencyjny=dict(ADDRESS), obywatelstwa=[{"symbol": "PL", "kraj": "Polska"}],
                    numerStatusu=CEIDG_STATUS_NUMBERS.get(status, 1), wspolnoscMajatkowa=0)
        if spec.get("died"):
            item["dataZgonu"] = spec["died"]
    return item


def ceidg_list(items: list[dict], base: str, nip: str) -> dict:
    link = f"{base}/api/ceidg/v3/firmy?nip={nip}&limit=25&page=0"
    links = dict.fromkeys(("next", "prev", "self", "first", "last"), link)
    return {"firmy": items, "count": len(items), "links": links,
            "properties": _ceidg_properties("firmy", "Zwraca listę firm")}


def ceidg_detail(items: list[dict]) -> dict:
    return {"firma": items, "properties": _ceidg_properties("firma", "Zwraca szczegółowe dane firmy")}


def wl_subject(nip: str, name: str, spec: dict, krs: str | None, sole_trader: bool) -> dict:
    status = spec.get("status", "Czynny")
    removed = status == "Niezarejestrowany"
    return {
        "name": name.upper() if not sole_trader else name, "nip": nip, "statusVat": status,
        "regon": spec.get("regon", regon_of(nip)), "pesel": None, "krs": krs,
        "residenceAddress": "DŁUGA 5, 30-001 KRAKÓW" if sole_trader else None,
        "workingAddress": None if sole_trader else "DŁUGA 5, 30-001 KRAKÓW",
        "representatives": [_wl_person(p) for p in spec.get("representatives", [])],
        "authorizedClerks": [_wl_person(p) for p in spec.get("authorized_clerks", [])],
        "partners": [_wl_person(p) for p in spec.get("partners", [])],
        "registrationLegalDate": "2019-04-03", "registrationDenialBasis": None, "registrationDenialDate": None,
        "restorationBasis": None, "restorationDate": None,
        "removalBasis": "Art. 96 ust. 7ba" if removed else None, "removalDate": "2026-03-31" if removed else None,
        "exemptionSmeDate": None, "accountNumbers": spec.get("accounts", []), "hasVirtualAccounts": False}


def wl_result(subject: dict | None, request_id: str, now: datetime.datetime) -> dict:
    return {"result": {"subject": subject, "requestId": request_id,
                       "requestDateTime": now.strftime("%d-%m-%Y %H:%M:%S")}}


def trace_id(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).hexdigest()
    return f"00-{digest[:32]}-{digest[32:48]}-00"


def regon_of(nip: str, index: int = 0) -> str:
    """A stable 9-digit REGON for a made-up entity (no checksum: nothing here validates it)."""
    return str(int(hashlib.sha256(f"{nip}:{index}".encode()).hexdigest(), 16))[:9]


def _krs_person(spec: dict) -> dict:
    first, second, surname = person_names(spec)
    names = {"imie": mask(first)} | ({"imieDrugie": mask(second.split()[0])} if second else {})
    last = {"nazwiskoICzlon": mask(surname[0])} | ({"nazwiskoIICzlon": mask(surname[1])} if len(surname) > 1 else {})
    return {"nazwisko": last, "imiona": names, "identyfikator": {"pesel": mask_pesel(spec.get("pesel", "80010112345"))}}


def _krs_prokurent(spec: dict) -> dict:
    return _krs_person(spec) | {"rodzajProkury": spec.get("prokura", "SAMOISTNA")}


def _krs_member(spec: dict) -> dict:
    return _krs_person(spec) | {"funkcjaWOrganie": spec.get("function", "CZŁONEK ZARZĄDU"),
                                "czyZawieszona": bool(spec.get("suspended", False))}


def mask_pesel(pesel: str) -> str:
    return pesel[:1] + "*" * (len(pesel) - 1)


def _dzial6(spec: dict) -> dict:
    dzial6 = {}
    if spec.get("bankruptcy"):
        dzial6["postepowanieUpadlosciowe"] = [{
            "informacjaOOgloszeniuUpadlosci": {"organWydajacy": "SĄD REJONOWY DLA KRAKOWA-ŚRÓDMIEŚCIA W KRAKOWIE",
                                               "sygnatura": "KR1S/GU/1/2026", "data": "02.01.2026"},
            "opisZakonczeniaProcesuUpadlosci": {}, "sposobProwadzeniaPostepowania": "UPADŁOŚĆ",
            "informacjaOUchyleniuUkladu": {}, "daneSyndyka": []}]
    if spec.get("liquidation"):
        dzial6["likwidacja"] = [{"likwidatorzy": [_krs_person(p) for p in spec.get("liquidators", [])]}]
    return dzial6


def _wl_person(spec: dict) -> dict:
    if "company" in spec:
        return {"companyName": spec["company"], "firstName": None, "lastName": None, "nip": spec.get("nip"),
                "pesel": None}
    first, second, surname = person_names(spec)
    return {"companyName": None, "firstName": " ".join(w for w in (first, second) if w).upper(),
            "lastName": "-".join(surname).upper(), "nip": None, "pesel": None}


def _legal_form(name: str) -> str:
    upper = name.upper()
    if "SPÓŁKA AKCYJNA" in upper or upper.endswith(" S.A."):
        return "SPÓŁKA AKCYJNA"
    if "FUNDACJA" in upper:
        return "FUNDACJA"
    return "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"


def _ceidg_properties(title: str, description: str) -> dict:
    return {"dc:title": title, "dc:description": description, "dc:language": "pl-PL",
            "schema:provider": "Ministerstwo Rozwoju i Technologii", "schema:datePublished": "2022-02-01 09:37:08"}
