"""Accounts for a whole province at once: an Excel list (họ tên, email, cơ quan, vai trò),
previewed with its errors by row, saved all or nothing, each new person emailed a link to set
their password. Dung (the admin) does it; Cường (a leader) and An (an official) cannot."""

import re
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.imports import MAX_ROWS, read_account_sheet
from accounts.models import AccountImport
from programmes.models import Role, User
from tests.factories import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADINGS = ["Họ và tên", "Email", "Cơ quan", "Vai trò"]


@pytest.fixture(autouse=True)
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def broker_down(monkeypatch):
    """No broker: the welcome emails go out from the request instead of the worker."""
    from celery import current_app

    def refuse(*args, **kwargs):
        raise ConnectionError("no broker")

    monkeypatch.setattr(current_app, "send_task", refuse)


def workbook(*rows, headings=HEADINGS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headings)
    for row in rows:
        sheet.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name: str = "tai-khoan.xlsx"):
    return client.post(
        reverse("accounts:import-upload"), {"file": SimpleUploadedFile(name, content)}
    )


def test_reads_names_emails_bodies_by_short_or_folded_name_and_roles_by_label(
    department, other_department
):
    reading = read_account_sheet(
        workbook(
            ["Vũ Thị Hoa", "Hoa.VT@skhdt.gov.vn", "so kh&dt", "Cán bộ"],
            ["Đặng Văn Khánh", "khanh@stc.gov.vn", "SỞ TÀI CHÍNH", "lanh dao don vi"],
            ["Ngô Văn Lâm", "lam@stc.gov.vn", "Sở Tài chính", ""],
        )
    )
    assert reading.errors == []
    hoa, khanh, lam = reading.rows
    assert (hoa.email, hoa.body_id, hoa.role, hoa.action) == (
        "hoa.vt@skhdt.gov.vn",
        department.pk,
        Role.OFFICIAL,
        "create",
    )
    assert hoa.body_name == "Sở Kế hoạch và Đầu tư"  # shown as the body is called, not as typed
    assert (khanh.body_id, khanh.role) == (other_department.pk, Role.HEAD)
    assert lam.role == Role.OFFICIAL  # an empty role is Cán bộ


def test_every_error_names_its_row_and_column_in_vietnamese(department):
    BodyFactory(name="Sở Kế hoạch cũ").__class__.objects.filter(name="Sở Kế hoạch cũ").update(
        active_to="2025-07-01"
    )
    reading = read_account_sheet(
        workbook(
            ["", "khong-ten@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"],
            ["Vũ Thị Hoa", "khong phai email", "Sở KH&ĐT", "Cán bộ"],
            ["Đặng Văn Khánh", "khanh@skhdt.gov.vn", "Sở Không Có", "Cán bộ"],
            ["Ngô Văn Lâm", "lam@skhdt.gov.vn", "Sở KH&ĐT", "Giám đốc sở"],
            ["Lý Thị Mai", "mai@skhdt.gov.vn", "", "Cán bộ"],
            ["Lý Thị Mai", "MAI@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"],
            ["Phan Văn Nam", "nam@skhdt.gov.vn", "", "Quản trị"],
            ["Tạ Thị Oanh", "oanh@skhdt.gov.vn", "Sở Kế hoạch cũ", "Cán bộ"],
        )
    )
    found = {(error.line, error.column): error.message for error in reading.errors}
    assert found[(2, "A")] == "Họ và tên đang để trống."
    assert "không phải là địa chỉ email" in found[(3, "B")]
    assert found[(4, "C")] == "Không có cơ quan “Sở Không Có”."
    assert "Không rõ vai trò “Giám đốc sở”" in found[(5, "D")]
    assert found[(6, "C")] == "Cán bộ và lãnh đạo đơn vị phải thuộc một cơ quan, đơn vị."
    assert found[(7, "B")] == "mai@skhdt.gov.vn đã có ở dòng 6."
    assert "quản trị" in found[(8, "D")]
    assert "không còn tồn tại" in found[(9, "C")]


def test_a_file_that_is_not_excel_or_has_no_heading_says_so():
    assert "không phải" in read_account_sheet(b"not a workbook").errors[0].message.lower()
    reading = read_account_sheet(workbook(["a", "b"], headings=["Cột 1", "Cột 2"]))
    assert reading.errors[0].line == 1
    assert "Họ và tên | Email" in reading.errors[0].message


def test_a_sheet_over_the_row_cap_is_refused(department):
    rows = [[f"Người {n}", f"n{n}@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"] for n in range(MAX_ROWS + 1)]
    reading = read_account_sheet(workbook(*rows))
    assert reading.rows == []
    assert "5.000" in reading.errors[0].message


