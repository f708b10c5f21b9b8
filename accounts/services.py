"""Second-factor devices: enrolment writes here."""

import time

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

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
