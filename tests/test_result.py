"""The typed result: the JSON `odzysk check --json` prints and `cases.result` stores, read back and
written again unchanged; older stored results that lack keys; the verdict rules."""
import datetime
import json

import pytest
from core_helpers import letter_result
from test_outside_checks import ACCOUNTS, REGISTRY

from conftest import ROOT, letter_pdf
from odzysk.check import check_data
from odzysk.lookups import build_lookups
from odzysk.settings import OutsideServices, Settings
from standins.app import AppStandIn
from standins.registries import RegistryStandIn
from verify.result import CaseResult, Check, Marks, Status, Verdict, verdict

TODAY = datetime.date(2026, 11, 25)
# The keys `odzysk check --json` printed before the result was typed, in their order.
KEYS = ["file", "kind", "fields", "sources", "marks", "checks", "verdict", "error", "evidence", "registry", "pages",
        "seconds"]


@pytest.fixture(scope="module")
def sole_trader() -> CaseResult:
    """A sample letter checked against stand-ins that tell the truth: registry, evidence and all."""
    data = (ROOT / "samples/letters/0016.jpg").read_bytes()
    with RegistryStandIn(REGISTRY, today=TODAY) as registries, AppStandIn(ACCOUNTS, token="t") as app:
        outside = OutsideServices(registries.url, registries.url, registries.token, registries.url, app.url, "t")
        result, document = check_data(data, "0016.jpg", Settings(), TODAY, build_lookups(outside, stand_ins=True))
    assert document is not None
    return result


def test_a_real_result_goes_through_json_and_back_unchanged(sole_trader):
    assert sole_trader.registry is not None and sole_trader.evidence and sole_trader.sources
    stored = json.loads(json.dumps(sole_trader.to_json()))          # as the database column holds it
    assert list(stored) == KEYS
    assert CaseResult.from_json(stored) == sole_trader
    assert CaseResult.from_json(stored).to_json() == stored


def test_the_json_holds_plain_values(sole_trader):
    stored = sole_trader.to_json()
    assert type(stored["verdict"]) is str and all(type(c["status"]) is str for c in stored["checks"])
    assert isinstance(stored["fields"]["signers"], list) and isinstance(stored["pages"]["read"], list)
    assert stored["registry"]["source"] == "ceidg" and isinstance(stored["registry"]["board"], list)


def test_a_file_that_cannot_be_read_goes_through_json_and_back(tmp_path):
    result, document = check_data(b"not a letter at all", "smieci.bin", Settings(), TODAY)
    assert document is None and result.error is not None and result.verdict == Verdict.REJECT
    stored = json.loads(json.dumps(result.to_json()))
    assert stored["error"]["code"] == result.error.code and stored["marks"] == {} and stored["pages"] == {}
    assert stored["checks"] == [{"name": "readable", "status": "fail", "detail": result.error.message}]
    assert CaseResult.from_json(stored) == result and CaseResult.from_json(stored).to_json() == stored


def test_a_test_letter_reads_back_with_its_sources(tmp_path):
    data = letter_pdf(tmp_path / "pismo.pdf").read_bytes()
    result, _ = check_data(data, "pismo.pdf", Settings(), TODAY, build_lookups(OutsideServices()))
    stored = result.to_json()
    assert stored["sources"]["nip"]["page"] == 1 and len(stored["sources"]["nip"]["box"]) == 4
    assert CaseResult.from_json(stored) == result


def test_an_old_stored_result_without_newer_keys_reads_back():
    old = letter_result()                  # no registry, no seconds; evidence without url or status
    result = CaseResult.from_json(old)
    assert result.registry is None and result.seconds == 0.0 and result.marks is None and result.pages is None
    assert result.verdict == Verdict.READY and [c.status for c in result.checks] == [Status.PASS, Status.PASS]
    assert result.evidence[0].service == "ceidg" and result.evidence[0].url == ""
    assert result.fields["signers"] == ("Jan Kowalski",)
    again = result.to_json()
    assert {k: again[k] for k in ("kind", "fields", "checks", "verdict", "error")} == \
        {k: old[k] for k in ("kind", "fields", "checks", "verdict", "error")}


def test_the_smallest_stored_result_reads_back():
    # What a mail without a readable attachment stored: checks and error only.
    result = CaseResult.from_json({"checks": [{"name": "readable", "status": "fail", "detail": "Brak załącznika."}],
                                   "error": None})
    assert result.kind == "unknown" and result.verdict == Verdict.REJECT and result.fields == {}
    assert result.checks == (Check("readable", Status.FAIL, "Brak załącznika."),)
    assert CaseResult.from_json(None).verdict == Verdict.REJECT        # a case never read proves nothing


def test_a_stray_entry_is_skipped_and_an_unknown_status_is_a_doubt():
    result = CaseResult.from_json({"kind": "mfa_removal", "checks": ["?", {"name": "x", "status": "maybe"}],
                                   "sources": {"nip": "?"}, "marks": {"signatures": [True], "stamp": 1}})
    assert result.checks == (Check("x", Status.INCONCLUSIVE, ""),) and result.sources == {}
    assert result.marks == Marks((True,), True) and result.verdict == Verdict.REVIEW


def test_verdict_rules():
    ok, doubt, bad = (Check("a", s, "") for s in (Status.PASS, Status.INCONCLUSIVE, Status.FAIL))
    assert verdict([]) == Verdict.REJECT
    assert verdict([ok, ok]) == Verdict.READY
    assert verdict([ok, doubt]) == Verdict.REVIEW
    assert verdict([doubt, bad, ok]) == Verdict.REJECT


@pytest.mark.parametrize("before, status, after", [
    ("ready", "inconclusive", "review"), ("ready", "pass", "ready"), ("ready", "fail", "reject"),
    ("review", "pass", "review"), ("reject", "inconclusive", "reject"), ("review", "inconclusive", "review")])
def test_a_check_added_later_can_only_make_the_verdict_worse(before, status, after):
    result = CaseResult.from_json(letter_result(verdict=before))
    added = result.with_check(Check("replay", Status(status), "Ten sam plik był już w sprawie."))
    assert added.verdict == after and added.checks[-1].name == "replay" and len(added.checks) == 3
    assert result.verdict == before and len(result.checks) == 2        # frozen: the original is unchanged


def test_statuses_and_verdicts_compare_as_the_strings_stored():
    assert Status.FAIL == "fail" and Verdict.REVIEW == "review" and {"ready": 1}[Verdict.READY] == 1
    assert json.dumps([Status.INCONCLUSIVE, Verdict.REJECT]) == '["inconclusive", "reject"]'
