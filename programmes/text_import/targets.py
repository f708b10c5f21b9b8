"""Quantified targets: comparator, value, compound unit, horizon."""

import re
from decimal import Decimal, InvalidOperation

from programmes.text import fold
from programmes.text_import.drafts import DraftTarget
from programmes.text_import.helpers import _capitalised, _is_caps
from programmes.text_import.patterns import (
    _ACTUAL_OF_PLAN,
    _BASE_YEAR,
    _RESULT,
    _TARGET_HORIZON,
    CODE,
    VALUE,
)

_CMP_BEFORE = [
    (
        re.compile(
            r"(?:từ|ở mức)?\s*(?:tối thiểu|ít nhất|không dưới|không thấp hơn)\s*(?:là\s*)?$", re.I
        ),
        "gte",
    ),
    (re.compile(r"(?:tối đa|không quá|không vượt quá|không cao hơn)\s*(?:là\s*)?$", re.I), "lte"),
    (re.compile(r"(?:trên|hơn|vượt)\s*$", re.I), "gt"),
    (re.compile(r"(?:dưới|chưa đến|thấp hơn)\s*$", re.I), "lt"),
]
_NAME_TAIL = re.compile(
    r"(?:\s*(?:phấn đấu|ước|đạt|bằng|là|khoảng|chiếm|của|duy trì|ở mức|tăng|giảm(?! nghèo)|"
    r"tối thiểu|ít nhất|không dưới|tối đa|không quá|trên|dưới|hơn|từ|còn|xuống|lên|được|có|"
    r"trung bình|bình quân|mỗi năm|hằng năm|hàng năm|cho|thêm|:|,))+\s*$",
    re.IGNORECASE,
)
_NAME_HEAD = re.compile(
    r"^(?:[-+•–]\s*)?(?:(?:và|với|trong đó|phấn đấu|cụ thể(?: như)?|gồm|bao gồm|đồng thời|"
    r"riêng|còn|đạt|để)\b[\s,:]*)+",
    re.IGNORECASE,
)


