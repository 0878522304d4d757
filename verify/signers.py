"""Who signs: the printed names in the signature area (below the request), or else the representatives
named in the letter's header. Names are returned as printed; several may share a line (signature blocks
side by side, "A i B", "A, B")."""
import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from intake.pages import Box, Word, union

from .first_names import FIRST_NAMES, SPELLING
from .person_names import ROLE_WORDS, people_in, without_specks
from .text import TextLine, fold

_HEADER = re.compile(r"(?:imie\s+i\s+nazwisko(?:\s+reprezentanta)?|imiona\s+i\s+nazwiska\s*\w*|reprezentan\w*|"
                     r"reprezentowan\w*\s+przez|osob\w*\s+reprezentujac\w*|w\s+imieniu\s+kt\w+\s+dziala\w*|"
                     r"w\s+imieniu\s+firmy|nizej\s+podpisan\w*|dzialajac\w*\s+w\s+imieniu\s+\w+)\s*[:\-–,]?\s*",
                     re.IGNORECASE)
_OPERATOR_PERSON = "arkadiusz kurylowicz"
_FUNCTIONS = ("prezes", "wiceprezes", "czlonek", "czlonkini", "prokurent", "wlasciciel", "wspolnik",
              "pelnomocnik", "dyrektor", "komplementariusz", "likwidator")
_CONTINUES = (",", " i", " oraz", "–", "-", " a")
# The words of a signature's caption ("podpis reprezentanta", "czytelny podpis", "podpis osoby
# upoważnionej"): a signature over the caption often leaves only the words after "podpis" readable.
_CAPTION_WORDS = re.compile(r"\b(?:czytelny|reprezentant\w*|upowaznion\w*)\b")


@dataclass(frozen=True)
class SignerReading:
    name: str
    line: TextLine
    box: Box | None = None       # the name's own words, where the line holds more than the name
    conf: float | None = None    # the weakest of the name's own words (0..100)

    @property
    def place(self) -> Box:
        return self.box or self.line.box

    @property
    def sureness(self) -> float:
        return self.line.conf if self.conf is None else self.conf


def find_signers(lines: list[TextLine], below: TextLine | None) -> list[SignerReading]:
    """Names printed in the signature area (below the request), else those in the header."""
    area = _area(lines, below)
    header = _unique(_header_names(lines))
    found = [_borne_out(_better_reading(s, header), lines) for s in _unique(_signature_names(area))]
    if not found:
        return header
    # Blocks whose name was not read (a stamp over it), beside blocks that were: the header's other
    # representatives fill them, as many as there are such blocks.
    others = [h for h in header if not any(_same_person(h, f) for f in found)]
    return found + others[:max(0, _blocks(area) - len(found))]


def unread_signers(lines: list[TextLine], below: TextLine | None, found: list[SignerReading]) -> int:
    """Signature blocks in the signature area beyond the names read: captions ("podpis") or role lines
    ("Członek Zarządu") that no read name accounts for (a signature over the printed name, say)."""
    # Representatives the header names whose block was not read (a stamp over it) may have signed too.
    header = [h for h in _unique(_header_names(lines)) if found and not any(_same_person(h, f) for f in found)]
    return max(0, _blocks(_area(lines, below)) - len(found), len(header), _half_read_value_lines(lines))


def _half_read_value_lines(lines: list[TextLine]) -> int:
    """A form's value lines under a names label that gave a name and two more words no name could be
    made of ("więsława Źrebięc, Urszula Gąsiorowska"): a representative whose name was not read."""
    count = 0
    for index, line in enumerate(lines):
        if not any(not line.text[m.end():].strip(" .:_") for m in _HEADER.finditer(fold(line.text))):
            continue
        for value in _form_values(lines, index):
            people = people_in(value.text)
            words = [w for w in people.others if sum(c.isalpha() for c in w) >= 3]
            count += bool(people.names) and len(words) >= 2
    return count


def _form_values(lines: list[TextLine], index: int) -> list[TextLine]:
    """The value lines under the label that ends line `index` (a form's names label): the next three
    on its page, not themselves labels, their first names restored."""
    page = lines[index].page
    return [_names_restored(l) for l in lines[index + 1:index + 4] if l.page == page and ":" not in l.text]


def _blocks(area: list[TextLine]) -> int:
    """Signature blocks in the area, counted by their captions or by their role lines."""
    captions = sum(_captions(l.text) for l in area if not people_in(l.text).others)
    roles = sum(_functions_in(l.text) for l in area if _only_roles(l.text))
    return max(captions, roles)


def _same_person(one: SignerReading, other: SignerReading) -> bool:
    return fuzz.token_sort_ratio(fold(one.name), fold(other.name)) >= 80


def _area(lines: list[TextLine], below: TextLine | None) -> list[TextLine]:
    return [l for l in lines if below is None or _after(l, below)]


def _signature_names(lines: list[TextLine]):
    """Lines made of names, roles and captions only (a sentence that names someone is not a signature)."""
    for line in lines:
        people = people_in(line.text)
        if people.others:
            line = _first_names_restored(_strays_dropped(line))
            people = people_in(line.text)
            if people.others:
                continue
        yield from (_reading(name, line) for name in people.names if fold(name) != _OPERATOR_PERSON)


