from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from accounts import views as accounts_views
from tracking.health import health

# A database error outside the views (the session saved after the response) is a 503 too.
handler500 = "config.middleware.server_error"

admin.site.site_header = "Theo dõi chương trình hành động"
admin.site.site_title = "Quản trị"

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("dang-nhap/", accounts_views.login, name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("accounts.urls")),
    # One way in, with the lockout and the second factor: the admin's own login redirects here.
    path(
        "quan-tri/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="admin-login",
    ),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("suc-khoe/", health, name="health"),
    path("", include("programmes.urls")),
    path("", include("tracking.urls")),
    path("", include("proposals.urls")),
    path("", include("league.urls")),
    path("", include("public.urls")),
]
