from django.urls import path

from tracking.views import (
    documents,
    exports,
    imports,
    lists,
    notifications,
    overview,
    reports,
    review,
    search,
    targets,
    units,
)

app_name = "tracking"

urlpatterns = [
    path("nhiem-vu-cua-toi/", reports.my_tasks, name="my-tasks"),
    path("nhiem-vu/<int:pk>/", reports.task_detail, name="task-detail"),
    path("nhiem-vu/<int:pk>/bao-cao/", reports.report_start, name="report-start"),
    path("nhiem-vu/<int:pk>/nhiem-vu-con/", reports.subtask_create, name="subtask-create"),
    path("nhiem-vu/<int:pk>/dong-thoi-gian/", reports.task_timeline, name="task-timeline"),
    path("bao-cao/<int:pk>/", review.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/soan/", reports.report_edit, name="report-edit"),
    path("bao-cao/<int:pk>/minh-chung/", reports.evidence_add, name="evidence-add"),
    path("bao-cao/<int:pk>/xac-nhan/", review.report_confirm, name="report-confirm"),
    path("bao-cao/<int:pk>/tra-lai/", review.report_return, name="report-return"),
    path("minh-chung/<int:pk>/", reports.evidence_download, name="evidence-download"),
    path("minh-chung/<int:pk>/xoa/", reports.evidence_remove, name="evidence-remove"),
    path("cho-xac-nhan/", review.review_queue, name="review-queue"),
    path("don-vi/<int:pk>/", units.unit, name="unit"),
    path("don-vi/<int:pk>/xac-nhan/", units.unit_confirm, name="unit-confirm"),
    path("thong-bao/", notifications.notification_list, name="notifications"),
    path("tong-quan/", overview.overview, name="overview"),
    path("danh-sach/<slug:kind>/", lists.task_list, name="task-list"),
    path(
        "chuong-trinh/<slug:slug>/tien-do/",
        overview.programme_progress,
        name="programme-progress",
    ),
    path(
        "chuong-trinh/<slug:slug>/chi-tieu/",
        targets.programme_targets,
        name="programme-targets",
    ),
    path(
        "chuong-trinh/<slug:slug>/chi-tieu/<int:pk>/",
        targets.target_detail,
        name="target-detail",
    ),
    path(
        "chuong-trinh/<slug:slug>/bao-cao-so-ket/",
        documents.midterm_report,
        name="midterm-report",
    ),
    path(
        "chuong-trinh/<slug:slug>/nhap-chi-tieu/",
        imports.readings_import,
        name="readings-import",
    ),
    path("tim-kiem/", search.search, name="search"),
    path("danh-sach-bao-cao/", lists.report_list, name="report-list"),
    # The lists' Excel exports: each guarded as its page, with the page's filters and order.
    path(
        "chuong-trinh/<slug:slug>/tien-do/xuat-excel/",
        exports.programme_progress_export,
        name="programme-progress-export",
    ),
    path(
        "tong-quan/co-quan/xuat-excel/",
        exports.overview_bodies_export,
        name="overview-bodies-export",
    ),
    path("co-quan/xuat-excel/", exports.body_list_export, name="body-list-export"),
    path("nhiem-vu-cua-toi/xuat-excel/", exports.my_tasks_export, name="my-tasks-export"),
    path("cho-xac-nhan/xuat-excel/", exports.review_queue_export, name="review-queue-export"),
    path("tim-kiem/xuat-excel/", exports.search_export, name="search-export"),
]