def test_preview_then_save_makes_the_accounts_and_emails_each_a_link(
    client, admin_user, department, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    response = upload(
        client,
        workbook(
            ["Vũ Thị Hoa", "hoa@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"],
            ["Đặng Văn Khánh", "khanh@skhdt.gov.vn", "Sở Kế hoạch và Đầu tư", "Lãnh đạo đơn vị"],
        ),
    )
    batch = AccountImport.objects.get()
    assert response.url == reverse("accounts:import-preview", args=[batch.pk])
    preview = client.get(response.url).text
    assert "Vũ Thị Hoa" in preview and "Tạo tài khoản mới" in preview
    assert "2 dòng sẵn sàng để lưu." in preview
    assert not User.objects.filter(email="hoa@skhdt.gov.vn").exists()  # nothing saved yet

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("accounts:import-apply", args=[batch.pk]), follow=True)
    assert "Đã tạo 2 tài khoản" in done.text
    hoa = User.objects.get(email="hoa@skhdt.gov.vn")
    assert (hoa.username, hoa.full_name, hoa.body, hoa.role) == (
        "hoa@skhdt.gov.vn",
        "Vũ Thị Hoa",
        department,
        Role.OFFICIAL,
    )
    assert not hoa.has_usable_password()
    assert User.objects.get(email="khanh@skhdt.gov.vn").role == Role.HEAD
    assert sorted(message.to[0] for message in mail.outbox) == [
        "hoa@skhdt.gov.vn",
        "khanh@skhdt.gov.vn",
    ]
    message = next(m for m in mail.outbox if m.to == ["hoa@skhdt.gov.vn"])
    assert "Kính gửi Vũ Thị Hoa," in message.body
    assert "đặt mật khẩu" in message.body
    link = re.search(r"https?://\S+/dat-lai-mat-khau/\S+/", message.body).group(0)

    # Hoa opens the link and sets her password: the account is hers.
    client.logout()
    path = "/" + link.split("/", 3)[3]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"new_password1": "Mật-khẩu-mới-2026!", "new_password2": "Mật-khẩu-mới-2026!"},
    )
    hoa.refresh_from_db()
    assert hoa.check_password("Mật-khẩu-mới-2026!")


def test_the_emails_go_to_the_worker_when_the_broker_is_up(
    client, admin_user, department, monkeypatch, django_capture_on_commit_callbacks
):
    from celery import current_app

    sent = []
    monkeypatch.setattr(current_app, "send_task", lambda name, **kw: sent.append((name, kw)))
    client.force_login(admin_user)
    upload(client, workbook(["Vũ Thị Hoa", "hoa@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"]))
    batch = AccountImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:import-apply", args=[batch.pk]))
    hoa = User.objects.get(email="hoa@skhdt.gov.vn")
    assert sent == [("accounts.tasks.welcome_emails_send", {"args": [[hoa.pk]], "retry": False})]
    assert mail.outbox == []
    from accounts.tasks import welcome_emails_send

    assert welcome_emails_send(user_ids=[hoa.pk]) == 1
    assert mail.outbox[0].to == ["hoa@skhdt.gov.vn"]


def test_a_file_with_one_bad_row_saves_nothing(client, admin_user, department, broker_down):
    client.force_login(admin_user)
    upload(
        client,
        workbook(
            ["Vũ Thị Hoa", "hoa@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"],
            ["Đặng Văn Khánh", "khanh@skhdt.gov.vn", "Sở Không Có", "Cán bộ"],
        ),
    )
    batch = AccountImport.objects.get()
    preview = client.get(reverse("accounts:import-preview", args=[batch.pk])).text
    assert "Dòng 3, cột C" in preview
    assert "Lưu tất cả" not in preview
    response = client.post(reverse("accounts:import-apply", args=[batch.pk]), follow=True)
    assert "Hãy sửa các lỗi trong tệp rồi tải lên lại." in response.text
    assert not User.objects.filter(email__in=["hoa@skhdt.gov.vn", "khanh@skhdt.gov.vn"]).exists()
    assert mail.outbox == []


def test_an_existing_email_updates_that_account_and_sends_no_email(
    client, admin_user, official, department, other_department, broker_down
):
    official.email = "an@skhdt.gov.vn"
    official.save(update_fields=["email"])
    client.force_login(admin_user)
    upload(
        client, workbook(["Nguyễn Văn An", "AN@skhdt.gov.vn", "Sở Tài chính", "Lãnh đạo đơn vị"])
    )
    batch = AccountImport.objects.get()
    preview = client.get(reverse("accounts:import-preview", args=[batch.pk])).text
    assert "Cập nhật" in preview
    assert "cơ quan: Sở Kế hoạch và Đầu tư → Sở Tài chính" in preview
    client.post(reverse("accounts:import-apply", args=[batch.pk]))
    official.refresh_from_db()
    assert (official.body, official.role) == (other_department, Role.HEAD)
    assert User.objects.filter(email__iexact="an@skhdt.gov.vn").count() == 1
    assert mail.outbox == []


