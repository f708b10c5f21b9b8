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
]
