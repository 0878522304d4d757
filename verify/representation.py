"""Who may sign for a company in KRS: the clause's rule against the people who signed the letter.

    rule = parse_clause(entity.representation)
    result = evaluate(rule, entity, ["Jan Kowalski", "Anna Nowak"])

Each printed signer is matched to the register's people (active board members and prokurenci) by
`names.match_name`; then some alternative of the rule must be filled by distinct people, each prokurent
within the prokura. Pass only on full names; masked KRS names, value or scope limits, a sole board member
under a joint clause and companies in liquidation go to a person."""
import re
from dataclasses import dataclass

from registries.types import Entity, Person

from .names import MATCH, NO, match_name
from .representation_clause import parse_clause
from .representation_fill import Filling, Holder, best_filling
from .representation_rule import PROKURENT, Alternative, Rule, describe, describe_all
from .result import Status
from .text import fold

__all__ = ["Alternative", "PersonMatch", "RepresentationResult", "Rule", "SignerMatch", "evaluate",
           "parse_clause"]

# A prokurent with prokura samoistna signs alone whatever the clause says of the board.
_PROKURA_ALONE = Alternative.of((PROKURENT,))
_WOUND_UP = re.compile(r"likwidac|upadl|restrukturyzac")
_WOUND_UP_NAME = re.compile(r"\bw (?:likwidacji|upadlosci|restrukturyzacji)\b")


@dataclass(frozen=True)
class PersonMatch:
    person: Person
    status: str                  # names.MATCH or names.CONSISTENT
    detail: str


@dataclass(frozen=True)
class SignerMatch:
    printed: str
    people: tuple[PersonMatch, ...]    # empty: nobody in the register


@dataclass(frozen=True)
class RepresentationResult:
    status: Status
    detail: str                  # for the operator, in Polish
    signers: tuple[SignerMatch, ...] = ()
    alternative: Alternative | None = None   # the alternative the signatures fill, if any


def evaluate(rule: Rule, entity: Entity, signers: list[str]) -> RepresentationResult:
    board = [p for p in entity.board if not p.suspended]
    people = [(p, True) for p in board] + [(p, False) for p in entity.prokurenci if not p.suspended]
    matches = tuple(_match_signer(s, people) for s in signers)

    def result(status: str, detail: str, alternative: Alternative | None = None) -> RepresentationResult:
        return RepresentationResult(status, detail, matches, alternative)

    if blocker := _blocker(entity, board):
        return result(Status.INCONCLUSIVE, blocker)
    if not signers:
        return result(Status.FAIL, "Brak podpisujących do porównania z rejestrem.")
    if unknown := [m.printed for m in matches if not m.people]:
        return result(Status.FAIL, " ".join(_not_in_register(name, entity) for name in unknown))
    if not rule.alternatives:
        return result(Status.INCONCLUSIVE, rule.undecidable or "Sposób reprezentacji nieczytelny: zdecyduj.")
    options = [[Holder(m.printed, pm.person, _index(pm.person, people), _on_board(pm.person, people),
                       pm.status) for pm in m.people] for m in matches]
    applicable = [a for a in rule.alternatives if a.applies(len(board))]
    filling = best_filling(applicable + [_PROKURA_ALONE], options)
    if filling is None:
        return _unfilled(rule, applicable, board, options, matches, result)
    return _filled(rule, filling, result)


def _filled(rule: Rule, filling: Filling, result) -> RepresentationResult:
    how, doubts = _how(filling), "; ".join(filling.doubts)
    if rule.undecidable:
        also = f" Do potwierdzenia także: {doubts}." if doubts else ""
        return result(Status.INCONCLUSIVE, f"{rule.undecidable} Podpisy odpowiadają wariantowi: {how}.{also}",
                      filling.alternative)
    if doubts:
        return result(Status.INCONCLUSIVE, f"Podpisy spełniają sposób reprezentacji tylko przy zamaskowanych lub niepełnych "
                                    f"danych KRS: {how}. Do potwierdzenia: {doubts}. Potwierdź w pełnym odpisie KRS.",
                      filling.alternative)
    return result(Status.PASS, f"Podpisy spełniają sposób reprezentacji: {how}.", filling.alternative)


