"""Vietnamese document codes ("số, ký hiệu"): 17-CTr/TU, 123/KH-UBND, 30/2020/NĐ-CP.

Party documents join number and kind with a hyphen and put the issuer after a slash
(``17-CTr/TU``); state documents put the kind after the slash and the issuer after a hyphen
(``123/KH-UBND``), sometimes with the year (``30/2020/NĐ-CP``). Codes vary in practice
(``147-CTHĐ/TU``): the code is stored as written and parsed as far as it goes.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.text import normalize


class DocumentKind(models.TextChoices):
    PROGRAMME = "programme", gettext_lazy("Action programme")
    PLAN = "plan", gettext_lazy("Plan")
    RESOLUTION = "resolution", gettext_lazy("Resolution")
    CONCLUSION = "conclusion", gettext_lazy("Conclusion")
    DIRECTIVE = "directive", gettext_lazy("Directive")
    DECISION = "decision", gettext_lazy("Decision")
    REPORT = "report", gettext_lazy("Report")
    GUIDANCE = "guidance", gettext_lazy("Guidance")
    OTHER = "other", gettext_lazy("Other document")


# Programmes and plans carry tasks to track; resolutions and the rest are what they implement.
TRACKED_KINDS = (DocumentKind.PROGRAMME, DocumentKind.PLAN)

# The kind abbreviation in a code, upper-cased, to the document kind.
KIND_BY_ABBREVIATION = {
    "CTR": DocumentKind.PROGRAMME,
    "CTHĐ": DocumentKind.PROGRAMME,
    "KH": DocumentKind.PLAN,
    "NQ": DocumentKind.RESOLUTION,
    "KL": DocumentKind.CONCLUSION,
    "CT": DocumentKind.DIRECTIVE,
    "QĐ": DocumentKind.DECISION,
    "BC": DocumentKind.REPORT,
    "HD": DocumentKind.GUIDANCE,
}


class DocumentCodeError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DocumentCode:
    written: str
    number: str
    kind: str  # the abbreviation as written: "CTr", "KH", "NQ", "CTHĐ"
    issuer: str  # "TU", "UBND", "BTV", "CP"; for "202/2025/QH15" the issuer is "QH15"
    year: int | None = None

    @property
    def document_kind(self) -> str:
        return KIND_BY_ABBREVIATION.get(self.kind.upper(), DocumentKind.OTHER)


_LETTERS = r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*"
_PREFIX = re.compile(r"^(?:số|so)\s*:?\s*", re.IGNORECASE)
# Party form: 17-CTr/TU, 05-NQ/TU, 147-CTHĐ/TU, 01-KL/TW, 36-HD/VPTW
_PARTY = re.compile(rf"^(\d+[a-z]?)\s*-\s*({_LETTERS})\s*/\s*({_LETTERS}(?:-{_LETTERS})?)$")
# State form: 123/KH-UBND, 30/2020/NĐ-CP, 202/2025/QH15, 15/QĐ-UBND
_STATE = re.compile(
    rf"^(\d+[a-z]?)\s*/\s*(?:(\d{{4}})\s*/\s*)?({_LETTERS})(?:\s*-\s*({_LETTERS}(?:-{_LETTERS})*))?$"
)


def parse_document_code(text: str) -> DocumentCode:
    """Parse a written code; raises ``DocumentCodeError`` when it has no recognisable shape."""
    written = normalize(text)
    code = _PREFIX.sub("", written)
    code = re.sub(r"[\u2010-\u2015\u2212]", "-", code)
    if match := _PARTY.match(code):
        number, kind, issuer = match.groups()
        return DocumentCode(written, number, kind, issuer)
    if match := _STATE.match(code):
        number, year, first, second = match.groups()
        if second:
            return DocumentCode(written, number, first, second, int(year) if year else None)
        # "202/2025/QH15": a law-making body's code with no kind abbreviation.
        return DocumentCode(written, number, "", first, int(year) if year else None)
    raise DocumentCodeError(
        _(
            "“%(code)s” is not a document code we can read. "
            "Write it like 17-CTr/TU, 123/KH-UBND or 30/2020/NĐ-CP."
        )
        % {"code": written}
    )