def _names_restored(line: TextLine) -> TextLine:
    """A form's value line as it is if it holds a name, else with its strays dropped and its first
    names restored."""
    return line if people_in(line.text).names else _first_names_restored(_strays_dropped(line))


def _strays_dropped(line: TextLine) -> TextLine:
    """The line without a lone character read unsurely at either end: the tail of a signature drawn
    through the name, read as 'l' or '|'. The line stays as unsure as its weakest word left."""
    last = len(line.words) - 1
    words = tuple(w for i, w in enumerate(line.words)
                  if not (i in (0, last) and len(w.text.strip()) == 1 and w.conf < _UNSURE_WORD))
    if not words or words == line.words:
        return line
    return TextLine(line.page, " ".join(w.text for w in words), union(w.box for w in words),
                    min(w.conf for w in words), words)


def _first_names_restored(line: TextLine) -> TextLine:
    """The line with each capitalised word that OCR read unsurely and that is a letter or two from
    one known first name only ("Małgorśźta": a signature stroke through it) spelled as that name.
    The word keeps its confidence, so a name read from it stays unsure and a person compares it.
    A line of two or three words that holds no name at all may have its first name misread however
    surely OCR took it ("Józet", "Teodąra", "ździsław": a form's dots under it): spelled as the name
    too, and made unsure."""
    words = tuple(_as_first_name(word) for word in line.words)
    if words == line.words and len(line.words) in (2, 3) and not people_in(line.text).names:
        words = tuple(_as_first_name(word, doubted=True) for word in line.words)
    if words == line.words:
        return line
    return TextLine(line.page, " ".join(w.text for w in words), line.box, min(w.conf for w in words), words)


