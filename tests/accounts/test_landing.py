"""Sign-in lands each role where its work is; ``next=`` still wins."""

import pytest
from django.urls import reverse

from tests.accounts.conftest import code_for

pytestmark = pytest.mark.django_db

LOGIN = "/dang-nhap/"


def sign_in(client, user, password, **data):
    return client.post(LOGIN, {"username": user.username, "password": password, **data})


def test_an_official_lands_on_the_inbox(client, official, password):
    assert sign_in(client, official, password).url == reverse("tracking:my-tasks")


def test_a_head_lands_on_the_unit_page(client, head, password):
    response = sign_in(client, head, password)
    assert response.url == reverse("tracking:unit", args=[head.body_id])
    assert client.get(response.url).status_code == 200


def test_a_leader_lands_on_the_overview_after_the_code(client, leader, leader_app, password):
    assert sign_in(client, leader, password).url == reverse("accounts:second-factor")
    response = client.post(reverse("accounts:second-factor"), {"token": code_for(leader_app)})
    assert response.url == reverse("tracking:overview")


def test_next_still_wins(client, head, password):
    response = sign_in(client, head, password, next="/tim-kiem/")
    assert response.url == "/tim-kiem/"


def test_a_signed_in_visit_to_the_sign_in_page_goes_to_the_work(client, official):
    client.force_login(official)
    response = client.get(LOGIN)
    assert response.url == reverse("tracking:my-tasks")


def test_the_sign_in_form_keeps_no_default_next(client):
    page = client.get(LOGIN).text
    assert 'name="next" value=""' in page


def test_the_sites_address_leads_to_the_work_or_to_sign_in(client, head):
    assert client.get("/").url == reverse("login")
    client.force_login(head)
    assert client.get("/").url == reverse("tracking:unit", args=[head.body_id])
