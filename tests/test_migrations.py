"""Alembic history keeps working: a database made by the migrations as they stood at revision 0006, with
rows in it, upgrades to the head of today's migrations, on SQLite and on the real PostgreSQL, and ends with
the schema the tables describe."""
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from actions.store.database import Store, alembic_config
from actions.store.tables import Base, Case, Mail

# The last revision before the issue-9 re-cut moved the migrations to actions/store/migrations.
OLD_REVISION = "0006"
COMPANY = "Serwis RTV AGD Jan Kowalski"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_store(request, tmp_path):
    """A store whose schema the migrations made up to OLD_REVISION only, holding one mail and its case."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/old.db"
    else:
        url = request.getfixturevalue("postgres_url")
    store = Store(url)
    with store.engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, OLD_REVISION)
        _insert_rows_as_of_0006(connection)
    yield store
    store.dispose()


def _insert_rows_as_of_0006(connection) -> None:
    """Rows written in the columns that revision 0006 has (not through today's tables, which may differ)."""
    connection.execute(text(
        "INSERT INTO mails (id, mailbox, uidvalidity, uid, message_id, sha256, size, sender, sender_defects, "
        "subject, received_at, note, dmarc) VALUES (1, 'INBOX', 7, 42, '<a@b.pl>', :sha, 1000, 'jan@firma.pl', "
        "'[]', 'Upoważnienie', CURRENT_TIMESTAMP, '', 'pass')"), {"sha": "1" * 64})
    connection.execute(text(
        "INSERT INTO cases (id, mail_id, file_sha256, file_name, source, state, verdict, kind, nip, account, "
        "result, version, attempts, problem, closed_reason, created_at, updated_at, company) VALUES ('c-1', 1, "
        ":sha, 'a.pdf', 'mail', 'checked', 'review', 'mfa_removal', '5223071241', 'jan@firma.pl', :result, 3, 1, "
        "'', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :company)"),
        {"sha": "0" * 64, "result": '{"fields": {"company": "%s"}}' % COMPANY, "company": COMPANY})


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def test_a_database_made_at_0006_upgrades_to_head_and_keeps_its_rows(old_store):
    old_store.migrate()
    with old_store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [_head()]
    with old_store.transaction() as session:
        case, mail = session.get(Case, "c-1"), session.get(Mail, 1)
        assert (case.state, case.version, case.company, case.mail_id) == ("checked", 3, COMPANY, 1)
        assert case.result == {"fields": {"company": COMPANY}}
        assert (mail.uid, mail.dmarc) == (42, "pass")


def test_the_upgraded_schema_is_the_one_the_tables_describe(old_store):
    """Nothing that today's tables declare is missing from (or extra in) a database upgraded from 0006."""
    old_store.migrate()
    with old_store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrading_a_database_already_at_head_changes_nothing(old_store):
    old_store.migrate()
    old_store.migrate()
    with old_store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [_head()]
        assert connection.execute(text("SELECT count(*) FROM cases")).scalar() == 1
