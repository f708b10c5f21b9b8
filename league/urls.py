from django.urls import path

from league import views

app_name = "league"

urlpatterns = [
    path("bang-xep-hang/", views.league_table, name="table"),
    path("bang-xep-hang/xuat-excel/", views.league_export, name="export"),
]
