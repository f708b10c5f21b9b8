"""Deadlines as officials write them, and review tasks (sơ kết, tổng kết)."""

import re

from programmes.deadlines import DeadlineError, parse_deadline
from programmes.text import fold
from programmes.text_import.drafts import DraftTask
from programmes.text_import.helpers import _capitalised

_DEADLINE_PHRASES = [
    re.compile(
        r"(?:trước|chậm nhất(?: là)?|hạn chót)\s+(?:\d{1,2}\s*giờ(?:\s*\d{1,2})?,?\s*)?"
        r"(?:ngày\s+)?(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})",
        re.I,
    ),
    re.compile(
        r"(?:trước|chậm nhất(?: là)?)\s+ngày\s+(\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})", re.I
    ),
    re.compile(
        r"\b(?:trong|trước|hoàn thành(?: trong)?|vào)\s+((?:quý|Quý)\s+[IV\d]+"
        r"(?:\s*(?:và|,|-)\s*[IV\d]+)?\s*(?:[/-]|\s+năm)\s*(?:năm\s+)?\d{4})",
        re.I,
    ),
    re.compile(
        r"\b(?:trong|trước|hoàn thành(?: trong)?|vào)\s+"
        r"(tháng\s+\d{1,2}\s*[/-]\s*\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4})",
        re.I,
    ),
    re.compile(
        r"(?:thời hạn|hoàn thành)\s*:?\s*((?:trong\s+)?năm\s+\d{4}(?:\s+và các năm tiếp theo)?)",
        re.I,
    ),
    re.compile(
        r"\b(\d{1,2}\s*[/.]\s*\d{1,2}(?:\s*(?:và|,)\s*(?:ngày\s+)?\d{1,2}\s*[/.]\s*\d{1,2})*\s+(?:hằng|hàng)\s+năm)",
        re.I,
    ),
    re.compile(r"\b(định kỳ\s+(?:hằng\s+|hàng\s+)?(?:6 tháng|quý|tháng|năm))", re.I),
    # "hằng năm" alone, but not a budget's year ("(dự toán kinh phí hàng năm)")
    re.compile(
        r"(?<!kinh phí )(?<!dự toán )(?<!ngân sách )"
        r"\b((?:hằng|hàng)\s+(?:năm|quý|tháng))\b(?![^()]*\))",
        re.I,
    ),
    re.compile(r"\b((?:từ\s+)?năm\s+\d{4}\s+và\s+các\s+năm\s+tiếp\s+theo)", re.I),
    re.compile(r"(?:thời hạn|thời gian(?: thực hiện)?|tiến độ)\s*:\s*(thường xuyên)", re.I),
    re.compile(r"\b(?:thực hiện|triển khai)\s+(thường xuyên)\s*[.;)]?\s*$", re.I),
]
# Deadlines that name no date ("ngay từ đầu năm") are kept as written for the user to settle.
_QUALITATIVE = re.compile(r"\b(ngay từ đầu năm(?:\s+\d{4})?|ngay sau khi [^,;.]{3,60})", re.I)


def _deadline_in(text: str) -> str:
    """The first deadline a sentence sets, as written, when ``parse_deadline`` reads it."""
    for pattern in _DEADLINE_PHRASES:
        for match in pattern.finditer(text):
            written = match.group(1).strip()
            if re.search(r"(?:hằng|hàng)\s+năm$", written) and re.match(r"\d", written):
                written = "hằng năm"
            try:
                if parse_deadline(written):
                    return written
            except DeadlineError:
                continue
    if qualitative := _QUALITATIVE.search(text):
        return qualitative.group(1)
    return ""


def _item_deadline(task: DraftTask) -> None:
    """A deadline at the end of an item, after "thời hạn", in brackets, or in its prose."""
    match = re.search(
        r"(?:thời hạn|hoàn thành)\s*:?\s*([^;)]+?)\s*\)?\.?$|\(([^()]+)\)\.?$", task.title, re.I
    )
    if match:
        candidate = (match.group(1) or match.group(2)).strip()
        try:
            if parse_deadline(candidate):
                task.deadline = candidate
                return
        except DeadlineError:
            pass
    task.deadline = _deadline_in(task.title)


_REVIEW = re.compile(
    r"(?:tổ chức\s+)?(?:sơ kết|tổng kết|kiểm điểm|đánh giá)[^,;.]{0,40}?"
    r"(?:vào\s+|trong\s+)?(?P<when>năm\s+\d{4}|hằng năm|hàng năm)",
    re.IGNORECASE,
)


def _reviews(tasks: list[DraftTask]) -> list[DraftTask]:
    """A task that names several reviews with their own times ("sơ kết hằng năm, sơ kết giữa
    kỳ vào năm 2008 và tổng kết vào năm 2010") gets one sub-task per review."""
    result: list[DraftTask] = []
    for task in tasks:
        result.append(task)
        reviews = list(_REVIEW.finditer(task.title)) if task.kind == "task" else []
        if len({fold(r.group("when")) for r in reviews}) < 2:
            continue
        for review in reviews:
            result.append(
                DraftTask(
                    number="-",
                    title=_capitalised(review.group(0)),
                    depth=task.depth + 1,
                    deadline=review.group("when"),
                    lead_id=task.lead_id,
                    lead_name=task.lead_name,
                )
            )
    return result
