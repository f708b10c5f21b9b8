"""An admin sees who has never signed in: accounts made but never used."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:programmes_user_changelist")


def test_the_admin_lists_the_accounts_never_signed_in(client, admin_user, department):
    UserFactory(username="hoa", full_name="Vũ Thị Hoa", body=department, last_login=None)
    UserFactory(
        username="khanh", full_name="Đặng Văn Khánh", body=department, last_login=timezone.now()
    )
    client.force_login(admin_user)  # signs Dung in: she has signed in
    page = client.get(CHANGELIST).text
    assert "Chưa đăng nhập lần nào" in page
    never = client.get(CHANGELIST, {"signed_in": "never"}).text
    assert "Vũ Thị Hoa" in never
    assert "Đặng Văn Khánh" not in never
    assert "Phạm Thị Dung" not in never
    signed = client.get(CHANGELIST, {"signed_in": "yes"}).text
    assert "Đặng Văn Khánh" in signed
    assert "Vũ Thị Hoa" not in signed
