"""The clients fed the real sample bytes through a stub session: an answer about another entity than the
one asked about is a bad answer, and a failure keeps the evidence of the answers before it."""
import datetime
import hashlib
from pathlib import Path

import pytest
import requests

from registries.ceidg import CeidgClient
from registries.registry_errors import RegistryBadAnswer, RegistryUnavailable
from registries.http import HttpPolicy
from registries.krs import KrsClient
from registries.whitelist import WhiteListClient

SAMPLES = Path(__file__).parent / "data" / "registry-samples"
POLICY = HttpPolicy(backoff=0.0)


def answer(status: int, sample: str | None = None, content_type: str = "application/json") -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = (SAMPLES / sample).read_bytes() if sample else b""
    response.headers["Content-Type"] = content_type
    return response


class StubSession:
    def __init__(self, *responses: requests.Response):
        self.responses, self.urls = list(responses), []

    def get(self, url, **kwargs):
        self.urls.append(url)
        return self.responses.pop(0)


def test_krs_real_extract_parses_with_the_hash_of_its_bytes():
    # The full extract is not among the real samples for DRUTEX: the current one stands in for it.
    session = StubSession(answer(200, "krs_odpis_aktualny_0000140428_drutex_sa.json"),
                          answer(200, "krs_odpis_aktualny_0000140428_drutex_sa.json"))
    entity, [evidence, _] = KrsClient("https://krs.example", POLICY, session=session).fetch("140428")
    assert entity.name == "DRUTEX SPÓŁKA AKCYJNA" and len(entity.board) == 3 and len(entity.prokurenci) == 2
    raw = (SAMPLES / "krs_odpis_aktualny_0000140428_drutex_sa.json").read_bytes()
    assert evidence.sha256 == hashlib.sha256(raw).hexdigest()
    assert session.urls[0] == "https://krs.example/api/krs/OdpisAktualny/0000140428?rejestr=P&format=json"


def test_krs_full_extract_dates_the_board_from_real_bytes():
    session = StubSession(answer(200, "krs_odpis_aktualny_0001268296_gym_center_spzoo.json"),
                          answer(200, "krs_odpis_pelny_0001268296_gym_center_spzoo.json"))
    entity, [current, full] = KrsClient("https://krs.example", POLICY, session=session).fetch("1268296")
    assert entity.tenure_known and [p.since for p in entity.board] == [datetime.date(2026, 9, 22)]
    raw = (SAMPLES / "krs_odpis_pelny_0001268296_gym_center_spzoo.json").read_bytes()
    assert full.sha256 == hashlib.sha256(raw).hexdigest() and current.sha256 != full.sha256
    assert session.urls[1] == "https://krs.example/api/krs/OdpisPelny/0001268296?rejestr=P&format=json"


def test_krs_full_extract_that_fails_fails_the_lookup_with_both_answers_kept():
    session = StubSession(answer(200, "krs_odpis_aktualny_0000140428_drutex_sa.json"), *[answer(503) for _ in range(3)])
    with pytest.raises(RegistryUnavailable) as caught:
        KrsClient("https://krs.example", POLICY, session=session, sleep=lambda s: None).fetch("140428")
    assert sorted({e.status for e in caught.value.evidence}) == [200, 503]


def test_krs_extract_of_another_number_is_a_bad_answer():
    session = StubSession(answer(200, "krs_odpis_aktualny_0000140428_drutex_sa.json"))
    with pytest.raises(RegistryBadAnswer) as caught:
        KrsClient("https://krs.example", POLICY, session=session).fetch("0000779880")
    assert caught.value.code == "other-entity" and [e.status for e in caught.value.evidence] == [200]


def test_krs_failure_in_s_keeps_the_evidence_of_the_404_in_p():
    session = StubSession(answer(404, "krs_error_404_not_found.json"), *[answer(503) for _ in range(3)])
    with pytest.raises(RegistryUnavailable) as caught:
        KrsClient("https://krs.example", POLICY, session=session, sleep=lambda s: None).fetch("0000779880")
    assert sorted(e.status for e in caught.value.evidence) == [404, 503]


def test_krs_400_is_a_bad_answer_not_a_retry():
    session = StubSession(answer(400, "krs_error_400_bad_request.json"))
    with pytest.raises(RegistryBadAnswer) as caught:
        KrsClient("https://krs.example", POLICY, session=session).fetch("0000779880")
    assert caught.value.code == "http-400" and len(session.urls) == 1


def test_white_list_subject_of_another_nip_is_a_bad_answer():
    session = StubSession(answer(200, "wl_search_nip_5223071241_zabka_spzoo.json"))
    client = WhiteListClient("https://wl.example", POLICY, session=session)
    with pytest.raises(RegistryBadAnswer) as caught:
        client.search("5273032556", datetime.date(2026, 4, 28))
    assert caught.value.code == "other-entity" and caught.value.evidence[0].request_id == "374sE-9752n4j"


def test_white_list_real_error_body_with_its_status():
    session = StubSession(answer(400, "wl_error_400_WL-118_date_before_register.json"))
    client = WhiteListClient("https://wl.example", POLICY, session=session)
    with pytest.raises(RegistryBadAnswer) as caught:
        client.search("5223071241", datetime.date(2010, 1, 1))
    assert caught.value.code == "WL-118" and "Data sprzed zakresu rejestru." in caught.value.message


def test_ceidg_entries_of_another_owner_are_a_bad_answer():
    session = StubSession(answer(200, "ceidg_v2_firmy_nip_3563457932_doc_example.json"))
    with pytest.raises(RegistryBadAnswer) as caught:
        CeidgClient("https://ceidg.example", "t", POLICY, session=session).find("1578308628")
    assert caught.value.code == "other-entity" and len(caught.value.evidence) == 1


def test_ceidg_real_list_of_struck_off_entries():
    session = StubSession(answer(200, "ceidg_v2_firmy_nip_3563457932_doc_example.json"))
    entities, evidence = CeidgClient("https://ceidg.example", "t", POLICY, session=session).find("3563457932")
    assert [(e.active, e.status, e.regon) for e in entities] == [(False, "WYKRESLONY", "618155359"),
                                                                 (False, "WYKRESLONY", "198096992")]
    assert session.urls == ["https://ceidg.example/api/ceidg/v3/firmy?nip=3563457932"] and len(evidence) == 1
