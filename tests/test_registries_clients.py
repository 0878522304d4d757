"""Every registry client against the local stand-in of the registries: found, not found, and each failure
mode, which must end in the right RegistryError and never in "not found"."""
import datetime
import hashlib
import json

import pytest

from registries.ceidg import CeidgClient
from registries.registry_errors import RegistryBadAnswer, RegistryError, RegistryRateLimited, RegistryUnavailable
from registries.http import HttpPolicy
from registries.krs import KrsClient
from registries.rate_limits import SlidingWindowLimiter
from registries.types import CZLONEK, PREZES, PROKURENT, WLASCICIEL
from registries.whitelist import WhiteListClient
from standins.registries import RegistryStandIn

TODAY = datetime.date.today()
FAST = HttpPolicy(connect_timeout=1.0, read_timeout=0.25, attempts=3, backoff=0.5, cache_ttl=600.0)
TOKEN = "ceidg-test-token"

DATA = {
    "5272889007": {"name": "SERWIS ŁĄCZNOŚCI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "krs": {
        "number": "0000779880", "clause": "DWÓCH CZŁONKÓW ZARZĄDU ŁĄCZNIE ALBO CZŁONEK ZARZĄDU Z PROKURENTEM.",
        "board": [{"name": "Łukasz Józef Żółć-Wójcik", "function": "PREZES ZARZĄDU"},
                  {"first": "Anna", "surname": "Nowak", "function": "CZŁONEK ZARZĄDU", "suspended": True}],
        "prokurenci": [{"name": "Ewa Kowalska", "prokura": "ŁĄCZNA"}]}},
    "5862021333": {"name": "FUNDACJA POMOCY", "wl": False, "krs": {
        "number": "0000030897", "register": "S", "organ": "ZARZĄD FUNDACJI",
        "board": [{"name": "Jan Nowak", "function": "PREZES ZARZĄDU"}]}},
    "8421622720": {"name": "DAWNA SPÓŁKA", "krs": {"number": "0000140428", "struck_off": True}},
    "1578308628": {"ceidg": [{"name": "Jan Kowalski", "business": "Serwis RTV AGD Jan Kowalski"},
                             {"name": "Jan Kowalski", "status": "WYKRESLONY", "since": "2001-02-03"}]},
    "3563457932": {"ceidg": [{"name": "Adam Integracja", "status": "WYKRESLONY"}] * 2},
    "2367852376": {"ceidg": [{"name": "Maria Wiśniewska-Zając", "died": "2025-03-01"}]},
}


class FakeTime:
    """A clock and a sleep for the client: sleeping moves the clock, nothing waits."""

    def __init__(self):
        self.now, self.slept = 1000.0, []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def fake():
    with RegistryStandIn(DATA, token=TOKEN, delay=1.0) as stand_in:
        yield stand_in


@pytest.fixture
def time_():
    return FakeTime()


def clients(fake, time_, policy=FAST, **extra):
    options = {"clock": time_.clock, "sleep": time_.sleep}
    return {"krs": KrsClient(fake.url, policy, **options),
            "ceidg": CeidgClient(fake.url, TOKEN, policy, **options, **extra),
            "wl": WhiteListClient(fake.url, policy, **options)}


def ask(client, registry: str, nip: str = "5272889007"):
    if registry == "krs":
        return client.fetch(DATA.get(nip, {}).get("krs", {}).get("number", "0000779880"))
    if registry == "ceidg":
        return client.find(nip if nip != "5272889007" else "1578308628")
    return client.search(nip, TODAY)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------------- KRS

def test_krs_found_with_names_masked_as_krs_masks_them(fake, time_):
    entity, evidence = clients(fake, time_)["krs"].fetch("779880")
    assert entity.name == "SERWIS ŁĄCZNOŚCI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ" and entity.active
    assert (entity.nip, entity.krs, entity.legal_form) == ("5272889007", "0000779880",
                                                           "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ")
    prezes, member = entity.board
    assert (prezes.first_names, prezes.surnames, prezes.role) == (("Ł*****", "J****"), ("Ż***", "W*****"), PREZES)
    assert (member.first_names, member.surnames, member.role, member.suspended) == (("A***",), ("N****",),
                                                                                     CZLONEK, True)
    [prokurent] = entity.prokurenci
    assert (prokurent.surnames, prokurent.role, prokurent.prokura) == (("K*******",), PROKURENT, "ŁĄCZNA")
    assert all(p.masked for p in entity.board + entity.prokurenci)
    raw = fake.of("krs")[0]["response"].decode()
    assert "ŁUKASZ" not in raw.upper() and "NOWAK" not in raw.upper()
    assert [e.status for e in evidence] == [200, 200] and entity.evidence == tuple(evidence)
    assert "OdpisPelny" in evidence[1].url and entity.tenure_known


