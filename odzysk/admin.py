"""Commands that look after the store: `odzysk operator add`, `odzysk audit verify`."""
import getpass
import sys

from actions.desk.operators import add_operator
from actions.store.audit import verify_chain

from .runtime import Runtime
from .settings import Settings


def add_operator_command(settings: Settings, login: str, name: str, from_stdin: bool) -> int:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Hasło: ")
        if getpass.getpass("Powtórz hasło: ") != password:
            print("odzysk: hasła się różnią; nic nie zapisano.", file=sys.stderr)
            return 1
    store = Runtime(settings).store
    try:
        with store.transaction() as session:
            add_operator(session, login, name or login, password)
    except ValueError as error:
        print(f"odzysk: {error}", file=sys.stderr)
        return 1
    print(f"Dodano operatora {login}.")
    return 0


def audit_verify_command(settings: Settings) -> int:
    store = Runtime(settings).store
    with store.transaction() as session:
        report = verify_chain(session)
    if report.intact:
        print(f"Łańcuch dziennika jest cały: {report.entries} wpisów.")
        return 0
    print(f"Łańcuch dziennika przerwany na wpisie nr {report.broken_at}: {report.reason}. "
          f"Wpisów poprawnych przed nim: {report.entries}.", file=sys.stderr)
    return 1
