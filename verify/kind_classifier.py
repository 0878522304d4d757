"""Which of the requests (verify/kinds.py) a letter makes, from its wording.

A request is a sentence with a requesting verb (upoważniam, proszę, wnoszę...) that names an action on
the account. Each kind needs both its subject and an action of the right sense in that sentence, so a
footer that mentions MFA or a reason sentence about an administrator does not count. Matching is on
folded word stems with a little tolerance for OCR noise.
"""
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from . import kinds as request_kinds
from .text import TextLine, fold

_REQUEST = ("upowaz", "prosz", "prosim", "prosb", "wnosz", "wnosim", "wnios", "zwracam", "zwracamy", "zlecam",
            "zlecamy", "zleca", "udzielam", "udzielamy", "zezwalam", "zezwalamy", "autoryzuj", "pelnomocn",
            "zgod", "wyrazam", "uprawniam", "dyspozycj", "zadam", "chcial", "chcem", "polecam", "akceptuj")


@dataclass(frozen=True)
class KindReading:
    kind: str                      # a name from verify/kinds.py, or "unknown"
    requested: tuple[str, ...]     # every kind the request sentences ask for
    sentence: TextLine | None      # where the request was found


def classify(lines: list[TextLine]) -> KindReading:
    requests = _request_sentences(lines)
    found = _found(requests) or _found(_continued(lines))
    if not found and any(_DESCRIBED.search(fold(s.text)) for s in requests):
        # "Upoważniamy do wykonania czynności opisanej w tabeli": the action stands in a field of its own.
        found = _found([TextLine(m[0].page, text, m[0].box, m[0].conf) for text, m in _sentences(lines)])
    kinds = tuple(k for k in request_kinds.NAMES if k in found)
    if len(kinds) == 1:
        return KindReading(kinds[0], kinds, found[kinds[0]])
    return KindReading(request_kinds.UNKNOWN, kinds, found[kinds[0]] if kinds else None)


def _found(sentences: list[TextLine]) -> dict[str, TextLine]:
    """Each kind the sentences name, with the first sentence that names it."""
    found: dict[str, TextLine] = {}
    for sentence in sentences:
        for kind in _kinds_in(fold(sentence.text)):
            found.setdefault(kind, sentence)
    return found


def _continued(lines: list[TextLine]) -> list[TextLine]:
    """Requesting sentences joined with the sentence after them when a full stop split them inside one
    line of print: OCR's stray dot ("operatora aplikacji. Serwisant Online, ...")."""
    sentences, out = _sentences(lines), []
    for (text, members), (after, next_members) in zip(sentences, sentences[1:]):
        inside = members[-1] is next_members[0] and members[-1].text.rstrip()[-1:] not in ".!?"
        if inside and _has(re.findall(r"[0-9a-z]+", fold(text)), _REQUEST):
            out.append(TextLine(members[0].page, f"{text} {after}", members[0].box, members[0].conf))
    return out


def _kinds_in(text: str) -> list[str]:
    tokens = re.findall(r"[0-9a-z]+", re.sub(r"\b2\s+fa\b", "2fa", text))
    # Lone letters that are not Polish words are OCR specks; left in, they push the subject out of reach.
    tokens = [t for t in tokens if len(t) > 1 or t in _ONE_LETTER_WORDS or t.isdigit()]
    return [kind.name for kind in request_kinds.ALL if _near(tokens, kind.words)]


def _near(tokens: list[str], words: request_kinds.Words) -> bool:
    """An action word followed, within `words.reach` words, by a subject word."""
    for i, token in enumerate(tokens):
        # OCR splits a word after its first letters too ("oc blokowania" for "odblokowania"), but a
        # Polish word stays one: "do blokowania" is the very opposite.
        split = len(token) == 2 and token not in _TWO_LETTER_WORDS and i + 1 < len(tokens) \
            and _matches(token + tokens[i + 1], words.actions)
        if _matches(token, words.actions) or split:
            window = tokens[i + 1:i + 1 + words.reach]
            named = any(t in words.subjects for t in window) if words.exact else _has(window, words.subjects)
            if named:
                return True
    return False


def _matches(token: str, stems) -> bool:
    return _has([token], stems)


def _has(tokens: list[str], stems) -> bool:
    joined = " ".join(tokens)
    for stem in stems:
        if " " in stem:
            if stem in joined:
                return True
            continue
        for token in tokens:
            if token.startswith(stem):
                return True
            # OCR noise: a wrong or extra letter in a long stem ("dwusk1adnik", "potlniesienie").
            if len(stem) >= 6 and len(token) >= len(stem) and max(
                    fuzz.ratio(token[:len(stem)], stem), fuzz.ratio(token[:len(stem) + 1], stem)) >= 82:
                return True
    return False


def _request_sentences(lines: list[TextLine]) -> list[TextLine]:
    """Sentences (joined across line breaks) that contain a requesting verb; each placed at the line
    where that verb stands, which is where the request begins on the page."""
    out = []
    for text, members in _sentences(lines):
        tokens = re.findall(r"[0-9a-z]+", fold(text))
        if _has(tokens, _REQUEST):
            where = next((m for m in members if _has(re.findall(r"[0-9a-z]+", fold(m.text)), _REQUEST)),
                         members[0])
            out.append(TextLine(where.page, text, where.box, where.conf))
    return out


_ONE_LETTER_WORDS = frozenset("aiouwz")
_TWO_LETTER_WORDS = frozenset({"do", "na", "ze", "po", "za", "we", "to", "ja", "ty", "my", "wy", "on", "ku", "bo",
                               "co", "mi", "ci", "go", "mu", "je", "ta", "te", "tu", "nr", "ul", "al", "ip", "np",
                               "tj", "pl", "sa", "ma", "by", "az", "li", "ni", "im", "od"})
_DESCRIBED = re.compile(r"czynnos\w*\s+(?:\w+\s+)?(?:opisan|wskazan|okreslon|wymienion|podan)\w*")
_END = re.compile(r"(?<=[a-ząćęłńóśźż0-9)\]])[.!?](?=\s+[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]|\s*$)")


def _sentences(lines: list[TextLine]) -> list[tuple[str, list[TextLine]]]:
    """Split running text into sentences, each with the lines it spans."""
    out, parts, members, previous = [], [], [], None
    for line in lines:
        if parts and _paragraph_break(previous, line):
            out.append((" ".join(parts).strip(), members))
            parts, members = [], []
        previous = line
        pieces = _END.split(line.text)
        for i, piece in enumerate(pieces):
            parts.append(piece)
            members.append(line)
            if i < len(pieces) - 1:
                out.append((" ".join(parts).strip(), members))
                parts, members = [], []
    if parts:
        out.append((" ".join(parts).strip(), members))
    return out


def _paragraph_break(previous: TextLine, line: TextLine) -> bool:
    """A new page ends a paragraph; so does a vertical gap of more than a line and a half after a line
    that closes a sentence, or of more than three lines after one that runs on."""
    if previous.page != line.page:
        return True
    height = max(1, previous.box[3] - previous.box[1])
    gap = line.box[1] - previous.box[3]
    closed = previous.text.rstrip()[-1:] in (".", ":", "!", "?", ";")
    return gap > (1.5 if closed else 3) * height