def _decimal(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _horizon_text(match: re.Match[str]) -> str:
    if match.group("from") and fold(match.group(0)).startswith("nhiem ky"):
        return match.group("to")  # a term's targets are due at its end
    if match.group("from"):
        return f"{match.group('from')}-{match.group('to')}"
    return match.group("by") or match.group("by2") or match.group("year")


def _targets(paragraphs: list[str], default_horizon: str) -> list[DraftTarget]:
    targets: list[DraftTarget] = []
    lines = [line for paragraph in paragraphs for line in paragraph.split("\n") if line.strip()]
    for index, line in enumerate(lines):
        sentences = _target_sentences(line)
        for position, sentence in enumerate(sentences):
            # The page may stop mid-word ("- 100% thủ tục hành ch"): its last words name nothing.
            cut = index == len(lines) - 1 and position == len(sentences) - 1
            cut = cut and not re.search(r"[.;!?…:)”\"]\s*$", sentence)
            targets += _sentence_targets(sentence, default_horizon, cut=cut)
    # A headline often repeats a target of the text ("GDP bình quân đạt 8.500 USD/người vào năm
    # 2030"): the same value, comparator and horizon under a shorter name is one target.
    unique: list[DraftTarget] = []
    for target in targets:
        twin = next((t for t in unique if _same_target(t, target)), None)
        if twin is None:
            unique.append(target)
        else:
            # Keep the fuller statement: the one with a horizon, then the longer name and unit.
            best = max((twin, target), key=lambda t: (bool(t.horizon), len(t.name), len(t.unit)))
            best.horizon = best.horizon or twin.horizon or target.horizon
            unique[unique.index(twin)] = best
    return unique


def _same_target(a: DraftTarget, b: DraftTarget) -> bool:
    """The same target stated twice, as a headline and in the text."""
    units = sorted((fold(a.unit).replace(" ", ""), fold(b.unit).replace(" ", "")), key=len)
    names = sorted((fold(a.name), fold(b.name)), key=len)
    words = [set(n.split()) for n in names]
    overlap = len(words[0] & words[1]) / max(1, len(words[0] | words[1]))
    # Names that only share words are one target when one of them reads like a headline: no
    # horizon of its own, or a shorter unit ("lao động" for "lao động/năm").
    headline = not a.horizon or not b.horizon or units[0] != units[1]
    return (
        (a.value, a.value_max, a.comparator) == (b.value, b.value_max, b.comparator)
        and (a.horizon == b.horizon or not a.horizon or not b.horizon)
        and units[1].startswith(units[0])
        and (names[0] in names[1] or (headline and overlap >= 0.5))
    )


def _target_sentences(paragraph: str) -> list[str]:
    # Sentences end at ". " before a capital; list items at ";" are read inside the sentence.
    return [s for s in re.split(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“\"])", paragraph) if s.strip()]


def _sentence_targets(
    sentence: str, default_horizon: str, *, cut: bool = False
) -> list[DraftTarget]:
    if any(_is_result(sentence, m) for m in _RESULT.finditer(sentence)) or (
        CODE.search(sentence) and not re.search(r"chỉ tiêu|mục tiêu", sentence, re.I)
    ):
        return []
    if _ACTUAL_OF_PLAN.search(sentence) or _is_caps(sentence):
        return []  # "45.799/36.875 tỷ đồng", "83,2%/50%" are results; a title states no target
    sentence = re.sub(r"(\d)\s*/\s*%", r"\1%", sentence)  # "2/%/năm": a slip of the pen
    # Brackets hold conversions and counts ("(khoảng hơn 224 triệu đồng)", "(12 xã)"): no target.
    named = re.sub(r"\([^()]*\)", _blank_values, sentence)
    # A base year ("giá so sánh năm 2010") stays in the name but is never a horizon.
    clean = _BASE_YEAR.sub(lambda m: " " * len(m.group(0)), named)
    # "Năm 2024 huyện Tân Thạnh …": a year is no value
    matches = [
        m
        for m in VALUE.finditer(clean)
        if not _is_qualifier(clean, m)
        and not (
            re.fullmatch(r"(?:19|20)\d\d", m.group("low"))
            and re.search(r"\bnăm\s*$", clean[: m.start()], re.I)
        )
    ]
    # "- 100% đơn vị … thực hiện …": a line that opens with its value states a target.
    opens_with_value = (
        bool(re.match(r"^\s*(?:[-+•–]\s*)?$", clean[: matches[0].start()])) if matches else False
    )
    if not matches or not (opens_with_value or _target_context(sentence)):
        return []
    sentence_horizon = _sentence_horizon(clean[: matches[0].start()])
    found: list[DraftTarget] = []
    previous_end = 0
    listing = ""
    for index, match in enumerate(matches):
        gap = clean[previous_end : match.start()]
        after_end = matches[index + 1].start() if index + 1 < len(matches) else len(clean)
        after = clean[match.end() : after_end]
        low, high = _decimal(match.group("low")), _decimal(match.group("high") or "")
        if low is None:
            previous_end = match.end()
            continue
        comparator = _comparator(gap, after)
        if match.group("high") and high is not None:
            comparator = "range"
        name_part = _name_span(named[previous_end : match.start()])
        horizon_part = _name_span(gap)
        last_clause = re.split(r";", gap)[-1]
        parent = found[-1].name if found and re.search(r"\btrong đó\b", last_clause, re.I) else ""
        # "41,2 triệu cây, trong đó: 10 triệu cây …; 31,2 triệu cây …": a listing of its parts
        if re.search(r"[.!?]", gap):
            listing = ""
        elif parent and re.search(r"\btrong đó\s*:", last_clause, re.I):
            listing = parent
        elif not parent and listing and ";" in gap:
            parent = listing
        after_clause = re.split(r"[;,.]|\s+và\s+", after, maxsplit=1)[0]
        own = list(_TARGET_HORIZON.finditer(horizon_part)) + list(
            _TARGET_HORIZON.finditer(after_clause)
        )
        horizon = _horizon_text(own[0]) if own else ""
        for found_horizon in own:
            name_part = name_part.replace(found_horizon.group(0), " ")
        unit = re.sub(r"\s+", " ", match.group("unit")).replace(" /", "/").replace("/ ", "/")
        name = _target_name(name_part)
        lead_in = re.search(
            r"\b(?:phấn đấu|mục tiêu(?: là)?|đề ra|có|thêm|thu hút)\s*(?:đạt\s*)?$",
            named[previous_end : match.start()],
            re.I,
        )
        consumed = 0
        # "72 xã đạt 19 tiêu chí nông thôn mới", "phấn đấu 100% người lao động … được hỗ trợ":
        # the value comes first and the words after it name the target.
        tail = re.split(r"[;.]", after, maxsplit=1)[0].rstrip(" ,…")
        tail = "" if re.fullmatch(r"\s*(?:và|hoặc|,)?\s*", tail) else tail
        if (
            tail.strip()
            and re.match(r"^\s*[a-zà-ỹA-ZĐ]", tail)
            and (not name or lead_in)
            and not re.match(
                r"^\s*(?:trở|so|theo|tổng|của|trong|vào|đến|tới|năm|thời|giai|mỗi|hằng|hàng|bình)",
                tail,
                re.I,
            )
        ):
            consumed = len(tail)
            if cut and match.end() + consumed >= len(clean.rstrip()):
                break
            words = tail.strip()
            # "10 triệu cây xanh trồng phân tán": the count's multiplier is no part of the name
            counted = re.sub(r"^(?:triệu|nghìn|ngàn)\s+(?!đồng|USD)", "", unit)
            name = _capitalised(words if unit.startswith("%") else f"{counted} {words}")
        if not name and own:
            name = _capitalised(own[0].group(0))
        if not name:
            name = _capitalised(unit)
        # "giảm 1 - 1,5% hằng năm", "tăng bình quân hằng năm 2%": a yearly target; in the name
        # ("thu nhập bình quân đầu người hàng năm tăng 1,5 lần") it is only a word of the name.
        yearly = re.match(r"\s*(?:hằng|hàng|mỗi)\s+năm\b", after_clause, re.I) or re.search(
            r"\b(?:tăng|giảm|đạt)\b[^;,]*\b(?:hằng|hàng|mỗi)\s+năm\s*$", last_clause, re.I
        )
        if not horizon and parent:
            horizon = found[-1].horizon
        if not horizon and yearly:
            horizon = "hằng năm"
        if not horizon:
            horizon = sentence_horizon or default_horizon
        note = ""
        if bracket := re.match(r"\s*\(([^()]*)\)", sentence[match.end() : match.end() + 60]):
            note = bracket.group(1)
        found.append(
            DraftTarget(
                name=name,
                value=low,
                unit=unit,
                comparator=comparator,
                value_max=high if comparator == "range" else None,
                horizon=horizon,
                target_year=int(horizon[-4:]) if re.search(r"\d{4}$", horizon) else None,
                parent=parent,
                note=note,
            )
        )
        previous_end = match.end() + consumed
    return found


def _is_result(sentence: str, match: re.Match[str]) -> bool:
    """A result reported, except an estimate of what is striven for: "phấn đấu đến 2030 tổng thu
    ngân sách ước đạt 57.000 tỷ đồng"."""
    if not match.group(0).lower().startswith("ước"):
        return True
    clause = re.split(r"[;.]", sentence[: match.start()])[-1]
    return not re.search(r"\b(?:phấn đấu|mục tiêu)\b", clause, re.I)


def _is_qualifier(text: str, match: re.Match[str]) -> bool:
    """A number that narrows a target's name rather than setting one: "trẻ em dưới 16 tuổi",
    "các xã có tỷ lệ hộ nghèo cao trên 25% giảm từ 4%"."""
    unit = fold(match.group("unit"))
    before = fold(text[max(0, match.start() - 70) : match.start()])
    if unit == "tuoi" and "tuoi tho" not in before:
        return True
    following = VALUE.search(text, match.end())
    if not following:
        return False
    between = text[match.end() : following.start()]
    return (
        not re.search(r"[,;.:]", between)
        and len(between.split()) <= 6
        and bool(re.search(r"\b(?:giảm|tăng|đạt|xuống|lên|còn|chiếm)\b", between, re.I))
    )


def _comparator(gap: str, after: str) -> str:
    if re.match(r"\s*trở lên", after):
        return "gte"
    if re.match(r"\s*trở xuống", after):
        return "lte"
    for pattern, comparator in _CMP_BEFORE:
        if pattern.search(gap):
            return comparator
    return "eq"


def _sentence_horizon(lead: str) -> str:
    """A horizon set for the whole sentence before its first value: "Đến năm 2025, …"."""
    if head := re.match(
        r"^\s*(?:[^,:;]{0,40}?)(?:đến|tới)\s+(?:cuối\s+)?năm\s+(\d{4})\s*[,:]?", lead, re.I
    ):
        return head.group(1)
    if head := re.search(
        r"(?:năm|5 năm|giai đoạn|thời kỳ)\s+(\d{4}(?:\s*[-–]\s*\d{4})?)\s*[,:]", lead, re.I
    ):
        return re.sub(r"\s*[-–]\s*", "-", head.group(1))
    return ""


def _blank_values(bracket: re.Match[str]) -> str:
    text = bracket.group(0)
    return text if not VALUE.search(text) else "⟨" + " " * (len(text) - 2) + "⟩"


def _name_span(gap: str) -> str:
    """The part of the text before a value that names it."""
    part = _NAME_TAIL.sub("", gap)
    part = re.split(r";|\.\s", part)[-1]
    if ":" in part:
        part = part.rsplit(":", 1)[-1]
    return re.split(r"\btrong đó\b", part, flags=re.I)[-1]


def _target_context(sentence: str) -> bool:
    return bool(
        re.search(
            r"chỉ tiêu|mục tiêu|phấn đấu|đạt|đến năm|tỷ lệ|tỷ trọng|tốc độ|bình quân|trên|dưới|"
            r"quy mô|"
            r"tối thiểu|tối đa|ít nhất|không quá|trở lên|chiếm|duy trì|:\s*(?:trên|dưới)?\s*\d",
            sentence,
            re.I,
        )
    )


def _target_name(text: str) -> str:
    name = _NAME_TAIL.sub("", " ".join(text.split()))
    if re.search(r"\b(?:đặt mục tiêu|mục tiêu|phấn đấu|chỉ tiêu|đề ra)\b\s+\S", name, re.I):
        name = re.sub(
            r"^.*\b(?:đặt mục tiêu|mục tiêu|phấn đấu|chỉ tiêu|đề ra)\b\s*", "", name, flags=re.I
        )
    name = re.sub(r"^\s*(?:về\s+[^,]{1,40},\s*)", "", name, flags=re.I)
    name = re.sub(r"\s*[,;]\s*\)", ")", name)
    name = re.sub(r"\(\s*[,;]?\s*\)|⟨\s*⟩", "", name)
    for _pass in range(3):
        name = _NAME_TAIL.sub("", name)
        name = _NAME_HEAD.sub("", name)
        name = name.strip(" ,;:.-–⟨⟩")
    return _capitalised(name)