def test_krs_register_s_after_a_404_in_p(fake, time_):
    entity, evidence = clients(fake, time_)["krs"].fetch("0000030897")
    assert entity.name == "FUNDACJA POMOCY" and entity.representation_body == "ZARZĄD FUNDACJI"
    assert [r["query"]["rejestr"] for r in fake.of("krs")] == [["P"], ["S"], ["S"]]
    assert [e.status for e in evidence] == [404, 200, 200] and "rejestr=S" in evidence[1].url
    assert "OdpisPelny" in evidence[2].url and "rejestr=S" in evidence[2].url


def test_krs_not_found_in_either_register_is_none(fake, time_):
    entity, evidence = clients(fake, time_)["krs"].fetch("0000000001")
    assert entity is None and [e.status for e in evidence] == [404, 404]


def test_krs_404_that_is_not_the_apis_own_is_never_not_found(fake, time_):
    fake.fail("krs", "404-gateway")
    with pytest.raises(RegistryBadAnswer) as caught:
        clients(fake, time_)["krs"].fetch("0000779880")
    assert caught.value.code == "http-404" and len(fake.requests) == 1


def test_krs_struck_off_answers_204_and_reads_inactive(fake, time_):
    entity, evidence = clients(fake, time_)["krs"].fetch("0000140428")
    assert not entity.active and "WYKREŚLONY" in entity.status and entity.krs == "0000140428"
    assert [e.status for e in evidence] == [204]


@pytest.mark.parametrize("state, status", [({"liquidation": True}, "W LIKWIDACJI"),
                                           ({"bankruptcy": True}, "W UPADŁOŚCI"),
                                           ({"status_nip": "UCHYLONY"}, "NIP UCHYLONY")])
def test_krs_states_read_inactive(time_, state, status):
    data = {"5272889007": {"name": "X SPÓŁKA AKCYJNA", "krs": {"number": "0000779880"} | state}}
    with RegistryStandIn(data) as fake:
        entity, _ = clients(fake, time_)["krs"].fetch("0000779880")
    assert not entity.active and status in entity.status


def test_krs_malformed_number_is_a_bad_answer_without_a_request(fake, time_):
    with pytest.raises(RegistryBadAnswer) as caught:
        clients(fake, time_)["krs"].fetch("12345678901")
    assert caught.value.code == "bad-number" and fake.requests == []


def test_krs_evidence_is_the_hash_of_the_exact_body(fake, time_):
    _, [evidence, full] = clients(fake, time_)["krs"].fetch("0000779880")
    request, full_request = fake.of("krs")
    assert evidence.sha256 == sha(request["response"]) and evidence.service == "krs"
    assert evidence.url == f"{fake.url}/api/krs/OdpisAktualny/0000779880?rejestr=P&format=json"
    assert full.sha256 == sha(full_request["response"]) and full.sha256 != evidence.sha256
    assert full.url == f"{fake.url}/api/krs/OdpisPelny/0000779880?rejestr=P&format=json"
    fetched = datetime.datetime.fromisoformat(evidence.fetched_at)
    assert fetched.utcoffset() == datetime.timedelta(0)
    assert abs(datetime.datetime.now(datetime.UTC) - fetched) < datetime.timedelta(minutes=1)


# ---------------------------------------------------------------------------------------------- CEIDG

def test_ceidg_found_with_details_and_the_bearer_token(fake, time_):
    entities, evidence = clients(fake, time_)["ceidg"].find("157-830-86-28")
    assert [(e.name, e.active, e.status) for e in entities] == [
        ("Serwis RTV AGD Jan Kowalski", True, "AKTYWNY"), ("Jan Kowalski", False, "WYKRESLONY")]
    owner = entities[0].board[0]
    assert (owner.first_names, owner.surnames, owner.role, owner.masked) == (("Jan",), ("Kowalski",),
                                                                              WLASCICIEL, False)
    assert [r["path"] for r in fake.of("ceidg")] == ["/api/ceidg/v3/firmy", "/api/ceidg/v3/firma"]
    assert {r["headers"]["Authorization"] for r in fake.of("ceidg")} == {f"Bearer {TOKEN}"}
    assert [e.sha256 for e in evidence] == [sha(r["response"]) for r in fake.of("ceidg")]


