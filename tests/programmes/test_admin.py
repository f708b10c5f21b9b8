import pytest
from django.urls import reverse

from programmes.models import Assignment, Body, BodyEvent, Goal, Programme, Target, Task, User
from tests.factories import AssignmentFactory, BodyFactory, GoalFactory, TargetFactory

pytestmark = pytest.mark.django_db

MODELS = [Body, BodyEvent, User, Programme, Goal, Target, Task, Assignment]


@pytest.fixture
def some_data():
    AssignmentFactory()
    GoalFactory()
    TargetFactory()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_has_a_vietnamese_admin_list_and_form(client, admin_user, some_data, model):
    client.force_login(admin_user)
    opts = model._meta
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    assert "Quản trị" in changelist.text
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == 200


def test_admin_search_ignores_diacritics(client, admin_user):
    BodyFactory(name="Sở Tài chính tỉnh Đồng Nai")
    BodyFactory(name="Sở Y tế tỉnh Bình Phước")
    client.force_login(admin_user)
    url = reverse("admin:programmes_body_changelist")
    page = client.get(url, {"q": "so tai chinh dong nai"}).text
    assert "Sở Tài chính tỉnh Đồng Nai" in page
    assert "Sở Y tế tỉnh Bình Phước" not in page


def test_admin_refuses_a_garbage_deadline_with_a_clear_message(client, admin_user):
    programme = TargetFactory().programme
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:programmes_task_add"),
        {
            "programme": programme.pk,
            "kind": "task",
            "number": "1.",
            "position": 1,
            "title": "Nhiệm vụ",
            "deadline_text": "khi nào xong",
            "assignments-TOTAL_FORMS": 0,
            "assignments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Không đọc được thời hạn" in response.text
    assert not Task.objects.exists()


def test_officials_cannot_open_the_admin(client, official):
    client.force_login(official)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_an_admin_merges_bodies_from_the_admin(client, admin_user):
    from programmes.models import AssignmentRole

    planning = BodyFactory(name="Sở Kế hoạch và Đầu tư")
    finance = BodyFactory(name="Sở Tài chính")
    assignment = AssignmentFactory(body=planning, role=AssignmentRole.LEAD)
    client.force_login(admin_user)
    url = reverse("admin:programmes_body_changelist")
    form = client.post(url, {"action": "merge_into", "_selected_action": [planning.pk]})
    assert "Sáp nhập" in form.text
    client.post(
        url,
        {
            "action": "merge_into",
            "_selected_action": [planning.pk],
            "apply": "1",
            "into": finance.pk,
            "on": "01/03/2025",
            "note": "Quyết định số 15/QĐ-UBND",
        },
    )
    planning.refresh_from_db()
    assert planning.successor == finance
    assert assignment.task.assignments.current().get().body == finance
