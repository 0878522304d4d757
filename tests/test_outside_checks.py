"""Checks against the registries and the application, through the real clients and the local stand-ins
in the registries' real formats. No failure mode of a registry may ever end in a pass."""
import datetime
import json
import os
from dataclasses import replace

import pytest

from conftest import ROOT, run_odzysk
from odzysk.lookups import build_lookups
from odzysk.settings import OutsideServices
from standins.app import AppStandIn
from standins.registries import RegistryStandIn
from verify.fields import Field, Letter
from verify.registry_checks import outside_checks

pytestmark = pytest.mark.hostile

TODAY = datetime.date(2026, 11, 25)
SOLE_NIP, COMPANY_NIP = "4451018814", "1578308628"


def letter(nip=SOLE_NIP, signers=("Łucja Wiśniewska",), account="biuro+admin@wisniewska.com.pl", kind="ip_unblock",
           krs=None) -> Letter:
    return Letter(kind, (kind,), nip=Field(nip, 0.95), signers=Field(tuple(signers), 0.95),
                  account=Field(account, 0.95), nip_valid=True, krs=Field(krs, 0.9) if krs else Field(None))


REGISTRY = {
    SOLE_NIP: {"name": "F.H.U. Łucja Wiśniewska", "ceidg": [{"name": "Łucja Wiśniewska", "status": "AKTYWNY"}],
               "wl": {"status": "Czynny"}},
    COMPANY_NIP: {"name": "Elektro-Serwis sp. z o.o.", "krs": {
        "number": "0000123456", "clause": "DO SKŁADANIA OŚWIADCZEŃ W IMIENIU SPÓŁKI WYMAGANE JEST WSPÓŁDZIAŁANIE "
                                          "DWÓCH CZŁONKÓW ZARZĄDU ALBO CZŁONKA ZARZĄDU ŁĄCZNIE Z PROKURENTEM.",
        "board": [{"name": "Jan Kowalski", "function": "PREZES ZARZĄDU"},
                  {"name": "Anna Nowak", "function": "CZŁONEK ZARZĄDU"}]}},
}
ACCOUNTS = [
    {"id": "a-1", "login": "lwisniewska", "email": "biuro+admin@wisniewska.com.pl", "roles": ["user"],
     "mfa_enabled": True, "ip_lock_enabled": True,
     "tenant": {"id": "t-1", "name": "F.H.U. Łucja Wiśniewska", "payer_nip": SOLE_NIP}},
    {"id": "a-2", "login": "jkowalski", "email": "jan.kowalski@elektro.pl", "roles": ["user"],
     "mfa_enabled": True, "ip_lock_enabled": True,
     "tenant": {"id": "t-2", "name": "Elektro-Serwis sp. z o.o.", "payer_nip": COMPANY_NIP}},
]


@pytest.fixture
def outside():
    with RegistryStandIn(REGISTRY, today=TODAY, delay=1.0) as registries, AppStandIn(ACCOUNTS, token="t") as app:
        yield registries, app, OutsideServices(registries.url, registries.url, registries.token, registries.url,
                                       app.url, "t", timeout_s=0.5)


def run(outside_config, the_letter) -> dict:
    result = outside_checks(the_letter, build_lookups(outside_config), TODAY)
    return {c.name: c for c in result.checks} | {"_evidence": result.evidence}


def test_sole_trader_passes_with_evidence(outside):
    registries, app, config = outside
    checks = run(config, letter())
    assert checks["registry"].status == checks["representation"].status == checks["account_match"].status == "pass"
    services = {e.service for e in checks["_evidence"]}
    assert {"wl", "ceidg", "app"} <= services
    assert all(len(e.sha256) == 64 and e.fetched_at for e in checks["_evidence"])
    assert any(e.request_id for e in checks["_evidence"] if e.service == "wl")
    assert any(r["headers"].get("Authorization") == f"Bearer {registries.token}" for r in registries.of("ceidg"))


@pytest.mark.parametrize("printed", ["Łucja Wiśniewski", "Łucjan Wiśniewska", "Łucja Wiśniewska-Nowak", "Anna Wiśniewska"])
def test_sole_trader_near_miss_names_fail(outside, printed):
    checks = run(outside[2], letter(signers=(printed,)))
    assert checks["representation"].status == "fail"


def test_inactive_sole_trader_fails(outside):
    registries, app, config = outside
    registries.data[SOLE_NIP]["ceidg"][0]["status"] = "ZAWIESZONY"
    assert run(config, letter())["registry"].status == "fail"


