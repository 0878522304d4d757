"""The registry parsers on every real answer in tests/data/registry-samples, with the values they hold."""
import csv
import datetime
import json
from dataclasses import replace
from pathlib import Path

import pytest

from registries.ceidg import ceidg_entity, parse_ceidg_firma, parse_ceidg_list
from registries.registry_errors import RegistryBadAnswer, RegistryError
from registries.krs import parse_krs
from registries.types import CZLONEK, INNY, PREZES, PROKURENT, WICEPREZES, WLASCICIEL
from registries.whitelist import parse_whitelist, parse_whitelist_batch

SAMPLES = Path(__file__).parent / "data" / "registry-samples"


def load(name: str):
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def roles(entity) -> list[str]:
    return [p.role for p in entity.board]


# ---------------------------------------------------------------------------------------------- KRS

def check_asseco(e):
    assert e.name == "ASSECO POLAND SPÓŁKA AKCYJNA" and e.nip == "5220003782" and e.regon == "010334578"
    assert e.krs == "0000033391" and e.legal_form == "SPÓŁKA AKCYJNA" and e.active
    assert roles(e) == [PREZES] + [WICEPREZES] * 11
    assert [p.prokura for p in e.prokurenci] == ["PROKURA ŁĄCZNA Z WICEPREZESEM ZARZĄDU"] * 2
    assert e.board[0].first_names == ("A***", "T******") and e.board[0].surnames == ("G****",)
    assert e.representation.startswith("DO REPREZENTOWANIA SPÓŁKI UPOWAŻNIENI SĄ: PREZES ZARZĄDU SAMODZIELNIE")


def check_strong_man(e):
    assert e.name == '"STRONG MAN" SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ' and e.nip == "5862021333"
    assert roles(e) == [PREZES] and e.prokurenci == () and e.active
    assert "DWA" in e.representation          # a joint clause with a one-person board


def check_drutex(e):
    assert e.name == "DRUTEX SPÓŁKA AKCYJNA" and e.nip == "8421622720" and e.krs == "0000140428"
    assert roles(e) == [WICEPREZES, CZLONEK, CZLONEK]
    assert len(e.prokurenci) == 2 and all(p.prokura == "ŁĄCZNA" and p.role == PROKURENT for p in e.prokurenci)
    assert e.representation.startswith("DO SKŁADANIA") and "\n2) WICEPREZES ZARZĄDU SAMODZIELNIE;" in e.representation
    assert e.prokurenci[1].first_names == ("A***", "Z******") and e.prokurenci[1].surnames == ("L***",)


def check_dino(e):
    assert e.name == '"DINO POLSKA" SPÓŁKA AKCYJNA' and roles(e) == [CZLONEK] * 4
    assert [p.prokura for p in e.prokurenci] == ["PROKURA ŁĄCZNA Z CZŁONKIEM ZARZĄDU"]


def check_zabka(e):
    assert e.name == "ŻABKA POLSKA SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ" and e.nip == "5223071241"
    assert e.regon == "365388398" and e.as_of == datetime.date(2025, 11, 21)
    assert roles(e) == [PREZES] + [WICEPREZES] * 3 + [CZLONEK] * 3 and e.prokurenci == ()
    double = [p for p in e.board if len(p.surnames) == 2]
    assert [p.surnames for p in double] == [("W******", "Ł********")] and double[0].first_names == ("M****",)
    assert all(p.masked and not p.suspended for p in e.board)


def check_januszex(e):
    assert e.name == "JANUSZEX SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ" and e.nip == "5272889007"
    assert not e.active and "NIP UCHYLONY" in e.status and "2024-11-18" in e.status
    assert roles(e) == [PREZES] and e.representation == "CZŁONEK ZARZĄDU SAMODZIELNIE."


def check_tenczynek(e):
    assert e.name == '"TENCZYNEK DYSTRYBUCJA" SPÓŁKA AKCYJNA' and roles(e) == [PREZES] and e.active
    assert e.representation.startswith("DO SKŁADANIA OŚWIADCZEŃ W IMIENIU SPÓŁKI I JEJ REPREZENTOWANIA")


def check_fame(e):
    assert e.name == "FAME MMA SPÓŁKA AKCYJNA" and roles(e) == [PREZES]
    [prokurent] = e.prokurenci
    assert prokurent.prokura == "PROKURA SAMOISTNA" and prokurent.first_names == ("R****", "D*****")
    assert prokurent.function == "PROKURENT" and prokurent.masked


def check_maspex(e):
    assert e.name == "GRUPA MASPEX SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ" and roles(e) == [CZLONEK] * 12
    assert len(e.prokurenci) == 8
    assert {p.prokura for p in e.prokurenci} == {"PROKURA ŁĄCZNA DWUOSOBOWA TAKŻE Z CZŁONKIEM ZARZĄDU"}
    assert ("C********", "R****") in [p.surnames for p in e.prokurenci]
    assert ("Ć*****",) in [p.surnames for p in e.prokurenci]       # the first letter keeps its diacritic


