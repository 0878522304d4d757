"""Printed signer names against register entries: what OCR and spelling do is tolerated, nothing more."""
import unicodedata

import pytest
from hypothesis import assume, given, settings, strategies as st

from registries.types import CZLONEK, Person
from verify.names import CONSISTENT, MATCH, NO, match_name
from verify.text import fold

pytestmark = pytest.mark.hostile

JAN = Person(("JAN",), ("KOWALSKI",), CZLONEK)
JAN_MARIA = Person(("JAN", "MARIA"), ("KOWALSKI",), CZLONEK)
LUKASZ = Person(("ŁUKASZ",), ("WÓJCIK",), CZLONEK)
ANNA_DOUBLE = Person(("ANNA",), ("NOWAK", "KOWALSKA"), CZLONEK)
MASKED_JAN = Person(("J**",), ("K*******",), CZLONEK, masked=True)
MASKED_DOUBLE = Person(("A***", "M****"), ("N****", "K*******"), CZLONEK, masked=True)


@pytest.mark.parametrize("printed, person", [
    ("Jan Kowalski", JAN), ("JAN KOWALSKI", JAN), ("jan kowalski", JAN), ("Kowalski Jan", JAN),
    ("Jan Kowalski", JAN_MARIA), ("Jan Maria Kowalski", JAN), ("Jan Maria Kowalski", JAN_MARIA),
    ("Kowalski Jan Maria", JAN_MARIA), ("Lukasz Wojcik", LUKASZ), ("Łukasz Wójcik", LUKASZ),
    ("ŁUKASZ WOJCIK", LUKASZ), ("Łukasz Wöjcik", LUKASZ), ("Anna Nowak-Kowalska", ANNA_DOUBLE),
    ("Anna Nowak Kowalska", ANNA_DOUBLE), ("Nowak-Kowalska Anna", ANNA_DOUBLE),
    ("Anna Nowak – Kowalska", ANNA_DOUBLE), ("Jan Kowalski,", JAN),
    ("Łukasz Wójcik", Person(("LUKASZ",), ("WOJCIK",), CZLONEK)),
    ("Anna Nowak-Kowalska", Person(("ANNA",), ("NOWAK-KOWALSKA",), CZLONEK)),
])
def test_full_names_that_match(printed, person):
    assert match_name(printed, person).status == MATCH


@pytest.mark.parametrize("printed, person", [
    ("Jan Kowalczyk", JAN), ("Janina Kowalska", JAN), ("Jan Kowalska", JAN), ("Jana Kowalski", JAN),
    ("Jan Kowalsky", JAN), ("Jen Kowalski", JAN), ("Kowalski", JAN), ("Jan", JAN), ("", JAN),
    ("J. Kowalski", JAN), ("Maria Kowalski", JAN_MARIA), ("Jan Piotr Kowalski", JAN_MARIA),
    ("Maria Jan Kowalski", JAN_MARIA), ("Anna Nowak", ANNA_DOUBLE), ("Anna Kowalska", ANNA_DOUBLE),
    ("Anna Kowalska-Nowak", ANNA_DOUBLE), ("Anna Nowak-Kowalski", ANNA_DOUBLE),
    ("Jan Nowak-Kowalski", JAN), ("Jan K0walski", JAN), ("Lukasz Wojcik", JAN),
    ("Jan Kowalski", Person((), ("KOWALSKI",), CZLONEK)),
])
def test_full_names_that_do_not(printed, person):
    result = match_name(printed, person)
    assert result.status == NO
    assert result.detail


@pytest.mark.parametrize("printed, person, status", [
    ("Jan Kowalski", MASKED_JAN, CONSISTENT), ("Kowalski Jan", MASKED_JAN, CONSISTENT),
    ("Jan Krakowsk", MASKED_JAN, CONSISTENT),              # a mask cannot tell these apart
    ("Jan Kowalsky", MASKED_JAN, CONSISTENT),
    ("Jan Maria Kowalski", MASKED_JAN, CONSISTENT),
    ("Jan Kowalczyk", MASKED_JAN, NO), ("Jan Nowalski", MASKED_JAN, NO), ("Janusz Kowalski", MASKED_JAN, NO),
    ("Jan", MASKED_JAN, NO), ("Jan K.", MASKED_JAN, NO), ("Jan K0walski", MASKED_JAN, NO),
    ("Anna Maria Nowak-Kowalska", MASKED_DOUBLE, CONSISTENT), ("Anna Nowak Kowalska", MASKED_DOUBLE, CONSISTENT),
    ("Anna Nowak", MASKED_DOUBLE, NO), ("Anna Nowakowska", MASKED_DOUBLE, NO),
    ("Anna Marta Nowak-Kowalska", MASKED_DOUBLE, CONSISTENT),   # M**** fits Marta too
    ("Anna Monika Nowak-Kowalska", MASKED_DOUBLE, NO),          # a middle name of another length
    ("Żaneta Wójcik", Person(("Ż*****",), ("W*****",), CZLONEK, masked=True), CONSISTENT),
    ("Zaneta Wojcik", Person(("Ż*****",), ("W*****",), CZLONEK, masked=True), CONSISTENT),
])
def test_masked_entries(printed, person, status):
    assert match_name(printed, person).status == status


def test_details_are_for_the_operator():
    assert "zamaskowanego" in match_name("Jan Kowalski", MASKED_JAN).detail
    assert "JAN KOWALSKI" in match_name("jan kowalski", JAN).detail
    assert "nie odpowiada" in match_name("Jan Kowalczyk", JAN).detail


# Properties over random Polish-like names.

