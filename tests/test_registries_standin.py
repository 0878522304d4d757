"""The registries' stand-in speaks the real formats (no key that the real answers lack), masks names as
KRS does; and the limiter and the cache keep time as they should."""
import datetime
import json
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from registries.registry_errors import RegistryRateLimited
from registries.krs import parse_krs
from registries.rate_limits import SlidingWindowLimiter, TtlCache
from standins.registries import RegistryStandIn
from standins.registry_bodies import mask

SAMPLES = Path(__file__).parent / "data" / "registry-samples"
DATA = {
    "5272889007": {"name": "SERWIS SPÓŁKA AKCYJNA", "krs": {
        "number": "0000779880", "status_nip": "UCHYLONY",
        "board": [{"name": "Anna Maria Kowalska-Nowak", "function": "PREZES ZARZĄDU"}],
        "prokurenci": [{"name": "Jan Nowak", "prokura": "SAMOISTNA"}]},
        "wl": {"representatives": [{"name": "Anna Kowalska"}], "partners": [{"company": "ABC SP. Z O.O."}]}},
    "1578308628": {"ceidg": [{"name": "Jan Kowalski"}]},
    # Only what the one real full extract (GYM CENTER) shows: its keys are the measure of the stand-in's.
    "9452336418": {"name": "GYM CENTER SP. Z O.O.", "krs": {
        "number": "0001268296", "board": [{"name": "Daria Kinga Mazur", "function": "PREZES ZARZĄDU"}]}},
}


def key_paths(node, prefix="") -> set[str]:
    """Every key path of a JSON body; the white list's three person lists share one person shape (NOTES.md),
    and only `representatives` is filled in a real sample, so the other two are read as it."""
    for other in ("partners[]", "authorizedClerks[]"):
        prefix = prefix.replace(other, "representatives[]")
    if isinstance(node, dict):
        return {prefix} | {p for k, v in node.items() for p in key_paths(v, f"{prefix}.{k}")}
    if isinstance(node, list):
        return {prefix} | {p for item in node for p in key_paths(item, prefix + "[]")}
    return {prefix}


def sample_paths(pattern: str) -> set[str]:
    paths = set()
    for path in SAMPLES.glob(pattern):
        body = json.loads(path.read_text(encoding="utf-8"))
        if "entries" in body.get("result", {}):             # the batch answer: its subjects as single ones
            for entry in body["result"]["entries"]:
                paths |= set().union(*(key_paths({"result": {"subject": s}}) for s in entry.get("subjects", [])))
        paths |= key_paths(body)
    return paths


@pytest.fixture(scope="module")
def fake():
    with RegistryStandIn(DATA, token="t") as stand_in:
        yield stand_in


def get(fake, path: str, **headers):
    return requests.get(fake.url + path, headers=headers, timeout=5)


@pytest.mark.parametrize("path, pattern", [
    ("/api/krs/OdpisAktualny/0000779880?rejestr=P&format=json", "krs_odpis_aktualny_*.json"),
    ("/api/krs/OdpisPelny/0001268296?rejestr=P&format=json", "krs_odpis_pelny_*.json"),
    ("/api/ceidg/v3/firmy?nip=1578308628", "ceidg_v2_firmy_*.json"),
    ("/api/ceidg/v3/firma?nip=1578308628", "ceidg_v2_firma_*.json"),
    ("/api/search/nip/5272889007?date=" + datetime.date.today().isoformat(), "wl_search_nip*.json"),
    ("/api/search/nip/5272889008?date=" + datetime.date.today().isoformat(), "wl_error_*.json"),
    ("/api/krs/OdpisAktualny/0000000001?rejestr=P&format=json", "krs_error_404_*.json")])
def test_stand_in_answers_have_only_keys_the_real_answers_have(fake, path, pattern):
    answer = get(fake, path, Authorization="Bearer t")
    extra = key_paths(answer.json()) - sample_paths(pattern)
    assert not extra, extra
    assert answer.headers["Content-Type"].startswith("application/json")


