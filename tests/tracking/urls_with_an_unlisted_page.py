"""The project's URLs plus one page the permission matrix does not list."""

from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("", include("config.urls")),
    path("trang-moi/", lambda request: HttpResponse("mới"), name="unlisted-page"),
]
