"""People who leave are deactivated in the admin, never deleted."""

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from programmes.models import User
from programmes.services import user_deactivate

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:programmes_user_changelist")


def test_the_admin_offers_deactivate_and_no_delete(client, admin_user, official):
    client.force_login(admin_user)
    page = client.get(CHANGELIST).text
    assert 'value="deactivate"' in page
    assert 'value="delete_selected"' not in page
    change = client.get(reverse("admin:programmes_user_change", args=[official.pk])).text
    assert reverse("admin:programmes_user_delete", args=[official.pk]) not in change
    response = client.post(reverse("admin:programmes_user_delete", args=[official.pk]))
    assert response.status_code == 403
    assert User.objects.filter(pk=official.pk).exists()


def test_the_deactivate_action_keeps_the_account_and_its_history(client, admin_user, official):
    client.force_login(admin_user)
    response = client.post(
        CHANGELIST, {"action": "deactivate", "_selected_action": [official.pk]}, follow=True
    )
    assert "1 tài khoản đã được ngừng hoạt động." in response.text
    official.refresh_from_db()
    assert official.is_active is False


def test_a_deactivated_person_is_signed_out_and_cannot_sign_in(
    client, official, admin_user, password
):
    client.post("/dang-nhap/", {"username": "an", "password": password})
    assert client.get(reverse("tracking:my-tasks")).status_code == 200
    user_deactivate(users=[official], by=admin_user)
    assert client.get(reverse("tracking:my-tasks")).status_code == 302
    response = client.post("/dang-nhap/", {"username": "an", "password": password})
    assert response.status_code == 200
    assert "Tên đăng nhập" in response.text  # the form again, with its error
    assert client.get(reverse("tracking:my-tasks")).status_code == 302


def test_an_admin_cannot_deactivate_themself(admin_user, official):
    done = user_deactivate(users=[admin_user, official], by=admin_user)
    assert done == [official]
    admin_user.refresh_from_db()
    assert admin_user.is_active is True


def test_the_user_admin_has_no_delete_permission(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    assert site._registry[User].has_delete_permission(request) is False
