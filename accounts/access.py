"""The half-finished sign-in of an account that needs a second factor (User.needs_second_factor).

A leader's or an administrator's password alone does not sign them in: the login view keeps
their account here, in the session, until a code from their authenticator app arrives. Until
then they are anonymous to every other page.
"""

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import reverse

from programmes.models import User

if TYPE_CHECKING:
    from accounts.models import AccountImport

PENDING_SESSION_KEY = "accounts_pending_login"
PENDING_SECONDS = 5 * 60


@dataclass(frozen=True)
class PendingLogin:
    user: User
    backend: str
    next_url: str
    totp_key: str | None


def pending_login_start(request: HttpRequest, *, user: User, backend: str, next_url: str) -> None:
    # A new session key for the half-signed-in state: a fixed session id cannot ride along.
    request.session.cycle_key()
    request.session[PENDING_SESSION_KEY] = {
        "user": user.pk,
        "backend": backend,
        "next": next_url,
        "at": int(time.time()),
    }


def pending_login(request: HttpRequest) -> PendingLogin | None:
    """The account waiting for its second factor, or None when there is none, it is older than
    five minutes or the account was deactivated meanwhile."""
    data = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(data, dict) or time.time() - data.get("at", 0) > PENDING_SECONDS:
        return None
    user_id = data.get("user")
    if not isinstance(user_id, int):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    return PendingLogin(
        user=user,
        backend=data["backend"],
        next_url=data["next"],
        totp_key=data.get("totp_key"),
    )


def pending_login_keep_key(request: HttpRequest, key: str) -> None:
    """The secret shown on the setup page, kept until a code made from it is typed back."""
    data = dict(request.session[PENDING_SESSION_KEY])
    data["totp_key"] = key
    request.session[PENDING_SESSION_KEY] = data


def pending_login_end(request: HttpRequest) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)


def landing_url(user: User) -> str:
    """Where each role's work is, the page a sign-in without ``next=`` lands on: officials on
    their inbox, heads on their unit's page, provincial leaders and admins on the overview."""
    if user.is_leader:
        return reverse("tracking:overview")
    if user.is_head:
        return reverse("tracking:unit", args=[user.body_id])
    if user.reports_for_body:
        return reverse("tracking:my-tasks")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def account_import_for(user: User, pk: int) -> "AccountImport":
    """An account list for an administrator (any admin may finish another's import); 404
    for a batch that does not exist, 403 for everyone else."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    from accounts.models import AccountImport

    if not user.is_admin:
        raise PermissionDenied
    return get_object_or_404(AccountImport, pk=pk)
