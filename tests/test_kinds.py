"""Every request kind has everything the product needs of it, so that a new kind is one entry in
verify/kinds.py plus its words and tests: walk the kinds and check each one end to end."""
from datetime import datetime, timezone

import pytest

from actions.cases.policy import Policy
from actions.desk import labels
from actions.execution.notices import compose_announcement, compose_notice
from odzysk import report, settings
from registries.application import Account, AppClient
from samples.generator import wording
from standins.app import AppStandIn
from verify import kinds
from verify.kind_classifier import classify
from verify.text import TextLine

WHEN = datetime(2026, 11, 12, 13, 5, tzinfo=timezone.utc)
ACCOUNT = {"id": "a-1", "login": "jkowalski", "email": "jan@example-serwis.pl", "roles": ["user"],
           "mfa_enabled": True, "ip_lock_enabled": True,
           "tenant": {"id": "t-1", "name": "Serwis RTV", "payer_nip": "1578308628"}}
EVERY = pytest.mark.parametrize("kind", kinds.ALL, ids=kinds.NAMES)


def test_names_and_actions_are_unique():
    assert len(set(kinds.NAMES)) == len(kinds.ALL) and kinds.UNKNOWN not in kinds.NAMES
    assert len({k.action for k in kinds.ALL}) == len(kinds.ALL)


@EVERY
def test_each_kind_has_its_labels(kind):
    assert kind.label and kind.desk_label and kind.report_label
    assert labels.KINDS[kind.name] == kind.desk_label
    assert report._KINDS[kind.name] == kind.report_label


@EVERY
def test_each_kinds_words_are_found_in_a_request_and_name_only_it(kind):
    words = kind.words
    assert words.actions and words.subjects and words.reach > 0
    sentence = f"Upoważniam operatora do {words.actions[0]} {words.subjects[0]} na koncie jkowalski."
    reading = classify([TextLine(1, sentence, (0, 0, 1000, 40), 95.0)])
    assert reading.kind == kind.name and reading.requested == (kind.name,)


@EVERY
def test_each_kinds_action_leaves_the_account_as_its_test_expects(kind):
    before = Account.from_api(ACCOUNT)
    assert not kind.is_done(before) and kind.done_detail.endswith(".")
    with AppStandIn([ACCOUNT], token="t") as app:
        after = AppClient(app.url, "t", 5).act("a-1", kind.action, f"C-1:{kind.action}")
    assert kind.is_done(Account.from_api(after))
    assert kinds.by_action(kind.action) is kind and kinds.named(kind.name) is kind


@EVERY
def test_each_kind_has_its_notice_and_announcement(kind):
    notice = compose_notice(kind.name, "jkowalski", "Serwis RTV", "C-1", WHEN, ["biuro@example.pl"], "o@x.pl")
    planned = compose_announcement(kind.name, "jkowalski", "Serwis RTV", "C-1", WHEN, ["biuro@example.pl"], "o@x.pl")
    for message in (notice, planned):
        text = message["Subject"] + message.get_content()
        assert "jkowalski" in text and "C-1" in text and "{" not in text
    assert kind.notice.done.split("{when}")[1][:12] in notice.get_content()
    assert kind.notice.planned.split("„")[0] in planned.get_content()


@EVERY
def test_each_kind_states_its_approvals_and_call_back(kind):
    assert isinstance(kind.call_back, kinds.Need) and isinstance(kind.two_approvals, kinds.Need)
    assert kind.name in Policy().two_approvals and kind.name in Policy().call_back     # both, by default
    loaded = settings.load({"ODZYSK_CALL_BACK_FOR": "", "ODZYSK_TWO_APPROVALS_FOR": ""}).service
    assert (kind.name in loaded.call_back_for) == (kind.call_back is kinds.Need.ALWAYS)
    assert (kind.name in loaded.two_approvals_for) == (kind.two_approvals is kinds.Need.ALWAYS)


@EVERY
def test_the_sample_generator_can_write_each_kind(kind):
    for holdout in (False, True):
        assert wording.ACTIONS[holdout][kind.name]
    assert wording.TEMPLATE_ENDINGS[kind.name] and wording.REASONS[kind.name]


def test_an_unknown_kind_has_no_entry_and_no_notice():
    assert kinds.named(kinds.UNKNOWN) is None and kinds.by_action("password/reset") is None
    assert labels.KINDS[kinds.UNKNOWN] == report._KINDS[kinds.UNKNOWN] == "nieznany"
    with pytest.raises(ValueError):
        compose_notice("password_reset", "jkowalski", "Serwis RTV", "C-1", WHEN, ["b@example.pl"], "o@x.pl")