def test_a_deactivated_or_admin_account_in_the_list_is_an_error(
    client, admin_user, official, department
):
    official.email = "an@skhdt.gov.vn"
    official.is_active = False
    official.save(update_fields=["email", "is_active"])
    admin_user.email = "dung@vptu.gov.vn"
    admin_user.save(update_fields=["email"])
    reading = read_account_sheet(
        workbook(
            ["Nguyễn Văn An", "an@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"],
            ["Phạm Thị Dung", "dung@vptu.gov.vn", "Sở KH&ĐT", "Cán bộ"],
        )
    )
    messages = [error.message for error in reading.errors]
    assert "ngừng hoạt động" in messages[0]
    assert "tài khoản quản trị" in messages[1]


def test_a_second_click_saves_nothing_twice(
    client, admin_user, department, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    upload(client, workbook(["Vũ Thị Hoa", "hoa@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"]))
    batch = AccountImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:import-apply", args=[batch.pk]))
        again = client.post(reverse("accounts:import-apply", args=[batch.pk]), follow=True)
    assert "Tệp này đã được nhập." in again.text
    assert User.objects.filter(email="hoa@skhdt.gov.vn").count() == 1
    assert len(mail.outbox) == 1


def test_an_account_made_meanwhile_refuses_the_whole_list(
    client, admin_user, department, broker_down
):
    client.force_login(admin_user)
    upload(
        client,
        workbook(
            ["Vũ Thị Hoa", "hoa@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"],
            ["Đặng Văn Khánh", "khanh@skhdt.gov.vn", "Sở KH&ĐT", "Cán bộ"],
        ),
    )
    batch = AccountImport.objects.get()
    UserFactory(username="khanh", email="khanh@skhdt.gov.vn", body=department)
    response = client.post(reverse("accounts:import-apply", args=[batch.pk]), follow=True)
    assert "đã thay đổi kể từ lúc xem trước (dòng 3" in response.text
    assert not User.objects.filter(email="hoa@skhdt.gov.vn").exists()
    assert mail.outbox == []


def test_the_template_downloads_and_reads_back_without_errors(client, admin_user):
    for name in ("Sở Tài chính", "Văn phòng Tỉnh ủy"):
        BodyFactory(name=name)
    client.force_login(admin_user)
    response = client.get(reverse("accounts:import-template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert load_workbook(BytesIO(content)).sheetnames == ["Tài khoản", "Cơ quan", "Vai trò"]
    reading = read_account_sheet(content)
    assert reading.errors == []
    assert len(reading.rows) == 3


def test_only_admins_import_accounts(client, leader, official):
    for person in (leader, official):
        client.force_login(person)
        assert client.get(reverse("accounts:import-upload")).status_code == 403
        assert client.get(reverse("accounts:import-template")).status_code == 403


def test_a_person_whose_link_expired_asks_for_a_new_one(client, department):
    hoa = UserFactory(username="hoa@skhdt.gov.vn", email="hoa@skhdt.gov.vn", body=department)
    hoa.set_unusable_password()
    hoa.save(update_fields=["password"])
    client.post(reverse("accounts:password-reset"), {"email": "hoa@skhdt.gov.vn"})
    assert [message.to for message in mail.outbox] == [["hoa@skhdt.gov.vn"]]


def test_the_admin_accounts_list_links_to_the_import(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:programmes_user_changelist")).text
    assert reverse("accounts:import-upload") in page
    assert "Nhập tài khoản từ Excel" in page


def test_the_preview_costs_the_same_queries_for_3_or_300_rows(client, admin_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_user)

    def queries(n: int) -> int:
        rows = [
            {
                "line": line,
                "full_name": f"Người {line}",
                "email": f"n{line}@skhdt.gov.vn",
                "role": "official",
                "body_id": None,
                "body_name": "Sở KH&ĐT",
                "action": "create",
                "user_id": None,
                "changes": [],
            }
            for line in range(2, n + 2)
        ]
        batch = AccountImport.objects.create(
            created_by=admin_user, file_name="ds.xlsx", reading={"rows": rows, "errors": []}
        )
        url = reverse("accounts:import-preview", args=[batch.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(3) == queries(300)


def test_a_role_changed_by_a_list_is_in_the_audit_log(client, admin_user, official, broker_down):
    from auditlog.models import LogEntry

    official.email = "an@skhdt.gov.vn"
    official.save(update_fields=["email"])
    client.force_login(admin_user)
    upload(client, workbook(["Nguyễn Văn An", "an@skhdt.gov.vn", "Sở KH&ĐT", "Lãnh đạo tỉnh"]))
    batch = AccountImport.objects.get()
    client.post(reverse("accounts:import-apply", args=[batch.pk]))
    entries = LogEntry.objects.get_for_object(official).filter(action=LogEntry.Action.UPDATE)
    assert [e.changes_dict["role"] for e in entries if "role" in e.changes_dict] == [
        ["official", "leader"]
    ]
    listing = client.get(reverse("admin:accounts_accountimport_changelist")).text
    assert "tai-khoan.xlsx" in listing
