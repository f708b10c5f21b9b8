"""The document itself: its code, kind, issuer, date, province, horizon and citations."""

import re
import unicodedata
from collections import Counter
from datetime import date

from programmes.documents import DocumentCodeError, DocumentKind, parse_document_code
from programmes.models import Programme
from programmes.text import fold
from programmes.text_import.bodies import _body_name, _mentions
from programmes.text_import.drafts import Draft, DraftDocument
from programmes.text_import.helpers import _clean_code, _code_key, _is_caps, _sentences
from programmes.text_import.patterns import CODE
from programmes.text_import.vocabulary import _KIND_WORDS, _UBND, CITIES, PROVINCES


def _province(lines: list[str]) -> str:
    """The province the text is about: the one it names most, in its first lines above all.

    Names are compared without their marks but with their capitals, so that "Khánh Hoà" and
    "Khánh Hòa" are one province while "hòa bình" (peace) is not Hòa Bình.
    """
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        stripped = _unmarked(re.sub(r"^[^()]{0,40}\((?:TTXVN|VNA|GLO|QBĐT|PV)[^)]*\)", "", line))
        for name in PROVINCES:
            found = [
                match
                for written in (name, name.upper())
                for match in re.finditer(
                    rf"(?<![\w]){_spaced(_unmarked(written))}(?![\w])", stripped
                )
            ]
            if found and not (name == "Huế" and "Thua Thien Hue" in stripped.title()):
                weight = 3 if index < 12 else 1
                counts[name] += weight * len(found)
                first_seen.setdefault(name, (index, min(m.start() for m in found)))
        # "TP.HCM", "TPHCM", "TP. HCM": Hồ Chí Minh City as the press writes it
        if aliases := re.findall(r"(?<![\w])TP\.?\s?HCM(?![\w])", line):
            counts["Hồ Chí Minh"] += (3 if index < 12 else 1) * len(aliases)
            first_seen.setdefault("Hồ Chí Minh", (index, line.find(aliases[0])))
    if not counts:
        return ""
    return max(counts, key=lambda name: (counts[name], -first_seen[name][0], -first_seen[name][1]))


def _unmarked(text: str) -> str:
    """The text without its marks, capitals kept: "Khánh Hoà" → "Khanh Hoa"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _spaced(name: str) -> str:
    """A pattern for a name whatever the spacing and dashes it is written with."""
    return re.escape(name).replace(r"\ ", r"\s+").replace(r"\-", r"\s*[-–]\s*")


def _kind_of(words: str) -> str:
    folded = fold(words)
    for word, kind in _KIND_WORDS:
        if folded.startswith(word):
            return kind
    return ""


def _date_in(text: str) -> date | None:
    match = re.search(
        r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text, re.I
    ) or re.search(r"(?:^|[Nn]gày\s+)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", text)
    if not match:
        return None
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


_ISSUED = re.compile(
    r"(?P<issuer>[^,.;:]{3,80}?)\s+(?:đã\s+|vừa\s+)?(?:ban hành|xây dựng)\s+"
    r"(?P<kind>Chương trình hành động|Chương trình|Kế hoạch|Nghị quyết|Chỉ thị|Quyết định|Công văn|"
    r"Kết luận|Hướng dẫn|chương trình|kế hoạch|nghị quyết)"
    r"(?P<rest>[^.;]*)",
)


def _header(lines: list[str], draft: Draft) -> None:
    """The document's own code, kind, issuer and date: from its header, from its preamble
    ("… ban hành Chương trình … như sau:"), or from the first lines of a page that reports it."""
    doc = draft.document
    head = lines[:14]
    _header_lines(head, doc, draft.province)
    _issuing_sentences(lines, doc)
    first = lines[0] if lines else ""
    # "Khoản 2 Điều 1 Quyết định 1486/QĐ-TTg …": a page quoting the document it is part of.
    titled = re.match(
        r"^(?:(?:Khoản|Điều|Mục)\s+\d+\s+)*(Quyết định|Nghị quyết|Chỉ thị|Kế hoạch|Chương trình)"
        r"\s+(?:số\s+)?(\S+)",
        first,
    )
    if titled and not doc.code and (code := CODE.match(titled.group(2))):
        doc.code = _clean_code(code.group(1))
        doc.kind = doc.kind or _kind_of(titled.group(1))
    # "(Theo Công văn số 6202/UBND-KT, ngày 23/11/2023)" closing a page: the letter it gives
    for line in lines[-2:] if not doc.code else []:
        source = re.match(r"^\(?\s*Theo\s+(Công văn|Văn bản|Thông báo)\s+số\s+(\S+)", line)
        if source and (code := CODE.match(source.group(2))):
            doc.code = _clean_code(code.group(1))
    if not doc.kind:
        doc.kind = _kind_of(re.sub(r"^(?:Toàn văn|Nội dung)\s+", "", first, flags=re.I))
    if doc.code and not doc.kind:
        try:
            doc.kind = parse_document_code(doc.code).document_kind
        except DocumentCodeError:
            doc.kind = DocumentKind.OTHER


def _header_lines(head: list[str], doc: DraftDocument, province: str = "") -> None:
    """ "Số: 123/KH-UBND", the title in capitals ("KẾ HOẠCH"), "Bình Phước, ngày 15 tháng 6 năm
    2023", and the issuer heading the page ("ỦY BAN NHÂN DÂN TỈNH …", "TỈNH ỦY …")."""
    for index, line in enumerate(head):
        if match := re.match(r"^Số\s*:?\s*(.*)$", line):
            written = match.group(1) or (head[index + 1] if index + 1 < len(head) else "")
            if code := CODE.search(written):
                doc.code = _clean_code(code.group(1))
                break
    capitals = [line for line in head if _is_caps(line)]
    doc.kind = next((kind for line in capitals if (kind := _kind_of(line))), "")
    place_date = r"(?:^|\|)\s*[^\d,|]{2,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    doc.issued_on = next(
        (day for line in head if re.search(place_date, line) and (day := _date_in(line))), None
    )
    for line in capitals:
        folded = fold(line)
        if re.search(rf"(?:^|\s){_UBND}\s+thanh pho\b", folded):
            doc.issuer = "UBND thành phố"
            return
    for line in capitals:
        folded = fold(line)
        mentions = _mentions(line)
        if mentions and mentions[0].start == 0:
            doc.issuer = mentions[0].name
            return
        # "ỦY BAN NHÂN DÂN" alone heads the page of a city under the centre as well.
        level = "thành phố" if province in CITIES else "tỉnh"
        if folded.startswith(("uy ban nhan dan", "ubnd")):
            doc.issuer = f"UBND {level}"
            return
        if folded.startswith(("hoi dong nhan dan", "hdnd")):
            doc.issuer = f"HĐND {level}"
            return


