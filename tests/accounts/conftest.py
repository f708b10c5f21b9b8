import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD


def code_for(device: TOTPDevice) -> str:
    """What the person's authenticator app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _fast(user):
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def official(official, fast_hasher):
    return _fast(official)


@pytest.fixture
def head(head, fast_hasher):
    return _fast(head)


@pytest.fixture
def other_official(other_official, fast_hasher):
    return _fast(other_official)


@pytest.fixture
def leader(leader, fast_hasher):
    return _fast(leader)


@pytest.fixture
def admin_user(admin_user, fast_hasher):
    return _fast(admin_user)


@pytest.fixture
def leader_app(leader):
    """Cường's authenticator app, set up at an earlier sign-in."""
    return TOTPDevice.objects.create(user=leader, name="Điện thoại", confirmed=True)
