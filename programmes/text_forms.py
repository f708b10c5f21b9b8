"""The editable draft of a programme pasted as text: goals, targets and tasks as formsets.

The editor page posts the draft in one of two ways. Without JavaScript, as a plain formset
(one field per cell: fine for a short programme). With the page's script (static/js/
draft-editor.js), as ONE JSON field holding every row: a 300-task programme would otherwise
send thousands of fields, past Django's ``DATA_UPLOAD_MAX_NUMBER_FIELDS``. Both ways end in the
same formsets, so each row is checked by the same form and its errors are shown on the row.
"""

import json
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.deadlines import DeadlineError, parse_deadline
from programmes.models import Body, Comparator, TaskKind
from programmes.text import fold, normalize

MAX_ROWS = 2000  # per list; a province's longest plans have about 300 tasks
MAX_DEPTH = 10


class PasteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Programme text, as published"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=200_000,
    )


class BodyIndex:
    """The bodies a draft may name, found by their name or short name written any way
    (with or without diacritics, either tone placement)."""

    def __init__(self) -> None:
        self.bodies = list(Body.objects.filter(active_to__isnull=True).order_by("sort_key"))
        self.by_id = {body.pk: body for body in self.bodies}
        self._by_key: dict[str, Body] = {}
        for body in self.bodies:
            if body.short_name:
                self._by_key.setdefault(fold(body.short_name), body)
        for body in self.bodies:  # a full name wins over another body's short name
            self._by_key[fold(body.name)] = body

    def find(self, name: str) -> Body | None:
        return self._by_key.get(fold(name).strip())

    def names(self, ids: list[int]) -> str:
        return "; ".join(self.by_id[pk].name for pk in ids if pk in self.by_id)


