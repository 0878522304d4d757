"""`odzysk demo`: the sample letters checked end to end against local stand-ins of the registries and
the application, built from the samples' truth file (so the genuine letters have a company, signers
and an account to be found). Nothing leaves 127.0.0.1."""
import re
from dataclasses import replace
from pathlib import Path

from standins.app import AppStandIn
from standins.registries import RegistryStandIn

from . import report
from .check import check_files
from .files import expand
from .truth import load_truth
from .settings import Settings

_COMPANY_FORMS = re.compile(r"sp\.\s*z|s\.\s*a\.|spółka|sp\.\s*j|sp\.\s*k", re.IGNORECASE)


def run_demo(folder: Path, settings: Settings) -> int:
    truth, as_of = load_truth(folder)
    letters = [t for t in truth if t["kind"] != "unknown" and t["fields"].get("nip")]
    with RegistryStandIn(registry_data(letters), today=as_of) as registries, \
            AppStandIn(app_accounts(letters), token="demo") as app:
        outside = replace(settings.outside, krs_url=registries.url, ceidg_url=registries.url,
                          ceidg_token=registries.token, wl_url=registries.url, app_url=app.url, app_token="demo")
        print(f"Rejestry (KRS, CEIDG, wykaz VAT) i aplikacja: lokalne atrapy na {registries.url} i {app.url}.")
        paths = expand([str(folder)])[0]
        progress = report.Progress(len(paths))
        results = []
        for result in check_files(paths, replace(settings, outside=outside), as_of):
            progress.step(result["file"])
            results.append(result)
        progress.close()
    print(report.table(results))
    return 0


def registry_data(letters: list[dict]) -> dict[str, dict]:
    """Each letter's company: a sole trader in CEIDG, or a company in KRS whose board are the signers."""
    data = {}
    for index, letter in enumerate(letters):
        fields = letter["fields"]
        signers = fields.get("signers") or []
        name = fields.get("company") or f"Firma {fields['nip']}"
        if _COMPANY_FORMS.search(name) or len(signers) != 1:
            data[fields["nip"]] = {"name": name, "krs": _krs_company(index, signers)}
        else:
            data[fields["nip"]] = {"name": name, "ceidg": [{"name": signers[0], "status": "AKTYWNY",
                                                             "business": name}], "wl": {"status": "Czynny"}}
    return data


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
