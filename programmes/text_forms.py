"""The editable draft of a programme pasted as text: goals and tasks as formsets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.deadlines import DeadlineError, parse_deadline
from programmes.models import Body, TaskKind


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("Programme text, as published"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=200_000,
    )


class DraftGoalForm(forms.Form):
    keep = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    horizon = forms.IntegerField(label=_("Horizon"), required=False, min_value=2000, max_value=2100)
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))


class DraftTaskForm(forms.Form):
    keep = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    number = forms.CharField(label=_("No."), required=False, max_length=20)
    depth = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=10)
    kind = forms.ChoiceField(label=_("Kind"), choices=TaskKind.choices[:3])
    title = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.CharField(label=_("Deadline"), required=False, max_length=100)
    lead: "forms.ModelChoiceField[Body]" = forms.ModelChoiceField(
        label=_("Lead"), queryset=Body.objects.filter(active_to__isnull=True), required=False
    )

    def clean_deadline(self):
        text = self.cleaned_data["deadline"]
        try:
            parse_deadline(text)
        except DeadlineError as error:
            raise forms.ValidationError(error.message) from None
        return text


GoalFormSet = forms.formset_factory(DraftGoalForm, extra=0)
TaskFormSet = forms.formset_factory(DraftTaskForm, extra=0)
