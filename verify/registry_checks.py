"""Checks against the outside world: the company in the registers, who may sign for it, and the
account in the application. Lookups are handed in (the composition root builds the clients); every
answer used is kept as evidence. A register that did not answer never yields a pass."""
import datetime
from dataclasses import dataclass, field, replace
from typing import Callable

from registries.registry_errors import RegistryError
from registries.types import Entity, Evidence

from .account_check import (Account, alone_among, check_account_match, look_alike_accounts,
                            match_account, suspicious)
from .checks import check_reading
from .fields import Field, Letter
from .names import match_name
from .representation import RepresentationResult, evaluate, parse_clause
from .result import Check, Status
from .tenure import judged, on_letter_date


@dataclass(frozen=True)
class Lookups:
    """Callables that ask the outside world; each returns its answer and the evidence for it."""
    whitelist: Callable[[str, datetime.date], tuple[Entity | None, list[Evidence]]]
    krs: Callable[[str], tuple[Entity | None, list[Evidence]]]
    ceidg: Callable[[str], tuple[list[Entity], list[Evidence]]]
    accounts: Callable[[str], tuple[list[Account], list[Evidence]]]
    # The accounts of the tenants of a payer (by NIP): what a misread account may have meant.
    payer_accounts: Callable[[str], tuple[list[Account], list[Evidence]]] | None = None


@dataclass(frozen=True)
class OutsideFindings:
    checks: tuple[Check, ...]
    evidence: tuple[Evidence, ...] = field(default=())
    entity: Entity | None = None
    confirmed: tuple[str, ...] = ()     # fields read unsurely that the answers bear out


def with_outside(letter: Letter, local: list[Check], outside: OutsideFindings) -> list[Check]:
    """The local checks and the outside ones; the reading check judged again where an outside answer
    bore out a value the reader was unsure of."""
    if outside.confirmed:
        local = [check_reading(letter, outside.confirmed) if c.name == "reading" else c for c in local]
    return local + list(outside.checks)


def outside_checks(letter: Letter, lookups: Lookups, today: datetime.date) -> OutsideFindings:
    if not letter.nip.found or not letter.nip_valid:
        return OutsideFindings((Check("registry", Status.INCONCLUSIVE, "Bez poprawnie odczytanego NIP firmy "
                                      "nie sprawdzono w rejestrach."),))
    evidence: list[Evidence] = []
    entity, register_check = _find_entity(letter.nip, letter.krs.value, lookups, today, evidence)
    checks = [register_check]
    if entity is not None:
        checks.append(_check_signers(letter, entity))
    account = _check_account(letter, lookups, evidence)
    confirmed = _confirmed_account(letter, lookups, evidence) if account.status == Status.PASS else None
    checks.append(replace(account, detail=account.detail + " " + confirmed) if confirmed else account)
    return OutsideFindings(tuple(checks), tuple(evidence), entity, ("account",) if confirmed else ())


def _confirmed_account(letter: Letter, lookups: Lookups, evidence: list) -> str | None:
    """An account read unsurely (two OCR models disagreed) that the application bears out: it is an
    account of the payer, and the payer has no other account that a misreading could have come from.
    Returns what to tell the operator, or None."""
    if letter.account.decisive or lookups.payer_accounts is None:
        return None
    own = _ask(lambda: lookups.payer_accounts(letter.nip.value), evidence, [])
    if not own or not getattr(own, "complete", False) or not alone_among(letter.account.value, own):
        return None
    return (f"Niepewny odczyt konta potwierdza aplikacja: płatnik NIP {letter.nip.value} nie ma innego konta "
            "podobnego do odczytanego.")


