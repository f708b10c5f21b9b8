"""Deadlines as officials write them, parsed into a window with a start and a due date.

Accepted forms (case, diacritics, NFC/NFD, dashes and spacing do not matter):

============================  ===========  ===========  ============
written                       kind         start        due
============================  ===========  ===========  ============
30/6/2023, ngày 30 tháng 6    date         –            30/06/2023
năm 2023, trước 30.6.2023
Tháng 6/2023                  month        01/06/2023   30/06/2023
Quý II/2022, quý 2 năm 2022   quarter      01/04/2022   30/06/2022
Quý III và IV/2026            quarter      01/07/2026   31/12/2026
6 tháng đầu năm 2023          half_year    01/01/2023   30/06/2023
Năm 2023, 2023                year         01/01/2023   31/12/2023
Đến năm 2025                  by_year      –            31/12/2025
2021–2025, giai đoạn 2021-25  range        01/01/2021   31/12/2025
Thường xuyên                  ongoing      –            –
Hằng năm, hằng quý            recurring    –            –
Năm 2021 và các năm tiếp theo recurring    01/01/2021   –
============================  ===========  ===========  ============

An ongoing or recurring task never completes: it reports results each period.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.text import fold, normalize

MIN_YEAR, MAX_YEAR = 1945, 2100
EXAMPLES = "30/6/2023, Quý II/2022, Năm 2023, 2021–2025, Thường xuyên"


class DeadlineKind(models.TextChoices):
    DATE = "date", gettext_lazy("Date")
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter")
    HALF_YEAR = "half_year", gettext_lazy("Half year")
    YEAR = "year", gettext_lazy("Year")
    BY_YEAR = "by_year", gettext_lazy("By the end of a year")
    RANGE = "range", gettext_lazy("Range of years")
    ONGOING = "ongoing", gettext_lazy("Ongoing")
    RECURRING = "recurring", gettext_lazy("Recurring")


class DeadlineError(ValueError):
    """The text is not a deadline; ``message`` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: str
    start: date | None = None
    due: date | None = None
    every: str = ""  # for recurring deadlines: "year", "half_year", "quarter" or "month"

    @property
    def is_open_ended(self) -> bool:
        """Ongoing and recurring tasks have no due date and never complete."""
        return self.kind in (DeadlineKind.ONGOING, DeadlineKind.RECURRING)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PREFIX = re.compile(
    r"^(?:(?:truoc|cham nhat(?: la)?|han chot|han|hoan thanh|trong|vao|muon nhat)\s+)*(?:ngay\s+)?"
)
_Y = r"(\d{4}|\d{2})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (k, re.compile(p))
    for k, p in [
        ("date", rf"^(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})\s*[/.-]\s*{_Y}$"),
        ("date", rf"^(\d{{1,2}})\s+thang\s+(\d{{1,2}})\s+(?:nam\s+)?{_Y}$"),
        ("month", rf"^thang\s+(\d{{1,2}})\s*(?:/|-|nam)\s*{_Y}$"),
        ("quarter", rf"^(?:quy|q)\s*([ivx]+|\d)\s*(?:/|-|nam)\s*(?:nam\s+)?{_Y}$"),
        (
            "quarters",
            rf"^(?:cac\s+)?(?:quy|q)\s*([ivx]+|\d)\s*(?:va|,|-)\s*(?:quy\s*)?([ivx]+|\d)"
            rf"\s*(?:/|-|nam)\s*(?:nam\s+)?{_Y}$",
        ),
        ("onwards", r"^(?:tu\s+)?(?:nam\s+)?(\d{4})\s+va\s+(?:cac|nhung)\s+nam\s+tiep\s+theo$"),
        ("half_year", rf"^(?:6 thang|sau thang|nua)\s+(dau|cuoi)\s+nam\s+{_Y}$"),
        ("by_year", r"^(?:den|den het|den cuoi|truoc)\s+(?:nam\s+)?(\d{4})$"),
        ("range", rf"^(?:giai doan\s+|tu\s+)?(?:nam\s+)?(\d{{4}})\s*(?:-|den)\s*(?:nam\s+)?{_Y}$"),
        ("year", r"^(?:nam\s+)?(\d{4})$"),
        ("ongoing", r"^(?:thuong xuyen|lien tuc|thuong xuyen, lien tuc)$"),
        ("recurring", r"^(?:(?:dinh ky\s+)?(?:hang|moi)|dinh ky)\s+(nam|quy|thang|6 thang)$"),
    ]
]
_EVERY = {"nam": "year", "quy": "quarter", "thang": "month", "6 thang": "half_year"}