def check_mentzen(e):
    assert e.name == "MENTZEN SPÓŁKA AKCYJNA" and e.nip == "5273032556" and e.regon == "523923895"
    assert roles(e) == [PREZES, WICEPREZES]
    assert e.representation == "KAŻDY CZŁONEK ZARZĄDU MA PRAWO REPREZENTOWANIA SPÓŁKI SAMODZIELNIE"


def check_gym(e):
    assert e.name == "GYM CENTER 8.0 SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ" and e.nip == "9452336418"
    assert e.regon == "545772924" and e.krs == "0001268296" and e.as_of == datetime.date(2026, 9, 23)
    assert roles(e) == [PREZES] and e.board[0].first_names == ("D*****", "K********")
    assert "25.000,00 ZŁ" in e.representation and e.representation_body == "ZARZĄD" and e.active


def check_gym_full(e):
    """The full extract reduces to the current one, and adds since when each person stands in it."""
    check_gym(e)
    assert e.tenure_known and [p.since for p in e.board] == [datetime.date(2026, 9, 22)]
    undated = replace(e, board=tuple(replace(p, since=None) for p in e.board), tenure_known=False)
    assert undated == parse_krs(load("krs_odpis_aktualny_0001268296_gym_center_spzoo.json"))


def bad_krs(body):
    with pytest.raises(RegistryBadAnswer) as caught:
        parse_krs(body)
    assert caught.value.code == "shape" and caught.value.treatment == "operator"


# ---------------------------------------------------------------------------------------------- CEIDG

def check_ceidg_list(body):
    items = parse_ceidg_list(body)
    assert [i["status"] for i in items] == ["WYKRESLONY", "WYKRESLONY"]
    assert [i["wlasciciel"]["regon"] for i in items] == ["618155359", "198096992"]
    entities = [ceidg_entity(i) for i in items]
    assert all(not e.active and e.status == "WYKRESLONY" and e.nip == "3563457932" for e in entities)
    owner = entities[0].board[0]
    assert (owner.first_names, owner.surnames, owner.role, owner.masked) == (("Adam",), ("IntegracjaMGMF",),
                                                                              WLASCICIEL, False)


def check_ceidg_firma(body):
    [e] = parse_ceidg_firma(body)
    assert e.name == "Adam IntegracjaMGMF - Zmiana" and e.nip == "2367852376" and e.source == "ceidg"
    assert not e.active and e.status == "WYLACZNIE_W_FORMIE_SPOLKI"
    assert e.board[0].surnames == ("IntegracjaMGMF", "Zmiana") and e.board[0].role == WLASCICIEL


# ---------------------------------------------------------------------------------------------- white list

def wl_hit(name, nip, regon, krs, request_id, day):
    def check(body):
        entity, rid = parse_whitelist(body)
        assert (entity.name, entity.nip, entity.regon, entity.krs) == (name, nip, regon, krs)
        assert entity.active and entity.status == "Czynny" and entity.board == () and entity.prokurenci == ()
        assert rid == request_id and entity.as_of == day and entity.source == "wl"
    return check


def wl_none(request_id):
    def check(body):
        assert parse_whitelist(body) == (None, request_id)
    return check


def wl_error(code):
    def check(body):
        with pytest.raises(RegistryBadAnswer) as caught:
            parse_whitelist(body)
        assert caught.value.code == code and caught.value.service == "wl"
        assert body["message"] in caught.value.message
    return check


def check_wl_batch(body):
    with pytest.raises(RegistryBadAnswer):
        parse_whitelist(body)                  # a batch answer is not a single search's "not found"
    answers, request_id = parse_whitelist_batch(body)
    assert request_id == "MgWii-98jk3j7" and len(answers) == 4
    assert answers["9999999982"] is None
    assert isinstance(answers["7740001455"], RegistryBadAnswer) and answers["7740001455"].code == "WL-115"
    orlen, pzu = answers["7740001454"], answers["5260251049"]
    assert orlen.name == "ORLEN SPÓŁKA AKCYJNA" and orlen.active and orlen.krs == "0000028860"
    assert not pzu.active and pzu.status == "Niezarejestrowany" and pzu.krs == "0000009831"
    # The publisher replaced the seven PZU representatives' names with "JAN KOWALSKI".
    assert [(p.first_names, p.surnames, p.role) for p in pzu.board] == [(("JAN",), ("KOWALSKI",), INNY)] * 7


