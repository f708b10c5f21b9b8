"""Goals by horizon."""

import re

from programmes.text_import.drafts import DraftGoal
from programmes.text_import.helpers import _capitalised, _is_caps, _sentences
from programmes.text_import.patterns import CODE, HORIZON, VALUE


def _goals(paragraphs: list[str]) -> list[DraftGoal]:
    goals = []
    for paragraph in paragraphs:
        if _is_caps(paragraph):
            continue
        for sentence in _sentences(paragraph):
            match = HORIZON.search(sentence)
            if (
                not match
                or CODE.search(sentence)
                or re.match(r"^(?:Thực hiện|Căn cứ|Triển khai)\b", sentence)
            ):
                continue
            if re.search(r"\bban hành\b", sentence, re.I) or VALUE.search(sentence):
                continue
            if re.search(
                r"mục tiêu|phấn đấu|trở thành|tầm nhìn|đến\s+(?:năm\s+)?20|\bl[àa]\b",
                sentence,
                re.I,
            ) and not re.search(r"nhiệm kỳ\s+\d{4}\s*[-–]\s*" + match.group(1), sentence):
                goals.append(DraftGoal(int(match.group(1)), sentence))
    # A sentence with two horizons ("…, đến năm 2045 là …", "Và đến năm 2045 …") is split.
    result = []
    for goal in goals:
        parts = re.split(
            r"(?:\.\s*(?:Và\s+)?|[,;]\s+(?:và\s+)?)(?=(?:đến|tầm nhìn đến)\s+(?:năm\s+)?20\d\d)",
            goal.text,
            flags=re.I,
        )
        for part in parts:
            found = HORIZON.search(part)
            if found:
                part = re.sub(r"^.*?mục tiêu(?: tổng quát)?(?: là)?\s*:?\s*", "", part, flags=re.I)
                part = re.sub(r"^(?:và|Và)\s+", "", part)
                if re.fullmatch(r"\s*tầm nhìn đến\s+(?:năm\s+)?20\d\d\s*[.;,]?\s*", part, re.I):
                    continue  # "…thời kỳ 2021-2030, tầm nhìn đến năm 2050": a span, no goal
                result.append(DraftGoal(int(found.group(1)), _capitalised(part) + "."))
    seen, unique = set(), []
    for goal in result:
        if (goal.horizon, goal.text) not in seen:
            seen.add((goal.horizon, goal.text))
            unique.append(goal)
    return unique
