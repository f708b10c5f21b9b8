from django import forms
from django.utils.translation import gettext_lazy as _


class AnswerForm(forms.Form):
    ACTIONS = [("take_up", _("Take up")), ("answer", _("Answer")), ("resolve", _("Resolved"))]
    action = forms.ChoiceField(choices=ACTIONS)
    reply = forms.CharField(
        label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
