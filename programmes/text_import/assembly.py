"""The whole reading: the draft assembled from every reader."""

import unicodedata

from programmes.text_import.bodies import (
    _assign,
    _assign_cells,
    _bodies,
    _body_key,
    _Mention,
    _Registry,
    _registry,
    _resolve,
)
from programmes.text_import.deadlines import _item_deadline, _reviews
from programmes.text_import.documents import _cited, _header, _horizon, _province
from programmes.text_import.drafts import Draft, DraftBody
from programmes.text_import.goals import _goals
from programmes.text_import.helpers import _capitalised, _paragraphs
from programmes.text_import.patterns import ITEM
from programmes.text_import.prose import _prose_tasks
from programmes.text_import.structure import _announced, _attach, _listed, _structure
from programmes.text_import.tables import _table_tasks
from programmes.text_import.targets import _targets


def draft_from_text(text: str) -> Draft:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\xa0", " ")
    paragraphs = _paragraphs(text)
    lines = [line for p in paragraphs for line in p.split("\n") if line.strip()]
    draft = Draft()
    draft.province = _province(lines)
    _header(lines, draft)
    _cited(text, draft)
    draft.horizon = _horizon(lines)
    draft.goals = _goals(paragraphs)
    structured, organisation = _structure(paragraphs, draft)
    listed, warnings = _listed(text)
    tasks = structured if len(structured) >= len(listed) else listed
    if tasks is listed:
        draft.warnings += warnings
    else:
        draft.warnings += _announced(text, tasks)
    table = _table_tasks(text)
    if not tasks and not organisation and not table:
        skip = set(draft.purpose) | set(draft.set_apart)
        tasks = _prose_tasks([p for p in paragraphs if _capitalised(_item_text(p)) not in skip])
    for task in tasks + organisation:
        if task.kind != "breakthrough":
            task.title = _capitalised(task.title)
        else:
            task.title = task.title.strip(" .")
        if not task.deadline:
            _item_deadline(task)
    end_year = draft.horizon[-4:] if draft.horizon else ""
    draft.targets = _targets(paragraphs, end_year)
    registry = _registry()
    _bodies(text, draft, registry)
    _issuer_body(draft, registry)
    _assign(tasks + organisation, draft, registry)
    _assign_cells(table, draft, registry)
    draft.tasks = _reviews(_attach(tasks, organisation)) + table
    return draft


def _issuer_body(draft: Draft, registry: "_Registry") -> None:
    """The issuer heading the page ("ỦY BAN NHÂN DÂN" alone) is a body the text names."""
    issuer = draft.document.issuer
    if not issuer or any(_body_key(b.name) == _body_key(issuer) for b in draft.bodies):
        return
    mention = _Mention(0, 0, issuer, "", issuer)
    body_id, name = _resolve(mention, draft.province, *registry)
    if not any(b.body_id == body_id and body_id for b in draft.bodies):
        draft.bodies.insert(0, DraftBody(body_id, name, "", issuer))


def _item_text(paragraph: str) -> str:
    match = ITEM.match(paragraph)
    return match.group(2) if match else paragraph
