from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("chuong-trinh/", views.programme_list, name="programme-list"),
    path("chuong-trinh/<slug:slug>/", views.programme_detail, name="programme-detail"),
    path("co-quan/", views.body_list, name="body-list"),
    path("co-quan/<int:pk>/", views.body_detail, name="body-detail"),
]
