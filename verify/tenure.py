"""Who stood in KRS on the letter's date (THREATS A4): a person entered after the letter was dated could
not sign it as a representative. Dates come from the full extract (`Person.since`, the date of the
entry); KRS enters appointments after they are made, so this errs on the side of a new letter."""
import datetime
from dataclasses import dataclass, replace

from registries.types import Entity, Person

from .names import NO, match_name
from .representation import RepresentationResult
from .result import Status


@dataclass(frozen=True)
class Tenure:
    entity: Entity                   # the people as they stood on the letter's date
    later: tuple[Person, ...]        # people entered after it
    unknown: str = ""                # why the dates could not be set against the letter, if they could not


def on_letter_date(entity: Entity, dated: datetime.date | None) -> Tenure:
    if entity.source != "krs":
        return Tenure(entity, ())
    if not entity.tenure_known:
        return Tenure(entity, (), "KRS nie podał pełnego odpisu, więc nie wiadomo, od kiedy podpisujący są w rejestrze.")
    if dated is None:
        return Tenure(entity, (), "Pismo nie ma odczytanej daty, więc nie da się sprawdzić, czy podpisujący byli "
                                  "już wtedy wpisani do KRS.")

    def later(person: Person) -> bool:
        return person.since is not None and person.since > dated
    board, prokurenci = [p for p in entity.board if not later(p)], [p for p in entity.prokurenci if not later(p)]
    gone = tuple(p for p in entity.board + entity.prokurenci if later(p))
    return Tenure(replace(entity, board=tuple(board), prokurenci=tuple(prokurenci)), gone)


def judged(result: RepresentationResult, tenure: Tenure, signers: list[str],
           dated: datetime.date | None) -> tuple[str, str]:
    """(status, detail) of the representation check once the dates are set against the letter."""
    notes = [n for n in (_entered_later(name, tenure.later) for name in signers) if n]
    then = tenure.entity
    if tenure.later and dated is not None and not any(not p.suspended for p in then.board + then.prokurenci):
        # Everyone the register names came in after the letter: nobody could sign it (not "no board known").
        return Status.FAIL, " ".join([f"Według KRS na dzień pisma ({dated:%d.%m.%Y}) nikt z obecnego zarządu ani "
                                 "prokurentów nie był jeszcze wpisany."] + notes)
    if result.status == Status.FAIL and notes and dated is not None:
        return Status.FAIL, " ".join([f"Według KRS na dzień pisma ({dated:%d.%m.%Y}): {result.detail}"] + notes)
    if result.status == Status.PASS and (doubt := _doubt(result, tenure)):
        return Status.INCONCLUSIVE, f"{result.detail} {doubt}"
    return result.status, result.detail


def _doubt(result: RepresentationResult, tenure: Tenure) -> str:
    """Why a pass cannot stand on the dates: they are unknown, or a signer's is."""
    if tenure.unknown:
        return f"{tenure.unknown} Sprawdź w pełnym odpisie KRS."
    undated = sorted({pm.person.function.lower() or pm.person.role for m in result.signers for pm in m.people
                      if pm.person.since is None})
    if undated and tenure.entity.tenure_known:
        return f"Pełny odpis KRS nie pokazuje, od kiedy w rejestrze jest {', '.join(undated)}: sprawdź w pełnym odpisie."
    return ""


def _entered_later(printed: str, later: tuple[Person, ...]) -> str:
    found = [p for p in later if match_name(printed, p).status != NO]
    if not found:
        return ""
    return f"„{printed}” wpisano do KRS dopiero {max(p.since for p in found):%d.%m.%Y}, po dacie pisma."
