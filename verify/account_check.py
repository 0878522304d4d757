"""Does the account the letter names exist, once, in the tenant whose payer has the letter's NIP?

Matching is exact after Unicode normalisation (NFKC, no invisible characters, case folded as the
application does); never fuzzy. None or several candidates fail. The tenant's payer NIP must equal the
letter's NIP: the letter's company may act only on its own accounts.
"""
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz.distance import Levenshtein

from registries.application import Account

from . import kinds
from .result import Check, Status
from .text import fold, glyph_key

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# What OCR takes for what in logins and addresses, beyond the glyphs `look_alike` already makes one:
# pairs of letters read as one, then single letters, and separators lost or swapped ("_", "-", ".").
_CONFUSED_GROUPS = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("ii", "u"))
_CONFUSED_MORE = str.maketrans({"s": "5", "z": "2", "b": "6", "g": "9", "q": "9", "t": "f", "e": "c", "u": "v",
                                "a": "0", "h": "6", "-": None, ".": None, "_": None})

T = TypeVar("T")


@dataclass(frozen=True)
class AccountMatch(Generic[T]):
    """What a lookup of a written account found, in the caller's own form of an account (the checks'
    Account, or the application's JSON for execution and the desk)."""
    exact: tuple[T, ...]        # candidates whose login or e-mail is the written account
    same_nip: bool              # there is exactly one, and its tenant's payer has the letter's NIP

    @property
    def one(self) -> T | None:
        """The single exact candidate, whatever its tenant."""
        return self.exact[0] if len(self.exact) == 1 else None

    @property
    def account(self) -> T | None:
        """The account the letter may act on: exactly one, in the tenant with the letter's NIP."""
        return self.one if self.same_nip else None


def _as_is(account: Account) -> Account:
    return account


def match_account(written: str, nip: str | None, candidates: Iterable[T],
                  as_account: Callable[[T], Account] = _as_is) -> AccountMatch[T]:
    """Exact match after normalisation on login or e-mail, never fuzzy."""
    wanted = normalise(written)
    read = [(c, as_account(c)) for c in candidates]
    exact = [(c, a) for c, a in read if wanted in (normalise(a.login), normalise(a.email))]
    same_nip = len(exact) == 1 and bool(nip) and exact[0][1].payer_nip == nip
    return AccountMatch(tuple(c for c, _ in exact), same_nip)


def normalise(account: str) -> str:
    """The form in which accounts are compared: NFKC, invisible characters removed, case folded."""
    text = unicodedata.normalize("NFKC", account)
    return "".join(c for c in text if c not in _INVISIBLE).strip().casefold()


def look_alike_accounts(written: str, accounts: Iterable[Account]) -> list[Account]:
    """Accounts whose login or e-mail differs from the reading only where OCR confuses characters
    (l, I, 1; O, 0; rn, m ...), or whose e-mail begins with a reading that lost its domain."""
    key = _confusable(written)
    found = []
    for account in accounts:
        keys = {_confusable(account.login), _confusable(account.email)}
        if "@" not in written and "@" in account.email:
            keys.add(_confusable(account.email.split("@")[0]))
        if key and key in keys and normalise(written) not in (normalise(account.login), normalise(account.email)):
            found.append(account)
    return found


# Readings this many edits apart may be one misread for the other.
_NEAR = 2


def alone_among(written: str, accounts: Iterable[Account]) -> bool:
    """`written` is exactly one of `accounts`, and no other of them is within a couple of misread
    characters of it: an unsure reading that names it cannot have meant another of the payer's."""
    wanted = normalise(written)
    exact = [a for a in accounts if wanted in (normalise(a.login), normalise(a.email))]
    others = [a for a in accounts if a not in exact]
    return len(exact) == 1 and not look_alike_accounts(written, others) and not any(
        Levenshtein.distance(wanted, normalise(form)) <= _NEAR for a in others for form in _forms(a))


def _forms(account: Account) -> tuple[str, ...]:
    return (account.login, account.email, account.email.split("@")[0])


def _confusable(text: str) -> str:
    text = fold(normalise(text))
    for group, glyph in _CONFUSED_GROUPS:
        text = text.replace(group, glyph)
    return glyph_key(text).translate(_CONFUSED_MORE)


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
    match = match_account(written, nip, candidates)
    if not match.exact:
        return Check("account_match", Status.FAIL, f"W aplikacji nie ma konta «{written}».")
    if match.one is None:
        ids = ", ".join(a.id for a in match.exact)
        return Check("account_match", Status.FAIL, f"Konto «{written}» pasuje do kilku kont ({ids}): nie wybieramy.")
    account = match.one
    if not match.same_nip:
        return Check("account_match", Status.FAIL, f"Konto «{written}» należy do klienta «{account.tenant_name}», "
                                            f"którego płatnik ma NIP {account.payer_nip}, a nie {nip}.")
    state = _already_done(account, kind)
    if state:
        return Check("account_match", Status.INCONCLUSIVE, f"Konto {account.id} ({account.tenant_name}): {state}")
    return Check("account_match", Status.PASS, f"Konto {account.id} należy do klienta «{account.tenant_name}» "
                                        f"(płatnik NIP {account.payer_nip}).")


def _already_done(account: Account, kind: str) -> str | None:
    request = kinds.named(kind)
    return request.done_detail if request is not None and request.is_done(account) else None
