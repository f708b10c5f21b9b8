"""A programme's text, as published, turned into a draft to edit before saving.

The reader works on what officials publish: Tỉnh ủy action programmes, UBND plans
("Mục đích, yêu cầu" / "Nhiệm vụ" / "Tổ chức thực hiện"), congress resolutions and their
target lists, dispatches that assign tasks with deadlines, and news summaries of them. It finds

- the document itself: its code, kind, issuer and date, the province it is about, its horizon
  (a term "nhiệm kỳ 2025-2030" or a year), and the documents it implements or cites;
- the structure: letter sections (A. B.), Roman (I–XX), "1.", "1.1.", "a)", "-", "+", also when
  several are run into one paragraph; sections that are not tasks (purpose, goals, organisation,
  funding) are read as what they are, never as task groups;
- tasks assigned in prose ("Giao Sở X chủ trì, phối hợp với Sở Y …; hoàn thành trước ngày …");
- goals by horizon and quantified targets with comparator, value, compound unit and horizon;
- the bodies named, resolved in the text's own province, with their role (lead, coordinating).

Nothing here writes: the draft is shown in the browser, edited, then saved.

One module per concern; ``draft_from_text`` and the draft's classes are imported from here
as before.
"""

from programmes.text_import.assembly import draft_from_text
from programmes.text_import.drafts import (
    Draft,
    DraftBody,
    DraftDocument,
    DraftGoal,
    DraftTarget,
    DraftTask,
)
from programmes.text_import.vocabulary import PROVINCES

__all__ = [
    "PROVINCES",
    "Draft",
    "DraftBody",
    "DraftDocument",
    "DraftGoal",
    "DraftTarget",
    "DraftTask",
    "draft_from_text",
]