def test_ceidg_only_struck_off_entries_need_no_details(fake, time_):
    entities, _ = clients(fake, time_)["ceidg"].find("3563457932")
    assert len(entities) == 2 and not any(e.active for e in entities) and len(fake.of("ceidg")) == 1


def test_ceidg_nothing_found_is_204_and_an_empty_list(fake, time_):
    entities, evidence = clients(fake, time_)["ceidg"].find("9452336418")
    assert entities == [] and [e.status for e in evidence] == [204]


def test_ceidg_dead_owner_is_inactive(fake, time_):
    [entity], _ = clients(fake, time_)["ceidg"].find("2367852376")
    assert not entity.active and "ZGON" in entity.status
    assert entity.board[0].surnames == ("Wiśniewska", "Zając")


def test_ceidg_list_without_details_is_a_bad_answer(fake, time_):
    fake.fail("ceidg", None, "204", nip="1578308628")
    with pytest.raises(RegistryBadAnswer) as caught:
        clients(fake, time_)["ceidg"].find("1578308628")
    assert caught.value.code == "inconsistent"


def test_ceidg_wrong_token_is_inconclusive_and_not_retried(fake, time_):
    client = CeidgClient(fake.url, "wrong", FAST, clock=time_.clock, sleep=time_.sleep)
    with pytest.raises(RegistryBadAnswer) as caught:
        client.find("1578308628")
    assert caught.value.code == "http-401" and caught.value.treatment == "operator"
    assert len(fake.requests) == 1


def test_ceidg_limiter_waits_when_short_and_refuses_when_long(fake, time_):
    limiter = SlidingWindowLimiter("ceidg", 3, 180.0, max_wait=2.0, clock=time_.clock, sleep=time_.sleep)
    client = clients(fake, time_, HttpPolicy(cache_ttl=0), limiters=(limiter,))["ceidg"]
    for _ in range(3):
        client.find("9452336418")
        time_.now += 1
    with pytest.raises(RegistryRateLimited) as caught:
        client.find("9452336418")
    assert caught.value.code == "local-limit" and caught.value.treatment == "retry"
    assert len(fake.requests) == 3                       # refused on our side: nothing was sent
    time_.now = 1000.0 + 179.0                           # the first request leaves the window in 1 s
    client.find("9452336418")
    assert time_.slept == [pytest.approx(1.0)] and len(fake.requests) == 4


def test_ceidg_429_blocks_further_requests_on_our_side(fake, time_):
    fake.fail("ceidg", "429")
    client = clients(fake, time_)["ceidg"]
    with pytest.raises(RegistryRateLimited):
        client.find("1578308628")
    with pytest.raises(RegistryRateLimited) as caught:
        client.find("1578308628")
    assert caught.value.code == "local-limit" and len(fake.requests) == 1


# ---------------------------------------------------------------------------------------------- white list

def test_white_list_found_with_request_id_as_evidence(fake, time_):
    entity, [evidence] = clients(fake, time_)["wl"].search("5272889007", TODAY)
    assert entity.krs == "0000779880" and entity.active and entity.status == "Czynny"
    body = fake.of("wl")[0]["response"]
    assert evidence.request_id == json.loads(body)["result"]["requestId"] and evidence.request_id
    assert evidence.sha256 == sha(body) and evidence.url.endswith(f"/api/search/nip/5272889007?date={TODAY}")


@pytest.mark.parametrize("nip", ["5862021333", "9452336418"])
def test_white_list_subject_null_is_none(fake, time_, nip):
    entity, [evidence] = clients(fake, time_)["wl"].search(nip, TODAY)
    assert entity is None and evidence.status == 200 and evidence.request_id


def test_white_list_sole_trader(fake, time_):
    entity, _ = clients(fake, time_)["wl"].search("1578308628", TODAY)
    assert entity.krs is None and entity.name == "Serwis RTV AGD Jan Kowalski"


@pytest.mark.parametrize("nip, day, code", [
    ("527288900", TODAY, "WL-113"), ("52728890AB", TODAY, "WL-114"), ("5272889008", TODAY, "WL-115"),
    ("5272889007", TODAY + datetime.timedelta(days=1), "WL-103"),
    ("5272889007", datetime.date(2010, 1, 1), "WL-118")])
def test_white_list_error_codes_are_bad_answers_asked_once(fake, time_, nip, day, code):
    with pytest.raises(RegistryBadAnswer) as caught:
        clients(fake, time_)["wl"].search(nip, day)
    assert caught.value.code == code and len(fake.requests) == 1
    assert caught.value.evidence[0].sha256 == sha(fake.requests[0]["response"])


