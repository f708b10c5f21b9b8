"""Leaders and admins sign in with a password and a TOTP code (django-otp); officials and
heads with a password alone."""

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import PENDING_SESSION_KEY
from programmes.models import Role
from tests.accounts.conftest import code_for

pytestmark = pytest.mark.django_db

LOGIN = "/dang-nhap/"


def password_step(client, user, password, **data):
    return client.post(LOGIN, {"username": user.username, "password": password, **data})


def test_an_official_is_signed_in_by_the_password_alone(client, official, password):
    response = password_step(client, official, password)
    assert response.url == reverse("tracking:my-tasks")  # the official's inbox
    assert client.session["_auth_user_id"] == str(official.pk)


def test_a_leaders_password_alone_does_not_sign_in(client, leader, leader_app, password):
    response = password_step(client, leader, password)
    assert response.url == reverse("accounts:second-factor")
    assert "_auth_user_id" not in client.session
    # Every other page still treats them as anonymous.
    overview = client.get(reverse("tracking:overview"))
    assert overview.status_code == 302
    assert overview.url.startswith(LOGIN)


def test_a_leader_with_the_right_code_is_signed_in_and_sent_on(
    client, leader, leader_app, password
):
    password_step(client, leader, password, next="/tong-quan/")
    page = client.get(reverse("accounts:second-factor"))
    assert "Mã đăng nhập" in page.text
    response = client.post(reverse("accounts:second-factor"), {"token": code_for(leader_app)})
    assert response.url == "/tong-quan/"
    assert client.session["_auth_user_id"] == str(leader.pk)
    assert client.session["otp_device_id"] == leader_app.persistent_id
    assert PENDING_SESSION_KEY not in client.session
    assert client.get("/tong-quan/").status_code == 200


def test_a_wrong_code_is_refused_in_vietnamese(client, leader, leader_app, password):
    password_step(client, leader, password)
    response = client.post(reverse("accounts:second-factor"), {"token": "000000"})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn." in response.text
    assert "_auth_user_id" not in client.session


def test_wrong_codes_are_slowed_down(client, leader, leader_app, password):
    password_step(client, leader, password)
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False):
        for _ in range(3):
            client.post(reverse("accounts:second-factor"), {"token": "000000"})
        response = client.post(reverse("accounts:second-factor"), {"token": code_for(leader_app)})
    assert "Nhập sai quá nhiều lần" in response.text
    assert "_auth_user_id" not in client.session


def test_a_code_cannot_be_used_twice(client, leader, leader_app, password):
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False):
        code = code_for(leader_app)
        password_step(client, leader, password)
        client.post(reverse("accounts:second-factor"), {"token": code})
        client.post(reverse("logout"))
        password_step(client, leader, password)
        response = client.post(reverse("accounts:second-factor"), {"token": code})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_the_half_finished_sign_in_expires_after_five_minutes(client, leader, leader_app, password):
    with time_machine.travel("2026-03-02 08:00 +0700") as clock:
        password_step(client, leader, password)
        clock.shift(6 * 60)
        response = client.post(reverse("accounts:second-factor"), {"token": code_for(leader_app)})
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_the_code_page_without_a_password_first_goes_back_to_sign_in(client):
    assert client.get(reverse("accounts:second-factor")).url == reverse("login")
    assert client.get(reverse("accounts:second-factor-setup")).url == reverse("login")


def test_an_admin_without_an_app_sets_one_up_at_sign_in(client, admin_user, password):
    response = password_step(client, admin_user, password)
    assert response.url == reverse("accounts:second-factor-setup")
    page = client.get(response.url).text
    key = client.session[PENDING_SESSION_KEY]["totp_key"]
    device = TOTPDevice(user=admin_user, key=key)
    assert "otpauth://totp/" in page
    assert "<svg" in page  # the QR code, drawn on the server
    secret = device.config_url.split("secret=")[1].split("&")[0]
    assert secret[:4] in page
    # A wrong code saves nothing.
    client.post(reverse("accounts:second-factor-setup"), {"token": "000000"})
    assert not TOTPDevice.objects.filter(user=admin_user).exists()
    # The secret shown stays the same across reloads until it is confirmed.
    client.get(reverse("accounts:second-factor-setup"))
    assert client.session[PENDING_SESSION_KEY]["totp_key"] == key

    response = client.post(reverse("accounts:second-factor-setup"), {"token": code_for(device)})
    assert response.url == reverse("tracking:overview")  # an admin lands on the overview
    assert client.session["_auth_user_id"] == str(admin_user.pk)
    saved = TOTPDevice.objects.get(user=admin_user)
    assert (saved.confirmed, saved.key) == (True, key)


def test_a_password_alone_cannot_replace_an_app_already_set_up(
    client, leader, leader_app, password
):
    password_step(client, leader, password)
    response = client.get(reverse("accounts:second-factor-setup"))
    assert response.url == reverse("accounts:second-factor")
    assert TOTPDevice.objects.filter(user=leader).count() == 1


def test_the_admin_sites_own_login_leads_to_this_one(client):
    response = client.get("/quan-tri/login/?next=/quan-tri/")
    assert response.status_code == 302
    assert response.url == "/dang-nhap/?next=/quan-tri/"


def test_an_outside_next_address_is_not_followed(client, official, password):
    response = password_step(client, official, password, next="https://evil.example/")
    assert response.url == reverse("tracking:my-tasks")


def test_an_admin_can_remove_a_lost_app_but_never_sees_its_key(client, admin_user, leader_app):
    client.force_login(admin_user)
    url = reverse("admin:otp_totp_totpdevice_change", args=[leader_app.pk])
    page = client.get(url).text
    assert leader_app.key not in page
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[leader_app.pk])
    client.post(delete, {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=leader_app.pk).exists()


def test_an_official_made_leader_is_signed_out_to_sign_in_with_a_code(client, official):
    client.force_login(official)
    assert client.get(reverse("tracking:my-tasks")).status_code == 200
    official.role = Role.LEADER
    official.body = None
    official.save(update_fields=["role", "body"])
    response = client.get(reverse("programmes:programme-list"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_other_changes_keep_a_leader_signed_in(client, leader):
    client.force_login(leader)
    leader.full_name = "Lê Văn Cường (Phó Bí thư)"
    leader.save(update_fields=["full_name"])
    assert client.get(reverse("tracking:overview")).status_code == 200
