"""Tasks assigned in prose ("Giao Sở X chủ trì …")."""

import re

from programmes.text_import.deadlines import _deadline_in
from programmes.text_import.drafts import DraftTask
from programmes.text_import.helpers import _capitalised, _fold_chars, _is_caps, _sentences
from programmes.text_import.patterns import ITEM
from programmes.text_import.structure import _section_kind
from programmes.text_import.vocabulary import _ACTION

_ASSIGN = re.compile(
    r"\b(?:giao|chủ trì|yêu cầu|đề nghị|có trách nhiệm|chịu trách nhiệm)\b", re.IGNORECASE
)
# A deadline makes a sentence a task only with an action to take by then.
_TIMED_ACTION = re.compile(
    r"\b(?:báo cáo|trình|hoàn thành|gửi|tổng hợp|tham mưu|xây dựng|ban hành|tổ chức|rà soát)\b"
    r".*(?:(?:trước|chậm nhất)\s+(?:\d+\s+giờ,?\s+)?(?:ngày\s+)?\d|\btrong\s+(?:quý|tháng)\s+[\dIV]"
    r"|\bđịnh kỳ\b|\b(?:hằng|hàng)\s+(?:năm|quý|tháng)\b)"
    r"|(?:\bđịnh kỳ\b|\b(?:hằng|hàng)\s+(?:năm|quý|tháng)\b)"
    r".*\b(?:báo cáo|trình|tổng hợp|đánh giá)\b",
    re.IGNORECASE,
)
_NARRATIVE = re.compile(
    r"\b(?:đã|vừa|nhận được|đang)\b"
    r"|^(?:Căn cứ|Thực hiện|Theo đề nghị|Theo báo cáo|Xét|Tác giả|Ảnh)\b"
    r"|^Ban hành\b|ban hành[^.]*như sau|chủ trì\s+(?:phiên|hội nghị|cuộc|buổi)",
    re.IGNORECASE,
)
_MAY_ASSIGN = re.compile(r"^(?:Sau khi|Để|Giao|Yêu cầu|Đề nghị)\b")
_FOLLOW_UP = re.compile(
    r"^(?:Yêu cầu\s+(?:hoàn thiện,?\s+)?(?=gửi|báo cáo|trình|hoàn thành))?"
    r"(?:Báo cáo|Trình|Hoàn thành|Gửi|Thời hạn|Thời gian)\b",
    re.IGNORECASE,
)


def _prose_tasks(paragraphs: list[str]) -> list[DraftTask]:
    """Sentences that assign work: "Giao Sở X chủ trì …; hoàn thành trước ngày 15/8/2024"."""
    tasks: list[DraftTask] = []
    for paragraph in paragraphs:
        heading = ITEM.match(paragraph)
        if _is_caps(paragraph) or (heading and _section_kind(heading.group(2))):
            continue
        carried = ""
        for sentence in _sentences(paragraph):
            # "Giao các sở, ngành tỉnh; UBND các huyện; Các Ban QLDA … báo cáo …": those given
            # the work, listed up to ";", and the work itself are one sentence.
            if (
                sentence.endswith(";")
                and (carried or re.match(r"^Giao\b", sentence))
                and len(sentence) < 90
                and not re.search(_ACTION, _fold_chars(sentence.removeprefix("Giao")))
            ):
                carried = f"{carried} {sentence}".strip()
                continue
            sentence = f"{carried} {sentence}".strip()
            carried = ""
            body = re.sub(r"^Điều\s+\d+\.\s*", "", sentence)
            deadline = _deadline_in(body)
            if tasks and _FOLLOW_UP.match(body) and deadline and not tasks[-1].deadline:
                tasks[-1].deadline = deadline
                continue
            if not (_ASSIGN.search(body) or _TIMED_ACTION.search(body)):
                continue
            if _NARRATIVE.search(body) and not _MAY_ASSIGN.match(body):
                continue
            if re.search(r"chịu trách nhiệm thi hành|có hiệu lực", body, re.I):
                continue
            # "Thanh Hóa đặt mục tiêu … duy trì tăng trưởng hằng năm": an aim, no one's task
            if re.search(r"\b(?:đặt|đề ra|xác định)\s+mục tiêu\b", body) and not _ASSIGN.search(
                body
            ):
                continue
            title = _task_title(body)
            if len(title) < 12:
                continue
            tasks.append(DraftTask(number="", title=title, depth=0, deadline=deadline))
    return tasks


def _task_title(sentence: str) -> str:
    sentence = re.sub(r"^[-+•–*]\s+", "", sentence)
    title = re.sub(
        r"^(?:Sau khi xem xét,\s*)?.*?\b(?:có ý kiến chỉ đạo|chỉ đạo như sau)\s*:\s*", "", sentence
    )
    title = re.sub(r"^Giao\s+", "", title)
    return _capitalised(title)