def _issuing_sentences(lines: list[str], doc: DraftDocument) -> None:
    """ "Tỉnh ủy ban hành Nghị quyết số 23-NQ/TU …" in a page's first lines gives the code and
    date; the preamble "… Ban Thường vụ Tỉnh ủy ban hành chương trình … như sau:" the issuer."""
    opening = " ".join(lines[:3])
    preamble = next(
        (
            s
            for s in _sentences("\n".join(lines[:25]))
            if re.search(r"như sau\s*:?$|\bsau(?: đây)?\s*:$", s)
        ),
        "",
    )
    for sentence, own in ((preamble, True), *((s, False) for s in _sentences(opening))):
        match = _ISSUED.search(sentence) if sentence else None
        if not match:
            continue
        issuer = _body_name(match.group("issuer"))
        if issuer and (own or not doc.issuer):
            doc.issuer = issuer
        if not doc.kind:
            doc.kind = _kind_of(match.group("kind"))
        code = CODE.match(re.sub(r"^\s*(?:số\s*:?\s*)?", "", match.group("rest")))
        if code and not doc.code and not own:
            doc.code = _clean_code(code.group(1))
            doc.issued_on = doc.issued_on or _date_in(sentence)


def _cited(text: str, draft: Draft) -> None:
    own = _code_key(draft.document.code) if draft.document.code else ""
    seen = {own}
    for match in CODE.finditer(text):
        code = _clean_code(match.group(1))
        key = _code_key(code)
        if key in seen or not re.search(r"[A-ZĐ]{2}", code):
            continue
        try:
            kind = parse_document_code(code).document_kind
        except DocumentCodeError:
            kind = DocumentKind.OTHER  # "01/QCPH/UBND-UBMTTQ": kept as written
        seen.add(key)
        after = text[match.end() : match.end() + 120]
        issued = None
        if day := re.match(r"\s*,?\s*(?:ngày\s+\d|ngày\s*\d)", after):
            issued = _date_in(after[day.start() : day.start() + 40])
        issuer = ""
        if by := re.search(
            r"^[^;.]*?\bcủa\s+([^,;.(]+?)(?:\s+(?:về|khóa|khoá|ban hành)\b|[,;.(]|$)", after
        ):
            issuer = by.group(1).strip()
        draft.cited.append(DraftDocument(code=code, kind=kind, issuer=issuer, issued_on=issued))
    codes = [c.code for c in draft.cited] + ([draft.document.code] if draft.document.code else [])
    known = (
        dict(Programme.objects.filter(code__in=codes).values_list("code", "pk")) if codes else {}
    )
    for citation in draft.cited:
        citation.programme_id = known.get(citation.code)
    draft.document.programme_id = known.get(draft.document.code)


def _horizon(lines: list[str]) -> str:
    head = " ".join(lines[:14])
    if match := re.search(r"nhiệm kỳ\s*\(?(\d{4})\s*[-–]\s*(\d{4})", head, re.I):
        return f"{match.group(1)}-{match.group(2)}"
    if match := re.search(
        r"(?<!Sau )(?:giai đoạn|thời kỳ|5 năm|kế hoạch)\s*\(?(\d{4})\s*[-–]\s*(\d{4})",
        " ".join(lines[:4]),
        re.I,
    ):
        return f"{match.group(1)}-{match.group(2)}"
    title = " ".join(line for line in lines[:14] if _is_caps(line)) or " ".join(lines[:2])
    if match := re.search(
        r"(?:giai đoạn|thời kỳ|5 năm)\s*\(?(\d{4})\s*[-–]\s*(\d{4})", title, re.I
    ):
        return f"{match.group(1)}-{match.group(2)}"
    if match := re.search(r"(?<!đến )(?<!tới )năm\s+(\d{4})(?!\s*[-–]\s*\d)", title, re.I):
        return match.group(1)
    return ""
