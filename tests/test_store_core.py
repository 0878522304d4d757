"""The case store on SQLite and on the real PostgreSQL: mail recorded once, reading claimed once and
quarantined when it keeps dying, decisions bound to versions, the audit chain."""
import datetime

import pytest
from core_helpers import CONTACTS, letter_result, mail, reader
from sqlalchemy import select, text

from actions.cases.creation import record_mail
from actions.cases.decisions import DecisionRefused, approve, record_call_back, reject, standing
from actions.cases.policy import Policy
from actions.cases.reading import claim, process
from actions.clock import ManualClock
from actions.desk.operators import add_operator
from actions.store import audit
from actions.store.database import open_store
from actions.store.files import FileStore
from actions.store.leases import give_back, held, take
from actions.store.tables import APPROVED, CHECKED, FAILED, REJECTED, AuditEntry, Case, Mail


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path, clock):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/store.db"
    else:
        url = request.getfixturevalue("postgres_url")
    store = open_store(url, clock=clock)
    yield store
    store.dispose()


@pytest.fixture
def files(tmp_path):
    return FileStore(tmp_path / "files")


def _checked_case(store, files, result=None, policy=Policy()) -> str:
    with store.transaction() as session:
        case_id = record_mail(session, files, mail())[0]
    assert process(store, files, case_id, reader(result or letter_result()), policy)
    return case_id


def _operators(store):
    with store.transaction() as session:
        return (add_operator(session, "anna", "Anna Nowak", "haslo-dlugie-1"),
                add_operator(session, "piotr", "Piotr Zieliński", "haslo-dlugie-2"))


def test_a_mail_recorded_twice_makes_one_set_of_cases(store, files):
    with store.transaction() as session:
        first = record_mail(session, files, mail())
    with store.transaction() as session:
        again = record_mail(session, files, mail())                        # fetched again after a crash
        moved = record_mail(session, files, mail(uid=99, uidvalidity=8))  # UIDVALIDITY changed: same bytes
    assert len(first) == 1 and again == [] and moved == []
    with store.transaction() as session:
        assert session.scalar(select(Mail).where(Mail.uid == 1)).sha256
        assert len(session.scalars(select(Case)).all()) == 1


def test_a_mail_without_attachment_becomes_a_rejected_case_not_nothing(store, files):
    with store.transaction() as session:
        [case_id] = record_mail(session, files, mail(files=()))
        case = session.get(Case, case_id)
        assert case.state == CHECKED and case.verdict == "reject" and "załącznika" in case.problem


def test_reading_is_claimed_once_and_recorded_once(store, files):
    with store.transaction() as session:
        [case_id] = record_mail(session, files, mail())
    read = reader(letter_result())
    assert process(store, files, case_id, read, Policy())
    assert not process(store, files, case_id, read, Policy())             # a redelivered message
    assert read.calls == ["pismo.pdf"]
    with store.transaction() as session:
        case = session.get(Case, case_id)
        assert (case.state, case.verdict, case.kind, case.nip) == (CHECKED, "ready", "mfa_removal", "1578308628")


@pytest.mark.hostile
def test_a_file_that_keeps_killing_the_reader_is_quarantined(store, files, clock):
    policy = Policy(max_read_attempts=2)
    with store.transaction() as session:
        [case_id] = record_mail(session, files, mail())
    assert claim(store, case_id, policy)                                     # a reader died with it
    assert claim(store, case_id, policy) is None                            # its lease still stands
    clock.advance(policy.lease)
    assert claim(store, case_id, policy)                                     # a second reader died
    clock.advance(policy.lease)
    assert claim(store, case_id, policy) is None
    with store.transaction() as session:
        case = session.get(Case, case_id)
        assert case.state == FAILED and "kwarantann" in case.problem


def test_a_leased_case_is_not_taken_by_a_second_worker(store, files):
    with store.transaction() as session:
        [case_id] = record_mail(session, files, mail())
    assert claim(store, case_id, Policy()) is not None
    assert claim(store, case_id, Policy()) is None


