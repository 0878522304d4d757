"""The three requests a letter may make, each with everything that differs between them: the words the
classifier looks for, the Polish labels, the admin-API action and the state it leaves the account in,
the texts of the notices to the tenant, and how many people must agree before it is done.

A fourth kind is one more entry in ALL (plus its words, the sample generator's wording, and tests);
tests/test_kinds.py walks the kinds and checks each has everything. Nothing here imports the project
beyond the application's account type, so every package (and the sample generator) may use it.
"""
import enum
from collections.abc import Callable
from dataclasses import dataclass

from registries.application import Account

UNKNOWN = "unknown"          # what a letter is when it makes none, or several, of the requests

# Verbs of the two senses an action can have; subjects name what it is done to. All are folded stems
# (see verify/text.fold); a stem of six letters or more also matches with a little OCR noise.
REMOVE = ("usuni", "usunac", "usun", "wylacz", "dezaktyw", "zdezaktyw", "deaktyw", "zdjec", "zdjac", "zdejm",
          "znies", "odblok", "anulow", "skasow", "wycofa", "zresetow", "reset", "uchyl", "odlacz", "rozlacz",
          "odpiec", "odpiac", "likwid", "pomin", "zawiesz", "wyczysc")
GRANT = ("nadani", "nadac", "nadan", "podniesi", "podniesc", "podwyzsz", "przyzna", "zmian", "zmieni", "rozszerz",
         "awans", "ustawi", "dodani", "dodac", "przydziel", "przywroc", "przekaz", "powierz", "mianow", "udostepn")
MFA = ("2fa", "mfa", "dwusklad", "dwuetap", "wielosklad", "dwuczynnik", "jednorazow", "totp", "otp",
       "authenticator", "uwierzytelniajac", "weryfikacji dwu", "dwustopn", "drugiego sklad", "token")
IP = ("ip",)
ADMIN = ("administrator", "administrac", "admin")


@dataclass(frozen=True)
class Words:
    """A request of this kind: an action stem followed, within `reach` words, by a subject stem.
    `exact`: the subject must be a whole word (a stem as short as "ip" would match half the language)."""
    actions: tuple[str, ...]
    subjects: tuple[str, ...]
    reach: int
    exact: bool = False


class Need(enum.Enum):
    """Whether a kind needs a call-back (or two approvals)."""
    ALWAYS = "always"            # the design demands it: settings cannot turn it off
    BY_DEFAULT = "by_default"    # on unless the settings leave the kind out


@dataclass(frozen=True)
class NoticeTexts:
    """The tenant's notices, in Polish. Placeholders: {login}, {case}, {when}, {tenant}."""
    subject: str                 # of the notice after the action ({login}, {case})
    done: str                    # what was done ({when}, {login}, {tenant})
    after: str                   # what the tenant should do now
    planned: str                 # the announcement's "what we are about to do" ({login})


@dataclass(frozen=True)
class Kind:
    name: str                    # the code stored with a case and printed by `odzysk check --json`
    label: str                   # the checks' detail: "Wniosek: <label>."
    desk_label: str              # the desk's lists and case pages
    report_label: str            # the table of `odzysk check`
    words: Words
    action: str                  # POST /admin/api/accounts/<id>/<action>
    is_done: Callable[[Account], bool]   # the account is already as the request asks
    done_detail: str             # the account check's detail when it is
    notice: NoticeTexts
    call_back: Need
    two_approvals: Need