def test_company_with_masked_names_goes_to_a_person(outside):
    checks = run(outside[2], letter(COMPANY_NIP, ("Jan Kowalski", "Anna Nowak"), "jkowalski", "mfa_removal"))
    assert checks["registry"].status == "pass"
    assert checks["representation"].status == "inconclusive" and "KRS" in checks["representation"].detail
    assert checks["account_match"].status == "pass"


def test_company_with_one_signer_where_two_are_needed_fails(outside):
    checks = run(outside[2], letter(COMPANY_NIP, ("Jan Kowalski",), "jkowalski", "mfa_removal"))
    assert checks["representation"].status == "fail"


def test_signer_not_in_the_register_fails(outside):
    checks = run(outside[2], letter(COMPANY_NIP, ("Jan Kowalski", "Piotr Zieliński"), "jkowalski", "mfa_removal"))
    assert checks["representation"].status == "fail"


def test_signer_entered_in_krs_after_the_letter_was_dated_fails(outside):
    """A4 through the real client: OdpisPelny of the stand-in enters Anna Nowak on 20.11.2026."""
    registries, app, config = outside
    registries.data[COMPANY_NIP]["krs"]["board"][1]["since"] = "2026-11-20"
    early = replace(letter(COMPANY_NIP, ("Jan Kowalski", "Anna Nowak"), "jkowalski", "mfa_removal"),
                    date=Field("2026-11-10", 0.9))
    check = run(config, early)["representation"]
    assert check.status == "fail" and "20.11.2026" in check.detail
    assert [r["path"].split("/")[3] for r in registries.of("krs")] == ["OdpisAktualny", "OdpisPelny"]
    later = replace(early, date=Field("2026-11-21", 0.9))
    assert run(config, later)["representation"].status == "inconclusive"      # masked names: a person looks


@pytest.mark.parametrize("mode", ["503", "html", "404", "timeout"])
def test_a_full_extract_that_fails_never_lets_the_company_pass(outside, mode):
    registries, app, config = outside
    registries.fail("krs", None, *[mode] * 3)       # the current extract answers, the full one does not
    checks = run(config, letter(COMPANY_NIP, ("Jan Kowalski", "Anna Nowak"), "jkowalski", "mfa_removal"))
    assert checks["registry"].status == "inconclusive", checks["registry"]
    assert "representation" not in checks


def test_account_of_another_tenant_fails(outside):
    assert run(outside[2], letter(account="jkowalski"))["account_match"].status == "fail"


def test_unknown_nip_fails_when_read_surely_and_is_a_question_when_read_once(outside):
    sure = replace(letter(nip="5260250995"), nip=Field("5260250995", 0.95, read_by="ocr+eng"))
    assert run(outside[2], sure)["registry"].status == "fail"
    once = run(outside[2], letter(nip="5260250995"))["registry"]
    assert once.status == "inconclusive" and "porównaj z obrazem" in once.detail


@pytest.mark.parametrize("mode", ["timeout", "reset", "500", "503", "429", "html", "html-as-json", "not-json",
                                  "404-html", "401"])
def test_no_registry_failure_mode_passes(outside, mode):
    registries, app, config = outside
    registries.fail("wl", mode)
    registries.fail("ceidg", mode)
    checks = run(config, letter())
    assert checks["registry"].status in ("inconclusive", "fail"), (mode, checks["registry"])
    assert checks["registry"].status == "inconclusive"      # never "not found" either


def test_application_down_is_inconclusive(outside):
    registries, app, config = outside
    down = OutsideServices(config.krs_url, config.ceidg_url, config.ceidg_token, config.wl_url, "http://127.0.0.1:9", "t", 0.5)
    assert run(down, letter())["account_match"].status == "inconclusive"


def test_unconfigured_registries_never_pass():
    checks = run(OutsideServices(), letter())
    assert checks["registry"].status == "inconclusive" and "ODZYSK_" in checks["registry"].detail
    assert checks["account_match"].status == "inconclusive"


def test_genuine_sole_trader_letter_is_ready_end_to_end(outside):
    registries, app, config = outside
    env = dict(os.environ, ODZYSK_KRS_URL=registries.url, ODZYSK_CEIDG_URL=registries.url,
               ODZYSK_CEIDG_TOKEN=registries.token, ODZYSK_WL_URL=registries.url, ODZYSK_APP_URL=app.url,
               ODZYSK_APP_TOKEN="t")
    done = run_odzysk("check", "--json", "--as-of", "2026-11-25", str(ROOT / "samples/letters/0016.jpg"), env=env)
    result = json.loads(done.stdout)
    assert result["verdict"] == "ready", [c for c in result["checks"] if c["status"] != "pass"]
    assert {e["service"] for e in result["evidence"]} >= {"wl", "ceidg", "app"}


