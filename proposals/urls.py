from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("kien-nghi/", views.queue, name="queue"),
    path("kien-nghi/xuat-excel/", views.export, name="export"),
    path("kien-nghi/<int:pk>/", views.detail, name="detail"),
    path("kien-nghi/<int:pk>/tra-loi/", views.act, name="act"),
    path("kien-nghi/<int:pk>/chuyen/", views.readdress, name="readdress"),
]