def _names(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", normalize(text)) if part.strip()]


def parse_number(text: str) -> Decimal | None:
    """A number as officials write it ("1.234,5", "8,5") or as a machine does ("8.5")."""
    text = text.strip().replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")  # "1.234" is a thousand two hundred and thirty-four
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(_("“%(value)s” is not a number.") % {"value": text}) from None
    if not value.is_finite() or abs(value) >= Decimal(10) ** 14:
        raise forms.ValidationError(_("“%(value)s” is not a number.") % {"value": text})
    return value


def format_number(value: Decimal | None) -> str:
    """A decimal written the Vietnamese way ("1.234,5"), for an input to edit."""
    if value is None:
        return ""
    whole, _dot, fraction = format(value.normalize(), "f").partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    groups: list[str] = []
    while len(digits) > 3:
        digits, tail = digits[:-3], digits[-3:]
        groups.insert(0, tail)
    grouped = ".".join([digits, *groups])
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


class NumberField(forms.CharField):
    """A decimal typed as text, so that "8,5" and "1.234,5" are read the Vietnamese way."""

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return super().widget_attrs(widget) | {"inputmode": "decimal", "maxlength": "30"}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        return parse_number(super().to_python(value) or "")


class _KeptRow(forms.Form):
    """A row whose "keep" box is cleared is left out: its errors do not stop the save."""

    keep = forms.BooleanField(label=gettext_lazy("Keep"), required=False, initial=True)

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound and not self.cleaned_data.get("keep"):
            self._errors = ErrorDict()


class DraftGoalForm(_KeptRow):
    horizon = forms.IntegerField(
        label=gettext_lazy("Horizon"), required=False, min_value=2000, max_value=2100
    )
    text = forms.CharField(label=gettext_lazy("Goal"), widget=forms.Textarea(attrs={"rows": 3}))


class DraftTargetForm(_KeptRow):
    name = forms.CharField(
        label=gettext_lazy("Target"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    unit = forms.CharField(label=gettext_lazy("Unit"), required=False, max_length=40)
    comparator = forms.ChoiceField(
        label=gettext_lazy("Comparator"), choices=Comparator.choices, initial=Comparator.AT_LEAST
    )
    baseline_value = NumberField(label=gettext_lazy("Baseline"), required=False)
    baseline_year = forms.IntegerField(
        label=gettext_lazy("Baseline year"), required=False, min_value=1945, max_value=2100
    )
    planned_value = NumberField(label=gettext_lazy("Planned value"))
    planned_max = NumberField(label=gettext_lazy("Upper bound"), required=False)
    target_year = forms.IntegerField(
        label=gettext_lazy("Target year"), required=False, min_value=2000, max_value=2100
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("planned_value"), data.get("planned_max")
        is_range = data.get("comparator") == Comparator.RANGE
        if is_range and low is not None and (high is None or high < low):
            self.add_error("planned_max", _("A range needs an upper bound above its lower one."))
        return data


class DraftTaskForm(_KeptRow):
    number = forms.CharField(label=gettext_lazy("No."), required=False, max_length=20)
    depth = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_DEPTH)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=TaskKind.choices[:3], initial=TaskKind.TASK
    )
    title = forms.CharField(label=gettext_lazy("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.CharField(label=gettext_lazy("Deadline"), required=False, max_length=100)
    lead = forms.CharField(
        label=gettext_lazy("Lead"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"list": "draft-bodies", "autocomplete": "off"}),
    )
    coordinating = forms.CharField(
        label=gettext_lazy("Coordinating"),
        required=False,
        max_length=4000,
        help_text=gettext_lazy("Several bodies: separate them with “;”."),
        widget=forms.TextInput(attrs={"list": "draft-bodies", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, bodies: BodyIndex, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bodies = bodies
        # A body the text names that is not in the list: shown as a hint to choose one.
        for name in ("lead", "coordinating"):
            if hint := self.initial.get(f"{name}_hint"):
                self.fields[name].widget.attrs["placeholder"] = _("In the text: %(names)s") % {
                    "names": hint
                }

    def clean_deadline(self) -> str:
        text = self.cleaned_data["deadline"]
        try:
            parse_deadline(text)
        except DeadlineError as error:
            raise forms.ValidationError(error.message) from None
        return text

    def _find(self, names: list[str]) -> list[Body]:
        found = [(name, self.bodies.find(name)) for name in names]
        unknown = [name for name, body in found if body is None]
        if unknown:
            raise forms.ValidationError(
                _("No body is named “%(names)s”: choose one from the list.")
                % {"names": "”, “".join(unknown)}
            )
        return list({body.pk: body for _, body in found if body is not None}.values())

    def clean_lead(self) -> Body | None:
        names = _names(self.cleaned_data["lead"])
        if len(names) > 1:
            raise forms.ValidationError(
                _("A task has one lead body; put the others under coordinating.")
            )
        return self._find(names)[0] if names else None

    def clean_coordinating(self) -> list[Body]:
        return self._find(_names(self.cleaned_data["coordinating"]))


GoalFormSet = forms.formset_factory(DraftGoalForm, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS)
TargetFormSet = forms.formset_factory(
    DraftTargetForm, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)
TaskFormSet = forms.formset_factory(DraftTaskForm, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS)


class DraftTokenForm(forms.Form):
    """The draft's identity, made when the text is read: a second save of it adds nothing."""

    token = forms.UUIDField(widget=forms.HiddenInput)


LISTS = {"goal": GoalFormSet, "target": TargetFormSet, "task": TaskFormSet}


def draft_post_data(raw: str) -> QueryDict:
    """The formsets' fields from the draft as the page's script sends it: one JSON object
    ``{"goal": [row, …], "target": […], "task": […]}``, each row a mapping of field to value."""
    try:
        draft = json.loads(raw)
    except ValueError:
        draft = None
    if not isinstance(draft, dict):
        raise forms.ValidationError(_("The draft sent could not be read: read the text again."))
    data = QueryDict(mutable=True)
    for prefix in LISTS:
        rows = draft.get(prefix) or []
        if not isinstance(rows, list) or len(rows) > MAX_ROWS:
            raise forms.ValidationError(_("The draft sent could not be read: read the text again."))
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                raise forms.ValidationError(
                    _("The draft sent could not be read: read the text again.")
                )
            for name, value in row.items():
                if value is True:
                    value = "on"
                elif value is False or value is None:
                    continue
                data[f"{prefix}-{index}-{name}"] = str(value)
    return data


@dataclass
class DraftEditor:
    """The three lists of a draft and its token, bound to what was posted or filled from
    what was read."""

    goals: forms.BaseFormSet
    targets: forms.BaseFormSet
    tasks: forms.BaseFormSet
    token: DraftTokenForm
    bodies: BodyIndex
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_draft(cls, draft: Any) -> "DraftEditor":
        bodies = BodyIndex()
        goals = [{"keep": True, "horizon": g.horizon, "text": g.text} for g in draft.goals]
        targets = [
            {
                "keep": True,
                "name": t.name,
                "unit": t.unit[:40],
                "comparator": t.comparator,
                "planned_value": format_number(t.value),
                "planned_max": format_number(t.value_max),
                "target_year": t.target_year or _year(t.horizon),
            }
            for t in draft.targets
        ]
        tasks = [
            {
                "keep": True,
                "number": t.number[:20],
                "depth": min(t.depth, MAX_DEPTH),
                "kind": t.kind,
                "title": t.title,
                "deadline": t.deadline[:100],
                "lead": bodies.names([t.lead_id] if t.lead_id else []),
                "coordinating": bodies.names(t.coordinating_ids),
                "lead_hint": "" if t.lead_id else t.lead_name,
                "coordinating_hint": "; ".join(
                    name for name in t.coordinating_names if bodies.find(name) is None
                ),
            }
            for t in draft.tasks
        ]
        return cls(
            goals=GoalFormSet(prefix="goal", initial=goals),
            targets=TargetFormSet(prefix="target", initial=targets),
            tasks=TaskFormSet(prefix="task", initial=tasks, form_kwargs={"bodies": bodies}),
            token=DraftTokenForm(initial={"token": uuid.uuid4()}),
            bodies=bodies,
        )

    @classmethod
    def from_post(cls, post: QueryDict) -> "DraftEditor":
        """Bind to the posted draft; ``forms.ValidationError`` when its JSON is not a draft."""
        raw = post.get("draft")
        data = draft_post_data(raw) if isinstance(raw, str) and raw else post
        bodies = BodyIndex()
        token = DraftTokenForm(post)
        errors = []
        if not token.is_valid():
            # A page from before tokens, or tampered with: keep the edits, give a new token.
            token = DraftTokenForm(initial={"token": uuid.uuid4()})
            errors.append(_("The draft was not saved: check it and save it again."))
        return cls(
            goals=GoalFormSet(data, prefix="goal"),
            targets=TargetFormSet(data, prefix="target"),
            tasks=TaskFormSet(data, prefix="task", form_kwargs={"bodies": bodies}),
            token=token,
            bodies=bodies,
            errors=errors,
        )

    def is_valid(self) -> bool:
        valid = [self.goals.is_valid(), self.targets.is_valid(), self.tasks.is_valid()]
        return all(valid) and not self.errors

    def row_errors(self) -> int:
        """How many rows need correcting."""
        return sum(
            bool(form.errors) for fs in (self.goals, self.targets, self.tasks) for form in fs
        )

    def cleaned(self) -> dict[str, Any]:
        def kept(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
            return [form.cleaned_data for form in formset if form.cleaned_data.get("keep")]

        return {
            "token": self.token.cleaned_data["token"],
            "goals": kept(self.goals),
            "targets": kept(self.targets),
            "tasks": kept(self.tasks),
        }


def _year(horizon: str) -> int | None:
    return int(horizon[-4:]) if re.search(r"(?:19|20)\d\d$", horizon or "") else None
