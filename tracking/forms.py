from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.models import AssignmentRole, Body, Programme, Target, User
from programmes.text import normalize_multiline
from tracking.forecast import Confidence
from tracking.models import Period, Progress, ProgressReport, ReportState
from tracking.numbers import parse_vietnamese_number
from tracking.selectors.inbox import InboxFilter
from tracking.selectors.rows import ListFilter
from tracking.services import ReportData
from tracking.status import TaskStatus


class ReportForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ProgressReport
        fields = [
            "progress",
            "percent",
            "completed_on",
            "blocked",
            "results",
            "difficulties",
            "proposals",
        ]
        widgets = {
            "progress": forms.RadioSelect,
            "percent": forms.NumberInput(attrs={"min": 0, "max": 100, "inputmode": "numeric"}),
            "completed_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "proposals": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, open_ended: bool = False, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.open_ended = open_ended
        self.targets = list(targets)
        if open_ended:
            del self.fields["percent"]
            del self.fields["completed_on"]
            progress = cast(forms.ChoiceField, self.fields["progress"])
            progress.choices = [c for c in Progress.choices if c[0] != Progress.COMPLETED]
        readings = {}
        if self.instance.pk:
            readings = {r.target_id: r.value for r in self.instance.readings.all()}
        for target in self.targets:
            value = readings.get(target.pk)
            self.fields[f"target_{target.pk}"] = forms.CharField(
                label=f"{target.name} ({target.unit})" if target.unit else target.name,
                required=False,
                initial=f"{value.normalize():f}".replace(".", ",") if value is not None else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )

    def clean_completed_on(self):
        # The service refuses it too; checked here so that the message stands by the field.
        completed_on = self.cleaned_data.get("completed_on")
        if completed_on and completed_on > timezone.localdate():
            raise forms.ValidationError(_("The completion date cannot be later than today."))
        return completed_on

    def target_fields(self) -> list[tuple[forms.BoundField, "Target"]]:
        """Each target's reading box with its target, in the targets' order."""
        return [(self[f"target_{target.pk}"], target) for target in self.targets]

    def clean_percent(self):
        percent = self.cleaned_data.get("percent")
        if percent is not None and not 0 <= percent <= 100:
            raise forms.ValidationError(_("% done runs from 0 to 100."))
        return percent

    def clean(self):
        data = super().clean()
        for name in ("results", "difficulties", "proposals"):
            if name in data:
                data[name] = normalize_multiline(data[name])
        for target in self.targets:
            raw = data.get(f"target_{target.pk}") or ""
            if raw.strip():
                try:
                    data[f"target_{target.pk}"] = parse_vietnamese_number(raw)
                except forms.ValidationError as error:
                    self.add_error(f"target_{target.pk}", error)
        return data

    def report_data(self) -> ReportData:
        data = self.cleaned_data
        return ReportData(
            progress=data["progress"],
            percent=data.get("percent"),
            completed_on=data.get("completed_on"),
            blocked=data.get("blocked", False),
            results=data.get("results", ""),
            difficulties=data.get("difficulties", ""),
            proposals=data.get("proposals", ""),
            readings={
                target.pk: data[f"target_{target.pk}"]
                for target in self.targets
                if isinstance(data.get(f"target_{target.pk}"), Decimal)
            },
        )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    code = forms.CharField(label=gettext_lazy("Document code"), required=False, max_length=60)
    issued_on = forms.DateField(
        label=gettext_lazy("Document date"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    title = forms.CharField(label=gettext_lazy("Description"), required=False, max_length=255)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What needs changing"), widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class SubtaskForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Sub-task"), widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline_text = forms.CharField(
        label=gettext_lazy("Deadline"),
        required=False,
        help_text=gettext_lazy("For example 30/6/2023, Quý II/2022, Năm 2023, Thường xuyên."),
    )
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Assignee"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, body_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = cast(forms.ModelChoiceField, self.fields["assignee"])
        people = User.objects.filter(is_active=True)
        assignee.queryset = people.filter(body_id=body_id) if body_id else people.none()


# The leaders' pages -----------------------------------------------------------------------------


class AsOfForm(forms.Form):
    ngay = forms.DateField(
        label=gettext_lazy("As of"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def day(self) -> date:
        """The day asked for (never after today), else today."""
        today = timezone.localdate()
        if self.is_valid() and self.cleaned_data.get("ngay"):
            return min(self.cleaned_data["ngay"], today)
        return today


DATE_HELP = gettext_lazy("Write the date as dd/mm/yyyy, e.g. 15/06/2023.")


class CompareForm(forms.Form):
    """Two days to compare a programme on: the mid-term review and today unless chosen."""

    tu = forms.DateField(
        label=gettext_lazy("First date"),
        required=False,
        error_messages={"invalid": DATE_HELP},
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    den = forms.DateField(
        label=gettext_lazy("Second date"),
        required=False,
        error_messages={"invalid": DATE_HELP},
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, default_first: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_first = default_first

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        for name in ("tu", "den"):
            day = data.get(name)
            if day is not None and day > today:
                self.add_error(name, gettext_lazy("The date is after today: nothing to show yet."))
        first, second = data.get("tu"), data.get("den")
        if first and second and first > second and not self.errors:
            self.add_error("den", gettext_lazy("The second date must not be before the first."))
        return data

    def days(self) -> tuple[date, date]:
        """The two days asked for, or the defaults (the mid-term review, today)."""
        today = timezone.localdate()
        first, second = min(self.default_first, today), today
        if self.is_bound and self.is_valid():
            first = self.cleaned_data.get("tu") or first
            second = self.cleaned_data.get("den") or second
        return min(first, second), second


class ListFilterForm(AsOfForm):
    chuong_trinh = forms.ModelChoiceField(
        label=gettext_lazy("Programme"), queryset=Programme.objects.tracked(), required=False
    )
    co_quan: "forms.ModelChoiceField[Body]" = forms.ModelChoiceField(
        label=gettext_lazy("Lead body"), queryset=Body.objects.all(), required=False
    )
    trang_thai = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", "—"), *TaskStatus.choices],
        required=False,
    )
    sap_xep = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        choices=[
            ("so", gettext_lazy("Number")),
            ("han", gettext_lazy("Deadline")),
            ("qua-han", gettext_lazy("Days overdue")),
            ("trang-thai", gettext_lazy("Status")),
            ("tien-do", gettext_lazy("Progress")),
        ],
        required=False,
    )

    def chosen(self) -> ListFilter:
        """What the person chose, valid or not (an invalid choice is ignored)."""
        cleaned = self.cleaned_data if self.is_valid() else {}
        programme = cleaned.get("chuong_trinh")
        body = cleaned.get("co_quan")
        return ListFilter(
            programme_id=programme.pk if programme else None,
            body_id=body.pk if body else None,
            status=cleaned.get("trang_thai") or "",
            sort=cleaned.get("sap_xep") or "so",
        )


class ReportFilterForm(forms.Form):
    chuong_trinh = forms.ModelChoiceField(
        label=gettext_lazy("Programme"), queryset=Programme.objects.tracked(), required=False
    )
    co_quan: "forms.ModelChoiceField[Body]" = forms.ModelChoiceField(
        label=gettext_lazy("Body"), queryset=Body.objects.all(), required=False
    )
    ky = forms.ModelChoiceField(
        label=gettext_lazy("Period"),
        queryset=Period.objects.order_by("-ends_on", "kind"),
        required=False,
    )
    trang_thai = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=[("", "—"), *ReportState.choices],
        required=False,
    )


class ReadingsUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))


def inbox_filter(data: QueryDict) -> InboxFilter:
    """The inbox's filters from its query string; an unknown value is ignored, not an error."""
    programme = data.get("chuong_trinh", "")
    status = data.get("trang_thai", "")
    role = data.get("vai_tro", "")
    return InboxFilter(
        programme_id=int(programme) if programme.isdigit() else None,
        status=status if status in TaskStatus.values else "",
        unreported=data.get("ky", "")[:40],
        role=role if role in AssignmentRole.values else "",
        query=data.get("q", "")[:200],
    )


def ticked_reports(values: list[str]) -> list[tuple[int, int]]:
    """The reports ticked in the head's queue, each sent as "id:version" (the version the head
    saw, so that a report changed since is refused rather than confirmed unread)."""
    chosen = []
    for value in values:
        pk, _sep, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            chosen.append((int(pk), int(version)))
    return chosen


class ConfirmForm(DecisionForm):
    """A head's confirmation: on a lead report, the rating of the task's delivery confidence,
    with the reason when it drops (checked by ``report_confirm``). Left empty, the previous
    rating carries over."""

    confidence = forms.ChoiceField(
        label=gettext_lazy("Delivery confidence"),
        choices=Confidence.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=gettext_lazy("How likely is the task to be delivered on time?"),
    )
    confidence_reason = forms.CharField(
        label=gettext_lazy("Reason for the rating"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("Required when the rating is lower than the previous one."),
    )
