"""`odzysk demo`: the desk on an embedded default. The sample letters go through the pipeline as cases
(SQLite, the in-process broker), checked against local stand-ins of the registries and the application
built from the samples' truth file (so the genuine letters have a company, signers and an account to
be found). Nothing leaves 127.0.0.1."""
import os
import re
import shutil
import time
from dataclasses import replace
from pathlib import Path

from actions.cases.batch import cases_by_id, read_so_far
from actions.cases.creation import IncomingFile, add_case
from actions.desk.operators import add_operator
from odzysk.tools.truth import load_truth
from standins.app import AppStandIn
from standins.registries import RegistryStandIn
from verify.person_names import is_first_name
from verify.result import CaseResult

from . import report
from .arguments import expand
from .runtime import Runtime
from .settings import Settings

_COMPANY_FORMS = re.compile(r"sp\.\s*z|s\.\s*a\.|spółka|sp\.\s*j|sp\.\s*k", re.IGNORECASE)


def run_demo(folder: Path, settings: Settings, serve: bool = True, port: int | None = None,
             data_dir: Path = Path("var/demo")) -> int:
    """The desk on SQLite with the in-process broker: the samples go through the pipeline as cases,
    the registries and the application are local stand-ins, and two demo operators can log in."""
    truth, as_of = load_truth(folder)
    letters = [t for t in truth if t["kind"] != "unknown" and t["fields"].get("nip")]
    accounts = app_accounts(letters)
    shutil.rmtree(data_dir, ignore_errors=True)
    with RegistryStandIn(registry_data(letters), today=as_of) as registries, \
            AppStandIn(accounts, tenant_contacts(accounts), token="demo") as app:
        settings = demo_settings(settings, registries, app, data_dir)
        print(f"Rejestry (KRS, CEIDG, wykaz VAT) i aplikacja: lokalne atrapy na {registries.url} i {app.url}.")
        os.environ.pop("REDIS_URL", None)      # the demo is the embedded default: in-process broker
        from . import actors
        from .serve import start_in_process_workers
        rt = Runtime(settings, as_of=as_of, stand_ins=True)
        actors.install(rt)
        workers = start_in_process_workers(settings, actors)
        logins = _demo_operators(rt)
        results = _load_samples(rt, actors, sorted(expand([str(folder)])[0]))
        print(report.table(results))
        if not serve:
            workers.stop()
            return 0
        from .serve import serve_desk
        print(f"\nPulpit operatora: http://{settings.service.desk_host}:{port or settings.service.desk_port}/")
        print("Loginy demonstracyjne (dwa, bo każda czynność wymaga dwóch zatwierdzeń): "
              + ", ".join(f"{login} / {password}" for login, password in logins))
        print("Zatrzymanie: Ctrl-C.")
        return serve_desk(rt, actors, port=port)


def demo_settings(settings: Settings, registries, app, data_dir: Path) -> Settings:
    outside = replace(settings.outside, krs_url=registries.url, ceidg_url=registries.url,
                      ceidg_token=registries.token, wl_url=registries.url, app_url=app.url, app_token="demo")
    data = data_dir.resolve()
    # No objection window in the demo: the tenant being told is shown by a file in var/demo/outbox/.
    service = replace(settings.service, database_url=f"sqlite:///{data}/odzysk.db", data_dir=str(data),
                      redis_url=None, objection_hours=0)
    return replace(settings, outside=outside, service=service, mailbox=replace(settings.mailbox, host=None))


def tenant_contacts(accounts: list[dict]) -> dict[str, dict]:
    """Contacts on file for each tenant of the demo application."""
    contacts = {}
    for number, account in enumerate(accounts):
        tenant = account["tenant"]["id"]
        contacts.setdefault(tenant, {"phones": [f"+48 600 100 {200 + number:03d}"],
                                     "emails": [f"biuro-{tenant.removeprefix('t-')}@example-serwis.pl"],
                                     "admins": [f"adm-{number:04d}"]})
    return contacts