def _quarter(raw: str) -> int:
    quarter = int(raw) if raw.isdigit() else _ROMAN.get(raw, 0)
    if not 1 <= quarter <= 4:
        raise DeadlineError(_("A quarter runs from I to IV."))
    return quarter


def _year(raw: str) -> int:
    year = int(raw)
    if len(raw) == 2:
        year += 2000
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DeadlineError(_("The year %(year)s is out of range.") % {"year": raw})
    return year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _make_date(day: int, month: int, year: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DeadlineError(
            _("The date %(day)s/%(month)s/%(year)s does not exist.")
            % {"day": day, "month": month, "year": year}
        ) from None


def parse_deadline(text: str | None) -> Deadline | None:
    """Parse a deadline as written; ``None`` for an empty one.

    Raises ``DeadlineError`` with a message that names the accepted forms.
    """
    written = normalize(text or "")
    if not written:
        return None
    folded = re.sub(r"[\u2010-\u2015\u2212~]", "-", fold(written)).rstrip(".;, ")
    folded = re.sub(r"\s*-\s*", "-", folded) if re.search(r"\d\s*-\s*\d", folded) else folded
    # "Trước năm 2025" is a form of its own; other leading words ("trước ngày", "trong",
    # "chậm nhất") only introduce the deadline.
    candidates = (folded, _PREFIX.sub("", folded, count=1))
    for candidate in candidates:
        for kind, pattern in _PATTERNS:
            if match := pattern.match(candidate):
                return _build(written, kind, match.groups(), candidate)
    raise DeadlineError(
        _("“%(text)s” is not a deadline we can read. Write it like one of: %(examples)s.")
        % {"text": written, "examples": EXAMPLES}
    )


def _build(written: str, kind: str, groups: tuple[str, ...], folded: str) -> Deadline:
    if kind == "date":
        day, month, year = int(groups[0]), int(groups[1]), _year(groups[2])
        return Deadline(written, kind, due=_make_date(day, month, year))
    if kind == "month":
        month, year = int(groups[0]), _year(groups[1])
        if not 1 <= month <= 12:
            raise DeadlineError(_("A month runs from 1 to 12."))
        return Deadline(written, kind, date(year, month, 1), _month_end(year, month))
    if kind == "quarter":
        quarter = _quarter(groups[0])
        year = _year(groups[1])
        first = 3 * quarter - 2
        return Deadline(written, kind, date(year, first, 1), _month_end(year, first + 2))
    if kind == "quarters":
        # "Quý III và IV/2026": from the start of the first to the end of the last.
        first, last, year = _quarter(groups[0]), _quarter(groups[1]), _year(groups[2])
        if last < first:
            raise DeadlineError(_("The range %(text)s ends before it starts.") % {"text": written})
        return Deadline(
            written, "quarter", date(year, 3 * first - 2, 1), _month_end(year, 3 * last)
        )
    if kind == "onwards":
        # "Năm 2021 và các năm tiếp theo": every year from 2021 on.
        year = _year(groups[0])
        return Deadline(written, "recurring", start=date(year, 1, 1), every="year")
    if kind == "half_year":
        year = _year(groups[1])
        if groups[0] == "dau":
            return Deadline(written, kind, date(year, 1, 1), date(year, 6, 30))
        return Deadline(written, kind, date(year, 7, 1), date(year, 12, 31))
    if kind == "year":
        year = _year(groups[0])
        return Deadline(written, kind, date(year, 1, 1), date(year, 12, 31))
    if kind == "by_year":
        year = _year(groups[0])
        if folded.startswith("truoc"):
            year -= 1  # "trước năm 2025": done before 2025 begins
        return Deadline(written, kind, due=date(year, 12, 31))
    if kind == "range":
        first, last = _year(groups[0]), _year(groups[1])
        if len(groups[1]) == 2:
            last = first // 100 * 100 + int(groups[1])
        if last < first:
            raise DeadlineError(_("The range %(text)s ends before it starts.") % {"text": written})
        return Deadline(written, kind, date(first, 1, 1), date(last, 12, 31))
    if kind == "ongoing":
        return Deadline(written, kind)
    return Deadline(written, "recurring", every=_EVERY[groups[0]])