ALL: tuple[Kind, ...] = (
    Kind(
        name="mfa_removal", label="usunięcie zabezpieczenia MFA (2FA)", desk_label="usunięcie MFA",
        report_label="usunięcie MFA", words=Words(REMOVE, MFA, reach=12), action="mfa/disable",
        is_done=lambda account: not account.mfa_enabled,
        done_detail="uwierzytelnianie dwuskładnikowe jest już wyłączone.",
        notice=NoticeTexts(
            subject="Serwisant Online: wyłączono uwierzytelnianie dwuskładnikowe na koncie {login} [sprawa {case}]",
            done="{when} wyłączyliśmy uwierzytelnianie dwuskładnikowe (MFA) na koncie „{login}” w aplikacji "
                 "Serwisant Online, należącym do firmy {tenant}.",
            after="Do logowania nadal potrzebne są login i hasło tego konta. Zalecamy ponowne włączenie "
                  "uwierzytelniania dwuskładnikowego zaraz po zalogowaniu.",
            planned="wyłączenie uwierzytelniania dwuskładnikowego (MFA) na koncie „{login}”"),
        call_back=Need.BY_DEFAULT, two_approvals=Need.ALWAYS),
    Kind(
        name="ip_unblock", label="zdjęcie blokady IP", desk_label="zdjęcie blokady IP",
        report_label="zdjęcie blokady IP", words=Words(REMOVE, IP, reach=12, exact=True), action="ip-lock/disable",
        is_done=lambda account: not account.ip_lock_enabled,
        done_detail="blokada IP jest już zdjęta.",
        notice=NoticeTexts(
            subject="Serwisant Online: zdjęto blokadę IP z konta {login} [sprawa {case}]",
            done="{when} zdjęliśmy blokadę IP (ograniczenie logowania do zaufanych adresów IP) z konta „{login}” "
                 "w aplikacji Serwisant Online, należącego do firmy {tenant}.",
            after="Do logowania nadal potrzebne są login i hasło tego konta. Po zalogowaniu prosimy wyłączyć "
                  "blokadę IP albo dodać właściwe adresy do listy zaufanych sieci.",
            planned="zdjęcie blokady IP z konta „{login}”"),
        call_back=Need.BY_DEFAULT, two_approvals=Need.BY_DEFAULT),
    Kind(
        name="admin_elevation", label="nadanie uprawnień administratora", desk_label="nadanie roli administratora",
        report_label="nadanie admina", words=Words(GRANT, ADMIN, reach=9), action="roles/admin",
        is_done=lambda account: "admin" in account.roles,
        done_detail="konto ma już uprawnienia administratora.",
        notice=NoticeTexts(
            subject="Serwisant Online: nadano uprawnienia administratora kontu {login} [sprawa {case}]",
            done="{when} nadaliśmy uprawnienia administratora kontu „{login}” w aplikacji Serwisant Online, "
                 "należącemu do firmy {tenant}.",
            after="Do logowania nadal potrzebne są login i hasło tego konta. Prosimy przejrzeć listę kont "
                  "z uprawnieniami administratora w aplikacji.",
            planned="nadanie uprawnień administratora kontu „{login}”"),
        call_back=Need.ALWAYS, two_approvals=Need.ALWAYS),
)

NAMES: tuple[str, ...] = tuple(kind.name for kind in ALL)
_BY_NAME = {kind.name: kind for kind in ALL}
_BY_ACTION = {kind.action: kind for kind in ALL}


def named(name: str) -> Kind | None:
    """The kind with this code; None for "unknown" or anything else."""
    return _BY_NAME.get(name)


def by_action(action: str) -> Kind | None:
    """The kind whose admin-API action this is."""
    return _BY_ACTION.get(action)


def needing_by_default(need: str) -> tuple[str, ...]:
    """The kinds that have `need` (call_back, two_approvals) unless the settings say otherwise."""
    return tuple(kind.name for kind in ALL if getattr(kind, need) in (Need.ALWAYS, Need.BY_DEFAULT))


def needing_always(need: str) -> tuple[str, ...]:
    """The kinds that have `need` whatever the settings say."""
    return tuple(kind.name for kind in ALL if getattr(kind, need) is Need.ALWAYS)


def desk_labels() -> dict[str, str]:
    """Code -> the desk's label, "unknown" included."""
    return {kind.name: kind.desk_label for kind in ALL} | {UNKNOWN: "nieznany"}


def report_labels() -> dict[str, str]:
    """Code -> the report table's label, "unknown" included."""
    return {kind.name: kind.report_label for kind in ALL} | {UNKNOWN: "nieznany"}
