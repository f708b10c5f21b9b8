from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/ma-xac-thuc/", views.second_factor, name="second-factor"),
    path("dang-nhap/cai-dat-xac-thuc/", views.second_factor_setup, name="second-factor-setup"),
    path("quen-mat-khau/", views.password_reset, name="password-reset"),
    path("quen-mat-khau/da-gui/", views.password_reset_done, name="password-reset-done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        views.password_reset_complete,
        name="password-reset-complete",
    ),
    path("tai-khoan/nhap-excel/", views.account_import_upload, name="import-upload"),
    path("tai-khoan/nhap-excel/<int:pk>/", views.account_import_preview, name="import-preview"),
    path("tai-khoan/nhap-excel/<int:pk>/luu/", views.account_import_apply, name="import-apply"),
    path("mau-danh-sach-tai-khoan.xlsx", views.account_import_template, name="import-template"),
]
