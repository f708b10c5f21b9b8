"""Vietnamese text helpers: normalisation, folding for search, and sort keys.

The embedded PostgreSQL has neither ``unaccent`` nor ICU collations, so search and sorting
work on keys computed here and stored beside the text: both behave the same on every database.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Vietnamese alphabetical order. "đ" sorts after "d", "ă" and "â" after "a", and so on.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}

# Combining marks for the five tones, in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a letter of its own: breve (ă), circumflex (â ê ô), horn (ơ ư).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def normalize(text: str) -> str:
    """NFC form with runs of white space folded into one space and the ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def fold(text: str) -> str:
    """Lower-case ASCII form for matching: "Đồng Nai" and "dong nai" fold alike.

    Works for NFC and NFD input alike and for both tone placements ("Hoà" and "Hòa").
    """
    decomposed = unicodedata.normalize("NFD", normalize(text).replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def sort_key(text: str) -> str:
    """A key that sorts strings in Vietnamese dictionary order under a plain binary collation.

    Letters sort first (with ă, â, đ, ê, ô, ơ, ư as letters of their own), tones break ties.
    """
    letters: list[str] = []
    tones: list[str] = []
    for char in normalize(text).lower():
        parts = unicodedata.normalize("NFD", char)
        base = parts[0]
        marks = parts[1:]
        letter = base
        tone = 0
        for mark in marks:
            if mark in _LETTER_MARKS:
                letter = unicodedata.normalize("NFC", base + mark)
            elif mark in _TONES:
                tone = _TONES[mark]
        if char == "đ":
            letter = "đ"
        if letter in _RANK:
            letters.append(chr(0x41 + _RANK[letter]))
        elif letter.isdigit():
            letters.append(letter)
        else:
            letters.append("!")
        tones.append(str(tone))
    # A space (below every mapped character) ends the letters, so "ma" sorts before "mai".
    return "".join(letters) + " " + "".join(tones)


def normalize_multiline(text: str) -> str:
    """NFC form of a multi-line text, keeping its line breaks, trimming each line's end."""
    lines = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