def test_a_signature_block_with_an_unreadable_name_turns_a_failure_into_a_question(outside):
    from dataclasses import replace
    one = letter(COMPANY_NIP, ("Jan Kowalski",), "jkowalski", "mfa_removal")
    assert run(outside[2], one)["representation"].status == "fail"
    check = run(outside[2], replace(one, unread_signers=1))["representation"]
    assert check.status == "inconclusive" and "nieodczytanym" in check.detail


def test_two_strangers_one_read_surely_fail_the_representation(outside):
    from dataclasses import replace
    two = letter(COMPANY_NIP, ("Zenon Zabłocki", "Ewa Zych"), "jkowalski", "mfa_removal")
    # Each may be a misread member: a person looks.
    unsure = replace(two, signers=Field(two.signers.value, 0.7), signer_confidences=(0.7, 0.7))
    assert run(outside[2], unsure)["representation"].status == "inconclusive"
    # One of them read surely is a stranger for certain, whatever the other is.
    one_sure = replace(two, signers=Field(two.signers.value, 0.7), signer_confidences=(0.95, 0.7))
    assert run(outside[2], one_sure)["representation"].status == "fail"


def test_unread_signature_blocks_too_few_to_complete_the_representation_leave_the_failure_standing():
    from dataclasses import replace
    three = {COMPANY_NIP: {"name": "Elektro-Serwis sp. z o.o.", "krs": {
        "number": "0000123456", "clause": "DO SKŁADANIA OŚWIADCZEŃ W IMIENIU SPÓŁKI WYMAGANE JEST WSPÓŁDZIAŁANIE "
                                          "TRZECH CZŁONKÓW ZARZĄDU.",
        "board": [{"name": n, "function": "CZŁONEK ZARZĄDU"} for n in ("Jan Kowalski", "Anna Nowak", "Ewa Zych")]}}}
    one = letter(COMPANY_NIP, ("Jan Kowalski",), "jkowalski", "mfa_removal")
    with RegistryStandIn(three, today=TODAY) as registries, AppStandIn(ACCOUNTS, token="t") as app:
        config = OutsideServices(registries.url, registries.url, registries.token, registries.url, app.url, "t")
        # One name and one more signature are two people at most: three must sign.
        short = run(config, replace(one, unread_signers=1))["representation"]
        maybe = run(config, replace(one, unread_signers=2))["representation"]
    assert short.status == "fail" and "trzech" in short.detail
    assert maybe.status == "inconclusive" and "nieodczytanym" in maybe.detail


def _unsure_account_checks(outside, accounts, account):
    """Outside checks of a letter whose account two OCR models read differently, the Polish reading
    kept; the reading check judged again with what the application bore out."""
    from verify.checks import check_reading
    from verify.registry_checks import with_outside
    registries = outside[0]
    unsure = replace(letter(), account=Field(account, 0.5, read_by="ocr≠eng:" + account.replace("l", "J", 1)))
    with AppStandIn(accounts, token="t") as app:
        config = OutsideServices(registries.url, registries.url, registries.token, registries.url, app.url, "t")
        found = outside_checks(unsure, build_lookups(config), TODAY)
    return {c.name: c for c in with_outside(unsure, [check_reading(unsure)], found)}


def test_an_unsure_account_the_application_bears_out_is_read_surely(outside):
    checks = _unsure_account_checks(outside, ACCOUNTS, "lwisniewska")
    assert checks["account_match"].status == "pass" and "potwierdza aplikacja" in checks["account_match"].detail
    assert checks["reading"].status == "pass"


def test_an_unsure_account_with_a_look_alike_sibling_stays_a_question(outside):
    # The payer also has "lwisniewskal": the reading may have been either.
    sibling = dict(ACCOUNTS[0], id="a-9", login="lwisniewskal", email="druga@wisniewska.com.pl")
    checks = _unsure_account_checks(outside, ACCOUNTS + [sibling], "lwisniewska")
    assert checks["account_match"].status == "pass" and "potwierdza" not in checks["account_match"].detail
    assert checks["reading"].status == "inconclusive"