def _find_entity(read: Field, written_krs: str | None, lookups: Lookups, today: datetime.date,
                 evidence: list) -> tuple[Entity | None, Check]:
    """White list first (it gives the KRS number), then KRS; CEIDG when the business is not in KRS.
    A company missing from the white list (no VAT) may still give its KRS number in the letter; the
    extract must then carry the letter's NIP (`read`, the NIP field as read)."""
    nip = read.value
    silent: list[str] = []
    listed = _ask(lambda: lookups.whitelist(nip, today), evidence, silent)
    krs_number = (listed.krs if listed else None) or written_krs
    if krs_number:
        entity = _ask(lambda: lookups.krs(krs_number), evidence, silent)
        if entity is not None:
            return entity, _judge_krs(entity, nip)
    owners = _ask(lambda: lookups.ceidg(nip), evidence, silent) or []
    active = [e for e in owners if e.active]
    if active:
        return active[0], Check("registry", Status.PASS, f"CEIDG: {active[0].name}, status {active[0].status}.")
    if owners:
        return None, Check("registry", Status.FAIL, f"CEIDG: {owners[0].name} ma status {owners[0].status}: "
                                             "działalność nieaktywna.")
    if silent:
        return None, Check("registry", Status.INCONCLUSIVE, "Nie sprawdzono firmy w rejestrach: " + " ".join(silent))
    if listed is not None:
        return None, Check("registry", Status.FAIL, f"NIP {nip} jest w wykazie VAT ({listed.name}), ale firmy nie ma "
                                             "ani w KRS, ani w CEIDG.")
    # A NIP that no register knows fails the letter only if it was read surely: else it may be a
    # misread digit that kept the checksum, and a person compares.
    if read.decisive:
        return None, Check("registry", Status.FAIL, f"Firmy o NIP {nip} nie ma w żadnym rejestrze.")
    return None, Check("registry", Status.INCONCLUSIVE, f"Firmy o NIP {nip} nie ma w żadnym rejestrze. NIP odczytano "
                                                 "niepewnie (drugi odczyt go nie potwierdził): porównaj z obrazem pisma.")


def _judge_krs(entity: Entity, nip: str) -> Check:
    if entity.nip and entity.nip != nip:
        return Check("registry", Status.FAIL, f"KRS {entity.krs} podaje NIP {entity.nip}, a pismo {nip}.")
    if not entity.active:
        return Check("registry", Status.FAIL, f"KRS {entity.krs}: {entity.name} — {entity.status}.")
    return Check("registry", Status.PASS, f"KRS {entity.krs}: {entity.name}, podmiot aktywny.")


def _check_signers(letter: Letter, entity: Entity) -> Check:
    signers = list(letter.signers.value or ())
    if not signers:
        return Check("representation", Status.INCONCLUSIVE, "Nie odczytano podpisujących, więc nie porównano ich "
                                                     "z rejestrem: odczytaj nazwiska z obrazu pisma.")
    if entity.source == "ceidg":
        check = _sole_trader(signers, entity)
        if check.status == Status.FAIL and _unsure(letter, signers):
            return Check("representation", Status.INCONCLUSIVE, f"{check.detail} Nazwiska odczytano niepewnie: "
                         "porównaj z obrazem pisma.")
        return check
    if not entity.representation:
        return Check("representation", Status.INCONCLUSIVE, "KRS nie podaje sposobu reprezentacji: sprawdź odpis.")
    dated = letter.parsed_date()
    tenure = on_letter_date(entity, dated)
    rule = parse_clause(entity.representation)
    result = evaluate(rule, tenure.entity, signers)
    status, detail = judged(result, tenure, signers, dated)
    # One stranger read surely is enough to fail: a person looks only if every stranger may be misread.
    strangers = _strangers(rule, entity, signers)
    if status == Status.FAIL and strangers and all(_unsure(letter, [name]) for name in strangers):
        return Check("representation", Status.INCONCLUSIVE, f"{detail} Nazwisko odczytano niepewnie: porównaj "
                     "z obrazem pisma, zanim uznasz je za obce.")
    unread = letter.unread_signers
    if status == Status.FAIL and unread and _might_fill(rule, tenure.entity, result, unread):
        # A signature block whose name could not be read may hold the missing signer: a person looks.
        return Check("representation", Status.INCONCLUSIVE, f"{detail} Na piśmie jest jeszcze "
                     f"{letter.unread_signers} podpis(y) z nieodczytanym nazwiskiem: sprawdź na obrazie.")
    return Check("representation", status, detail)