def test_krs_names_are_masked_letter_for_letter(fake):
    odpis = get(fake, "/api/krs/OdpisAktualny/0000779880?rejestr=P").json()["odpis"]
    [member] = odpis["dane"]["dzial2"]["reprezentacja"]["sklad"]
    assert member["imiona"] == {"imie": "A***", "imieDrugie": "M****"}
    assert member["nazwisko"] == {"nazwiskoICzlon": "K*******", "nazwiskoIICzlon": "N****"}
    assert member["identyfikator"]["pesel"] == "8**********"
    assert odpis["dane"]["dzial1"]["danePodmiotu"]["identyfikatory"]["statusNip"] == "UCHYLONY"
    assert mask("żółć") == "Ż***" and mask("Łukasz") == "Ł*****"


def test_ceidg_204_has_no_body_and_other_routes_are_404(fake):
    answer = get(fake, "/api/ceidg/v3/firmy?nip=9452336418", Authorization="Bearer t")
    assert answer.status_code == 204 and answer.content == b""
    assert get(fake, "/api/search/nips/1,2?date=2026-01-01").json()["code"] == "WL-190"


def test_unknown_failure_mode_is_refused():
    with pytest.raises(ValueError):
        RegistryStandIn({}, failures={"krs": "teapot"})


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_limiter_window_slides():
    clock = Clock()
    limiter = SlidingWindowLimiter("ceidg", 2, 10.0, max_wait=0.0, clock=clock, sleep=clock.sleep)
    limiter.acquire()
    clock.now = 4.0
    limiter.acquire()
    with pytest.raises(RegistryRateLimited):
        limiter.acquire()
    clock.now = 10.0                # the first one has left the window
    limiter.acquire()
    with pytest.raises(RegistryRateLimited):
        limiter.acquire()


def test_limiter_penalty_blocks_for_the_cooldown():
    clock = Clock()
    limiter = SlidingWindowLimiter("ceidg", 50, 180.0, clock=clock, sleep=clock.sleep)
    limiter.penalize()
    clock.now = 179.0
    limiter.acquire()               # 1 s to wait: within max_wait, so it sleeps
    assert clock.now == 180.0


def test_cache_expires_and_stays_small():
    clock = Clock()
    cache = TtlCache(10.0, size=2, clock=clock)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, 2, 3)
    clock.now = 10.0
    assert cache.get("b") is None
    off = TtlCache(0.0, clock=clock)
    off.put("a", 1)
    assert off.get("a") is None


def test_the_full_extract_is_the_current_one_with_the_dates_of_its_entries():
    data = {"5272889007": DATA["5272889007"] | {"krs": DATA["5272889007"]["krs"] | {
        "registered": "2019-04-03",
        "board": [{"name": "Anna Maria Kowalska-Nowak", "function": "PREZES ZARZĄDU"},
                  {"name": "Piotr Lis", "function": "CZŁONEK ZARZĄDU", "since": "2026-10-01"},
                  {"name": "Ewa Gil", "function": "CZŁONEK ZARZĄDU", "since": "2020-01-02", "left": "2026-09-30"}]}}}
    with RegistryStandIn(data, token="t", today=datetime.date(2026, 11, 25)) as stand_in:
        current = parse_krs(get(stand_in, "/api/krs/OdpisAktualny/0000779880?rejestr=P").json())
        full_body = get(stand_in, "/api/krs/OdpisPelny/0000779880?rejestr=P").json()
    full = parse_krs(full_body)
    assert [(p.surnames, p.since) for p in full.board] == [(("K*******", "N****"), datetime.date(2019, 4, 3)),
                                                          (("L**",), datetime.date(2026, 10, 1))]
    assert full.prokurenci[0].since == datetime.date(2019, 4, 3)
    assert [e["dataWpisu"] for e in full_body["odpis"]["naglowekP"]["wpis"]] == [
        "03.04.2019", "02.01.2020", "30.09.2026", "01.10.2026"]
    undated = replace(full, board=tuple(replace(p, since=None) for p in full.board),
                      prokurenci=tuple(replace(p, since=None) for p in full.prokurenci), tenure_known=False)
    assert undated == current