@pytest.mark.hostile
def test_two_operators_a_call_back_and_the_case_is_approved(store, files):
    case_id = _checked_case(store, files)
    anna, piotr = _operators(store)
    with store.transaction() as session:
        case = session.get(Case, case_id)
        with pytest.raises(DecisionRefused, match="potwierdzenie"):
            approve(session, case, anna, "", Policy(), case.version)
    with store.transaction() as session:
        case = session.get(Case, case_id)
        with pytest.raises(DecisionRefused, match="kontakt zapisany"):
            record_call_back(session, case, anna, "+48 999 999 999", "confirmed", "", ["+48 600 100 200"], case.version)
        record_call_back(session, case, anna, "+48 600 100 200", "confirmed", "Prezes potwierdził.",
                         CONTACTS["t-kowalski"]["phones"], case.version)
        assert approve(session, case, anna, "zgodne", Policy(), case.version) == CHECKED
        with pytest.raises(DecisionRefused, match="inny operator"):
            approve(session, case, anna, "", Policy(), case.version)
        assert approve(session, case, piotr, "", Policy(), case.version) == APPROVED


@pytest.mark.hostile
def test_an_approval_for_an_older_version_counts_for_nothing(store, files):
    case_id = _checked_case(store, files)
    anna, piotr = _operators(store)
    with store.transaction() as session:
        case = session.get(Case, case_id)
        record_call_back(session, case, anna, "+48 600 100 200", "confirmed", "", ["+48 600 100 200"], case.version)
        approve(session, case, anna, "", Policy(), case.version)
        case.version += 1                                   # the case changed after the first approval
        assert standing(session, case, Policy()).approvals == ()
        with pytest.raises(DecisionRefused, match="zmieniła się"):
            approve(session, case, piotr, "", Policy(), case.version - 1)


@pytest.mark.hostile
def test_expired_approvals_do_not_count(store, files, clock):
    case_id = _checked_case(store, files)
    anna, _ = _operators(store)
    with store.transaction() as session:
        case = session.get(Case, case_id)
        record_call_back(session, case, anna, "x", "confirmed", "", ["x"], case.version)
        approve(session, case, anna, "", Policy(), case.version)
    clock.advance(datetime.timedelta(hours=71, minutes=59))
    with store.transaction() as session:
        assert len(standing(session, session.get(Case, case_id), Policy()).approvals) == 1
    clock.advance(datetime.timedelta(minutes=1))                     # the approval is 72 hours old
    with store.transaction() as session:
        assert standing(session, session.get(Case, case_id), Policy()).approvals == ()


@pytest.mark.hostile
def test_a_rejected_verdict_cannot_be_approved_only_closed(store, files):
    case_id = _checked_case(store, files, letter_result(verdict="reject"))
    anna, _ = _operators(store)
    with store.transaction() as session:
        case = session.get(Case, case_id)
        with pytest.raises(DecisionRefused, match="odrzucić"):
            approve(session, case, anna, "", Policy(), case.version)
        with pytest.raises(DecisionRefused, match="powód"):
            reject(session, case, anna, " ", case.version)
        reject(session, case, anna, "Podpis nie zgadza się z KRS.", case.version)
        assert case.state == REJECTED


@pytest.mark.hostile
def test_the_same_letter_again_is_flagged_and_never_ready(store, files):
    first = _checked_case(store, files)
    with store.transaction() as session:
        # Another mail (another sender) carrying the same file.
        [second] = record_mail(session, files, mail(uid=2, sender=b"x@y.pl"))
    assert process(store, files, second, reader(letter_result()), Policy())
    with store.transaction() as session:
        case = session.get(Case, second)
        assert case.replay_of == first and case.verdict == "review"
        assert any(c["name"] == "replay" and c["status"] == "inconclusive" for c in case.result["checks"])


