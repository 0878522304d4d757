"""What the parsers make of states the real samples do not show: liquidation, bankruptcy, a struck-off
entity, a suspended or departed board member, a dead sole trader, white-list error codes. Each body is a
real sample with the one change that the state needs (shapes as seen in the public fixtures NOTES.md
cites)."""
import copy
import json
from pathlib import Path

import pytest

from registries.ceidg import ceidg_entity, parse_ceidg_firma
from registries.registry_errors import RegistryBadAnswer, RegistryRateLimited, RegistryUnavailable
from registries.krs import parse_krs, role_of
from registries.krs_full import current_state
from registries.types import CZLONEK, INNY, PREZES, WICEPREZES, WSPOLNIK
from registries.whitelist import error_from_code, parse_whitelist

SAMPLES = Path(__file__).parent / "data" / "registry-samples"


def load(name: str):
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def drutex():
    return load("krs_odpis_aktualny_0000140428_drutex_sa.json")


@pytest.mark.parametrize("function, role", [
    ("PREZES ZARZĄDU", PREZES), ("WICEPREZES ZARZĄDU", WICEPREZES), ("CZŁONEK ZARZĄDU", CZLONEK),
    ("WICEPREZES ZARZĄDU DS. FINANSOWYCH", WICEPREZES), ("CZŁONEK ZARZĄDU DS. BEZPIECZEŃSTWA I RYZYKA", CZLONEK),
    ("prezes  zarządu", PREZES), ("LIKWIDATOR", INNY), ("KOMPLEMENTARIUSZ", INNY),
    ("CZŁONEK RADY NADZORCZEJ CZASOWO DELEGOWANY DO PEŁNIENIA FUNKCJI PREZESA ZARZĄDU", INNY),
    ("PREZESKA", INNY)])
def test_role_of_function(function, role):
    assert role_of(function) == role


def test_other_functions_keep_their_words_and_suspension_counts():
    body = drutex()
    sklad = body["odpis"]["dane"]["dzial2"]["reprezentacja"]["sklad"]
    sklad[0]["funkcjaWOrganie"] = "LIKWIDATOR"
    sklad[1]["czyZawieszona"] = True
    del sklad[2]["czyZawieszona"]
    entity = parse_krs(body)
    assert (entity.board[0].role, entity.board[0].function) == (INNY, "LIKWIDATOR")
    assert [p.suspended for p in entity.board] == [False, True, False]


def test_unmasked_names_are_not_marked_masked():
    body = drutex()
    body["odpis"]["dane"]["dzial2"]["reprezentacja"]["sklad"][0]["imiona"] = {"imie": "KAROL"}
    body["odpis"]["dane"]["dzial2"]["reprezentacja"]["sklad"][0]["nazwisko"] = {"nazwiskoICzlon": "GRZYBOWSKI"}
    assert [p.masked for p in parse_krs(body).board] == [False, True, True]


@pytest.mark.parametrize("change, status", [
    (lambda o: o["dane"]["dzial1"]["danePodmiotu"].update(nazwa="DRUTEX SPÓŁKA AKCYJNA W LIKWIDACJI"),
     "W LIKWIDACJI"),
    (lambda o: o["dane"]["dzial1"]["danePodmiotu"].update(nazwa="DRUTEX SPÓŁKA AKCYJNA W UPADŁOŚCI"), "W UPADŁOŚCI"),
    (lambda o: o["dane"]["dzial6"].update(likwidacja=[{"likwidatorzy": [{"nazwisko": {"nazwiskoICzlon": "K***"}}]}]),
     "W LIKWIDACJI"),
    (lambda o: o["dane"]["dzial6"].update(postepowanieUpadlosciowe=[{
        "informacjaOOgloszeniuUpadlosci": {"sygnatura": "WA1M/GU/188/2023", "data": "20.07.2023"},
        "opisZakonczeniaProcesuUpadlosci": {}, "sposobProwadzeniaPostepowania": "UPADŁOŚĆ"}]), "W UPADŁOŚCI"),
    (lambda o: o["dane"]["dzial6"].update(
        postepowanieRestrukturyzacyjneNaprawczePrzymusowaRestrukturyzacjaUporzadkowanaLikwidacja=[{
            "otwarciePostepowaniaRestrukturyzacyjnegoNaprawczegoPrzymusowejRestrukturyzacjiUporzadkowanejLikwidacji":
                {"rodzajPostepowania": "PRZYMUSOWA RESTRUKTURYZACJA"}}]), "W RESTRUKTURYZACJI"),
    (lambda o: o["naglowekA"].update(stanPozycji=2), "WYKREŚLONY Z KRS"),
])
def test_states_that_make_an_entity_inactive(change, status):
    body = drutex()
    change(body["odpis"])
    entity = parse_krs(body)
    assert not entity.active and status in entity.status