def _unfilled(rule: Rule, applicable: list[Alternative], board: list[Person], options, matches,
              result) -> RepresentationResult:
    signed = "; ".join(_who(m) for m in matches)
    sole = [h for holders in options for h in holders if h.on_board]
    if len(board) == 1 and sole:
        masked = "" if sole[0].status == MATCH else (" Imię i nazwisko zgadza się z KRS tylko co do maski: "
                                                     "potwierdź w pełnym odpisie KRS.")
        return result(Status.INCONCLUSIVE, f"Zarząd jest jednoosobowy i podpisał jego jedyny członek, {sole[0].signer}, "
                                    f"a sposób reprezentacji wymaga: {describe_all(rule.alternatives)}. Według "
                                    "orzecznictwa (NSA II GZ 302/20) jedyny członek zarządu reprezentuje spółkę "
                                    "samodzielnie — zdecyduj." + masked)
    if not applicable:
        return result(Status.INCONCLUSIVE, f"Sposób reprezentacji nie obejmuje zarządu liczącego {len(board)} os. "
                                    f"({describe_all(rule.alternatives)}): zdecyduj na podstawie odpisu KRS.")
    return result(Status.FAIL, f"Podpisy nie spełniają sposobu reprezentacji: podpisali {signed}; wymagane: "
                        f"{describe_all(applicable)}.")


def _match_signer(printed: str, people: list[tuple[Person, bool]]) -> SignerMatch:
    found = []
    for person, _ in people:
        match = match_name(printed, person)
        if match.status != NO:
            found.append(PersonMatch(person, match.status, match.detail))
    return SignerMatch(printed, tuple(found))


def _index(person: Person, people: list[tuple[Person, bool]]) -> int:
    return next(i for i, (p, _) in enumerate(people) if p is person)


def _on_board(person: Person, people: list[tuple[Person, bool]]) -> bool:
    return people[_index(person, people)][1]


def _blocker(entity: Entity, board: list[Person]) -> str | None:
    """Reasons the board's rule cannot be applied at all."""
    if _WOUND_UP.search(fold(entity.status)) or _WOUND_UP_NAME.search(fold(entity.name)):
        return (f"{entity.name} (status w KRS: {entity.status or 'brak'}) jest w likwidacji, upadłości lub "
                "restrukturyzacji: reprezentują likwidatorzy, syndyk lub zarządca — zdecyduj na podstawie "
                "odpisu KRS.")
    if not board and not any(not p.suspended for p in entity.prokurenci):
        return "KRS nie podaje składu zarządu ani prokurentów: sprawdź odpis KRS."
    return None


def _not_in_register(printed: str, entity: Entity) -> str:
    suspended = [p for p in entity.board + entity.prokurenci if p.suspended
                 and match_name(printed, p).status != NO]
    note = " (jest tam jako osoba zawieszona, która nie może reprezentować)" if suspended else ""
    return f"Podpisujący „{printed}” nie figuruje w rejestrze wśród członków zarządu ani prokurentów{note}."


def _how(filling: Filling) -> str:
    names = ", ".join(f"{h.signer} ({_function(h.person)})" for h in filling.holders)
    return f"{describe(filling.alternative)} — {names}"


def _who(match: SignerMatch) -> str:
    seats = " lub ".join(_function(pm.person) for pm in match.people)
    return f"{match.printed} ({seats})"


def _function(person: Person) -> str:
    if person.function:
        return person.function.lower() + (f", {person.prokura.lower()}" if person.prokura else "")
    return (f"prokurent, {person.prokura.lower()}" if person.prokura else person.role.replace("_", " "))
