from django import forms
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """Six digits from the authenticator app; spaces are ignored ("123 456")."""

    token = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "pattern": "[0-9 ]*",
            }
        ),
    )

    def clean_token(self) -> int:
        token = self.cleaned_data["token"].replace(" ", "")
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Type the six digits the app shows."))
        return int(token)


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's form, which also answers an account made from an account list that has not
    set its password yet (no usable password, never signed in): its welcome link may have
    expired, and "forgot password" is the way to a new one."""

    def get_users(self, email):
        from programmes.models import User

        yield from super().get_users(email)
        waiting = User.objects.filter(email__iexact=email, is_active=True, last_login__isnull=True)
        yield from (user for user in waiting if not user.has_usable_password())


class AccountImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
