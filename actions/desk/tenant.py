"""The tenant behind a case's account, as the application has it on file: the account, its tenant and
the tenant's contacts. Call-backs go only to these contacts, never to one from the letter or the mail.

The lookup is the one execution and the account check make (verify/account_check.match_account): an
exact match after normalisation, exactly one account, and a tenant whose payer has the letter's NIP.
Anything else shows the operator why, and offers no contact to call."""
from dataclasses import dataclass

from registries.application import Account, AppClient, AppFault, AppRefused
from verify.account_check import match_account


@dataclass(frozen=True)
class TenantOnFile:
    account: dict | None = None
    tenant: dict | None = None
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    admins: tuple[str, ...] = ()
    problem: str = ""

    @property
    def contacts(self) -> tuple[str, ...]:
        """Where a call-back may go: the phones and e-mail addresses on file."""
        return self.phones + self.emails


def tenant_on_file(app: AppClient | None, account: str | None, nip: str | None) -> TenantOnFile:
    if app is None:
        return TenantOnFile(problem="Desk nie ma połączenia z aplikacją (brak adresu API): danych klienta "
                                    "i kontaktów nie da się pobrać.")
    if not account:
        return TenantOnFile(problem="Pismo nie wskazuje konta: nie wiadomo, którego klienta dotyczy.")
    try:
        found = app.find(account)
    except (AppFault, AppRefused) as fault:
        return TenantOnFile(problem=f"Nie udało się pobrać konta z aplikacji: {fault}")
    match = match_account(account, nip, found, Account.from_api)
    if not match.exact:
        return TenantOnFile(problem=f"W aplikacji nie ma konta „{account}”.")
    if match.one is None:
        return TenantOnFile(problem=f"Konto „{account}” pasuje do {len(match.exact)} kont w aplikacji: "
                                    "nie wybieramy.")
    chosen = match.one
    tenant = chosen.get("tenant") if isinstance(chosen.get("tenant"), dict) else {}
    if not match.same_nip:
        return TenantOnFile(chosen, tenant, problem=f"Klient tego konta ma NIP płatnika {tenant.get('payer_nip') or '—'}, "
                                                   f"a pismo {nip or '—'}: kontaktów tego klienta nie używamy.")
    try:
        contacts = app.contacts(str(tenant.get("id", "")))
    except (AppFault, AppRefused) as fault:
        return TenantOnFile(chosen, tenant, problem=f"Nie udało się pobrać kontaktów klienta: {fault}")
    phones, emails, admins = (_strings(contacts.get(key)) for key in ("phones", "emails", "admins"))
    problem = "" if phones or emails else "Klient nie ma w aplikacji żadnego telefonu ani adresu e-mail."
    return TenantOnFile(chosen, tenant, phones, emails, admins, problem)


def _strings(value) -> tuple[str, ...]:
    return tuple(str(v) for v in value if str(v).strip()) if isinstance(value, list) else ()