EXPECTED = {
    "krs_odpis_aktualny_0000033391_asseco_poland_sa.json": (parse_krs, check_asseco),
    "krs_odpis_aktualny_0000055656_strong_man_spzoo.json": (parse_krs, check_strong_man),
    "krs_odpis_aktualny_0000140428_drutex_sa.json": (parse_krs, check_drutex),
    "krs_odpis_aktualny_0000408273_dino_polska_sa.json": (parse_krs, check_dino),
    "krs_odpis_aktualny_0000636642_zabka_spzoo.json": (parse_krs, check_zabka),
    "krs_odpis_aktualny_0000779880_januszex_spzoo.json": (parse_krs, check_januszex),
    "krs_odpis_aktualny_0000864032_tenczynek_dystrybucja_sa.json": (parse_krs, check_tenczynek),
    "krs_odpis_aktualny_0000883491_fame_mma_sa.json": (parse_krs, check_fame),
    "krs_odpis_aktualny_0000898248_grupa_maspex_spzoo.json": (parse_krs, check_maspex),
    "krs_odpis_aktualny_0001008036_mentzen_sa.json": (parse_krs, check_mentzen),
    "krs_odpis_aktualny_0001268296_gym_center_spzoo.json": (parse_krs, check_gym),
    "krs_odpis_pelny_0001268296_gym_center_spzoo.json": (parse_krs, check_gym_full),
    "krs_error_404_not_found.json": (None, bad_krs),
    "krs_error_400_bad_request.json": (None, bad_krs),
    "ceidg_v2_firmy_nip_3563457932_doc_example.json": (None, check_ceidg_list),
    "ceidg_v2_firma_nip_2367852376_doc_example.json": (None, check_ceidg_firma),
    "wl_search_nip_5223071241_zabka_spzoo.json": (None, wl_hit(
        "ŻABKA POLSKA SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "5223071241", "365388398", "0000636642",
        "374sE-9752n4j", datetime.date(2026, 4, 28))),
    "wl_search_nip_5250000251_pkp_sa_accounts_redacted.json": (None, wl_hit(
        "POLSKIE KOLEJE PAŃSTWOWE SPÓŁKA AKCYJNA", "5250000251", "000126801", "0000019193", "ZyTTa-98me14b",
        datetime.date(2026, 10, 4))),
    "wl_search_nip_5273032556_mentzen_sa.json": (None, wl_hit(
        "MENTZEN SPÓŁKA AKCYJNA", "5273032556", "523923895", "0001008036", "NpYUW-9752n4g",
        datetime.date(2026, 4, 28))),
    "wl_search_nip_5862021333_strong_man_subject_null.json": (None, wl_none("62ecz-9752n4h")),
    "wl_search_nip_notfound_subject_null.json": (None, wl_none("h1zOr-98jk3jj")),
    "wl_search_nips_batch_mixed_orlen_pzu_invalid_notfound.json": (None, check_wl_batch),
    "wl_error_400_WL-103_future_date.json": (None, wl_error("WL-103")),
    "wl_error_400_WL-118_date_before_register.json": (None, wl_error("WL-118")),
    "wl_error_404_WL-190_unknown_route.json": (None, wl_error("WL-190")),
}
PARSERS = [parse_krs, parse_ceidg_list, parse_ceidg_firma, parse_whitelist, parse_whitelist_batch]


def test_every_sample_has_an_expectation():
    names = {p.name for p in SAMPLES.glob("*.json")}
    assert len(names) >= 25, f"samples missing in {SAMPLES}"
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_parses_to_its_real_values(name):
    parser, check = EXPECTED[name]
    body = load(name)
    check(parser(body) if parser else body)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_parser_given_another_registrys_answer_says_so(parser, name):
    """Any parser on any sample either reads it or raises a RegistryError: never a crash, never a
    silent "not found" for an answer of the wrong kind."""
    try:
        result = parser(load(name))
    except RegistryError as error:
        assert error.message and error.treatment in ("retry", "operator")
        return
    if parser is parse_whitelist and result[0] is None:
        assert name.startswith("wl_search_nip_") and "subject_null" in name


def test_krs_clauses_are_the_ones_in_the_tsv():
    with open(SAMPLES / "sposoby_reprezentacji.tsv", encoding="utf-8", newline="") as tsv:
        texts = {row["text"].replace("\\n", "\n") for row in csv.DictReader(tsv, delimiter="\t")}
    for path in sorted(SAMPLES.glob("krs_odpis_*.json")):
        assert parse_krs(load(path.name)).representation in texts, path.name


@pytest.mark.parametrize("krs_file, wl_file", [
    ("krs_odpis_aktualny_0000636642_zabka_spzoo.json", "wl_search_nip_5223071241_zabka_spzoo.json"),
    ("krs_odpis_aktualny_0001008036_mentzen_sa.json", "wl_search_nip_5273032556_mentzen_sa.json")])
def test_krs_and_white_list_agree_on_identifiers(krs_file, wl_file):
    krs, (listed, _) = parse_krs(load(krs_file)), parse_whitelist(load(wl_file))
    assert (krs.name, krs.nip, krs.regon, krs.krs) == (listed.name, listed.nip, listed.regon, listed.krs)
