"""THREATS A4, the letter predating the signer: a person entered in KRS after the letter's date could not
sign it. The dates come from the full extract; without them, or without the letter's date, a pass becomes
a question for the operator. The registers are handed in as lookups answering in our own terms (full names
here, as an operator's full extract would show them); test_outside_checks runs the same through the real
clients and the stand-in's OdpisPelny."""
import datetime
from dataclasses import replace

import pytest

from registries.types import CZLONEK, PREZES, PROKURENT, Entity, Person
from verify.fields import Field, Letter
from verify.registry_checks import Lookups, outside_checks

pytestmark = pytest.mark.hostile

NIP = "1578308628"
JOINT = "DO SKŁADANIA OŚWIADCZEŃ W IMIENIU SPÓŁKI WYMAGANE JEST WSPÓŁDZIAŁANIE DWÓCH CZŁONKÓW ZARZĄDU ALBO " \
        "CZŁONKA ZARZĄDU ŁĄCZNIE Z PROKURENTEM."
REGISTERED, APPOINTED = datetime.date(2019, 4, 3), datetime.date(2026, 11, 20)
JAN = Person(("JAN",), ("KOWALSKI",), PREZES, "PREZES ZARZĄDU", since=REGISTERED)
ANNA = Person(("ANNA",), ("NOWAK",), CZLONEK, "CZŁONEK ZARZĄDU", since=APPOINTED)
EWA = Person(("EWA",), ("LIS",), PROKURENT, "PROKURENT", prokura="ŁĄCZNA", since=REGISTERED)
COMPANY = Entity("krs", "ELEKTRO-SERWIS SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", NIP, krs="0000123456",
                 board=(JAN, ANNA), prokurenci=(EWA,), representation=JOINT, representation_body="ZARZĄD",
                 tenure_known=True)


def representation(entity: Entity, dated: str | None, signers=("Jan Kowalski", "Anna Nowak")):
    lookups = Lookups(whitelist=lambda nip, day: (None, []), krs=lambda number: (entity, []),
                      ceidg=lambda nip: ([], []), accounts=lambda login: ([], []))
    letter = Letter("mfa_removal", ("mfa_removal",), nip=Field(NIP, 0.95), signers=Field(tuple(signers), 0.95),
                    account=Field("jkowalski", 0.95), krs=Field("0000123456", 0.9), nip_valid=True,
                    date=Field(dated, 0.9) if dated else Field(None))
    checks = {c.name: c for c in outside_checks(letter, lookups, datetime.date(2026, 11, 25)).checks}
    return checks["representation"]


def test_both_signers_in_office_on_the_letters_date_pass():
    assert representation(COMPANY, "2026-11-21").status == "pass"


def test_the_day_of_the_entry_itself_counts():
    assert representation(COMPANY, APPOINTED.isoformat()).status == "pass"


def test_a_signer_entered_after_the_letters_date_fails_with_both_dates():
    check = representation(COMPANY, "2026-11-10")
    assert check.status == "fail"
    assert "Anna Nowak" in check.detail and "20.11.2026" in check.detail and "10.11.2026" in check.detail


def test_the_board_as_it_stood_decides_even_when_another_pair_would_do():
    """On the letter's date Anna was not yet on the board: the prokurent with Jan fills the clause, she does not."""
    assert representation(COMPANY, "2026-11-10", ("Jan Kowalski", "Ewa Lis")).status == "pass"
    assert representation(COMPANY, "2026-11-10", ("Anna Nowak", "Ewa Lis")).status == "fail"


def test_without_the_full_extract_a_pass_is_a_question():
    check = representation(replace(COMPANY, tenure_known=False), "2026-11-21")
    assert check.status == "inconclusive" and "pełnego odpisu" in check.detail


def test_without_the_letters_date_a_pass_is_a_question():
    check = representation(COMPANY, None)
    assert check.status == "inconclusive" and "daty" in check.detail


def test_a_person_the_full_extract_does_not_date_is_a_question():
    undated = replace(COMPANY, board=(JAN, replace(ANNA, since=None)))
    check = representation(undated, "2026-11-21")
    assert check.status == "inconclusive" and "członek zarządu" in check.detail


def test_a_failure_stays_a_failure_whatever_the_dates():
    assert representation(replace(COMPANY, tenure_known=False), "2026-11-21", ("Jan Kowalski",)).status == "fail"


def test_a_board_entered_wholly_after_the_letter_is_a_failure_not_an_unknown_board():
    everyone_later = replace(COMPANY, board=(replace(JAN, since=APPOINTED), ANNA), prokurenci=())
    check = representation(everyone_later, "2026-11-10")
    assert check.status == "fail" and "nikt z obecnego zarządu" in check.detail and "Jan Kowalski" in check.detail