@pytest.mark.hostile
def test_the_audit_chain_verifies_and_names_the_first_broken_link(store, files):
    _checked_case(store, files)
    with store.transaction() as session:
        for number in range(5):
            audit.append(session, "test.event", {"n": number})
    with store.transaction() as session:
        report = audit.verify_chain(session)
        assert report.intact and report.entries >= 8
        third = session.scalars(select(AuditEntry).order_by(AuditEntry.seq).offset(2).limit(1)).one()
        session.execute(text("UPDATE audit SET payload = :p WHERE seq = :s"), {"p": '{"n":666}', "s": third.seq})
    with store.transaction() as session:
        report = audit.verify_chain(session)
        assert report.broken_at == third.seq and "zmieniony" in report.reason


@pytest.mark.hostile
def test_removing_the_last_audit_entry_is_noticed(store, files):
    _checked_case(store, files)
    with store.transaction() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
        session.execute(text("DELETE FROM audit WHERE seq = :s"), {"s": last.seq})
    with store.transaction() as session:
        assert audit.verify_chain(session).broken_at == last.seq


def test_a_reader_that_raises_frees_the_case_for_a_retry_and_the_attempt_counts(store, files):
    with store.transaction() as session:
        [case_id] = record_mail(session, files, mail())

    def broken(data, name):
        raise OSError("tesseract vanished")
    with pytest.raises(OSError):
        process(store, files, case_id, broken, Policy())
    assert process(store, files, case_id, reader(letter_result()), Policy())
    with store.transaction() as session:
        assert session.get(Case, case_id).attempts == 2


@pytest.mark.hostile
def test_a_denial_on_file_is_never_outweighed_by_a_confirmation(store, files):
    case_id = _checked_case(store, files)
    anna, piotr = _operators(store)
    with store.transaction() as session:
        case = session.get(Case, case_id)
        record_call_back(session, case, anna, "x", "confirmed", "", ["x", "y"], case.version)
        record_call_back(session, case, piotr, "y", "denied", "Prezes nic nie wie o piśmie.", ["x", "y"], case.version)
        with pytest.raises(DecisionRefused, match="potwierdzenie"):
            approve(session, case, anna, "", Policy(), case.version)


@pytest.mark.postgres
def test_upgrading_fills_the_company_of_cases_already_stored(request, tmp_path):
    """Migration 0006 takes each stored case's company out of its result, so the desk can search it."""
    from alembic import command
    from sqlalchemy import text

    from actions.store.database import Store, alembic_config
    for url in (f"sqlite:///{tmp_path}/old.db", request.getfixturevalue("postgres_url")):
        store = Store(url)
        with store.engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
            connection.execute(text(
                "INSERT INTO cases (id, file_sha256, file_name, source, state, result, version, attempts, problem, "
                "closed_reason, created_at, updated_at) VALUES ('c-1', :sha, 'a.pdf', 'mail', 'checked', :result, 1, "
                "1, '', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                {"sha": "0" * 64, "result": '{"fields": {"company": "Serwis RTV AGD Jan Kowalski"}}'})
        store.migrate()
        with store.transaction() as session:
            assert session.get(Case, "c-1").company == "Serwis RTV AGD Jan Kowalski", url
        store.dispose()


def test_a_named_lease_is_one_holders_until_it_runs_out_or_is_given_back(store, clock):
    ttl = datetime.timedelta(minutes=15)
    assert take(store, "fetch_mail", "first", ttl)
    assert not take(store, "fetch_mail", "second", ttl)                    # the first fetcher holds it
    clock.advance(ttl - datetime.timedelta(seconds=1))
    assert not take(store, "fetch_mail", "second", ttl)
    clock.advance(datetime.timedelta(seconds=1))                            # the first one died: it ran out
    assert take(store, "fetch_mail", "second", ttl)
    with held(store, "fetch_mail", "first", ttl) as mine:
        assert not mine
    give_back(store, "fetch_mail", "second")
    with held(store, "fetch_mail", "first", ttl) as mine:
        assert mine
    assert take(store, "fetch_mail", "third", ttl)                          # `held` gave it back
