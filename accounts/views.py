"""Sign-in with a second factor for leaders and admins, and password reset by email.

Lockouts after wrong passwords are django-axes' (its backend refuses a locked account and
address before the password is even hashed; its middleware shows templates/accounts/lockout.html).
"""

from base64 import b32encode
from binascii import unhexlify

import segno
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from accounts import access, services
from accounts.access import PendingLogin
from accounts.forms import AccountImportForm, PasswordResetForm, TokenForm
from accounts.selectors import account_import_rows
from config.uploads import refused_for_size
from programmes.access import admin_required
from programmes.models import User


def _asked_next(request: HttpRequest) -> str:
    """The page the person was on their way to (``next=``) when it is ours, else ""."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _next_url(request: HttpRequest, user: User) -> str:
    """Where to go once signed in: ``next=`` when given, else where the role's work is."""
    return _asked_next(request) or access.landing_url(user)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """Username and password; then, for leaders and admins, a code (or the setup of the app)."""
    if isinstance(request.user, User):
        return redirect(_next_url(request, request.user))
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        # Leaders and admins land after their code: the address waits with their sign-in.
        next_url = _next_url(request, user)
        if not user.needs_second_factor:
            auth_login(request, user)
            return redirect(next_url)
        access.pending_login_start(request, user=user, backend=user.backend, next_url=next_url)
        if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
            return redirect("accounts:second-factor")
        return redirect("accounts:second-factor-setup")
    context = {"form": form, "next": _asked_next(request)}
    return render(request, "registration/login.html", context)


@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    """The site's address: each role's work when signed in, the sign-in page otherwise."""
    if isinstance(request.user, User):
        return redirect(access.landing_url(request.user))
    return redirect("login")


def _signed_in(request: HttpRequest, pending: PendingLogin, device: TOTPDevice) -> HttpResponse:
    access.pending_login_end(request)
    auth_login(request, pending.user, backend=pending.backend)
    otp_login(request, device)
    return redirect(pending.next_url)


def _expired(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Sign in again: the sign-in was not finished within five minutes."))
    return redirect("login")


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    pending = access.pending_login(request)
    if pending is None:
        return _expired(request)
    device = TOTPDevice.objects.devices_for_user(pending.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:second-factor-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _why = device.verify_is_allowed()
        if not allowed:
            # django-otp doubles the wait after each wrong code (1, 2, 4 … seconds).
            form.add_error("token", _("Too many wrong codes: wait a minute, then try again."))
        elif device.verify_token(form.cleaned_data["token"]):
            return _signed_in(request, pending, device)
        else:
            form.add_error("token", _("This code is wrong or has expired."))
    return render(request, "accounts/second_factor.html", {"form": form, "user_": pending.user})


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """First sign-in of a leader or admin: show a new secret (QR code, text and otpauth URI),
    then save it once a code made from it comes back. An account that already has an app is
    sent to the code page: a password alone never replaces it (an admin removes a lost one)."""
    pending = access.pending_login(request)
    if pending is None:
        return _expired(request)
    if TOTPDevice.objects.devices_for_user(pending.user, confirmed=True).exists():
        return redirect("accounts:second-factor")
    key = pending.totp_key
    if key is None:
        key = default_key()
        access.pending_login_keep_key(request, key)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        device = services.totp_device_enrol(user=pending.user, key=key, token=token)
        if device is not None:
            return _signed_in(request, pending, device)
        form.add_error("token", _("This code does not match: check the app's clock and retry."))
    uri = TOTPDevice(user=pending.user, key=key).config_url
    secret = b32encode(unhexlify(key)).decode()
    context = {
        "form": form,
        "user_": pending.user,
        "uri": uri,
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        # segno writes plain SVG paths, no script or style attribute: safe under the CSP.
        "qr_svg": mark_safe(segno.make(uri, error="m").svg_inline(scale=5, dark="#000")),  # noqa: S308
    }
    return render(request, "accounts/second_factor_setup.html", context)


# Password reset by email: Django's views, our templates and addresses. -----------------------


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view; the link in the email starts with SITE_URL, like every other email of
    ours, rather than with whatever Host the request carried."""

    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="registration/password_reset_done.html"
)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view; a new password also lifts a lockout on the account, since the person
    has just proved they read its email."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)


def lockout(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """django-axes' answer to a locked account and address (AXES_LOCKOUT_CALLABLE): 429, in
    Vietnamese, with the wait in minutes and the way out (a new password by email)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "accounts/lockout.html", context, status=429)


# Accounts for a whole province at once, from Excel: upload, preview, save all or nothing. ------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AuthedRequest(HttpRequest):
    user: User


@require_GET
@admin_required
def account_import_template(request: AuthedRequest) -> HttpResponse:
    from accounts.imports import template_workbook

    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-tai-khoan.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@admin_required
def account_import_upload(request: AuthedRequest) -> HttpResponse:
    form = AccountImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not refused_for_size(request, form) and form.is_valid():
        try:
            batch = services.account_import_read(upload=form.cleaned_data["file"], by=request.user)
            return redirect("accounts:import-preview", pk=batch.pk)
        except ValidationError as error:
            form.add_error("file", error)
    return render(request, "accounts/accountimport_upload.html", {"form": form})


@require_GET
@admin_required
def account_import_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = access.account_import_for(request.user, pk)
    context = {"batch": batch, "rows": account_import_rows(batch)}
    return render(request, "accounts/accountimport_preview.html", context)


@require_POST
@admin_required
def account_import_apply(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = access.account_import_for(request.user, pk)
    try:
        batch = services.account_import_apply(batch=batch, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("accounts:import-preview", pk=pk)
    messages.success(
        request,
        _(
            "%(created)s accounts were made (each was sent an email to set its password) and "
            "%(updated)s were updated."
        )
        % {"created": batch.created_count, "updated": batch.updated_count},
    )
    return redirect("accounts:import-preview", pk=pk)