_CONSONANTS = "bcdfghjklmnprstwzłśżźćń"
_VOWELS = "aeiouyąęó"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_syllable = st.tuples(st.sampled_from(_CONSONANTS), st.sampled_from(_VOWELS)).map("".join)
_word = st.lists(_syllable, min_size=2, max_size=4).map("".join)
_gendered = st.tuples(_word, st.sampled_from(["ski", "cki", "dzki"])).map("".join)


@st.composite
def people(draw, surname=_word):
    given = draw(st.lists(_word, min_size=1, max_size=2))
    surnames = draw(st.lists(surname, min_size=1, max_size=2))
    assume(len({fold(w) for w in given + surnames}) == len(given) + len(surnames))
    return given, surnames


def _register(given, surnames, masked=False) -> Person:
    def shown(word):
        return word[0].upper() + "*" * (len(word) - 1) if masked else word.upper()
    return Person(tuple(shown(w) for w in given), tuple(shown(w) for w in surnames), CZLONEK, masked=masked)


def _printed(given, surnames, surname_first=False) -> str:
    surname = "-".join(s.capitalize() for s in surnames)
    names = " ".join(g.capitalize() for g in given)
    return f"{surname} {names}" if surname_first else f"{names} {surname}"


def _strip_diacritics(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_FEW = settings(max_examples=60, deadline=None)


@_FEW
@given(people(), st.booleans())
def test_the_register_name_itself_matches(person, surname_first):
    given_names, surnames = person
    assert match_name(_printed(given_names, surnames, surname_first), _register(*person)).status == MATCH
    as_words = " ".join(g.capitalize() for g in given_names + surnames)     # no hyphen in the surname
    assert match_name(as_words, _register(*person)).status == MATCH


@_FEW
@given(people(), st.booleans(), st.lists(st.booleans(), min_size=40, max_size=40))
def test_diacritics_case_and_order_keep_a_match(person, surname_first, upper):
    printed = _strip_diacritics(_printed(*person, surname_first=surname_first))
    printed = "".join(c.upper() if up else c.lower() for c, up in zip(printed, upper + [False] * len(printed)))
    assert match_name(printed, _register(*person)).status == MATCH


@_FEW
@given(people(), _word)
def test_middle_names_on_either_side_keep_a_match(person, middle):
    given_names, surnames = person
    assume(fold(middle) not in {fold(w) for w in given_names + surnames})
    register = _register([given_names[0]], surnames)
    assert match_name(_printed([given_names[0], middle], surnames), register).status == MATCH
    with_middle = _register([given_names[0], middle], surnames)
    assert match_name(_printed([given_names[0]], surnames), with_middle).status == MATCH


def _edits(word: str):
    """Every word one letter away from the folded word: substituted, inserted or deleted."""
    word = fold(word)
    for at in range(len(word) + 1):
        yield from (word[:at] + letter + word[at:] for letter in _LETTERS)
        if at < len(word):
            yield word[:at] + word[at + 1:]
            yield from (word[:at] + letter + word[at + 1:] for letter in _LETTERS if letter != word[at])


def _with_each_edit(given_names, surnames):
    """The name with every one-letter edit of the first name, then of each part of the surname; with
    the word before and after the edit."""
    for edited in _edits(given_names[0]):
        yield [edited] + given_names[1:], surnames, fold(given_names[0]), edited
    for index, part in enumerate(surnames):
        for edited in _edits(part):
            yield given_names, surnames[:index] + [edited] + surnames[index + 1:], fold(part), edited


@settings(max_examples=25, deadline=None)
@given(people(), st.booleans())
def test_every_one_letter_change_never_matches(person, surname_first):
    register = _register(*person)
    for given_names, surnames, _, _ in _with_each_edit(*person):
        assert match_name(_printed(given_names, surnames, surname_first), register).status == NO


def test_every_one_letter_change_of_a_known_name_never_matches():
    for person in ((["Łukasz", "Maria"], ["Wójcik"]), (["Anna"], ["Nowak", "Kowalska"])):
        register = _register(*person)
        for given_names, surnames, _, _ in _with_each_edit(*person):
            assert match_name(_printed(given_names, surnames), register).status == NO


@_FEW
@given(people(surname=_gendered))
def test_the_other_gender_never_matches(person):
    given_names, surnames = person
    register = _register(given_names, surnames)
    swapped = [s[:-1] + "a" for s in surnames]
    assert match_name(_printed(given_names, swapped), register).status == NO
    assert match_name(_printed(given_names, surnames[:-1] + swapped[-1:]), register).status == NO


@_FEW
@given(people(), _word)
def test_another_first_name_never_matches(person, other):
    given_names, surnames = person
    assume(fold(other) != fold(given_names[0]))
    register = _register(given_names, surnames)
    assert match_name(_printed([other] + given_names[1:], surnames), register).status == NO
    assert match_name(_printed([other], surnames), register).status == NO


@_FEW
@given(people(), st.booleans())
def test_a_full_name_is_consistent_with_its_mask(person, surname_first):
    printed = _printed(*person, surname_first=surname_first)
    assert match_name(printed, _register(*person, masked=True)).status == CONSISTENT
    assert match_name(_strip_diacritics(printed).upper(), _register(*person, masked=True)).status == CONSISTENT


@settings(max_examples=25, deadline=None)
@given(people())
def test_every_change_of_length_or_first_letter_is_never_consistent_with_a_mask(person):
    register = _register(*person, masked=True)
    for given_names, surnames, original, edited in _with_each_edit(*person):
        if len(edited) != len(original) or edited[:1] != original[:1]:
            assert match_name(_printed(given_names, surnames), register).status == NO