def test_empty_dzial6_sections_and_mergers_leave_an_entity_active():
    body = load("krs_odpis_aktualny_0000033391_asseco_poland_sa.json")    # has polaczeniePodzialPrzeksztalcenie
    body["odpis"]["dane"]["dzial6"]["postepowanieUpadlosciowe"] = [{"informacjaOOgloszeniuUpadlosci": {},
                                                                   "opisZakonczeniaProcesuUpadlosci": {}}]
    assert parse_krs(body).active


def test_a_board_without_members_is_empty_not_an_error():
    body = drutex()
    del body["odpis"]["dane"]["dzial2"]["reprezentacja"]["sklad"]
    del body["odpis"]["dane"]["dzial2"]["prokurenci"]
    entity = parse_krs(body)
    assert entity.board == () and entity.prokurenci == () and entity.representation


def pelny_with_history():
    """The real OdpisPelny of GYM CENTER with a history added: a renamed company, a member who left, a
    member whose function changed, a prokurent whose prokura was revoked and one still in force."""
    body = load("krs_odpis_pelny_0001268296_gym_center_spzoo.json")
    dane = body["odpis"]["dane"]
    dane["dzial1"]["danePodmiotu"]["nazwa"] = [
        {"nazwa": "GYM CENTER SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "nrWpisuWprow": "1", "nrWpisuWykr": "2"},
        {"nazwa": "GYM CENTER 8.0 SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "nrWpisuWprow": "2"}]
    sklad = dane["dzial2"]["reprezentacja"][0]["sklad"]
    left = copy.deepcopy(sklad[0])
    for values in left.values():
        for version in values:
            version["nrWpisuWykr"] = "3"
    changed = copy.deepcopy(sklad[0])
    changed["funkcjaWOrganie"] = [{"funkcjaWOrganie": "CZŁONEK ZARZĄDU", "nrWpisuWprow": "1", "nrWpisuWykr": "3"},
                                  {"funkcjaWOrganie": "WICEPREZES ZARZĄDU", "nrWpisuWprow": "3"}]
    changed["nazwisko"] = [{"nazwisko": {"nazwiskoICzlon": "N****", "nazwiskoIICzlon": "K*******"},
                            "nrWpisuWprow": "1"}]
    sklad += [left, changed]
    person = {"nazwisko": [{"nazwisko": {"nazwiskoICzlon": "P***"}, "nrWpisuWprow": "2"}],
              "imiona": [{"imiona": {"imie": "A***"}, "nrWpisuWprow": "2"}]}
    revoked = copy.deepcopy(person) | {
        "rodzajProkury": [{"rodzajProkury": "SAMOISTNA", "nrWpisuWprow": "2", "nrWpisuWykr": "3"}]}
    revoked["nazwisko"][0]["nrWpisuWykr"] = revoked["imiona"][0]["nrWpisuWykr"] = "3"
    dane["dzial2"]["prokurenci"] = [revoked, person | {
        "rodzajProkury": [{"rodzajProkury": "ŁĄCZNA", "nrWpisuWprow": "3"}]}]
    return body


def test_full_extract_keeps_only_the_entries_in_force():
    entity = parse_krs(pelny_with_history())
    assert entity.name == "GYM CENTER 8.0 SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"
    assert [(p.role, p.surnames) for p in entity.board] == [(PREZES, ("M****",)), (WICEPREZES, ("N****", "K*******"))]
    assert [(p.surnames, p.prokura) for p in entity.prokurenci] == [(("P***",), "ŁĄCZNA")]
    assert entity.nip == "9452336418" and entity.regon == "545772924"     # the identifiers of entry 3


def test_full_extract_of_a_struck_off_entity_keeps_its_last_name():
    body = load("krs_odpis_pelny_0001268296_gym_center_spzoo.json")
    odpis = body["odpis"]
    odpis["naglowekP"]["stanPozycji"] = 2
    odpis["naglowekP"]["wpis"].append({"numerWpisu": 4, "opis": "WYKREŚLENIE Z KRAJOWEGO REJESTRU SĄDOWEGO",
                                       "dataWpisu": "26.08.2027"})
    for version in odpis["dane"]["dzial1"]["danePodmiotu"]["nazwa"]:
        version["nrWpisuWykr"] = "4"
    entity = parse_krs(body)
    assert entity.name == "GYM CENTER 8.0 SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"
    assert not entity.active and entity.status == "WYKREŚLONY Z KRS"


def test_current_state_unwraps_values_and_drops_struck_ones():
    assert current_state({"a": [{"a": "old", "nrWpisuWprow": "1", "nrWpisuWykr": "2"},
                                {"a": "new", "nrWpisuWprow": "2"}],
                          "b": [{"b": "gone", "nrWpisuWprow": "1", "nrWpisuWykr": "3"}],
                          "c": [{"x": 1, "y": 2, "nrWpisuWprow": "1"}], "d": []}) == {"a": "new", "c": {"x": 1, "y": 2}}


# ---------------------------------------------------------------------------------------------- CEIDG

def ceidg_firma(**changes):
    body = load("ceidg_v2_firma_nip_2367852376_doc_example.json")
    body["firma"][0].update(changes)
    return body


@pytest.mark.parametrize("status, active", [
    ("AKTYWNY", True), ("WYKRESLONY", False), ("ZAWIESZONY", False), ("WYLACZNIE_W_FORMIE_SPOLKI", False),
    ("OCZEKUJE_NA_ROZPOCZECIE_DZIALANOSCI", False), ("", False)])
def test_ceidg_only_aktywny_is_active_and_the_status_is_kept(status, active):
    [entity] = parse_ceidg_firma(ceidg_firma(status=status))
    assert entity.active is active and entity.status == status


def test_ceidg_dead_owner_or_revoked_nip_is_not_active():
    [dead] = parse_ceidg_firma(ceidg_firma(status="AKTYWNY", dataZgonu="2025-03-01"))
    assert not dead.active and "ZGON" in dead.status and "2025-03-01" in dead.status
    body = ceidg_firma(status="AKTYWNY")
    body["firma"][0]["wlasciciel"]["nipUchylony"] = "2024-01-01"
    [revoked] = parse_ceidg_firma(body)
    assert not revoked.active and "NIP UCHYLONY" in revoked.status


def test_ceidg_entry_with_missing_fields_is_read_defensively():
    entity = ceidg_entity({"status": "AKTYWNY", "adresDzialalnosci": {}})
    assert entity.active and entity.board == () and entity.nip is None and entity.name == ""


@pytest.mark.parametrize("body", [{"firma": None}, {"firma": ["x"]}, [], None, {"count": 0}])
def test_ceidg_odd_bodies_are_bad_answers(body):
    with pytest.raises(RegistryBadAnswer):
        parse_ceidg_firma(body)


# ---------------------------------------------------------------------------------------------- white list

def wl_subject(**changes):
    body = load("wl_search_nip_5273032556_mentzen_sa.json")
    body["result"]["subject"].update(changes)
    return body


@pytest.mark.parametrize("status, active", [("Czynny", True), ("Zwolniony", True), ("Niezarejestrowany", False)])
def test_white_list_vat_status(status, active):
    entity, _ = parse_whitelist(wl_subject(statusVat=status))
    assert entity.active is active and entity.status == status


def test_white_list_people_keep_their_kind():
    entity, _ = parse_whitelist(wl_subject(
        representatives=[{"companyName": None, "firstName": "JAN MARIA", "lastName": "NOWAK-KOWALSKI", "nip": None,
                          "pesel": None}],
        partners=[{"companyName": "ABC SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "firstName": None,
                   "lastName": None, "nip": "5273032556", "pesel": None}],
        authorizedClerks=[{"companyName": None, "firstName": "Anna", "lastName": "Nowak", "nip": None}]))
    rep, partner = entity.board
    assert (rep.first_names, rep.surnames, rep.role) == (("JAN", "MARIA"), ("NOWAK", "KOWALSKI"), INNY)
    assert partner.surnames == ("ABC SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",) and partner.role == WSPOLNIK
    [clerk] = entity.prokurenci
    assert clerk.role == INNY and "prokurent" in clerk.function and clerk.first_names == ("Anna",)


@pytest.mark.parametrize("code, kind, treatment", [
    ("WL-113", RegistryBadAnswer, "operator"), ("WL-115", RegistryBadAnswer, "operator"),
    ("WL-191", RegistryRateLimited, "retry"), ("WL-195", RegistryUnavailable, "retry"),
    ("WL-196", RegistryUnavailable, "retry")])
def test_white_list_error_codes(code, kind, treatment):
    error = error_from_code({"code": code, "message": "x"})
    assert type(error) is kind and error.treatment == treatment and error.code == code and error.service == "wl"
    with pytest.raises(kind):
        parse_whitelist({"code": code, "message": "x"})


@pytest.mark.parametrize("body", [{}, {"result": {}}, {"result": {"subject": "x"}}, {"result": None}, None, []])
def test_white_list_odd_bodies_are_bad_answers_not_not_found(body):
    with pytest.raises(RegistryBadAnswer):
        parse_whitelist(body)
