"""Writes on accounts: second-factor enrolment, account lists from Excel, welcome emails."""

import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountImport
from programmes.models import User


def totp_device_enrol(*, user: User, key: str, token: int) -> TOTPDevice | None:
    """Save the authenticator whose secret the person was shown, once they prove it works by
    typing a code made from it. Nothing is saved for a wrong code, so the setup page leaves no
    half-made devices behind; the secret itself waits in the session meanwhile."""
    device = TOTPDevice(user=user, key=key, name=_("Authenticator app"), confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(token, device.tolerance):
        return None
    device.last_t = totp.t()  # the same code cannot be replayed at the next step
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device.save()
    return device


# Account lists from Excel --------------------------------------------------------------------

MAX_IMPORT_BYTES = 10 * 1024 * 1024


def account_import_read(*, upload, by: User) -> AccountImport:
    """Read an uploaded account list into a batch to preview; no account changes."""
    from accounts.imports import read_account_sheet

    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    reading = read_account_sheet(upload.read())
    return AccountImport.objects.create(
        file_name=upload.name[:255], reading=reading.as_json(), created_by=by
    )


def account_import_apply(*, batch: AccountImport, by: User) -> AccountImport:
    """Save every row of a previewed list, or none: new accounts are made (without a password;
    each gets an email with a link to set one), existing ones get their name, body and role.

    The accounts are looked up again under the batch's lock: a list previewed before someone
    else made or deactivated one of its accounts is refused as a whole, to be read again. A
    second click finds the batch applied and says so.
    """
    from accounts.imports import AccountRow, existing_accounts, row_problem

    with transaction.atomic():
        batch = AccountImport.objects.select_for_update().get(pk=batch.pk)
        if batch.state == AccountImport.State.APPLIED:
            raise ValidationError(_("This file has already been imported."))
        if batch.errors:
            raise ValidationError(_("Fix the errors in the file and upload it again."))
        rows = [AccountRow(**data) for data in batch.rows]
        found = existing_accounts([row.email for row in rows])
        for row in rows:
            previewed = (row.action, row.user_id)
            if row_problem(row, found.get(row.email, [])) or (row.action, row.user_id) != previewed:
                raise ValidationError(
                    _(
                        "Accounts changed since the preview (row %(line)s, %(email)s): "
                        "upload the file again to see the list as it is now."
                    )
                    % {"line": row.line, "email": row.email}
                )
        created = User.objects.bulk_create(
            [
                User(
                    username=row.email,
                    email=row.email,
                    full_name=row.full_name,
                    role=row.role,
                    body_id=row.body_id,
                    password=make_password(None),  # unusable until the person sets one
                )
                for row in rows
                if row.action == "create"
            ],
            batch_size=1000,
        )
        updates = {row.user_id: row for row in rows if row.action == "update" and row.user_id}
        # Changes are saved one by one so that the audit log records each old and new role
        # and body; new accounts are inserted in bulk, recorded by the batch itself (who, when,
        # every row).
        changed = list(User.objects.filter(pk__in=updates))
        for user in changed:
            row = updates[user.pk]
            user.full_name, user.role, user.body_id = row.full_name, row.role, row.body_id
            user.save(update_fields=["full_name", "role", "body"])
        batch.state = AccountImport.State.APPLIED
        batch.applied_at = timezone.now()
        batch.created_count, batch.updated_count = len(created), len(changed)
        batch.save(update_fields=["state", "applied_at", "created_count", "updated_count"])
        user_ids = [user.pk for user in created]
        transaction.on_commit(lambda: _welcome_enqueue(user_ids))
    return batch


def _welcome_enqueue(user_ids: list[int]) -> None:
    """The welcome emails go out from the worker (a province's list is 2,000 emails); with
    the broker down they are sent here rather than not at all."""
    if not user_ids:
        return
    from celery import current_app

    try:
        current_app.send_task("accounts.tasks.welcome_emails_send", args=[user_ids], retry=False)
    except Exception:  # noqa: BLE001 - no broker: send them now
        account_welcome_send(user_ids=user_ids)


def account_welcome_send(*, user_ids: list[int]) -> int:
    """Email each new account a link to set its password (Django's password-reset token: it
    works once, and no longer once the person has signed in or set a password). Accounts that
    have meanwhile signed in or been deactivated get nothing. Returns the emails sent."""
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    users = User.objects.filter(
        pk__in=user_ids, is_active=True, last_login__isnull=True
    ).select_related("body")
    messages = []
    with translation.override("vi"):
        for user in users:
            if user.has_usable_password() or not user.email:
                continue
            context = {
                "user": user,
                "role": user.get_role_display(),
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
                "site_url": settings.SITE_URL.rstrip("/"),
            }
            subject = "".join(
                render_to_string("accounts/welcome_subject.txt", context).splitlines()
            )
            body = render_to_string("accounts/welcome_email.txt", context)
            messages.append(EmailMessage(subject, body, to=[user.email]))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
