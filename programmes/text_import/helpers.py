"""Text helpers: folding, capitals, paragraphs and sentences."""

import re
import unicodedata

from programmes.text import fold
from programmes.text_import.patterns import ITEM, SENTENCE


def _fold_chars(text: str) -> str:
    """``fold`` keeping one character per character, so positions match the original."""
    out = []
    for char in text:
        if char in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", char)[0]
        out.append(base.lower() if len(base) == 1 else char.lower())
    return "".join(out)


def _capitalised(text: str) -> str:
    text = text.strip(" .;:,")
    return text[:1].upper() + text[1:] if text else text


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _clean_code(code: str) -> str:
    return re.sub(r"\s*([/-])\s*", r"\1", code.strip().rstrip("."))


def _code_key(code: str) -> str:
    return fold(_clean_code(code)).upper()


_STRONG_START = re.compile(
    r"^(?:Điều\s+\d+|Căn cứ|Theo đề nghị|Xét đề nghị|QUYẾT ĐỊNH|QUYẾT NGHỊ|Nơi nhận|CHƯƠNG\s+[IVX]+"
    r"|Số\s*:|[^\d,]{2,40},\s*ngày\s+\d)"
)
_CONTINUES = re.compile(
    r"(?:\b(?:số|ngày|của|và|với|về|tại|theo|các|cho|năm|tháng)|[,(-])\s*$", re.I
)


def _paragraphs(text: str) -> list[str]:
    """Lines joined back into paragraphs where a page or a PDF wrapped them.

    A line continues the previous one when that one ends mid-sentence and is not a heading;
    a heading (a numbered or capitalised line without a full stop) keeps the paragraph after it
    apart, unless it ends on a word that needs more ("… số", "… phối hợp với").
    """
    raw = [line.strip().strip("|").strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    blank = True
    for line in raw:
        if not line or re.fullmatch(r"[-_=*.\s|—–]+", line):
            blank = True
            continue
        if paragraphs and _continues(paragraphs[-1], line, blank):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        blank = False
    return [_split_inline(p) for p in paragraphs]


def _continues(previous: str, line: str, blank: bool) -> bool:
    """Whether ``line`` goes on with ``previous`` (a wrapped line) or starts a paragraph."""
    item = ITEM.match(line)
    dash = item is not None and item.group(1).strip()[:1] in "-+•*–"
    ends = previous.rstrip()[-1:] in '.;:!?…"”'
    if re.fullmatch(r"(?:Điều|Khoản|Mục|Chương|Phần)", previous.strip()):
        return True  # "Điều\n1. Ban hành …": an article's number wrapped onto the next line
    if previous.rstrip().endswith(";") and not item and re.match(r"^\d[\d.,]*\s*[a-zà-ỹ%]", line):
        return True  # "… trong đó: 10 triệu cây phân tán;\n31,2 triệu cây …": a value, no number
    if ends or (_is_caps(line) and not _is_upper(previous)):
        return False
    if _is_caps(previous) and not re.search(r"[^\W\d_]", line):
        return True  # "… GIAI ĐOẠN\n2017-2021": the end of a title in capitals
    if line[:1].islower() and not item:
        return True
    if blank:
        return False
    if _is_caps(previous):
        return _is_caps(line) and not item
    if _STRONG_START.match(line) or (item and not dash) or re.match(r"^Số\s*:?\s*\S", previous):
        return False
    heading = bool(ITEM.match(previous)) and len(previous) < 90
    if heading and not _CONTINUES.search(previous):
        return False
    return not dash or bool(_CONTINUES.search(previous)) or not ITEM.match(previous)


_INLINE = re.compile(
    r"(?<=[.;:!?])\s+(?=(?:[IVX]{1,5}|[A-H]|\d{1,2}(?:\.\d{1,2}){0,3})[.\-]\s+[A-ZĐÀ-Ỹ])"
    r"|(?<=[;:])\s+(?=[a-zđ]\)\s)"
    # after a heading in capitals, which has no full stop: "I. MỤC ĐÍCH, YÊU CẦU 1. Quán triệt"
    r"|(?<=[A-ZĐÀ-Ỹ]{2})\s+(?=(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3})\.\s+[A-ZĐÀ-Ỹ][a-zà-ỹ])"
)


def _split_inline(paragraph: str) -> str:
    """Numbering run into one paragraph ("I. … 1. … 2. … II. …") put back on lines, and what
    follows a preamble's "… như sau:" on a line of its own."""
    paragraph = re.sub(r"(?<=như sau:)\s+(?=\S)", "\n", paragraph)
    return _INLINE.sub("\n", paragraph)


def _sentences(text: str) -> list[str]:
    result = []
    for paragraph in text.split("\n"):
        result += [s.strip() for s in SENTENCE.split(paragraph) if s.strip()]
    return result