def _demo_operators(rt: Runtime) -> list[tuple[str, str]]:
    logins = [("operator1", "demo-haslo-1"), ("operator2", "demo-haslo-2")]
    with rt.store.transaction() as session:
        for login, password in logins:
            add_operator(session, login, f"Operator demonstracyjny {login[-1]}", password)
    return logins


def _load_samples(rt: Runtime, actors, paths: list[str]) -> list[CaseResult]:
    case_ids = []
    with rt.store.transaction() as session:
        for path in paths:
            incoming = IncomingFile(Path(path).name, Path(path).read_bytes())
            case_ids.append(add_case(session, rt.files, incoming, source="demo").id)
    for case_id in case_ids:
        actors.process_case.send(case_id)
    progress = report.Progress(len(case_ids))
    done: set[str] = set()
    while len(done) < len(case_ids):
        time.sleep(0.5)
        with rt.store.transaction() as session:
            rows = read_so_far(session, case_ids)
        for case_id, file_name in rows:
            if case_id not in done:
                done.add(case_id)
                progress.step(file_name)
    progress.close()
    with rt.store.transaction() as session:
        cases = cases_by_id(session, case_ids)
    return [replace(CaseResult.from_json(cases[i].result), file=cases[i].file_name)
            for i in case_ids if cases[i].result]


def registry_data(letters: list[dict]) -> dict[str, dict]:
    """Each letter's company: a sole trader in CEIDG, or a company in KRS whose board are the signers."""
    data = {}
    for index, letter in enumerate(letters):
        fields = letter["fields"]
        signers = [register_order(s) for s in fields.get("signers") or []]
        name = fields.get("company") or f"Firma {fields['nip']}"
        if _COMPANY_FORMS.search(name) or len(signers) != 1:
            data[fields["nip"]] = {"name": name, "krs": _krs_company(index, signers)}
        else:
            data[fields["nip"]] = {"name": name, "ceidg": [{"name": signers[0], "status": "AKTYWNY",
                                                             "business": name}], "wl": {"status": "Czynny"}}
    return data


def register_order(printed: str) -> str:
    """A name as a register holds it, first name first: letters print "Kowalski Jan" too."""
    words = printed.split()
    if len(words) >= 2 and is_first_name(words[-1]) and not is_first_name(words[0]):
        return " ".join(words[-1:] + words[:-1])
    return printed


def _krs_company(index: int, signers: list[str]) -> dict:
    functions = ["PREZES ZARZĄDU"] + ["CZŁONEK ZARZĄDU"] * max(0, len(signers) - 1)
    clause = ("DO SKŁADANIA OŚWIADCZEŃ W IMIENIU SPÓŁKI UPRAWNIONY JEST KAŻDY CZŁONEK ZARZĄDU SAMODZIELNIE."
              if len(signers) <= 1 else
              "DO SKŁADANIA OŚWIADCZEŃ W IMIENIU SPÓŁKI WYMAGANE JEST WSPÓŁDZIAŁANIE DWÓCH CZŁONKÓW ZARZĄDU.")
    return {"number": f"{900000 + index:010d}", "clause": clause,
            "board": [{"name": s, "function": f} for s, f in zip(signers, functions)]}


def app_accounts(letters: list[dict]) -> list[dict]:
    """One account per letter; a login the sample set uses twice belongs to the first tenant only (the
    later letters then name another tenant's account, and are rejected for it)."""
    accounts, taken = [], set()
    for index, letter in enumerate(letters):
        fields = letter["fields"]
        written = fields.get("account")
        if not written or written.casefold() in taken:
            continue
        taken.add(written.casefold())
        email = written if "@" in written else f"{written}@example-serwis.pl"
        login = written.split("@")[0] if "@" in written else written
        accounts.append({"id": f"a-{index:04d}", "login": login, "email": email, "roles": ["user"],
                         "mfa_enabled": True, "ip_lock_enabled": True,
                         "tenant": {"id": f"t-{fields['nip']}", "name": fields.get("company") or "",
                                    "payer_nip": fields["nip"]}})
    return accounts