def _as_first_name(word: Word, doubted: bool = False) -> Word:
    bare = word.text.strip(".,;:")
    if (word.conf >= _UNSURE_WORD and not doubted) or len(bare) < 5 or not bare.isalpha() \
            or not (bare[0].isupper() or doubted):
        return word
    near = process.extract(fold(bare), FIRST_NAMES, scorer=Levenshtein.distance, limit=2,
                           score_cutoff=min(2, len(bare) // 4))
    if not near or (len(near) == 2 and near[1][1] == near[0][1]) or (near[0][1] == 0 and bare[0].isupper()):
        return word
    spelled = SPELLING.get(near[0][0], near[0][0])
    return replace(word, text=spelled[0].upper() + spelled[1:], conf=min(word.conf, _UNSURE_WORD - 1))


_UNSURE_WORD = 60       # below this tesseract doubts its own reading of a word


def in_signature_area(reading: SignerReading, below: TextLine | None) -> bool:
    return below is None or _after(reading.line, below)


def signature_places(lines: list[TextLine], below: TextLine | None) -> list[TextLine]:
    """Where signatures belong when no name is printed under them: the captions ("podpis
    reprezentanta") and role lines of the signature area, one per block."""
    places = []
    for line in _area(lines, below):
        people = people_in(line.text)
        if not people.others and not people.names and (_captions(line.text) or _only_roles(line.text)):
            places.append(line)
    captions = [l for l in places if _captions(l.text)]
    return captions or places


def _captions(text: str) -> int:
    """Signature captions on a line: each "podpis", or one for the other words of a caption alone."""
    folded = fold(text)
    return folded.count("podpis") or int(bool(_CAPTION_WORDS.search(folded)))


def _name_words(name: str, line: TextLine) -> list:
    """The name's own words within its line (two names side by side share a line)."""
    tokens, words = [fold(t) for t in name.split()], line.words
    for start in range(len(words) - len(tokens) + 1):
        if all(token in fold(words[start + i].text) for i, token in enumerate(tokens)):
            return list(words[start:start + len(tokens)])
    return []


def _header_names(lines: list[TextLine]):
    """Names after a header label ("reprezentowana przez A i B"), on its line or, after a label that
    ends its line, on the next lines (a form's value lines)."""
    for index, line in enumerate(lines):
        folded = fold(line.text)
        for match in _HEADER.finditer(folded):
            rest = line.text[match.end():]
            following = [l for l in lines[index + 1:index + 4] if l.page == line.page]
            if rest.strip(" .:") and following and (rest.rstrip().endswith(_CONTINUES) or _dangling(rest)):
                rest += " " + following[0].text
            readings = [(name, line) for name in _names_in(rest)]
            if not rest.strip(" .:_"):
                readings = [(n, value) for value in _form_values(lines, index) for n in _names_in(value.text)]
            yield from (_reading(name, where) for name, where in readings if fold(name) != _OPERATOR_PERSON)


def _reading(name: str, line: TextLine) -> SignerReading:
    """A name as read on its line, as sure as its own words (not the label's beside or above it)."""
    words = _name_words(name, line)
    return SignerReading(name, line, union(w.box for w in words) if words else None,
                         min(w.conf for w in words) if words else None)


def _dangling(text: str) -> bool:
    """The line ends inside a name ("... i Chmielewski" with the first name on the next line)."""
    words = text.split()
    return len(words) >= 2 and fold(words[-2]) in ("i", "oraz", ",") and words[-1][:1].isupper()


def _names_in(text: str) -> list[str]:
    """Names in a header's value, which may go on into other words ("A i B, działający łącznie")."""
    if "@" in text:
        return list(people_in(text).names)
    # The value ends with its sentence; a full stop read for the comma between two names does not,
    # nor a speck of a form's dots read as a full stop after a first name ("Żaneta. Mroczek").
    text = without_specks(text)
    first, *rest = text.split(".")
    names = list(people_in(first).names)
    for piece in rest:
        people = people_in(piece)
        if not people.names or people.others:
            break
        names += people.names
    return names


def _only_roles(text: str) -> bool:
    words = [fold(w.strip(".,:;()–-")) for w in text.split()]
    words = [w for w in words if w]
    return bool(words) and len(words) <= 8 and all(w in ROLE_WORDS for w in words) and _functions_in(text) > 0


def _functions_in(text: str) -> int:
    return sum(fold(w.strip(".,:;()–-")).startswith(_FUNCTIONS) for w in text.split())


def _better_reading(signer: SignerReading, header: list[SignerReading]) -> SignerReading:
    """The same name printed in the header and under the signature: keep the surer reading of it, or
    the whole of it where a signature over the name's end cut the reading short ("Maciej Kuźni")."""
    for other in header:
        same = fuzz.ratio(fold(other.name), fold(signer.name)) >= 90 and other.line.conf > signer.line.conf
        if same or _cut_short(signer.name, other.name):
            return SignerReading(other.name, signer.line, signer.box, max(signer.sureness, other.sureness))
        respelled = _one_word_garbled(signer.name, other.name)
        if respelled:
            # A signature across the name garbled a word: the header's spelling, but a person compares.
            return SignerReading(respelled, signer.line, signer.box, min(signer.sureness, _UNSURE_WORD - 1))
    return signer


def _borne_out(signer: SignerReading, lines: list[TextLine]) -> SignerReading:
    """A name read unsurely under its signature (a stroke through it) but printed elsewhere in the
    letter, word for word, and read surely there (a sole trader's name in the company's): as sure as
    that other reading. Only a name read as those words under the signature: one spelled from the
    header because the signature garbled it stays as unsure as it was made."""
    tokens = fold(signer.name).split()
    own = {fold(w.text.strip(".,;:()")) for w in signer.line.words}
    if signer.sureness >= _SURE_ELSEWHERE or not all(token in own for token in tokens):
        return signer       # sure already, or a name spelled from elsewhere: its own reading stays
    for line in lines:
        if line is signer.line:
            continue
        sure = {fold(w.text.strip(".,;:()")): w.conf for w in line.words if w.conf >= _SURE_ELSEWHERE}
        if all(token in sure for token in tokens):
            return replace(signer, conf=min(sure[token] for token in tokens))
    return signer


_SURE_ELSEWHERE = 90


def _one_word_garbled(read: str, whole: str) -> str | None:
    """`whole` in the order `read` has it, when `read` is `whole` (either way round: surname first
    under the signature, first name first in the header) with one word of the two misread within a
    few letters ("Mścisław MUŹNA" for "Mścisław Kuźniar"), the other word the same."""
    mine, theirs = read.split(), whole.split()
    if len(mine) != 2 or len(theirs) != 2:
        return None
    for order in (theirs, theirs[::-1]):
        same = [fold(a) == fold(b) for a, b in zip(mine, order)]
        if sum(same) != 1:
            continue
        garbled, right = next((fold(a), fold(b)) for a, b in zip(mine, order) if fold(a) != fold(b))
        if len(garbled) >= 3 and Levenshtein.distance(garbled, right) <= 3 and fuzz.ratio(garbled, right) >= 60:
            return " ".join(order)
    return None


def _cut_short(read: str, whole: str) -> bool:
    """`read` is `whole` with the end of its last word missing, at least four letters of it left."""
    mine, theirs = fold(read).split(), fold(whole).split()
    return (len(mine) == len(theirs) >= 2 and mine[:-1] == theirs[:-1] and mine[-1] != theirs[-1]
            and len(mine[-1]) >= 4 and theirs[-1].startswith(mine[-1]))


def _after(line: TextLine, anchor: TextLine) -> bool:
    return line.page > anchor.page or (line.page == anchor.page and line.box[1] > anchor.box[1])


def _unique(readings) -> list[SignerReading]:
    """One reading per name, in order of first appearance; of two readings of one name the one in
    ordinary case (a stamp prints names in capitals), then the surer, is kept."""
    kept: dict[str, SignerReading] = {}
    for reading in readings:
        key = fold(" ".join(reading.name.split()))
        if key not in kept or _rank(reading) > _rank(kept[key]):
            kept[key] = reading
    return list(kept.values())


def _rank(reading: SignerReading) -> tuple[bool, float]:
    return not reading.name.isupper(), reading.line.conf
