from django.urls import path

from tracking import dashboard_views, views

app_name = "tracking"

urlpatterns = [
    path("nhiem-vu-cua-toi/", views.my_tasks, name="my-tasks"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task-detail"),
    path("nhiem-vu/<int:pk>/bao-cao/", views.report_start, name="report-start"),
    path("nhiem-vu/<int:pk>/nhiem-vu-con/", views.subtask_create, name="subtask-create"),
    path("nhiem-vu/<int:pk>/dong-thoi-gian/", views.task_timeline, name="task-timeline"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/soan/", views.report_edit, name="report-edit"),
    path("bao-cao/<int:pk>/minh-chung/", views.evidence_add, name="evidence-add"),
    path("bao-cao/<int:pk>/xac-nhan/", views.report_confirm, name="report-confirm"),
    path("bao-cao/<int:pk>/tra-lai/", views.report_return, name="report-return"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_remove, name="evidence-remove"),
    path("cho-xac-nhan/", views.review_queue, name="review-queue"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("tong-quan/", dashboard_views.overview, name="overview"),
    path("danh-sach/<slug:kind>/", dashboard_views.task_list, name="task-list"),
    path(
        "chuong-trinh/<slug:slug>/tien-do/",
        dashboard_views.programme_progress,
        name="programme-progress",
    ),
    path(
        "chuong-trinh/<slug:slug>/chi-tieu/",
        dashboard_views.programme_targets,
        name="programme-targets",
    ),
    path(
        "chuong-trinh/<slug:slug>/bao-cao-so-ket/",
        dashboard_views.midterm_report,
        name="midterm-report",
    ),
    path(
        "chuong-trinh/<slug:slug>/nhap-chi-tieu/",
        dashboard_views.readings_import,
        name="readings-import",
    ),
    path("tim-kiem/", dashboard_views.search, name="search"),
    path("danh-sach-bao-cao/", dashboard_views.report_list, name="report-list"),
]