def _might_fill(rule, entity: Entity, result: RepresentationResult, unread: int) -> bool:
    """Whether the register's people the signers read are, with as many more of its people as there
    are signatures whose names were not read, as many as some way of representation asks for (three
    board members cannot sign with one name read and one signature more; nobody can sign for a board
    entered after the letter's date). A prokurent, who may sign alone, leaves it open."""
    board = [p for p in entity.board if not p.suspended]
    people = len(board) + sum(not p.suspended for p in entity.prokurenci)
    matched = sum(bool(m.people) for m in result.signers)
    seats = [len(a.seats) for a in rule.alternatives if a.applies(len(board))]
    fewest = 1 if entity.prokurenci or not seats else min(seats)
    return people > 0 and matched + min(unread, people - matched) >= fewest


def _strangers(rule, entity: Entity, signers: list[str]) -> list[str]:
    """Signers who match nobody in the register at all (one entered after the letter's date is not a
    stranger: the name was read right)."""
    return [m.printed for m in evaluate(rule, entity, signers).signers if not m.people]


_SURE_NAME = 0.9       # a name read less surely than this is not enough to call its bearer a stranger


def _unsure(letter: Letter, names: list[str]) -> bool:
    """Any of these printed names read unsurely (OCR's own doubt about its words)."""
    sureness = dict(zip(letter.signers.value or (), letter.signer_confidences))
    return any(sureness.get(name, letter.signers.confidence) < _SURE_NAME for name in names)


def _sole_trader(signers: list[str], entity: Entity) -> Check:
    """A sole trader signs personally: the owner in CEIDG must be among the signers, by full name."""
    owner = entity.board[0] if entity.board else None
    if owner is None:
        return Check("representation", Status.INCONCLUSIVE, "CEIDG nie podaje właściciela: sprawdź wpis.")
    matched = [s for s in signers if match_name(s, owner).status == "match"]
    full = " ".join(owner.first_names + owner.surnames)
    if matched:
        return Check("representation", Status.PASS, f"Podpisuje właściciel wpisany do CEIDG: {full}.")
    return Check("representation", Status.FAIL, f"Właścicielem w CEIDG jest {full}; pismo podpisali: "
                                         f"{', '.join(signers)}.")


def _check_account(letter: Letter, lookups: Lookups, evidence: list) -> Check:
    if not letter.account.found:
        return Check("account_match", Status.INCONCLUSIVE, "Nie odczytano konta, więc nie sprawdzono go w aplikacji.")
    silent: list[str] = []
    candidates = _ask(lambda: lookups.accounts(letter.account.value), evidence, silent)
    if candidates is None:
        return Check("account_match", Status.INCONCLUSIVE, "Nie sprawdzono konta w aplikacji: " + " ".join(silent))
    check = check_account_match(letter.account.value, letter.nip.value, letter.kind, candidates)
    if check.status == Status.FAIL and not suspicious(letter.account.value) and \
            not match_account(letter.account.value, letter.nip.value, candidates).exact:
        return _no_such_account(letter, lookups, evidence, check)
    return check


def _no_such_account(letter: Letter, lookups: Lookups, evidence: list, check: Check) -> Check:
    """No account is the one read. The payer's own accounts that differ from the reading only by
    characters OCR confuses are named for a person to compare with the page; none is ever taken."""
    written = letter.account.value
    silent: list[str] = []
    own = _ask(lambda: lookups.payer_accounts(letter.nip.value), evidence, silent) if lookups.payer_accounts else None
    alike = look_alike_accounts(written, own or [])
    if alike:
        named = ", ".join(f"«{a.login}» ({a.email})" for a in alike)
        return Check("account_match", Status.INCONCLUSIVE, f"W aplikacji nie ma konta «{written}», ale klient płatnika "
                     f"NIP {letter.nip.value} ma konto różniące się tylko znakami mylonymi przy odczycie: {named}. "
                     "Porównaj z obrazem pisma; konto nie jest podstawiane samo.")
    if not letter.account.decisive:
        return Check("account_match", Status.INCONCLUSIVE, f"W aplikacji nie ma konta «{written}», ale odczyt konta "
                     "nie jest pewny (nie potwierdził go drugi odczyt): porównaj z obrazem pisma.")
    return check


def _ask(call, evidence: list, silent: list):
    """Call a lookup; keep its evidence; a failure is noted (never taken as 'not found')."""
    try:
        answer, used = call()
    except RegistryError as error:
        silent.append(error.message)
        return None
    evidence.extend(used)
    return answer
