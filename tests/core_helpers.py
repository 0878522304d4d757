"""Shared builders for the tests of the case store (actions/)."""
import datetime
import hashlib

from actions.cases.creation import IncomingFile, IncomingMail
from actions.cases.reading import Reading
from verify.result import CaseResult

NIP = "1578308628"


def letter_result(kind="mfa_removal", account="jan.kowalski@example-serwis.pl", verdict="ready", nip=NIP,
                  checks=None) -> dict:
    """A checked letter's result as `odzysk check --json` prints it (and `cases.result` stores it)."""
    checks = checks or [{"name": "registry", "status": "pass", "detail": "Firma aktywna w CEIDG."},
                        {"name": "account_match", "status": "pass", "detail": "Konto należy do dzierżawcy."}]
    return {"file": "letter.pdf", "kind": kind, "verdict": verdict, "error": None, "checks": checks,
            "fields": {"nip": nip, "account": account, "signers": ["Jan Kowalski"], "company": "Serwis Jan Kowalski",
                       "date": "2026-11-20", "city": "Kraków", "operator_nip": "5471824223", "krs": None},
            "sources": {}, "marks": {}, "evidence": [{"service": "ceidg", "sha256": "ab" * 32}], "pages": {}}


def reading(result: dict) -> Reading:
    return Reading(CaseResult.from_json(result))


def reader(result: dict):
    """A checker that answers what a real reading of a given letter answered (its input, not ours)."""
    calls = []

    def read(data: bytes, name: str) -> Reading:
        calls.append(name)
        return reading(result)
    read.calls = calls
    return read


def mail(uid=1, body=b"%PDF-1.4 letter", uidvalidity=7, files=None, sender=b"a@b.pl") -> IncomingMail:
    raw = b"From: " + sender + b"\r\n\r\n" + body
    files = (IncomingFile("pismo.pdf", body),) if files is None else files
    return IncomingMail("INBOX", uidvalidity, uid, hashlib.sha256(raw).hexdigest(), len(raw), "<m1@b.pl>",
                        "a@b.pl", (), "Upoważnienie", files)


def account(mfa=True, roles=("user",), nip=NIP) -> dict:
    return {"id": "a-1f3c9e0b2d", "login": "jkowalski", "email": "jan.kowalski@example-serwis.pl",
            "roles": list(roles), "mfa_enabled": mfa, "ip_lock_enabled": True,
            "tenant": {"id": "t-kowalski", "name": "Serwis RTV AGD Jan Kowalski", "payer_nip": nip}}


CONTACTS = {"t-kowalski": {"phones": ["+48 600 100 200"], "emails": ["biuro@example-serwis.pl"], "admins": ["a-77"]}}
NOW = datetime.datetime.now(datetime.timezone.utc)
