"""Search: diacritics, case and Unicode forms ignored; officials find only their reports."""

import unicodedata

import pytest
from django.urls import reverse

from tests.factories import (
    BodyFactory,
    UserFactory,
)
from tests.tracking.province import TODAY
from tracking.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("nong thon moi", "Xây dựng nông thôn mới"),
        ("NÔNG THÔN MỚI", "Xây dựng nông thôn mới"),
        (unicodedata.normalize("NFD", "nông thôn mới"), "Xây dựng nông thôn mới"),
        ("dong nai", "Sở Tài chính tỉnh Đồng Nai"),
        ("kinh phi", "Giải phóng mặt bằng"),  # in a report's proposals
        ("17-ctr", "17-CTr/TU"),
    ],
)
def test_search_ignores_diacritics_case_and_unicode_form(client, leader, province, query, found):
    from programmes.services import body_rename

    body_rename(body=BodyFactory(), name="Sở Tài chính tỉnh Đồng Nai", on=TODAY)
    report = ProgressReport.objects.get(blocked=True)
    from programmes.text import fold

    report.search_text = fold(f"{report.results} {report.proposals}")
    report.save(update_fields=["search_text"])
    client.force_login(leader)
    page = client.get(reverse("tracking:search"), {"q": query}).text
    assert found in page


def test_search_shows_officials_only_their_bodys_reports(client, province, other_department):
    from programmes.text import fold

    ProgressReport.objects.update(search_text=fold("kinh phí"))
    outsider = UserFactory(body=BodyFactory())
    client.force_login(outsider)
    page = client.get(reverse("tracking:search"), {"q": "kinh phi"}).text
    assert "Không tìm thấy kết quả" in page
