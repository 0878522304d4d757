"""The account in the application: exact, single, and in the tenant whose payer has the letter's NIP."""
import pytest

from verify.account_check import Account, check_account_match, match_account

pytestmark = pytest.mark.hostile


def account(login="jkowalski", email="jan.kowalski@example-serwis.pl", nip="1578308628", roles=("user",),
            mfa=True, ip=True, id="a-1") -> Account:
    return Account(id, login, email, roles, mfa, ip, "t-kowalski", "Serwis RTV AGD Jan Kowalski", nip)


@pytest.mark.parametrize("written", ["jkowalski", "JKowalski", "jan.kowalski@example-serwis.pl",
                                     "Jan.Kowalski@Example-Serwis.pl"])
def test_exact_single_match_in_the_right_tenant_passes(written):
    assert check_account_match(written, "1578308628", "mfa_removal", [account()]).status == "pass"


@pytest.mark.parametrize("written", ["jkowa1ski", "jkowalsk", "jkowalski2", "jan.kowalski@example-serwis.com"])
def test_near_misses_fail(written):
    assert check_account_match(written, "1578308628", "mfa_removal", [account()]).status == "fail"


@pytest.mark.parametrize("written", ["jkоwalski",          # Cyrillic о
                                     "jkowal\u200bski",     # zero-width space
                                     "jkowalski.", "jan@xn--serwis-9za.pl"])
def test_lookalike_and_odd_forms_fail(written):
    check = check_account_match(written, "1578308628", "mfa_removal", [account(login=written)])
    assert check.status == "fail"


def test_account_of_another_tenant_fails():
    check = check_account_match("jkowalski", "5260250995", "mfa_removal", [account()])
    assert check.status == "fail" and "1578308628" in check.detail


def test_several_candidates_fail():
    other = account(login="jan.kowalski@example-serwis.pl", email="x@y.pl", id="a-2")
    check = check_account_match("jan.kowalski@example-serwis.pl", "1578308628", "ip_unblock", [account(), other])
    assert check.status == "fail" and "a-1" in check.detail and "a-2" in check.detail


def test_nothing_to_do_goes_to_a_person():
    assert check_account_match("jkowalski", "1578308628", "mfa_removal", [account(mfa=False)]).status == "inconclusive"
    assert check_account_match("jkowalski", "1578308628", "admin_elevation",
                               [account(roles=("user", "admin"))]).status == "inconclusive"


def test_the_one_matcher_reads_the_applications_json_the_same_way():
    """Execution and the desk match on the application's JSON, the checks on Account: one rule for both."""
    found = [{"id": "a-1", "login": "JKowalski\u200b", "email": "jan@example-serwis.pl",
              "tenant": {"id": "t-1", "payer_nip": "1578308628"}},
             {"id": "a-2", "login": "jkowalski2", "email": "jkowalski@example-serwis.pl",
              "tenant": {"id": "t-2", "payer_nip": "1578308628"}}]
    match = match_account("jkowalski", "1578308628", found, Account.from_api)
    assert match.account is found[0] and match.exact == (found[0],)
    assert match_account("jkowalski", "5260250995", found, Account.from_api).account is None
    assert match_account("jkowalski", None, found, Account.from_api).account is None
    assert match_account("jkowalski", "1578308628", found * 2, Account.from_api).one is None
    assert match_account("jkowalsk", "1578308628", found, Account.from_api).exact == ()


def test_a_login_read_with_a_full_stop_for_its_underscore_names_the_payers_login_for_a_look():
    from verify.account_check import look_alike_accounts
    mine = account(login="kolodziej_48", email="biuro@kolodziej.pl")
    assert look_alike_accounts("kolodziej.48", [mine]) == [mine]
    assert look_alike_accounts("kolodziej.49", [mine]) == []