def test_white_list_register_being_updated_is_retry_later(fake, time_):
    fake.fail("wl", "WL-195")
    with pytest.raises(RegistryUnavailable) as caught:
        clients(fake, time_)["wl"].search("5272889007", TODAY)
    assert caught.value.treatment == "retry" and caught.value.code == "WL-195" and len(fake.requests) == 1


# ---------------------------------------------------------------------------------------------- failures

FAILURES = [  # mode, error class, code, requests sent
    ("timeout", RegistryUnavailable, "timeout", 3), ("reset", RegistryUnavailable, "connection", 3),
    ("500", RegistryUnavailable, "http-500", 3), ("503", RegistryUnavailable, "http-503", 3),
    ("429", RegistryRateLimited, "http-429", 1), ("html", RegistryBadAnswer, "html", 1),
    ("html-as-json", RegistryBadAnswer, "html", 1), ("404-html", RegistryBadAnswer, "html", 1),
    ("not-json", RegistryBadAnswer, "not-json", 1)]


@pytest.mark.parametrize("registry", ["krs", "ceidg", "wl"])
@pytest.mark.parametrize("mode, kind, code, sent", FAILURES, ids=[f[0] for f in FAILURES])
def test_failure_is_an_error_never_not_found(fake, time_, registry, mode, kind, code, sent):
    fake.fail(registry, mode)
    with pytest.raises(RegistryError) as caught:
        ask(clients(fake, time_)[registry], registry)
    error = caught.value
    assert type(error) is kind and error.code == code and error.service == registry and error.message
    assert error.treatment == ("retry" if kind in (RegistryUnavailable, RegistryRateLimited) else "operator")
    assert len(fake.of(registry)) == sent
    assert time_.slept == ([0.5, 1.0] if sent == 3 else [])
    answered = [r for r in fake.of(registry) if r.get("response")]
    if answered and mode != "timeout":
        assert error.evidence[-1].sha256 == sha(answered[-1]["response"])


def test_maintenance_page_message_says_so(fake, time_):
    fake.fail("krs", "html")
    with pytest.raises(RegistryBadAnswer) as caught:
        clients(fake, time_)["krs"].fetch("0000779880")
    assert "strona serwisowa zamiast danych" in caught.value.message


@pytest.mark.parametrize("registry", ["krs", "ceidg", "wl"])
def test_one_503_then_success_is_retried_and_counted(fake, time_, registry):
    fake.fail(registry, "503", None)
    answer, evidence = ask(clients(fake, time_)[registry], registry)
    # KRS: the current extract twice, then the full one; CEIDG: the list twice, then the details
    assert answer and len(fake.of(registry)) == (2 if registry == "wl" else 3)
    assert time_.slept == [0.5] and evidence[0].status == 200


def test_two_timeouts_then_success(fake, time_):
    fake.fail("krs", "timeout", "timeout", None)
    entity, _ = clients(fake, time_)["krs"].fetch("0000779880")
    assert entity.krs == "0000779880" and len(fake.of("krs")) == 3 + 1 and time_.slept == [0.5, 1.0]


def test_nothing_listening_is_unavailable(time_):
    client = KrsClient("http://127.0.0.1:9", FAST, clock=time_.clock, sleep=time_.sleep)
    with pytest.raises(RegistryUnavailable) as caught:
        client.fetch("0000779880")
    assert caught.value.code == "connection"


# ---------------------------------------------------------------------------------------------- cache

@pytest.mark.parametrize("registry", ["krs", "ceidg", "wl"])
def test_second_ask_is_served_from_the_cache_until_it_expires(fake, time_, registry):
    client = clients(fake, time_)[registry]
    first = ask(client, registry)
    sent = len(fake.requests)
    assert ask(client, registry) == first and len(fake.requests) == sent
    time_.now += 601
    ask(client, registry)
    assert len(fake.requests) == 2 * sent


def test_failures_and_not_found_are_not_cached(fake, time_):
    client = clients(fake, time_)["krs"]
    fake.fail("krs", "html", None)
    with pytest.raises(RegistryBadAnswer):
        client.fetch("0000779880")
    assert client.fetch("0000779880")[0].krs == "0000779880"
    client.fetch("0000000001")
    client.fetch("0000000001")
    assert len(fake.requests) == 1 + 2 + 4      # failed; current and full extract; twice P and S
