"""The admin in Vietnamese: the worker's schedules kept from non-superusers, the programme's
address labelled as such, numbers typed as Vietnamese write them."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from programmes.models import Role, Target
from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

BEAT_PAGES = [
    "admin:django_celery_beat_periodictask_changelist",
    "admin:django_celery_beat_clockedschedule_changelist",
    "admin:django_celery_beat_crontabschedule_changelist",
    "admin:django_celery_beat_solarschedule_changelist",
    "admin:django_celery_beat_intervalschedule_changelist",
]


@pytest.fixture
def staff_admin():
    """Giang, an admin who may change everything but is not a superuser."""
    giang = UserFactory(
        username="giang", full_name="Đỗ Thị Giang", role=Role.ADMIN, body=None, is_staff=True
    )
    giang.user_permissions.set(Permission.objects.all())
    return giang


def test_the_schedules_are_hidden_from_admins_who_are_not_superusers(client, staff_admin):
    client.force_login(staff_admin)
    index = client.get(reverse("admin:index")).text
    assert "Periodic" not in index
    assert "Crontab" not in index and "crontab" not in index
    assert "Tiến độ" in index or "Quản trị" in index  # the rest of the admin is there
    for name in BEAT_PAGES:
        assert client.get(reverse(name)).status_code == 403, name


def test_superusers_see_the_schedules_under_vietnamese_names(client, admin_user):
    client.force_login(admin_user)
    index = client.get(reverse("admin:index")).text
    assert "Lịch chạy tự động" in index
    assert "Periodic Tasks" not in index
    assert "Solar events" not in index
    for name in BEAT_PAGES:
        assert client.get(reverse(name)).status_code == 200, name


def test_heartbeats_and_task_states_are_read_only(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:tracking_heartbeat_add")).status_code == 403
    assert client.get(reverse("admin:tracking_taskstate_add")).status_code == 403


def test_the_programme_slug_is_labelled_as_its_address_not_key(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:programmes_programme_add")).text
    assert "Đường dẫn (slug)" in page
    assert ">Khóa:<" not in page


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("85,5", Decimal("85.5")), ("1.234,5", Decimal("1234.5")), ("100", Decimal("100"))],
)
def test_decimals_are_typed_the_vietnamese_way(client, admin_user, typed, saved):
    programme = ProgrammeFactory()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:programmes_target_add"),
        {
            "programme": programme.pk,
            "position": 1,
            "name": "Tỷ lệ đô thị hóa",
            "unit": "%",
            "comparator": "gte",
            "planned_value": typed,
            # The target's milestones inline (on the trajectory branch); ignored without it.
            "milestones-TOTAL_FORMS": "0",
            "milestones-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.text[-3000:]
    assert Target.objects.get(programme=programme).planned_value == saved


def test_a_saved_decimal_is_shown_the_vietnamese_way_in_the_form(client, admin_user):
    target = Target.objects.create(
        programme=ProgrammeFactory(), name="GRDP", planned_value=Decimal("1234.5")
    )
    client.force_login(admin_user)
    page = client.get(reverse("admin:programmes_target_change", args=[target.pk])).text
    assert 'name="planned_value" value="1.234,5"' in page
