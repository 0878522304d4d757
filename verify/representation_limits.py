"""Parts of a representation clause a machine cannot weigh: value limits ("DO KWOTY 25.000,00 ZŁ"),
ordinary management ("PRZEKRACZAJĄCYCH ZWYKŁY ZARZĄD"), a scope ("W ZAKRESIE REALIZACJI ZADAŃ
OBRONNYCH"). They are found in the folded clause and cut out before the grammar reads it; the rule then
goes to a person."""
import re
from dataclasses import dataclass


def spaced(pattern: str) -> str:
    """A pattern written with single spaces, matching any run of whitespace there."""
    return pattern.replace(" ", r"\s+")


_AMOUNT = r"\d{1,3}(?:[ .]\d{3})*(?:,\d{1,2})?\s*(?:/[^/]{0,80}/\s*)?(?:zl|zlotych|pln)\b"
_ACTS = r"(?:zaciagania|dokonywania|skladania|zobowiazan|czynnosci|rozporzadzajacych|zwyklego|zarzadu|i|" \
        r"oswiadczen|woli)"
_VERB_AHEAD = r"(?=\s+(?:upowazni|uprawni|wymagan|wystarcz|konieczn|sklada|reprezentuj))"

# Everything the company can do: not a limit, and dropped.
_WHOLE_SCOPE = re.compile(spaced(r"w zakresie praw i obowiazkow majatkowych i niemajatkowych(?: spolki)?\b"))
_LIMITS = [re.compile(p) for p in (
    r"(?:,\s*|\s+|^)" + spaced(r"w zakresie [^;]*?,?") + _VERB_AHEAD,
    spaced(rf"(?:do (?:{_ACTS} )+)?(?:o |do )?(?:wartosci|kwoty) (?:nie )?"
           rf"(?:przekraczajac\w* |wyzszej niz |powyzej |ponad |do )?") + _AMOUNT,
    spaced(r"(?:do|powyzej|ponizej|ponad) (?:kwoty )?") + _AMOUNT,
    spaced(r"(?:w przypadku |w sprawach |w zakresie )?(?:zobowiazan|czynnosci|spraw)\w* (?:nie )?"
           r"przekraczajac\w* (?:zakres\w* )?zwykl\w* zarzad\w*"),
    spaced(r"w sprawach przekraczajacych [^,;.]*"),
)]
_PERSON_WORD = re.compile(r"prezes|czlon|prokur|likwid|syndyk|zarzadc")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    limit: bool            # False for a phrase that is dropped without limiting anything
    opens_clause: bool     # "DO ZACIĄGANIA ...": a new statement starts here
    names_people: bool     # the limit phrase itself speaks of people: the grammar cannot read past it


def find_spans(folded: str) -> list[Span]:
    spans: list[Span] = []
    for match in _WHOLE_SCOPE.finditer(folded):
        spans.append(Span(match.start(), match.end(), False, False, False))
    for pattern in _LIMITS:
        for match in pattern.finditer(folded):
            if not any(match.start() < s.end and s.start < match.end() for s in spans):
                text = match.group(0).strip(" ,")
                spans.append(Span(match.start(), match.end(), True, text.startswith("do "),
                                  bool(_PERSON_WORD.search(text))))
    return sorted(spans, key=lambda s: s.start)


def limit_reason(original: str, spans: list[Span]) -> str | None:
    quoted = [_quote(original[s.start:s.end]) for s in spans if s.limit]
    if not quoted:
        return None
    return ("Sposób reprezentacji zależy od wartości lub zakresu czynności (" + "; ".join(quoted) +
            "): maszyna nie oceni, czy upoważnienie się w tym mieści — zdecyduj.")


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.strip(" ,").split())
    return f"„{text if len(text) <= limit else text[:limit].rstrip() + '…'}”"
