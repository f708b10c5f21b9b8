"""django-axes: repeated wrong passwords lock the account for that address, in Vietnamese."""

from unittest import mock

import pytest
import time_machine
from axes.models import AccessAttempt
from django.urls import reverse

from programmes.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/dang-nhap/"


def wrong(client, username="an", **extra):
    return client.post(LOGIN, {"username": username, "password": "sai-mat-khau"}, **extra)


def test_a_wrong_password_shows_the_form_again_in_vietnamese(client, official):
    response = wrong(client)
    assert response.status_code == 200
    assert "Tên đăng nhập" in response.text


def test_the_fifth_wrong_password_locks_the_account_with_a_vietnamese_page(client, official):
    for _ in range(4):
        assert wrong(client).status_code == 200
    response = wrong(client)
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.text
    assert "15 phút" in response.text
    assert reverse("accounts:password-reset") in response.text


def test_a_locked_account_is_refused_even_with_the_right_password(client, official, password):
    for _ in range(5):
        wrong(client)
    response = client.post(LOGIN, {"username": "an", "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_locked_attempt_never_reaches_the_password_hash(client, official, password):
    # Guessing once slowed every page: the hash is the costly part, and a lockout skips it.
    for _ in range(5):
        wrong(client)
    with mock.patch.object(User, "check_password") as check:
        client.post(LOGIN, {"username": "an", "password": password})
    check.assert_not_called()


def test_the_lock_is_per_account_and_address(client, official, other_official, password):
    for _ in range(5):
        wrong(client)
    # The same office address, another person: not locked (offices share one NAT address).
    response = client.post(LOGIN, {"username": "em", "password": password})
    assert response.status_code == 302
    # The same person from another address: not locked either.
    client.logout()
    response = client.post(
        LOGIN, {"username": "an", "password": password}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, official, password):
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False) as clock:
        for _ in range(5):
            wrong(client)
        assert client.post(LOGIN, {"username": "an", "password": password}).status_code == 429
        clock.shift(16 * 60)
        response = client.post(LOGIN, {"username": "an", "password": password})
    assert response.status_code == 302


def test_a_right_password_clears_earlier_failures(client, official, password):
    for _ in range(4):
        wrong(client)
    assert client.post(LOGIN, {"username": "an", "password": password}).status_code == 302
    assert not AccessAttempt.objects.filter(username="an", failures_since_start__gt=0).exists()


def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(
    client, official, password, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        wrong(client, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert AccessAttempt.objects.get(username="an").ip_address == "198.51.100.7"
    # Another client behind the same proxy is not locked out of the same account.
    response = client.post(
        LOGIN,
        {"username": "an", "password": password},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert response.status_code == 302


def test_padding_the_username_does_not_buy_more_guesses(client, official, password):
    # django-axes counts the username as the form cleaned it (spaces stripped), so " an " and
    # "an" share one counter.
    for username in ["an", " an", "an ", " an ", "  an"]:
        wrong(client, username=username)
    response = client.post(LOGIN, {"username": " an ", "password": password})
    assert response.status_code == 429
