from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Body


class ReaddressForm(forms.Form):
    addressed_to: "forms.ModelChoiceField[Body]" = forms.ModelChoiceField(
        label=_("Send to"),
        queryset=Body.objects.filter(successor__isnull=True).order_by("name"),
        required=False,
        empty_label=_("Standing committee / People's committee"),
    )


class AnswerForm(forms.Form):
    ACTIONS = [("take_up", _("Take up")), ("answer", _("Answer")), ("resolve", _("Resolved"))]
    action = forms.ChoiceField(choices=ACTIONS)
    reply = forms.CharField(
        label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
