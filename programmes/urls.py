from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("chuong-trinh/", views.programme_list, name="programme-list"),
    path("chuong-trinh/<slug:slug>/", views.programme_detail, name="programme-detail"),
    path("chuong-trinh/<slug:slug>/xuat-excel/", views.programme_export, name="programme-export"),
    path("chuong-trinh/<slug:slug>/nhap-excel/", views.import_upload, name="import-upload"),
    path(
        "chuong-trinh/<slug:slug>/nhap-excel/<int:pk>/",
        views.import_preview,
        name="import-preview",
    ),
    path(
        "chuong-trinh/<slug:slug>/nhap-excel/<int:pk>/luu/",
        views.import_apply,
        name="import-apply",
    ),
    path(
        "chuong-trinh/<slug:slug>/nhap-excel/<int:pk>/tien-do/",
        views.import_progress,
        name="import-progress",
    ),
    path("chuong-trinh/<slug:slug>/nhap-van-ban/", views.text_import, name="text-import"),
    path("mau-danh-sach-nhiem-vu.xlsx", views.import_template, name="import-template"),
    path("co-quan/", views.body_list, name="body-list"),
    path("co-quan/<int:pk>/", views.body_detail, name="body-detail"),
]
