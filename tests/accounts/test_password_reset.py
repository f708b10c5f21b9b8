"""Password reset by email (Django's views, Vietnamese pages and email)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from programmes.services import user_deactivate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def an(official):
    official.email = "an@skhdt.gov.vn"
    official.save(update_fields=["email"])
    return official


def reset_link(message) -> str:
    return re.search(r"https?://\S+/dat-lai-mat-khau/\S+/", message.body).group(0)


def test_the_sign_in_page_links_to_password_reset(client):
    assert reverse("accounts:password-reset") in client.get("/dang-nhap/").text


def test_a_reset_link_is_emailed_in_vietnamese_and_sets_a_new_password(client, an):
    page = client.get(reverse("accounts:password-reset"))
    assert "Quên mật khẩu?" in page.text
    response = client.post(reverse("accounts:password-reset"), {"email": "AN@skhdt.gov.vn"})
    assert response.url == reverse("accounts:password-reset-done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an@skhdt.gov.vn"]
    assert "Đặt mật khẩu mới" in message.subject
    assert "Tên đăng nhập: an" in message.body
    link = reset_link(message)
    assert link.startswith("http://127.0.0.1:8000/")  # SITE_URL, not the request's Host

    path = link.split("8000", 1)[1]
    form = client.get(path, follow=True)
    assert "Mật khẩu mới" in form.text
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Bau-troi-xanh-2026", "new_password2": "Bau-troi-xanh-2026"},
    )
    assert response.url == reverse("accounts:password-reset-complete")
    an.refresh_from_db()
    assert an.check_password("Bau-troi-xanh-2026")
    # The link works once.
    assert "đã được dùng hoặc đã hết hạn" in client.get(path, follow=True).text


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, an):
    response = client.post(reverse("accounts:password-reset"), {"email": "ai@do.vn"})
    assert response.url == reverse("accounts:password-reset-done")
    assert mail.outbox == []


def test_a_deactivated_account_gets_no_reset_email(client, an, admin_user):
    user_deactivate(users=[an], by=admin_user)
    client.post(reverse("accounts:password-reset"), {"email": an.email})
    assert mail.outbox == []


def test_a_new_password_lifts_a_lockout(client, an):
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "an", "password": "sai"})
    client.post(reverse("accounts:password-reset"), {"email": an.email})
    path = reset_link(mail.outbox[0]).split("8000", 1)[1]
    form = client.get(path, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Bau-troi-xanh-2026", "new_password2": "Bau-troi-xanh-2026"},
    )
    response = client.post("/dang-nhap/", {"username": "an", "password": "Bau-troi-xanh-2026"})
    assert response.status_code == 302
