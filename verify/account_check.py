"""Does the account the letter names exist, once, in the tenant whose payer has the letter's NIP?

Matching is exact after Unicode normalisation (NFKC, no invisible characters, case folded as the
application does); never fuzzy. None or several candidates fail. The tenant's payer NIP must equal the
letter's NIP: the letter's company may act only on its own accounts.
"""
import unicodedata
from dataclasses import dataclass

from .result import Check, Status

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


@dataclass(frozen=True)
class Account:
    id: str
    login: str
    email: str
    roles: tuple[str, ...]
    mfa_enabled: bool
    ip_lock_enabled: bool
    tenant_id: str
    tenant_name: str
    payer_nip: str


def normalise(account: str) -> str:
    """The form in which accounts are compared: NFKC, invisible characters removed, case folded."""
    text = unicodedata.normalize("NFKC", account)
    return "".join(c for c in text if c not in _INVISIBLE).strip().casefold()


def suspicious(account: str) -> str | None:
    """Why a written account cannot be trusted as it stands, or None."""
    if any(c in _INVISIBLE for c in account):
        return "zawiera niewidoczne znaki"
    if any(ord(c) > 127 for c in unicodedata.normalize("NFKC", account)):
        return "zawiera znaki spoza ASCII (możliwe litery podobne do łacińskich)"
    if account.endswith(".") or "xn--" in account.lower():
        return "ma nietypową postać (kropka na końcu lub domena punycode)"
    return None


def check_account_match(written: str, nip: str | None, kind: str, candidates: list[Account]) -> Check:
    """Judge the application's answer to a lookup of `written`."""
    odd = suspicious(written)
    if odd:
        return Check("account_match", Status.FAIL, f"Konto «{written}» {odd}: żadne konto nie jest dopasowywane.")
    exact = [a for a in candidates if normalise(written) in (normalise(a.login), normalise(a.email))]
    if not exact:
        return Check("account_match", Status.FAIL, f"W aplikacji nie ma konta «{written}».")
    if len(exact) > 1:
        ids = ", ".join(a.id for a in exact)
        return Check("account_match", Status.FAIL, f"Konto «{written}» pasuje do kilku kont ({ids}): nie wybieramy.")
    account = exact[0]
    if not nip or account.payer_nip != nip:
        return Check("account_match", Status.FAIL, f"Konto «{written}» należy do klienta «{account.tenant_name}», "
                                            f"którego płatnik ma NIP {account.payer_nip}, a nie {nip}.")
    state = _already_done(account, kind)
    if state:
        return Check("account_match", Status.INCONCLUSIVE, f"Konto {account.id} ({account.tenant_name}): {state}")
    return Check("account_match", Status.PASS, f"Konto {account.id} należy do klienta «{account.tenant_name}» "
                                        f"(płatnik NIP {account.payer_nip}).")


def _already_done(account: Account, kind: str) -> str | None:
    if kind == "mfa_removal" and not account.mfa_enabled:
        return "uwierzytelnianie dwuskładnikowe jest już wyłączone."
    if kind == "ip_unblock" and not account.ip_lock_enabled:
        return "blokada IP jest już zdjęta."
    if kind == "admin_elevation" and "admin" in account.roles:
        return "konto ma już uprawnienia administratora."
    return None
