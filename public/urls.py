from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("cong-khai/", views.programme_list, name="list"),
    path("cong-khai/<slug:slug>/", views.programme_detail, name="programme"),
]
